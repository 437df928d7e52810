import { describe, expect, it } from 'vitest';
import { BacktestRecorder } from '../../src/main/backtest/recorder';
import { ManualClock } from '../../src/main/engine/clock';
import { TradingEngine } from '../../src/main/engine/trading-engine';
import { SimExchange } from '../../src/main/gateway/sim/sim-exchange';
import { BACKTEST_RISK_CONFIG } from '../../src/main/trading/risk';
import type { Order } from '../../src/shared/model/types';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { bar, CENT, contracts } from '../helpers/engine';

const T = (h: number, m: number): number => shanghaiToEpoch(2025, 3, 3, h, m);

/**
 * A backtest's engine forgets finished orders and finds working ones (and what they hold back) in a short list while
 * there are few, switching to a map by id past a few dozen. A grid of 40 resting rebar orders crosses that line both
 * ways; the account and the orders must come out exactly as in an engine that keeps every order (paper and live).
 */
function run(keepFinishedOrders: boolean) {
  const reg = contracts();
  const clock = new ManualClock(T(9, 30));
  const sim = new SimExchange(reg, reg.calendar, clock, { mode: 'bar' });
  const recorder = new BacktestRecorder(sim);
  const engine = new TradingEngine({
    accountId: 'grid',
    initialBalance: 1_000_000,
    contracts: reg,
    clock,
    gateway: sim,
    recorder,
    risk: BACKTEST_RISK_CONFIG,
    keepFinishedOrders,
  });
  const feed = (o: number, h: number, l: number, c: number, time: number): void => {
    clock.set(time + 60_000);
    engine.onBar(bar('rb2505', o, h, l, c, time));
  };
  feed(3000, 3005, 2998, 3000, T(9, 30));

  // 40 buy limits from 2999 down to 2960, resting below the market.
  const grid: Order[] = [];
  for (let k = 0; k < 40; k++) {
    const [o] = engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 2999 - k, volume: 1 });
    grid.push(o!);
  }
  const frozenAll = engine.accountSnapshot().frozenMargin;
  // Every other one cancelled by its id, from the middle of the list outwards.
  const cancelled = grid.filter((_, k) => k % 2 === 1);
  const cancelReplies = cancelled.map((o) => engine.cancelOrder(o.id));
  const frozenHalf = engine.accountSnapshot().frozenMargin;
  const cancelAgain = engine.cancelOrder(cancelled[0]!.id)?.code;
  // The market opens at 2995 and comes down to 2980: the working ones at 2980 and above fill.
  feed(2995, 2996, 2980, 2985, T(9, 31));
  const filled = grid.filter((o) => o.status === 'filled');
  const afterFills = engine.accountSnapshot();
  const workingLeft = engine.oms.workingOf('SHFE.rb2505').length;
  const cancelledAll = engine.cancelAll('SHFE.rb2505');
  return { engine, recorder, grid, frozenAll, cancelReplies, frozenHalf, cancelAgain, filled, afterFills, workingLeft, cancelledAll };
}

describe('a grid of working orders in a backtest', () => {
  it('holds back, releases and fills each order found by its id, as an engine that keeps every order does', () => {
    const r = run(false);
    const reg = contracts().resolve('rb2505');
    const marginOf = (price: number): number => price * reg.multiplier * reg.marginLong;
    const commissionOf = (price: number): number => price * reg.multiplier * reg.commission.open;

    // Each resting order holds back its margin and commission at its own price.
    let expectedFrozen = 0;
    for (let k = 0; k < 40; k++) expectedFrozen += marginOf(2999 - k);
    expect(r.frozenAll).toBeCloseTo(expectedFrozen, 2);

    // Every cancel was accepted and released exactly what the cancelled order held back.
    expect(r.cancelReplies.every((reply) => reply === undefined)).toBe(true);
    const byUser = r.grid.filter((_, k) => k % 2 === 1);
    expect(byUser.map((o) => `${o.status} ${o.statusMsg}`)).toEqual(Array(20).fill('cancelled 已撤单'));
    let released = 0;
    for (let k = 1; k < 40; k += 2) released += marginOf(2999 - k);
    expect(r.frozenHalf).toBeCloseTo(expectedFrozen - released, 2);
    // A cancelled order is finished: a backtest's engine no longer knows it.
    expect(r.cancelAgain).toBe('ORDER_NOT_FOUND');

    // The working orders from 2999 down to 2981 fill: those above the 2995 open at the open, the rest at their own
    // prices: 10 lots long.
    expect(r.filled.map((o) => o.avgPrice)).toEqual([2995, 2995, 2995, 2993, 2991, 2989, 2987, 2985, 2983, 2981]);
    const long = r.engine.portfolio.openPositions().find((p) => p.direction === 'long')!;
    expect(long.volume).toBe(10);
    expect(r.recorder.trades.length).toBe(10);
    const commission = r.filled.reduce((s, o) => s + commissionOf(o.avgPrice), 0);
    expect(r.afterFills.commission).toBeCloseTo(commission, 2);

    // Ten still rest (2979 down to 2961); cancel-all takes them and nothing stays held back.
    expect(r.workingLeft).toBe(10);
    expect(r.cancelledAll).toBe(10);
    const end = r.engine.accountSnapshot();
    expect(end.frozenMargin).toBe(0);
    expect(end.frozenCommission).toBe(0);
    expect(Math.abs(end.available - (end.balance - end.margin))).toBeLessThan(CENT);
    expect(r.engine.oms.workingOf('SHFE.rb2505')).toHaveLength(0);

    // A finished order is gone from a backtest's engine: cancelling it says it is not found.
    expect(r.engine.cancelOrder(r.filled[0]!.id)?.code).toBe('ORDER_NOT_FOUND');
  });

  it('books the same account whether or not finished orders are kept', () => {
    const a = run(false);
    const b = run(true);
    expect(a.engine.accountSnapshot()).toEqual(b.engine.accountSnapshot());
    expect(a.grid.map((o) => [o.status, o.traded, o.avgPrice])).toEqual(b.grid.map((o) => [o.status, o.traded, o.avgPrice]));
    expect(b.cancelAgain).toBe('ORDER_NOT_CANCELLABLE');
    expect(b.engine.cancelOrder(b.filled[0]!.id)?.code).toBe('ORDER_NOT_CANCELLABLE');
  });
});

/**
 * Orders per second through the real path: risk checks, offset conversion, the order manager and its state
 * machine, the SimExchange (matched on arrival against the latest tick), fills into positions and the account.
 * Beside it, in the same run, a bare loop that does the least the same orders need (make an order record, book a
 * position), as the reference the cost per order is a ratio of.
 *
 * Each figure is the best of RUNS runs, the three kinds taken in turn so that all see the same machine (it is shared:
 * the load average is printed with the figures).
 *
 * Run: npx tsx bench/orders.ts [orders]
 */
import os from 'node:os';
import { ManualClock } from '../src/main/engine/clock';
import { MemoryRecorder } from '../src/main/engine/recorder';
import { TradingEngine } from '../src/main/engine/trading-engine';
import { SimExchange } from '../src/main/gateway/sim/sim-exchange';
import { ContractRegistry } from '../src/main/trading/contracts';
import { DEFAULT_RISK_CONFIG } from '../src/main/trading/risk';
import type { Tick } from '../src/shared/model/types';
import { shanghaiToEpoch } from '../src/shared/model/time';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = 5;
const contracts = ContractRegistry.load();

/** A recorder that keeps nothing: the benchmark measures the engine, not memory growth. */
class CountingRecorder extends MemoryRecorder {
  fills = 0;
  override fill(): void {
    this.fills++;
  }
}

function engineRun(kind: 'fill' | 'rest-cancel'): { seconds: number; fills: number } {
  const clock = new ManualClock(shanghaiToEpoch(2025, 3, 3, 9, 31));
  const sim = new SimExchange(contracts, contracts.calendar, clock, { mode: 'tick' });
  const recorder = new CountingRecorder();
  const engine = new TradingEngine({
    accountId: 'bench',
    initialBalance: 1e12,
    contracts,
    clock,
    gateway: sim,
    recorder,
    // Every rule on, but the ones that would refuse a benchmark's millions of orders a second.
    risk: { ...DEFAULT_RISK_CONFIG, maxOrdersPerSecond: 0, maxCancelsPerContractPerDay: 0, maxPositionPerContract: 0, selfTradeCheck: true },
    // Finished orders live in the recorder (SQLite in paper and live trading), not in an ever-growing map.
    keepFinishedOrders: false,
  });
  engine.rollTradingDay(20250303);
  const tick: Tick = {
    symbol: 'SHFE.rb2505', time: clock.now(), tradingDay: 20250303, last: 3500, bid: 3500, bidVolume: 0, ask: 3501, askVolume: 0,
    volume: 0, turnover: 0, openInterest: 0, open: 3500, high: 3500, low: 3500, preSettlement: 3500, preClose: 3500,
    preOpenInterest: 0, limitUp: 3745, limitDown: 3255,
  };
  engine.onTick(tick);
  const buy = { symbol: 'SHFE.rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 1 } as const;
  const sell = { symbol: 'SHFE.rb2505', side: 'sell', offset: 'closeToday', type: 'limit', price: 3500, volume: 1 } as const;
  const resting = { symbol: 'SHFE.rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3400, volume: 1 } as const;
  const t0 = performance.now();
  if (kind === 'fill') {
    for (let i = 0; i < N; i += 2) {
      engine.sendOrder(buy);
      engine.sendOrder(sell);
    }
  } else {
    for (let i = 0; i < N; i++) {
      const [o] = engine.sendOrder(resting);
      engine.cancelOrder(o!.id);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const a = engine.accountSnapshot();
  if (kind === 'fill' && (recorder.fills !== N || engine.portfolio.openPositions().length !== 0)) throw new Error(`expected ${N} fills and a flat book (got ${recorder.fills})`);
  if (kind === 'fill' && !(a.commission > 0)) throw new Error('no commission booked');
  return { seconds, fills: recorder.fills };
}

/** The least the same orders need, written as a plain loop: an order record each, a position booked. */
function bareLoop(): number {
  let position = 0;
  let cash = 0;
  let lastId = '';
  const orders: { id: string; price: number; volume: number; status: string }[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const buy = (i & 1) === 0;
    const o = { id: String(i), price: buy ? 3501 : 3500, volume: 1, status: 'filled' };
    orders.push(o);
    if (orders.length > 1024) orders.length = 0;
    position += buy ? 1 : -1;
    cash += (buy ? -1 : 1) * o.price * 10;
    lastId = o.id;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (position !== 0 || lastId === '' || !Number.isFinite(cash)) throw new Error('bare loop went wrong');
  return seconds;
}

// Warm up the JIT, then measure.
engineRun('fill');
engineRun('rest-cancel');
bareLoop();
const fill = { seconds: Infinity };
const cancel = { seconds: Infinity };
let bare = Infinity;
for (let r = 0; r < RUNS; r++) {
  fill.seconds = Math.min(fill.seconds, engineRun('fill').seconds);
  cancel.seconds = Math.min(cancel.seconds, engineRun('rest-cancel').seconds);
  bare = Math.min(bare, bareLoop());
}
const rate = (s: number): string => `${(N / s / 1e6).toFixed(2)} M orders/s`;
const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`orders: ${N.toLocaleString('en-US')} per run, one contract (SHFE.rb2505), risk rules on; best of ${RUNS} (load average ${load})`);
console.log(`  filled at once (open / close-today pairs): ${rate(fill.seconds)}  ${((fill.seconds / N) * 1e9).toFixed(0)} ns/order`);
console.log(`  resting then cancelled:                    ${rate(cancel.seconds)}  ${((cancel.seconds / N) * 1e9).toFixed(0)} ns/order`);
console.log(`  bare loop (reference):                     ${rate(bare)}  ${((bare / N) * 1e9).toFixed(0)} ns/order`);
console.log(`  cost per filled order vs bare loop: ${(fill.seconds / bare).toFixed(1)}x; goal >= 1 M orders/s: ${N / fill.seconds >= 1e6 ? 'met' : 'not met'}`);

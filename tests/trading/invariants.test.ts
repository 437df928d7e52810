import { describe, expect, it } from 'vitest';
import type { OrderType, RequestOffset } from '../../src/shared/model/enums';
import { isTerminalStatus } from '../../src/shared/model/enums';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { marginOf } from '../../src/main/trading/fees';
import { makeEngine, tick } from '../helpers/engine';

/** A small seeded generator, so a failing sequence can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYMBOLS = ['SHFE.rb2505', 'DCE.m2505', 'CZCE.TA505', 'SHFE.au2506'];
const START: Record<string, number> = { 'SHFE.rb2505': 3500, 'DCE.m2505': 3000, 'CZCE.TA505': 5000, 'SHFE.au2506': 680 };

function runSequence(seed: number, steps: number): void {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const t = makeEngine({ capital: 2_000_000, sim: { slippageTicks: Math.floor(r() * 2) } });
  const e = t.engine;
  const cal = e.contracts.calendar;
  const prices = { ...START };
  let day = 20250303;
  const dayTime = (): number => shanghaiToEpoch(Math.floor(day / 10000), Math.floor(day / 100) % 100, day % 100, 9, 31);
  t.clock.set(dayTime());
  let cash = 0;
  let feesTotal = 0;
  const tradesSeen = new Set<string>();
  e.bus.on('trade', (tr) => {
    expect(tradesSeen.has(tr.id)).toBe(false);
    tradesSeen.add(tr.id);
    const c = e.contracts.resolve(tr.symbol);
    cash += (tr.side === 'buy' ? -1 : 1) * tr.price * tr.volume * c.multiplier;
    feesTotal += tr.commission;
  });
  const netVolume = new Map<string, number>();
  e.bus.on('trade', (tr) => {
    const key = `${tr.symbol}|${(tr.side === 'buy') === (tr.offset === 'open') ? 'long' : 'short'}`;
    netVolume.set(key, (netVolume.get(key) ?? 0) + (tr.offset === 'open' ? tr.volume : -tr.volume));
  });

  for (let step = 0; step < steps; step++) {
    const x = r();
    if (x < 0.35) {
      const s = pick(SYMBOLS);
      const c = e.contracts.resolve(s);
      prices[s] = Math.max(c.priceTick * 10, prices[s]! + Math.round((r() - 0.5) * 8) * c.priceTick);
      const p = prices[s]!;
      t.clock.set(t.clock.now() + 1000);
      e.onTick(tick(s, p, { bid: p - c.priceTick, ask: p, askVolume: 1 + Math.floor(r() * 6), bidVolume: 1 + Math.floor(r() * 6), tradingDay: day }, t.clock.now()));
    } else if (x < 0.8) {
      const s = pick(SYMBOLS);
      const c = e.contracts.resolve(s);
      const type = pick<OrderType>(['limit', 'limit', 'market', 'fak', 'fok']);
      const offset = pick<RequestOffset>(['open', 'open', 'close', 'closeToday', 'closeYesterday', 'auto']);
      const price = prices[s]! + Math.round((r() - 0.5) * 6) * c.priceTick;
      e.sendOrder({ symbol: s, side: r() < 0.5 ? 'buy' : 'sell', offset, type, price, volume: 1 + Math.floor(r() * 5) });
    } else if (x < 0.93) {
      const working = e.oms.allWorking();
      if (working.length) e.cancelOrder(pick(working).id);
    } else {
      t.clock.set(shanghaiToEpoch(Math.floor(day / 10000), Math.floor(day / 100) % 100, day % 100, 15, 30));
      day = cal.next(day);
      e.rollTradingDay(day);
      t.clock.set(dayTime());
    }
    checkInvariants();
  }

  function checkInvariants(): void {
    const a = e.accountSnapshot();
    // 1. Cash accounting, independent of the mark-to-market bookkeeping: equity is what came in, what trading paid
    // and received, the market value of what is held, less fees, whatever settlements happened in between.
    let marketValue = 0;
    for (const p of e.portfolio.openPositions()) {
      const c = e.contracts.resolve(p.symbol);
      const last = e.market.get(p.symbol)!.last;
      marketValue += (p.direction === 'long' ? 1 : -1) * last * p.volume * c.multiplier;
    }
    expect(a.balance).toBeCloseTo(2_000_000 + cash + marketValue - feesTotal, 4);
    // 2. The account's own identities.
    expect(a.balance).toBeCloseTo(a.staticBalance + a.closeProfit + a.positionProfit - a.commission, 6);
    expect(a.available).toBeCloseTo(a.balance - a.margin - a.frozenMargin - a.frozenCommission, 6);
    // 3. Positions are the sum of trades.
    for (const s of SYMBOLS) {
      for (const dir of ['long', 'short'] as const) {
        const pos = e.portfolio.positions.get(s);
        const held = pos === undefined ? 0 : dir === 'long' ? pos.long.volume : pos.short.volume;
        expect(held).toBe(netVolume.get(`${s}|${dir}`) ?? 0);
      }
    }
    // 4. Margin from the specs at each position's price; frozen money and lots from the working orders.
    let margin = 0;
    for (const p of e.portfolio.openPositions()) margin += marginOf(e.contracts.resolve(p.symbol), p.direction, p.avgPrice, p.volume);
    expect(a.margin).toBeCloseTo(margin, 4);
    let frozenMargin = 0;
    const frozenLots = new Map<string, number>();
    for (const o of e.oms.allWorking()) {
      expect(isTerminalStatus(o.status)).toBe(false);
      const c = e.contracts.resolve(o.symbol);
      const left = o.volume - o.traded;
      if (o.offset === 'open') frozenMargin += marginOf(c, o.side === 'buy' ? 'long' : 'short', o.price, left);
      else {
        const key = `${o.symbol}|${o.side === 'buy' ? 'short' : 'long'}`;
        frozenLots.set(key, (frozenLots.get(key) ?? 0) + left);
      }
    }
    expect(a.frozenMargin).toBeCloseTo(frozenMargin, 4);
    for (const [symbol, pair] of e.portfolio.positions) {
      for (const p of [pair.long, pair.short]) {
        expect(p.frozenToday + p.frozenYd).toBe(frozenLots.get(`${symbol}|${p.direction}`) ?? 0);
        expect(p.todayVolume).toBeGreaterThanOrEqual(0);
        expect(p.ydVolume).toBeGreaterThanOrEqual(0);
        expect(p.frozenToday).toBeLessThanOrEqual(p.todayVolume);
        expect(p.frozenYd).toBeLessThanOrEqual(p.ydVolume);
      }
    }
  }
}

describe('invariants under random sequences of orders, fills, cancels, price moves and settlements', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`seed ${seed}`, () => runSequence(seed, 400));
  }
});

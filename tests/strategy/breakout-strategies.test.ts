import { describe, expect, it } from 'vitest';
import type { TradeRecord } from '../../src/shared/ipc/backtest';
import * as ref from './support/reference';
import {
  RB2005,
  barIndexAt,
  changes,
  dailyBars,
  expectPositionFollows,
  expectSaneRun,
  hlc,
  minuteOfDay,
  periodBars,
  runShipped,
  sampleBars,
  type SampleRun,
} from './support/sample';

const rb = sampleBars(RB2005.file);
const days = dailyBars(rb);
const dayIndex = new Map(days.map((d, k) => [d.day, k]));
/** rb's day session closes at 15:00: a bar ending 5 minutes or less before it is in the exit window. */
const inExitWindow = (i: number) => {
  const end = minuteOfDay(rb.time[i]!) + 1;
  return end > 540 && end <= 900 && 900 - end <= 5;
};

function expectFlatAtEveryClose(r: SampleRun): void {
  const net = r.series.get(RB2005.symbol)!.net;
  // The sample ends in a night session: that last trading day never reached its close.
  const closed = days.filter((d) => minuteOfDay(rb.time[d.last]!) === 14 * 60 + 59);
  expect(closed.length).toBe(days.length - 1);
  const open = closed.filter((d) => net[d.last] !== 0).map((d) => d.day);
  expect(open, 'trading days ending with a position').toEqual([]);
}

/** Opening fills, with the bar they filled in. */
function opens(r: SampleRun): { t: TradeRecord; f: number }[] {
  return r.trades.filter((t) => t.offset === 'open').map((t) => ({ t, f: barIndexAt(rb, t.time) }));
}

describe('Dual Thrust (strategies/dual-thrust.ts)', () => {
  const r = runShipped('dual-thrust');

  it('loads, trades, holds at most 1 lot and is flat at every day’s close', () => {
    expectSaneRun(r, 1);
    expectFlatAtEveryClose(r);
  });

  it('buys only at or above open + 0.4 x range and shorts only at or below open - 0.6 x range, once each way a day', () => {
    const perDay = new Map<string, number>();
    for (const { t } of opens(r)) {
      const k = dayIndex.get(t.tradingDay)!;
      const prev = days.slice(k - 4, k);
      expect(prev.length).toBe(4);
      const hh = Math.max(...prev.map((d) => d.high));
      const ll = Math.min(...prev.map((d) => d.low));
      const hc = Math.max(...prev.map((d) => d.close));
      const lc = Math.min(...prev.map((d) => d.close));
      const range = Math.max(hh - lc, hc - ll);
      const open = days[k]!.open;
      if (t.side === 'buy') expect(t.price).toBeGreaterThanOrEqual(Math.ceil(open + 0.4 * range));
      else expect(t.price).toBeLessThanOrEqual(Math.floor(open - 0.6 * range));
      const key = `${t.tradingDay}:${t.side}`;
      perDay.set(key, (perDay.get(key) ?? 0) + t.volume);
    }
    expect(Math.max(...perDay.values())).toBe(1);
  });
});

describe('R-Breaker (strategies/r-breaker.ts)', () => {
  it('follows its six levels from the previous day, reverses only after the setup, and is flat at every close', () => {
    const r = runShipped('r-breaker');
    expectSaneRun(r, 1);
    expectFlatAtEveryClose(r);
    let day = 0;
    let hi = 0;
    let lo = 0;
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (rb.tradingDay[i] !== day) {
        day = rb.tradingDay[i]!;
        hi = rb.high[i]!;
        lo = rb.low[i]!;
      } else {
        hi = Math.max(hi, rb.high[i]!);
        lo = Math.min(lo, rb.low[i]!);
      }
      if (inExitWindow(i)) return 0;
      const prev = days[dayIndex.get(day)! - 1];
      if (prev === undefined) return held;
      const { high: h, low: l, close: c } = prev;
      const sellSetup = h + 0.35 * (c - l);
      const buySetup = l - 0.35 * (h - c);
      const sellEnter = (1.07 / 2) * (h + l) - 0.07 * l;
      const buyEnter = (1.07 / 2) * (h + l) - 0.07 * h;
      const buyBreak = sellSetup + 0.25 * (sellSetup - buySetup);
      const sellBreak = buySetup - 0.25 * (sellSetup - buySetup);
      const x = rb.close[i]!;
      if (held === 0) return x > buyBreak ? 1 : x < sellBreak ? -1 : 0;
      if (held > 0) return hi > sellSetup && x < sellEnter ? -1 : held;
      return lo < buySetup && x > buyEnter ? 1 : held;
    });
  });
});

describe('Fairy four prices (strategies/fairy-four-price.ts)', () => {
  it('breaks out of yesterday’s range once each way, stops at today’s open and is flat at every close', () => {
    const r = runShipped('fairy-four-price');
    expectSaneRun(r, 1);
    expectFlatAtEveryClose(r);
    let day = 0;
    let longDone = false;
    let shortDone = false;
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (rb.tradingDay[i] !== day) {
        day = rb.tradingDay[i]!;
        longDone = shortDone = false;
      }
      if (held > 0) longDone = true;
      if (held < 0) shortDone = true;
      if (inExitWindow(i)) return 0;
      const k = dayIndex.get(day)!;
      const prev = days[k - 1];
      if (prev === undefined) return held;
      const x = rb.close[i]!;
      const open = days[k]!.open;
      let t = held;
      if ((held > 0 && x < open) || (held < 0 && x > open)) t = 0;
      if (held <= 0 && !longDone && x > prev.high) t = 1;
      else if (held >= 0 && !shortDone && x < prev.low) t = -1;
      return t;
    });
  });
});

describe('Hans123 (strategies/hans123.ts)', () => {
  it('trades breakouts of the first 30 minutes’ range, once each way a day, flat at every close', () => {
    const r = runShipped('hans123');
    expectSaneRun(r, 1);
    expectFlatAtEveryClose(r);
    let day = 0;
    let longDone = false;
    let shortDone = false;
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (rb.tradingDay[i] !== day) {
        day = rb.tradingDay[i]!;
        longDone = shortDone = false;
      }
      const first = days[dayIndex.get(day)!]!.first;
      if (i < first + 30) return held;
      const hi = Math.max(...Array.from(rb.high.subarray(first, first + 30)));
      const lo = Math.min(...Array.from(rb.low.subarray(first, first + 30)));
      if (held > 0) longDone = true;
      if (held < 0) shortDone = true;
      if (inExitWindow(i)) return 0;
      const x = rb.close[i]!;
      if (held <= 0 && !longDone && x > hi) return 1;
      if (held >= 0 && !shortDone && x < lo) return -1;
      return held;
    });
  });
});

/** The period bar whose stop orders were working when a 1-minute bar filled: the last one completed before it. */
function lastBefore(emittedAt: readonly number[], f: number): number {
  let k = -1;
  while (k + 1 < emittedAt.length && emittedAt[k + 1]! < f) k++;
  return k;
}

describe('Turtle (strategies/turtle.ts)', () => {
  const r = runShipped('turtle');
  const { bars: h1, emittedAt } = periodBars(rb, '1h');
  const up = ref.highest(h1.map((b) => b.high), 20);
  const down = ref.lowest(h1.map((b) => b.low), 20);

  it('loads, trades, and adds at most 4 units of 1 lot', () => {
    expectSaneRun(r, 4);
    const net = r.series.get(RB2005.symbol)!.net;
    expect(Math.max(...net.map(Math.abs))).toBeGreaterThan(1);
  });

  it('enters only by breaking the 20-hour channel, on the side nearer the close, adding units further out', () => {
    const net = r.series.get(RB2005.symbol)!.net;
    let checked = 0;
    for (const { i, from, to } of changes(net)) {
      if (from !== 0) continue;
      const k = lastBefore(emittedAt, i);
      const c = h1[k]!.close;
      const fills = r.trades.filter((t) => t.time === rb.time[i] && t.offset === 'open');
      if (to > 0) {
        expect(up[k]! - c).toBeLessThanOrEqual(c - down[k]!);
        for (const t of fills) expect(t.price).toBeGreaterThanOrEqual(up[k]!);
      } else {
        expect(up[k]! - c).toBeGreaterThan(c - down[k]!);
        for (const t of fills) expect(t.price).toBeLessThanOrEqual(down[k]!);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('King Keltner (strategies/king-keltner.ts)', () => {
  const r = runShipped('king-keltner');
  const { bars: b5, emittedAt } = periodBars(rb, '5m');
  const kk = ref.keltner(hlc(b5), 11, 1.6, 'sma');

  it('loads, trades and holds at most 1 lot', () => {
    expectSaneRun(r, 1);
  });

  it('enters at or beyond the Keltner band on the side of the middle line, and trails out 0.8% from the extreme', () => {
    const net = r.series.get(RB2005.symbol)!.net;
    const all = changes(net);
    let entries = 0;
    let exits = 0;
    for (let n = 0; n < all.length; n++) {
      const { i, from, to } = all[n]!;
      const k = lastBefore(emittedAt, i);
      const fill = r.trades.find((t) => t.time === rb.time[i])!;
      if (from === 0) {
        const b = b5[k]!;
        if (to > 0) {
          expect(b.close).toBeGreaterThanOrEqual(kk.middle[k]!);
          expect(fill.price).toBeGreaterThanOrEqual(Math.ceil(kk.upper[k]!));
        } else {
          expect(b.close).toBeLessThan(kk.middle[k]!);
          expect(fill.price).toBeLessThanOrEqual(Math.floor(kk.lower[k]!));
        }
        entries++;
      } else if (to === 0) {
        const k0 = lastBefore(emittedAt, all[n - 1]!.i);
        const span = b5.slice(k0, k + 1);
        if (from > 0) expect(fill.price).toBeLessThanOrEqual(Math.floor(Math.max(...span.map((b) => b.high)) * 0.992));
        else expect(fill.price).toBeGreaterThanOrEqual(Math.ceil(Math.min(...span.map((b) => b.low)) * 1.008));
        exits++;
      }
    }
    expect(entries).toBeGreaterThan(10);
    expect(exits).toBeGreaterThan(10);
  });
});

describe('Bollinger channel (strategies/boll-channel.ts)', () => {
  const r = runShipped('boll-channel');
  const { bars: b15, emittedAt } = periodBars(rb, '15m');
  const closes15 = b15.map((b) => b.close);
  const boll = ref.bollinger(closes15, 18, 3.4);
  const cci = ref.cci(hlc(b15), 10);
  const atr = ref.atr(hlc(b15), 30);

  it('loads, trades and holds at most 1 lot', () => {
    expectSaneRun(r, 1);
  });

  it('enters through the 3.4-sd band in the direction of CCI, and trails out 5.2 ATR from the extreme', () => {
    const all = changes(r.series.get(RB2005.symbol)!.net);
    let entries = 0;
    let exits = 0;
    for (let n = 0; n < all.length; n++) {
      const { i, from, to } = all[n]!;
      const k = lastBefore(emittedAt, i);
      const fill = r.trades.find((t) => t.time === rb.time[i])!;
      if (from === 0) {
        if (to > 0) {
          expect(cci[k]!).toBeGreaterThan(0);
          expect(fill.price).toBeGreaterThanOrEqual(Math.ceil(boll.upper[k]!));
        } else {
          expect(cci[k]!).toBeLessThan(0);
          expect(fill.price).toBeLessThanOrEqual(Math.floor(boll.lower[k]!));
        }
        entries++;
      } else if (to === 0) {
        const k0 = lastBefore(emittedAt, all[n - 1]!.i);
        const span = b15.slice(k0, k + 1);
        if (from > 0) expect(fill.price).toBeLessThanOrEqual(Math.floor(Math.max(...span.map((b) => b.high)) - 5.2 * atr[k]!));
        else expect(fill.price).toBeGreaterThanOrEqual(Math.ceil(Math.min(...span.map((b) => b.low)) + 5.2 * atr[k]!));
        exits++;
      }
    }
    expect(entries).toBeGreaterThan(5);
    expect(exits).toBeGreaterThan(5);
  });
});

describe('Bollinger Bandit (strategies/bollinger-bandit.ts)', () => {
  const r = runShipped('bollinger-bandit');
  const closes = Array.from(rb.close);
  const boll = ref.bollinger(closes, 50, 1);

  it('loads, trades and holds at most 1 lot', () => {
    expectSaneRun(r, 1);
  });

  it('enters through the 50-bar 1-sd band only with 30-bar momentum behind it, and leaves at the shrinking average', () => {
    const all = changes(r.series.get(RB2005.symbol)!.net);
    let exits = 0;
    for (let n = 0; n < all.length; n++) {
      const { i, from, to } = all[n]!;
      const s = i - 1;
      const fill = r.trades.find((t) => t.time === rb.time[i])!;
      if (from === 0) {
        const momentum = closes[s]! - closes[s - 30]!;
        if (to > 0) {
          expect(momentum).toBeGreaterThan(0);
          expect(fill.price).toBeGreaterThanOrEqual(Math.ceil(boll.upper[s]!));
        } else {
          expect(momentum).toBeLessThan(0);
          expect(fill.price).toBeLessThanOrEqual(Math.floor(boll.lower[s]!));
        }
      } else if (to === 0) {
        // The exit average shortens by one a bar from 50, down to 10: at bar s it has been held s - entry + 1 bars.
        const held = s - all[n - 1]!.i + 1;
        const len = Math.max(50 - held, 10);
        const liq = closes.slice(s - len + 1, s + 1).reduce((a, b) => a + b, 0) / len;
        if (from > 0) expect(fill.price).toBeLessThanOrEqual(Math.floor(liq));
        else expect(fill.price).toBeGreaterThanOrEqual(Math.ceil(liq));
        exits++;
      }
    }
    expect(exits).toBeGreaterThan(100);
  });
});

describe('the intraday strategies on daily bars', () => {
  it.each([
    ['dual-thrust', /Dual Thrust trades inside the trading day: run it on intraday bars/],
    ['r-breaker', /R-Breaker trades inside the trading day: run it on intraday bars/],
    ['fairy-four-price', /fairy four prices strategy trades inside the trading day/],
    ['hans123', /Hans123 measures its opening range in 1-minute bars: run it on 1m data \(got 1d\)/],
  ])('%s is stopped with an error that says which bars to run it on, rather than trading nothing', (name, message) => {
    const r = runShipped(name, { period: '1d' });
    expect(r.run.instance.status).toBe('error');
    expect(r.run.instance.error?.message).toMatch(message);
    expect(r.run.problems.some((p) => p.level === 'error' && message.test(p.message))).toBe(true);
    expect(r.trades).toEqual([]);
  });
});

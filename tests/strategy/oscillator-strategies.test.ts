import { describe, expect, it } from 'vitest';
import * as ref from './support/reference';
import { RB2005, changes, expectPositionFollows, expectSaneRun, hlc, periodBars, runShipped, sampleBars } from './support/sample';

const rb = sampleBars(RB2005.file);
const closes = Array.from(rb.close);
const above = (pa: number, pb: number, a: number, b: number) => pa <= pb && a > b;
const below = (pa: number, pb: number, a: number, b: number) => pa >= pb && a < b;

/** For each 1-minute bar, the index of the period bar completed during it (or -1). */
function emittedIndex(emittedAt: readonly number[]): Int32Array {
  const at = new Int32Array(rb.length).fill(-1);
  emittedAt.forEach((i, k) => (at[i] = k));
  return at;
}

describe('RSI reversal (strategies/rsi-reversal.ts)', () => {
  it('buys RSI(14) climbing back over 30, shorts it falling back under 70, and exits at 50', () => {
    const r = runShipped('rsi-reversal');
    expectSaneRun(r, 1);
    const rsi = ref.rsi(closes, 14);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      let t = held;
      if (held > 0 && rsi[i]! >= 50) t = 0;
      else if (held < 0 && rsi[i]! <= 50) t = 0;
      if (above(rsi[i - 1]!, 30, rsi[i]!, 30)) t = 1;
      else if (below(rsi[i - 1]!, 70, rsi[i]!, 70)) t = -1;
      return t;
    });
  });
});

describe('CCI trend (strategies/cci.ts)', () => {
  it('goes long as CCI(20) crosses +100, short as it crosses -100, and out as it crosses zero', () => {
    const r = runShipped('cci');
    expectSaneRun(r, 1);
    const cci = ref.cci(rb, 20);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      const [p, c] = [cci[i - 1]!, cci[i]!];
      let t = held;
      if (held > 0 && below(p, 0, c, 0)) t = 0;
      else if (held < 0 && above(p, 0, c, 0)) t = 0;
      if (above(p, 100, c, 100)) t = 1;
      else if (below(p, -100, c, -100)) t = -1;
      return t;
    });
  });
});

describe('KDJ (strategies/kdj.ts)', () => {
  it('goes long when K crosses above D with D at or under 20, short when K crosses below D with D at or over 80', () => {
    const r = runShipped('kdj');
    expectSaneRun(r, 1);
    const { k, d } = ref.kdj(rb, 9, 3, 3);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (i < 9) return held;
      if (above(k[i - 1]!, d[i - 1]!, k[i]!, d[i]!) && d[i]! <= 20) return 1;
      if (below(k[i - 1]!, d[i - 1]!, k[i]!, d[i]!) && d[i]! >= 80) return -1;
      return held;
    });
  });
});

describe('ATR-RSI (strategies/atr-rsi.ts)', () => {
  const r = runShipped('atr-rsi');
  const net = r.series.get(RB2005.symbol)!.net;
  const atr = ref.atr(rb, 22);
  const rsi = ref.rsi(closes, 5);
  const atrMa = (i: number) => (i - 9 >= 22 ? atr.slice(i - 9, i + 1).reduce((a, b) => a + b, 0) / 10 : Number.NaN);

  it('loads, trades and holds at most 1 lot', () => {
    expectSaneRun(r, 1);
  });

  it('enters only while ATR(22) is above its 10-bar average, long with RSI(5) over 66, short under 34', () => {
    const entries = changes(net).filter((c) => c.from === 0);
    expect(entries.length).toBeGreaterThan(10);
    for (const { i, to } of entries) {
      const s = i - 1;
      expect(atr[s]!, `ATR at bar ${s}`).toBeGreaterThan(atrMa(s));
      if (to > 0) expect(rsi[s]!, `RSI at bar ${s}`).toBeGreaterThan(66);
      else expect(rsi[s]!, `RSI at bar ${s}`).toBeLessThan(34);
    }
  });

  it('leaves a long at or under 99.2% of the highest high since the signal bar (its trailing stop)', () => {
    const all = changes(net);
    let checked = 0;
    for (let n = 0; n < all.length; n++) {
      const exit = all[n]!;
      if (!(exit.from > 0 && exit.to === 0)) continue;
      const entry = all[n - 1]!;
      const high = Math.max(...Array.from(rb.high.subarray(entry.i - 1, exit.i)));
      const fill = r.trades.find((t) => t.time === rb.time[exit.i] && t.side === 'sell')!;
      expect(fill.price).toBeLessThanOrEqual(Math.floor(high * 0.992));
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('WaveTrend (strategies/wavetrend.ts)', () => {
  const { bars: b15, emittedAt } = periodBars(rb, '15m');
  const { wt1, wt2 } = ref.wavetrend(hlc(b15), 10, 21);
  const atr = ref.atr(hlc(b15), 14);
  const at = emittedIndex(emittedAt);

  /** The rules, on the 15-minute bars, with the trailing stop of the plan's check_stop_loss. */
  function rules(allowShort: boolean): (i: number, held: number) => number {
    let side = 0;
    let extreme = Number.NaN;
    return (i, held) => {
      const k = at[i]!;
      if (k < 0) return held;
      const b = b15[k]!;
      let hit = false;
      if (held === 0) side = 0;
      else {
        const s = Math.sign(held);
        if (s !== side) {
          side = s;
          extreme = s > 0 ? b.high : b.low;
        } else extreme = s > 0 ? Math.max(extreme, b.high) : Math.min(extreme, b.low);
        hit = s > 0 ? b.close < extreme - 3 * atr[k]! : b.close > extreme + 3 * atr[k]!;
      }
      let t = hit ? 0 : held;
      if (above(wt1[k - 1]!, wt2[k - 1]!, wt1[k]!, wt2[k]!) && wt2[k]! <= -53) t = 1;
      else if (below(wt1[k - 1]!, wt2[k - 1]!, wt1[k]!, wt2[k]!) && wt2[k]! >= 53) t = allowShort ? -1 : Math.min(t, 0);
      return t;
    };
  }

  it('trades wt1/wt2 crosses beyond -53 and +53 on 15-minute bars, with the 3-ATR trailing stop', () => {
    const r = runShipped('wavetrend');
    expectSaneRun(r, 1);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, rules(true));
  });

  it('the trailing stop does close positions on the sample (it is not just the opposite signal)', () => {
    const r = runShipped('wavetrend');
    const toFlat = changes(r.series.get(RB2005.symbol)!.net).filter((c) => c.to === 0);
    expect(toFlat.length).toBeGreaterThan(3);
  });

  it('long only: a sell signal only closes the long', () => {
    const r = runShipped('wavetrend', { params: { allowShort: false } });
    expectSaneRun(r, 1);
    const net = r.series.get(RB2005.symbol)!.net;
    expect(Math.min(...net)).toBe(0);
    expectPositionFollows(net, rules(false));
  });
});

describe('multi-timeframe (strategies/multi-timeframe.ts)', () => {
  it('enters on 5-minute RSI(14) beyond 50 +- 20 only with the 15-minute SMA5/SMA20 trend, and exits when either turns', () => {
    const r = runShipped('multi-timeframe');
    expectSaneRun(r, 1);
    const t15 = periodBars(rb, '15m');
    const s5 = periodBars(rb, '5m');
    const fast = ref.sma(t15.bars.map((b) => b.close), 5);
    const slow = ref.sma(t15.bars.map((b) => b.close), 20);
    const rsi = ref.rsi(s5.bars.map((b) => b.close), 14);
    const at15 = emittedIndex(t15.emittedAt);
    const at5 = emittedIndex(s5.emittedAt);
    let trend = 0;
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      const k15 = at15[i]!;
      if (k15 >= 0 && !Number.isNaN(slow[k15]!)) trend = fast[k15]! > slow[k15]! ? 1 : -1;
      const k = at5[i]!;
      if (k < 0 || trend === 0 || Number.isNaN(rsi[k]!)) return held;
      const v = rsi[k]!;
      if (held === 0) return trend > 0 && v >= 70 ? 1 : trend < 0 && v <= 30 ? -1 : 0;
      if (held > 0) return trend < 0 || v < 50 ? 0 : held;
      return trend > 0 || v > 50 ? 0 : held;
    });
  });
});

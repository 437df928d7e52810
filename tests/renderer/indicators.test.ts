import { describe, expect, it } from 'vitest';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { boll, ema, highest, kdj, lowest, macd, rsi, sma, waveTrend } from '../../src/renderer/src/indicators/indicators';

/**
 * The chart's indicators against plain textbook loops (one window at a time, no running sums) on real rb2005
 * one-minute bars, plus a few values worked by hand.
 */
const bars = readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), ContractRegistry.load().calendar);
const N = 5000;
const close = Array.from(bars.close.subarray(0, N));
const high = Array.from(bars.high.subarray(0, N));
const low = Array.from(bars.low.subarray(0, N));

function naiveSma(x: number[], n: number): number[] {
  return x.map((_, i) => (i < n - 1 ? NaN : x.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0) / n));
}
function naiveEma(x: number[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) out.push(i === 0 ? x[0]! : (2 * x[i]! + (n - 1) * out[i - 1]!) / (n + 1));
  return out;
}
function expectSame(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-7): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(b[i]!)) expect(a[i]).toBeNaN();
    else if (Math.abs(a[i]! - b[i]!) > tol) throw new Error(`index ${i}: ${a[i]} vs ${b[i]}`);
  }
}

describe('chart indicators', () => {
  it('moving averages match the definition', () => {
    expectSame(sma(close, 5), naiveSma(close, 5));
    expectSame(sma(close, 60), naiveSma(close, 60));
    expectSame(ema(close, 12), naiveEma(close, 12));
    expect(Array.from(sma([1, 2, 3, 4, 5], 3))).toEqual([NaN, NaN, 2, 3, 4]);
    // EMA(3): alpha 0.5, seeded with the first value.
    expect(Array.from(ema([2, 4, 8], 3))).toEqual([2, 3, 5.5]);
  });

  it('BOLL: mean plus and minus two population standard deviations', () => {
    const b = boll(close, 20, 2);
    const mid = naiveSma(close, 20);
    const sd = close.map((_, i) => {
      if (i < 19) return NaN;
      const w = close.slice(i - 19, i + 1);
      const m = w.reduce((a, x) => a + x, 0) / 20;
      return Math.sqrt(w.reduce((a, x) => a + (x - m) ** 2, 0) / 20);
    });
    expectSame(b.mid, mid);
    expectSame(b.upper, mid.map((m, i) => m + 2 * sd[i]!), 1e-6);
    expectSame(b.lower, mid.map((m, i) => m - 2 * sd[i]!), 1e-6);
  });

  it('MACD: DIF = EMA12 - EMA26, DEA = EMA9(DIF), bar = 2(DIF - DEA)', () => {
    const m = macd(close);
    const slow = naiveEma(close, 26);
    const dif = naiveEma(close, 12).map((v, i) => v - slow[i]!);
    const dea = naiveEma(dif, 9);
    expectSame(m.dif, dif);
    expectSame(m.dea, dea);
    expectSame(m.hist, dif.map((d, i) => 2 * (d - dea[i]!)));
    // A flat market has no MACD.
    expect(Array.from(macd([5, 5, 5, 5]).hist)).toEqual([0, 0, 0, 0]);
  });

  it('rolling highest and lowest over n bars', () => {
    const hh = highest(high, 9);
    const ll = lowest(low, 9);
    for (let i = 0; i < N; i++) {
      const from = Math.max(0, i - 8);
      expect(hh[i]).toBe(Math.max(...high.slice(from, i + 1)));
      expect(ll[i]).toBe(Math.min(...low.slice(from, i + 1)));
    }
  });

  it('KDJ(9,3,3) as 通达信 computes it', () => {
    const r = kdj(high, low, close);
    let k = 50;
    let d = 50;
    for (let i = 0; i < N; i++) {
      const from = Math.max(0, i - 8);
      const hh = Math.max(...high.slice(from, i + 1));
      const ll = Math.min(...low.slice(from, i + 1));
      const rsv = hh > ll ? ((close[i]! - ll) / (hh - ll)) * 100 : 50;
      k = (rsv + 2 * k) / 3;
      d = (k + 2 * d) / 3;
      if (Math.abs(r.k[i]! - k) > 1e-7 || Math.abs(r.d[i]! - d) > 1e-7 || Math.abs(r.j[i]! - (3 * k - 2 * d)) > 1e-6) throw new Error(`KDJ differs at ${i}`);
    }
  });

  it('RSI: Wilder smoothing of gains over all moves', () => {
    // Up 1, up 1, down 2: after the first move RSI is 100; Wilder(2) then gives gains 1, 0.5 over moves 1, 1.5.
    const r = rsi([10, 11, 12, 10], 2);
    expect(r[0]).toBeNaN();
    expect(r[1]).toBe(100);
    expect(r[2]).toBe(100);
    expect(r[3]).toBeCloseTo((0.5 / 1.5) * 100, 10);
    const r6 = rsi(close, 6);
    for (const v of r6.subarray(1)) expect(v >= 0 && v <= 100).toBe(true);
  });

  it('WaveTrend (LazyBear 10, 21): a channel index smoothed, its 4-bar average as the signal', () => {
    const w = waveTrend(high, low, close);
    const ap = close.map((c, i) => (high[i]! + low[i]! + c) / 3);
    const esa = naiveEma(ap, 10);
    const d = naiveEma(ap.map((v, i) => Math.abs(v - esa[i]!)), 10);
    const ci = ap.map((v, i) => (d[i]! > 0 ? (v - esa[i]!) / (0.015 * d[i]!) : 0));
    const wt1 = naiveEma(ci, 21);
    expectSame(w.wt1, wt1, 1e-6);
    expectSame(w.wt2, naiveSma(wt1, 4), 1e-6);
  });

  it('handles 200,000 bars in one pass', () => {
    const long = Array.from({ length: 200_000 }, (_, i) => close[i % N]!);
    expect(macd(long).hist.length).toBe(200_000);
    expect(kdj(long, long, long).k.length).toBe(200_000);
  });
});

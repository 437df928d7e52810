/**
 * Indicators written the plain way, over a whole series at once, straight from their textbook definitions: each value
 * from a fresh slice of the window, no running sums, no queues. The incremental indicators are checked against these.
 * NaN marks a bar with no value yet.
 */

export type Series = readonly number[] | Float64Array;

const nans = (n: number): number[] => new Array<number>(n).fill(Number.NaN);

function mean(xs: Series, from: number, to: number): number {
  let s = 0;
  for (let k = from; k <= to; k++) s += xs[k]!;
  return s / (to - from + 1);
}

export function sma(xs: Series, n: number): number[] {
  const out = nans(xs.length);
  for (let i = n - 1; i < xs.length; i++) out[i] = mean(xs, i - n + 1, i);
  return out;
}

/** EMA seeded with the mean of the first n values ('sma') or with the first value ('first'); NaN inputs are skipped. */
export function ema(xs: Series, n: number, seed: 'sma' | 'first' = 'sma'): number[] {
  const out = nans(xs.length);
  const a = 2 / (n + 1);
  const start = firstDefined(xs);
  if (start < 0) return out;
  if (seed === 'first') {
    out[start] = xs[start]!;
    for (let i = start + 1; i < xs.length; i++) out[i] = a * xs[i]! + (1 - a) * out[i - 1]!;
    return out;
  }
  const first = start + n - 1;
  if (first >= xs.length) return out;
  out[first] = mean(xs, start, first);
  for (let i = first + 1; i < xs.length; i++) out[i] = a * xs[i]! + (1 - a) * out[i - 1]!;
  return out;
}

export function firstDefined(xs: Series): number {
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i]!)) return i;
  return -1;
}

export function wma(xs: Series, n: number): number[] {
  const out = nans(xs.length);
  const denom = (n * (n + 1)) / 2;
  for (let i = n - 1; i < xs.length; i++) {
    let s = 0;
    for (let w = 1; w <= n; w++) s += w * xs[i - n + w]!;
    out[i] = s / denom;
  }
  return out;
}

/** Population standard deviation of each window, two-pass. */
export function stddev(xs: Series, n: number): number[] {
  const out = nans(xs.length);
  for (let i = n - 1; i < xs.length; i++) {
    const m = mean(xs, i - n + 1, i);
    let s = 0;
    for (let k = i - n + 1; k <= i; k++) s += (xs[k]! - m) ** 2;
    out[i] = Math.sqrt(s / n);
  }
  return out;
}

export function bollinger(xs: Series, n: number, dev: number): { upper: number[]; middle: number[]; lower: number[] } {
  const mid = sma(xs, n);
  const sd = stddev(xs, n);
  return { middle: mid, upper: mid.map((m, i) => m + dev * sd[i]!), lower: mid.map((m, i) => m - dev * sd[i]!) };
}

/** Wilder smoothing of a series that starts at index `from`: mean of the first n, then (prev * (n-1) + x) / n. */
function wilder(xs: readonly number[], n: number, from: number): number[] {
  const out = nans(xs.length);
  const first = from + n - 1;
  if (first >= xs.length) return out;
  out[first] = mean(xs, from, first);
  for (let i = first + 1; i < xs.length; i++) out[i] = (out[i - 1]! * (n - 1) + xs[i]!) / n;
  return out;
}

export function rsi(closes: Series, n: number): number[] {
  const gains = nans(closes.length);
  const losses = nans(closes.length);
  for (let i = 1; i < closes.length; i++) {
    const d = closes[i]! - closes[i - 1]!;
    gains[i] = Math.max(d, 0);
    losses[i] = Math.max(-d, 0);
  }
  const g = wilder(gains, n, 1);
  const l = wilder(losses, n, 1);
  return g.map((gi, i) => (Number.isNaN(gi) ? Number.NaN : gi + l[i]! === 0 ? 50 : (100 * gi) / (gi + l[i]!)));
}

export interface Hlc {
  readonly high: Series;
  readonly low: Series;
  readonly close: Series;
}

export function trueRanges(b: Hlc): number[] {
  const out = nans(b.close.length);
  for (let i = 1; i < b.close.length; i++) {
    out[i] = Math.max(b.high[i]! - b.low[i]!, Math.abs(b.high[i]! - b.close[i - 1]!), Math.abs(b.low[i]! - b.close[i - 1]!));
  }
  return out;
}

export function atr(b: Hlc, n: number): number[] {
  return wilder(trueRanges(b), n, 1);
}

export function highest(xs: Series, n: number, partial = false): number[] {
  const out = nans(xs.length);
  for (let i = partial ? 0 : n - 1; i < xs.length; i++) out[i] = Math.max(...Array.from(xs.slice(Math.max(0, i - n + 1), i + 1)));
  return out;
}

export function lowest(xs: Series, n: number, partial = false): number[] {
  const out = nans(xs.length);
  for (let i = partial ? 0 : n - 1; i < xs.length; i++) out[i] = Math.min(...Array.from(xs.slice(Math.max(0, i - n + 1), i + 1)));
  return out;
}

/**
 * CCI = (TP - SMA(TP)) / (0.015 * mean |TP - SMA(TP)|), written in units of 3 * TP = high + low + close, which are
 * exact for prices on a tick, so that a TP equal to its average is exactly 0 here as in the indicator.
 */
export function cci(b: Hlc, n: number): number[] {
  const y = Array.from(b.close, (c, i) => b.high[i]! + b.low[i]! + c);
  const out = nans(y.length);
  for (let i = n - 1; i < y.length; i++) {
    let sum = 0;
    for (let k = i - n + 1; k <= i; k++) sum += y[k]!;
    // TP - mean = (n*y - sum) / 3n; the mean deviation is sum |n*y_k - sum| / 3n^2; the 3n's cancel out.
    let dev = 0;
    for (let k = i - n + 1; k <= i; k++) dev += Math.abs(n * y[k]! - sum);
    out[i] = dev === 0 ? 0 : ((n * y[i]! - sum) * n) / (0.015 * dev);
  }
  return out;
}

/** KDJ as 通达信 writes it: RSV over HHV/LLV of up to n bars; K = SMA(RSV, m1, 1), D = SMA(K, m2, 1), from 50. */
export function kdj(b: Hlc, n: number, m1: number, m2: number): { k: number[]; d: number[]; j: number[] } {
  const hh = highest(b.high, n, true);
  const ll = lowest(b.low, n, true);
  const k: number[] = [];
  const d: number[] = [];
  const j: number[] = [];
  let pk = 50;
  let pd = 50;
  for (let i = 0; i < b.close.length; i++) {
    const range = hh[i]! - ll[i]!;
    const rsv = range === 0 ? 50 : ((b.close[i]! - ll[i]!) / range) * 100;
    pk = (rsv + (m1 - 1) * pk) / m1;
    pd = (pk + (m2 - 1) * pd) / m2;
    k.push(pk);
    d.push(pd);
    j.push(3 * pk - 2 * pd);
  }
  return { k, d, j };
}

/** Wilder's DMI/ADX from his book: smoothed sums start as plain sums of the first n values. */
export function adx(b: Hlc, n: number): { adx: number[]; plusDI: number[]; minusDI: number[] } {
  const len = b.close.length;
  const tr = trueRanges(b);
  const pdm = nans(len);
  const mdm = nans(len);
  for (let i = 1; i < len; i++) {
    const up = b.high[i]! - b.high[i - 1]!;
    const down = b.low[i - 1]! - b.low[i]!;
    pdm[i] = up > down && up > 0 ? up : 0;
    mdm[i] = down > up && down > 0 ? down : 0;
  }
  const smooth = (xs: number[]): number[] => {
    const out = nans(len);
    if (n >= len) return out;
    let s = 0;
    for (let i = 1; i <= n; i++) s += xs[i]!;
    out[n] = s;
    for (let i = n + 1; i < len; i++) out[i] = out[i - 1]! - out[i - 1]! / n + xs[i]!;
    return out;
  };
  const str = smooth(tr);
  const sp = smooth(pdm);
  const sm = smooth(mdm);
  const plusDI = str.map((t, i) => (Number.isNaN(t) ? Number.NaN : t === 0 ? 0 : (100 * sp[i]!) / t));
  const minusDI = str.map((t, i) => (Number.isNaN(t) ? Number.NaN : t === 0 ? 0 : (100 * sm[i]!) / t));
  const dx = plusDI.map((p, i) => (Number.isNaN(p) ? Number.NaN : p + minusDI[i]! === 0 ? 0 : (100 * Math.abs(p - minusDI[i]!)) / (p + minusDI[i]!)));
  return { adx: wilder(dx, n, n), plusDI, minusDI };
}

export function obv(closes: Series, volumes: Series): number[] {
  const out = [0];
  for (let i = 1; i < closes.length; i++) {
    const s = Math.sign(closes[i]! - closes[i - 1]!);
    out.push(out[i - 1]! + s * volumes[i]!);
  }
  return out;
}

export function macd(closes: Series, fast: number, slow: number, signal: number): { dif: number[]; dea: number[]; hist: number[] } {
  const f = ema(closes, fast);
  const s = ema(closes, slow);
  const dif = f.map((x, i) => x - s[i]!);
  const dea = ema(dif, signal);
  return { dif, dea, hist: dif.map((x, i) => x - dea[i]!) };
}

/** WaveTrend: each stage an EMA (or SMA) of the one before, from its first value. */
export function wavetrend(b: Hlc, n1: number, n2: number, signal = 4): { wt1: number[]; wt2: number[] } {
  const ap = Array.from(b.close, (c, i) => (b.high[i]! + b.low[i]! + c) / 3);
  const esa = ema(ap, n1);
  const d = ema(
    ap.map((x, i) => Math.abs(x - esa[i]!)),
    n1,
  );
  const ci = ap.map((x, i) => (Number.isNaN(d[i]!) ? Number.NaN : d[i] === 0 ? 0 : (x - esa[i]!) / (0.015 * d[i]!)));
  const wt1 = ema(ci, n2);
  const start = firstDefined(wt1);
  const wt2 = nans(wt1.length);
  for (let i = start + signal - 1; start >= 0 && i < wt1.length; i++) wt2[i] = mean(wt1, i - signal + 1, i);
  return { wt1, wt2 };
}

export function keltner(b: Hlc, n: number, mult: number, ma: 'ema' | 'sma', atrN = n): { upper: number[]; middle: number[]; lower: number[] } {
  const mid = ma === 'ema' ? ema(b.close, n) : sma(b.close, n);
  const a = atr(b, atrN);
  const ok = (i: number): boolean => !Number.isNaN(mid[i]!) && !Number.isNaN(a[i]!);
  return {
    middle: mid.map((m, i) => (ok(i) ? m : Number.NaN)),
    upper: mid.map((m, i) => (ok(i) ? m + mult * a[i]! : Number.NaN)),
    lower: mid.map((m, i) => (ok(i) ? m - mult * a[i]! : Number.NaN)),
  };
}

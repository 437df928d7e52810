/**
 * Chart indicators over whole series, as Chinese charting software (文华, 通达信) defines them. Each takes plain
 * arrays and returns Float64Arrays the same length, NaN where the indicator is not yet defined. One pass each:
 * 200,000 bars take a few milliseconds.
 */
export type Series = ArrayLike<number>;

/** Simple moving average of the last `n` values. */
export function sma(src: Series, n: number): Float64Array {
  const out = new Float64Array(src.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < src.length; i++) {
    sum += src[i]!;
    if (i >= n) sum -= src[i - n]!;
    if (i >= n - 1) out[i] = sum / n;
  }
  return out;
}

/** Exponential moving average, alpha = 2 / (n + 1), seeded with the first value (通达信's EMA). */
export function ema(src: Series, n: number): Float64Array {
  const out = new Float64Array(src.length).fill(NaN);
  const a = 2 / (n + 1);
  let prev = NaN;
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (Number.isNaN(v)) continue;
    prev = Number.isNaN(prev) ? v : a * v + (1 - a) * prev;
    out[i] = prev;
  }
  return out;
}

/** 通达信's SMA(X, N, M): Y = (M * X + (N - M) * Y') / N, the smoothing KDJ and RSI use. */
export function tdxSma(src: Series, n: number, m: number, seed = NaN): Float64Array {
  const out = new Float64Array(src.length).fill(NaN);
  let prev = seed;
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (Number.isNaN(v)) continue;
    prev = Number.isNaN(prev) ? v : (m * v + (n - m) * prev) / n;
    out[i] = prev;
  }
  return out;
}

/** Bollinger bands: the n-bar mean and k population standard deviations either side. */
export function boll(close: Series, n = 20, k = 2): { mid: Float64Array; upper: Float64Array; lower: Float64Array } {
  const len = close.length;
  const mid = sma(close, n);
  const upper = new Float64Array(len).fill(NaN);
  const lower = new Float64Array(len).fill(NaN);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < len; i++) {
    const v = close[i]!;
    sum += v;
    sumSq += v * v;
    if (i >= n) {
      const o = close[i - n]!;
      sum -= o;
      sumSq -= o * o;
    }
    if (i >= n - 1) {
      const mean = sum / n;
      const sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
      upper[i] = mean + k * sd;
      lower[i] = mean - k * sd;
    }
  }
  return { mid, upper, lower };
}

/** MACD as Chinese software draws it: DIF = EMA12 - EMA26, DEA = EMA9 of DIF, MACD bar = 2 * (DIF - DEA). */
export function macd(close: Series, fast = 12, slow = 26, signal = 9): { dif: Float64Array; dea: Float64Array; hist: Float64Array } {
  const f = ema(close, fast);
  const s = ema(close, slow);
  const dif = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) dif[i] = f[i]! - s[i]!;
  const dea = ema(dif, signal);
  const hist = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) hist[i] = 2 * (dif[i]! - dea[i]!);
  return { dif, dea, hist };
}

/** Highest of the last n values (including i), by a monotonic deque: O(length). */
function rollingExtreme(src: Series, n: number, max: boolean): Float64Array {
  const out = new Float64Array(src.length);
  const dq = new Int32Array(src.length);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    while (tail > head && (max ? src[dq[tail - 1]!]! <= v : src[dq[tail - 1]!]! >= v)) tail--;
    dq[tail++] = i;
    if (dq[head]! <= i - n) head++;
    out[i] = src[dq[head]!]!;
  }
  return out;
}

export const highest = (src: Series, n: number): Float64Array => rollingExtreme(src, n, true);
export const lowest = (src: Series, n: number): Float64Array => rollingExtreme(src, n, false);

/** KDJ(9, 3, 3): RSV over n bars, K and D smoothed with SMA(·, 3, 1) from 50, J = 3K - 2D. */
export function kdj(high: Series, low: Series, close: Series, n = 9, m1 = 3, m2 = 3): { k: Float64Array; d: Float64Array; j: Float64Array } {
  const len = close.length;
  const hh = highest(high, n);
  const ll = lowest(low, n);
  const rsv = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const range = hh[i]! - ll[i]!;
    rsv[i] = range > 0 ? ((close[i]! - ll[i]!) / range) * 100 : 50;
  }
  const k = tdxSma(rsv, m1, 1, 50);
  const d = tdxSma(k, m2, 1, 50);
  const j = new Float64Array(len);
  for (let i = 0; i < len; i++) j[i] = 3 * k[i]! - 2 * d[i]!;
  return { k, d, j };
}

/** RSI with 通达信's smoothing, SMA(gain, n, 1) / SMA(|change|, n, 1) * 100 (Wilder's RSI). */
export function rsi(close: Series, n: number): Float64Array {
  const len = close.length;
  const out = new Float64Array(len).fill(NaN);
  let up = NaN;
  let all = NaN;
  for (let i = 1; i < len; i++) {
    const ch = close[i]! - close[i - 1]!;
    const g = Math.max(ch, 0);
    const a = Math.abs(ch);
    up = Number.isNaN(up) ? g : (g + (n - 1) * up) / n;
    all = Number.isNaN(all) ? a : (a + (n - 1) * all) / n;
    out[i] = all > 0 ? (up / all) * 100 : 50;
  }
  return out;
}

/**
 * WaveTrend (LazyBear): ap = (h + l + c) / 3, esa = EMA(ap, n1), d = EMA(|ap - esa|, n1),
 * ci = (ap - esa) / (0.015 d), wt1 = EMA(ci, n2), wt2 = SMA(wt1, 4). Overbought at 60 / 53, oversold at -60 / -53.
 */
export function waveTrend(high: Series, low: Series, close: Series, n1 = 10, n2 = 21): { wt1: Float64Array; wt2: Float64Array } {
  const len = close.length;
  const ap = new Float64Array(len);
  for (let i = 0; i < len; i++) ap[i] = (high[i]! + low[i]! + close[i]!) / 3;
  const esa = ema(ap, n1);
  const dev = new Float64Array(len);
  for (let i = 0; i < len; i++) dev[i] = Math.abs(ap[i]! - esa[i]!);
  const d = ema(dev, n1);
  const ci = new Float64Array(len);
  for (let i = 0; i < len; i++) ci[i] = d[i]! > 0 ? (ap[i]! - esa[i]!) / (0.015 * d[i]!) : 0;
  const wt1 = ema(ci, n2);
  const wt2 = sma(wt1, 4);
  return { wt1, wt2 };
}

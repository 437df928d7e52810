import { ADX } from './adx';
import { ATR } from './atr';
import { CCI } from './cci';
import { EMA } from './ema';
import { KDJ } from './kdj';
import { MACD } from './macd';
import { OBV } from './obv';
import { RSI } from './rsi';
import { checkPeriod, checkPositive } from './support';
import { WaveTrend } from './wavetrend';
import { WMA } from './wma';

export interface OhlcvBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly openInterest: number;
}

export interface Band {
  readonly upper: number;
  readonly lower: number;
}

/**
 * The last `size` bars as arrays, for traders used to vnpy's ArrayManager: `updateBar(bar)` each bar (no allocation),
 * `inited` once `size` bars are in, `close` etc. as oldest-first views, and the usual indicators computed over the
 * window on demand (each call O(size), as vnpy's talib calls are). The incremental classes (SMA, EMA, ...) do the
 * same work in O(1) per bar and are the better choice in strategies that run over millions of bars.
 */
export class ArrayManager {
  count = 0;
  private readonly o: Float64Array;
  private readonly h: Float64Array;
  private readonly l: Float64Array;
  private readonly c: Float64Array;
  private readonly v: Float64Array;
  private readonly oi: Float64Array;
  private pos = 0;

  constructor(readonly size = 100) {
    checkPeriod('ArrayManager', 'size', size);
    // Each value is written twice, at i and i + size, so the window is always one contiguous oldest-first view.
    this.o = new Float64Array(2 * size);
    this.h = new Float64Array(2 * size);
    this.l = new Float64Array(2 * size);
    this.c = new Float64Array(2 * size);
    this.v = new Float64Array(2 * size);
    this.oi = new Float64Array(2 * size);
  }

  /** Whether `size` bars have been seen (vnpy's am.inited). */
  get inited(): boolean {
    return this.count >= this.size;
  }

  updateBar(bar: OhlcvBar): void {
    const p = this.pos;
    const q = p + this.size;
    this.o[p] = this.o[q] = bar.open;
    this.h[p] = this.h[q] = bar.high;
    this.l[p] = this.l[q] = bar.low;
    this.c[p] = this.c[q] = bar.close;
    this.v[p] = this.v[q] = bar.volume;
    this.oi[p] = this.oi[q] = bar.openInterest;
    this.pos = p + 1 === this.size ? 0 : p + 1;
    this.count++;
  }

  private view(a: Float64Array): Float64Array {
    const n = Math.min(this.count, this.size);
    const end = this.pos + this.size;
    return a.subarray(end - n, end);
  }

  get open(): Float64Array {
    return this.view(this.o);
  }
  get high(): Float64Array {
    return this.view(this.h);
  }
  get low(): Float64Array {
    return this.view(this.l);
  }
  get close(): Float64Array {
    return this.view(this.c);
  }
  get volume(): Float64Array {
    return this.view(this.v);
  }
  get openInterest(): Float64Array {
    return this.view(this.oi);
  }

  /** Mean of the last n closes. */
  sma(n: number): number {
    const from = this.from(n, 'sma');
    return from < 0 ? Number.NaN : this.sum(from) / n;
  }

  /** Population standard deviation of the last n closes, times `dev`. */
  std(n: number, dev = 1): number {
    const from = this.from(n, 'std');
    if (from < 0) return Number.NaN;
    const c = this.c;
    const end = this.pos + this.size;
    const mean = this.sum(from) / n;
    let s = 0;
    for (let i = from; i < end; i++) s += (c[i]! - mean) ** 2;
    return Math.sqrt(s / n) * dev;
  }

  ema(n: number): number {
    return this.overCloses(new EMA(n));
  }

  wma(n: number): number {
    return this.overCloses(new WMA(n));
  }

  rsi(n = 14): number {
    return this.overCloses(new RSI(n));
  }

  atr(n = 14): number {
    return this.overBars(new ATR(n)).value;
  }

  cci(n = 20): number {
    return this.overBars(new CCI(n)).value;
  }

  adx(n = 14): number {
    return this.overBars(new ADX(n)).value;
  }

  plusDi(n = 14): number {
    return this.overBars(new ADX(n)).plusDI;
  }

  minusDi(n = 14): number {
    return this.overBars(new ADX(n)).minusDI;
  }

  obv(): number {
    const ind = new OBV();
    const c = this.close;
    const v = this.volume;
    for (let i = 0; i < c.length; i++) ind.update({ close: c[i]!, volume: v[i]! });
    return ind.value;
  }

  macd(fast = 12, slow = 26, signal = 9): { readonly dif: number; readonly dea: number; readonly hist: number } {
    const m = new MACD(fast, slow, signal);
    const c = this.close;
    for (let i = 0; i < c.length; i++) m.update(c[i]!);
    return { dif: m.dif, dea: m.dea, hist: m.hist };
  }

  kdj(n = 9, m1 = 3, m2 = 3): { readonly k: number; readonly d: number; readonly j: number } {
    const ind = this.overBars(new KDJ(n, m1, m2));
    return { k: ind.k, d: ind.d, j: ind.j };
  }

  wavetrend(n1 = 10, n2 = 21): { readonly wt1: number; readonly wt2: number } {
    const ind = this.overBars(new WaveTrend(n1, n2));
    return { wt1: ind.wt1, wt2: ind.wt2 };
  }

  /** Bollinger bands over the last n closes: SMA +- dev population standard deviations. */
  boll(n = 20, dev = 2): Band {
    checkPositive('ArrayManager.boll', 'dev', dev);
    const mid = this.sma(n);
    const d = this.std(n, dev);
    return { upper: mid + d, lower: mid - d };
  }

  /** vnpy's keltner: SMA(n) of the close +- dev * ATR(n). */
  keltner(n = 20, dev = 2): Band {
    checkPositive('ArrayManager.keltner', 'dev', dev);
    const mid = this.sma(n);
    const atr = this.atr(n);
    return { upper: mid + dev * atr, lower: mid - dev * atr };
  }

  /** Highest high and lowest low of the last n bars. */
  donchian(n = 20): Band {
    const from = this.from(n, 'donchian');
    if (from < 0) return { upper: Number.NaN, lower: Number.NaN };
    const h = this.h;
    const l = this.l;
    const end = this.pos + this.size;
    let upper = -Infinity;
    let lower = Infinity;
    for (let i = from; i < end; i++) {
      if (h[i]! > upper) upper = h[i]!;
      if (l[i]! < lower) lower = l[i]!;
    }
    return { upper, lower };
  }

  /**
   * Where the last n values start in the backing arrays (they end at pos + size), or -1 while fewer than n bars are
   * in. Read in place rather than through a view: these run every bar, and a view is an object each time.
   */
  private from(n: number, what: string): number {
    if (!Number.isInteger(n) || n < 1 || n > this.size) this.badWindow(n, what);
    return n > Math.min(this.count, this.size) ? -1 : this.pos + this.size - n;
  }

  private badWindow(n: number, what: string): never {
    checkPeriod(`ArrayManager.${what}`, 'n', n);
    throw new RangeError(`ArrayManager.${what}: n (${n}) is longer than the window (size ${this.size})`);
  }

  /** The sum of the closes from `from` to the newest. */
  private sum(from: number): number {
    const c = this.c;
    const end = this.pos + this.size;
    let s = 0;
    for (let i = from; i < end; i++) s += c[i]!;
    return s;
  }

  private overCloses(ind: { update(x: number): number; readonly value: number }): number {
    const c = this.close;
    for (let i = 0; i < c.length; i++) ind.update(c[i]!);
    return ind.value;
  }

  private overBars<T extends { update(bar: { high: number; low: number; close: number }): number }>(ind: T): T {
    const h = this.high;
    const l = this.low;
    const c = this.close;
    const bar = { high: 0, low: 0, close: 0 };
    for (let i = 0; i < c.length; i++) {
      bar.high = h[i]!;
      bar.low = l[i]!;
      bar.close = c[i]!;
      ind.update(bar);
    }
    return ind;
  }
}

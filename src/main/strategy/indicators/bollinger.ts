import { badInput, checkPeriod, checkPositive } from './support';

/**
 * Bollinger bands: middle = SMA(period), upper/lower = middle +- dev * the population standard deviation of the same
 * `period` values (as TA-Lib's BBANDS and vnpy's boll). O(1) per update. The middle line is a plain running sum, exact
 * for prices on a tick (a close equal to it compares equal); the variance is kept as sums of squares relative to a
 * reference value near the prices, so squares of prices like 100000 lose no precision. Both are rebuilt each time the
 * ring wraps.
 */
export class Bollinger {
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;
  std = Number.NaN;
  count = 0;
  private readonly buf: Float64Array;
  private head = 0;
  private sum = 0;
  private ref = Number.NaN;
  private shifted = 0;
  private shiftedSq = 0;

  constructor(
    readonly period = 20,
    readonly dev = 2,
  ) {
    checkPeriod('Bollinger', 'period', period);
    checkPositive('Bollinger', 'dev', dev);
    this.buf = new Float64Array(period);
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  /** Returns the middle band (NaN until `period` values have been seen). */
  update(x: number): number {
    if (x - x !== 0) badInput('Bollinger', x);
    const n = this.period;
    const i = this.head;
    if (this.count === 0) this.ref = x;
    if (this.count >= n) {
      const old = this.buf[i]!;
      const d = old - this.ref;
      this.sum -= old;
      this.shifted -= d;
      this.shiftedSq -= d * d;
    }
    const d = x - this.ref;
    this.sum += x;
    this.shifted += d;
    this.shiftedSq += d * d;
    this.buf[i] = x;
    this.count++;
    this.head = i + 1 === n ? 0 : i + 1;
    if (this.head === 0) this.rebuild();
    if (this.count < n) return this.middle;
    const m = this.shifted / n;
    const variance = this.shiftedSq / n - m * m;
    this.middle = this.sum / n;
    this.std = variance > 0 ? Math.sqrt(variance) : 0;
    this.upper = this.middle + this.dev * this.std;
    this.lower = this.middle - this.dev * this.std;
    return this.middle;
  }

  private rebuild(): void {
    const n = this.period;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += this.buf[k]!;
    this.sum = sum;
    this.ref = sum / n;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const d = this.buf[k]! - this.ref;
      s1 += d;
      s2 += d * d;
    }
    this.shifted = s1;
    this.shiftedSq = s2;
  }

  reset(): void {
    this.upper = this.middle = this.lower = this.std = this.ref = Number.NaN;
    this.count = 0;
    this.head = 0;
    this.sum = this.shifted = this.shiftedSq = 0;
    this.buf.fill(0);
  }
}

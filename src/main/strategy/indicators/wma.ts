import { badInput, checkPeriod } from './support';

/**
 * Weighted moving average: the newest of `period` values weighs `period`, the oldest 1. O(1) per update from the
 * identity WMA-sum' = WMA-sum - plain-sum + period * newest; both sums are rebuilt each time the ring wraps.
 */
export class WMA {
  value = Number.NaN;
  count = 0;
  private readonly buf: Float64Array;
  private readonly divisor: number;
  private head = 0;
  private sum = 0;
  private weighted = 0;

  constructor(readonly period: number) {
    checkPeriod('WMA', 'period', period);
    this.buf = new Float64Array(period);
    this.divisor = (period * (period + 1)) / 2;
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(x: number): number {
    if (x - x !== 0) badInput('WMA', x);
    const n = this.period;
    const i = this.head;
    const c = ++this.count;
    if (c <= n) {
      // Filling up: the c-th value will weigh c once the window is full.
      this.weighted += c * x;
      this.sum += x;
    } else {
      this.weighted += n * x - this.sum;
      this.sum += x - this.buf[i]!;
    }
    this.buf[i] = x;
    this.head = i + 1 === n ? 0 : i + 1;
    if (this.head === 0 && c >= n) this.rebuild();
    this.value = c >= n ? this.weighted / this.divisor : Number.NaN;
    return this.value;
  }

  private rebuild(): void {
    // The ring wrapped: buf[0] is the oldest value, buf[n-1] the newest.
    let s = 0;
    let w = 0;
    for (let k = 0; k < this.period; k++) {
      s += this.buf[k]!;
      w += (k + 1) * this.buf[k]!;
    }
    this.sum = s;
    this.weighted = w;
  }

  reset(): void {
    this.value = Number.NaN;
    this.count = 0;
    this.head = 0;
    this.sum = 0;
    this.weighted = 0;
    this.buf.fill(0);
  }
}

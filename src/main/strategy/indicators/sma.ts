import { badInput, checkPeriod } from './support';

/**
 * Simple moving average of the last `period` values: a running sum over a ring buffer, O(1) per update. The sum is
 * added up afresh each time the ring wraps (once per `period` updates), so rounding cannot drift over millions of
 * bars; with prices on a whole tick it is exact.
 */
export class SMA {
  value = Number.NaN;
  count = 0;
  private readonly buf: Float64Array;
  private head = 0;
  private sum = 0;

  constructor(readonly period: number) {
    checkPeriod('SMA', 'period', period);
    this.buf = new Float64Array(period);
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(x: number): number {
    if (x - x !== 0) badInput('SMA', x);
    const n = this.period;
    const buf = this.buf;
    const i = this.head;
    if (this.count >= n) this.sum -= buf[i]!;
    buf[i] = x;
    this.sum += x;
    this.count++;
    if (i + 1 === n) {
      this.head = 0;
      let s = 0;
      for (let k = 0; k < n; k++) s += buf[k]!;
      this.sum = s;
    } else {
      this.head = i + 1;
    }
    return (this.value = this.count >= n ? this.sum / n : Number.NaN);
  }

  /** The value `ago` updates back that entered the average (0: the latest), or NaN if it is no longer held. */
  input(ago = 0): number {
    if (ago < 0 || ago >= this.period || ago >= this.count) return Number.NaN;
    const n = this.period;
    return this.buf[(this.head - 1 - ago + 2 * n) % n]!;
  }

  reset(): void {
    this.value = Number.NaN;
    this.count = 0;
    this.head = 0;
    this.sum = 0;
    this.buf.fill(0);
  }
}

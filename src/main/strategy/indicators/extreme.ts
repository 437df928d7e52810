import { checkPeriod } from './support';

/**
 * The highest (or lowest) of the last `period` values, by a monotonic queue: each value enters and leaves it once, so
 * an update costs O(1) on average and nothing is allocated after construction. Before `period` values have been seen
 * it covers those there are, as Chinese terminals' HHV and LLV do.
 */
export class RollingExtreme {
  value = Number.NaN;
  count = 0;
  private readonly values: Float64Array;
  private readonly seq: Float64Array;
  private head = 0;
  private size = 0;

  constructor(
    readonly period: number,
    readonly kind: 'max' | 'min',
  ) {
    checkPeriod(kind === 'max' ? 'Highest' : 'Lowest', 'period', period);
    this.values = new Float64Array(period);
    this.seq = new Float64Array(period);
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(x: number): number {
    const n = this.period;
    const max = this.kind === 'max';
    const vals = this.values;
    const seq = this.seq;
    // First what leaves the window with this value, so the queue never holds more than `period` values.
    const oldest = this.count - n;
    while (this.size > 0 && seq[this.head]! <= oldest) {
      this.head = this.head + 1 === n ? 0 : this.head + 1;
      this.size--;
    }
    // Then from the back what the new value dominates: it can never again be the extreme.
    while (this.size > 0) {
      let back = this.head + this.size - 1;
      if (back >= n) back -= n;
      if (max ? vals[back]! <= x : vals[back]! >= x) this.size--;
      else break;
    }
    let at = this.head + this.size;
    if (at >= n) at -= n;
    vals[at] = x;
    seq[at] = this.count;
    this.size++;
    this.count++;
    this.value = vals[this.head]!;
    return this.value;
  }

  reset(): void {
    this.value = Number.NaN;
    this.count = 0;
    this.head = 0;
    this.size = 0;
  }
}

import { checkPeriod, type HighLowClose } from './support';

/**
 * Commodity channel index (Lambert; as TA-Lib and vnpy): with TP = (high + low + close) / 3,
 * CCI = (TP - SMA(TP, n)) / (0.015 * mean absolute deviation of TP around that SMA). The mean deviation has to be
 * summed over the window each bar, so an update costs O(period) (20 by default), with nothing allocated; every
 * other indicator here is O(1). A window whose prices are all equal reads 0.
 * It is computed in sums of high + low + close (three times TP), which are exact for prices on a tick: a typical
 * price equal to its average then reads exactly 0, not a rounding residue that a strategy would take for a cross.
 */
export class CCI {
  value = Number.NaN;
  count = 0;
  private readonly buf: Float64Array;
  private head = 0;

  constructor(readonly period = 20) {
    checkPeriod('CCI', 'period', period);
    this.buf = new Float64Array(period);
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(bar: HighLowClose): number {
    const n = this.period;
    const y = bar.high + bar.low + bar.close;
    const i = this.head;
    this.buf[i] = y;
    this.count++;
    this.head = i + 1 === n ? 0 : i + 1;
    if (this.count < n) return this.value;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += this.buf[k]!;
    // With TP = y / 3: TP - mean = (n*y - sum) / 3n and the mean deviation is the sum of |n*y_k - sum| / 3n^2.
    let dev = 0;
    for (let k = 0; k < n; k++) dev += Math.abs(n * this.buf[k]! - sum);
    this.value = dev > 0 ? ((n * y - sum) * n) / (0.015 * dev) : 0;
    return this.value;
  }

  reset(): void {
    this.value = Number.NaN;
    this.count = 0;
    this.head = 0;
    this.buf.fill(0);
  }
}

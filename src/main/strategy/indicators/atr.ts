import { checkPeriod, type HighLowClose } from './support';

/**
 * Wilder's average true range (as TA-Lib and vnpy compute it). The true range of a bar is the largest of high - low,
 * |high - previous close| and |low - previous close|, so the first bar has none; the first ATR is the mean of the
 * first `period` true ranges, then ATR = (ATR * (period - 1) + TR) / period. O(1) per update.
 */
export class ATR {
  value = Number.NaN;
  /** The latest bar's true range (NaN on the first bar). */
  tr = Number.NaN;
  count = 0;
  private prevClose = Number.NaN;
  private sum = 0;

  constructor(readonly period = 14) {
    checkPeriod('ATR', 'period', period);
  }

  get ready(): boolean {
    return this.count > this.period;
  }

  update(bar: HighLowClose): number {
    const c = ++this.count;
    const pc = this.prevClose;
    this.prevClose = bar.close;
    if (c === 1) return this.value;
    const tr = trueRange(bar.high, bar.low, pc);
    this.tr = tr;
    const n = this.period;
    if (c <= n + 1) {
      this.sum += tr;
      if (c === n + 1) this.value = this.sum / n;
    } else {
      this.value = (this.value * (n - 1) + tr) / n;
    }
    return this.value;
  }

  reset(): void {
    this.value = this.tr = this.prevClose = Number.NaN;
    this.count = 0;
    this.sum = 0;
  }
}

export function trueRange(high: number, low: number, prevClose: number): number {
  const a = high - low;
  const b = Math.abs(high - prevClose);
  const c = Math.abs(low - prevClose);
  return a >= b ? (a >= c ? a : c) : b >= c ? b : c;
}

import { badInput, checkPeriod } from './support';

/**
 * Wilder's relative strength index (as TA-Lib and vnpy compute it): the first average gain and loss are plain means
 * of the first `period` changes, then avg = (avg * (period - 1) + change) / period. O(1) per update.
 * A market that has not moved at all reads 50, not 0: flat is neither oversold nor overbought.
 */
export class RSI {
  value = Number.NaN;
  count = 0;
  private prev = Number.NaN;
  private avgGain = 0;
  private avgLoss = 0;

  constructor(readonly period = 14) {
    checkPeriod('RSI', 'period', period);
  }

  get ready(): boolean {
    return this.count > this.period;
  }

  update(close: number): number {
    if (close - close !== 0) badInput('RSI', close);
    const c = ++this.count;
    const prev = this.prev;
    this.prev = close;
    if (c === 1) return this.value;
    const change = close - prev;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const n = this.period;
    if (c <= n + 1) {
      // Summed first, then divided once: the first average is the plain mean of the first `period` changes.
      this.avgGain += gain;
      this.avgLoss += loss;
      if (c <= n) return this.value;
      this.avgGain /= n;
      this.avgLoss /= n;
    } else {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n;
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n;
    }
    const total = this.avgGain + this.avgLoss;
    this.value = total === 0 ? 50 : (100 * this.avgGain) / total;
    return this.value;
  }

  reset(): void {
    this.value = this.prev = Number.NaN;
    this.count = 0;
    this.avgGain = this.avgLoss = 0;
  }
}

import { RollingExtreme } from './extreme';
import { checkPeriod } from './support';

/**
 * Donchian channel: the highest high and lowest low of the last `period` bars, including the bar just given. A
 * breakout rule ("the close is above the highest high of the previous 20 bars") reads `upper` BEFORE updating with the
 * new bar. O(1) per update on average.
 */
export class Donchian {
  upper = Number.NaN;
  lower = Number.NaN;
  count = 0;
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;

  constructor(readonly period = 20) {
    checkPeriod('Donchian', 'period', period);
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  get middle(): number {
    return (this.upper + this.lower) / 2;
  }

  /** Returns the upper band. */
  update(bar: { readonly high: number; readonly low: number }): number {
    this.count++;
    const hi = this.highest.update(bar.high);
    const lo = this.lowest.update(bar.low);
    if (this.count >= this.period) {
      this.upper = hi;
      this.lower = lo;
    }
    return this.upper;
  }

  reset(): void {
    this.upper = this.lower = Number.NaN;
    this.count = 0;
    this.highest.reset();
    this.lowest.reset();
  }
}

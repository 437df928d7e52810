import { checkPositive, type HighLowClose } from './support';

/**
 * The ATR trailing stop of the trader's original plan (check_stop_loss): while long, the stop is the highest high
 * since entry minus `multiplier` ATRs, and it is hit when a bar CLOSES below it; while short, the lowest low since
 * entry plus `multiplier` ATRs, hit on a close above. Call `update` on every bar with the strategy's position; a new
 * entry (from flat, or a reversal) starts the tracking again from that bar.
 */
export class AtrTrailingStop {
  /** The stop price for the current position (NaN while flat or before the ATR has a value). */
  level = Number.NaN;
  /** Highest high (long) or lowest low (short) since entry. */
  extreme = Number.NaN;
  private side = 0;

  constructor(readonly multiplier = 3) {
    checkPositive('AtrTrailingStop', 'multiplier', multiplier);
  }

  /** Returns true when this bar closed through the stop: time to exit. */
  update(bar: HighLowClose, position: number, atr: number): boolean {
    const side = position > 0 ? 1 : position < 0 ? -1 : 0;
    if (side === 0) {
      this.reset();
      return false;
    }
    if (side !== this.side) {
      this.side = side;
      this.extreme = side > 0 ? bar.high : bar.low;
    } else if (side > 0 ? bar.high > this.extreme : bar.low < this.extreme) {
      this.extreme = side > 0 ? bar.high : bar.low;
    }
    this.level = side > 0 ? this.extreme - this.multiplier * atr : this.extreme + this.multiplier * atr;
    return side > 0 ? bar.close < this.level : bar.close > this.level;
  }

  reset(): void {
    this.side = 0;
    this.level = this.extreme = Number.NaN;
  }
}

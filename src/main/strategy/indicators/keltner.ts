import { ATR } from './atr';
import { EMA } from './ema';
import { SMA } from './sma';
import { checkPeriod, checkPositive, type HighLowClose } from './support';

export interface KeltnerOptions {
  /** The middle line: 'ema' of the close (default, the modern Keltner channel) or 'sma' (vnpy's keltner). */
  readonly ma?: 'ema' | 'sma';
  /** ATR period; default the same as the middle line's. */
  readonly atrPeriod?: number;
}

/** Keltner channel: middle = moving average of the close, upper/lower = middle +- mult * ATR. O(1) per update. */
export class Keltner {
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;
  count = 0;
  readonly atr: ATR;
  private readonly ma: EMA | SMA;

  constructor(
    readonly period = 20,
    readonly mult = 2,
    opts: KeltnerOptions = {},
  ) {
    checkPeriod('Keltner', 'period', period);
    checkPositive('Keltner', 'mult', mult);
    this.ma = opts.ma === 'sma' ? new SMA(period) : new EMA(period);
    this.atr = new ATR(checkPeriod('Keltner', 'atrPeriod', opts.atrPeriod ?? period));
  }

  get ready(): boolean {
    return this.ma.ready && this.atr.ready;
  }

  /** Returns the middle line. */
  update(bar: HighLowClose): number {
    this.count++;
    const mid = this.ma.update(bar.close);
    const atr = this.atr.update(bar);
    if (this.ma.ready && this.atr.ready) {
      this.middle = mid;
      this.upper = mid + this.mult * atr;
      this.lower = mid - this.mult * atr;
    }
    return this.middle;
  }

  reset(): void {
    this.upper = this.middle = this.lower = Number.NaN;
    this.count = 0;
    this.ma.reset();
    this.atr.reset();
  }
}

import { EMA, type EmaOptions } from './ema';
import { SMA } from './sma';
import { checkPeriod, type HighLowClose } from './support';

/**
 * WaveTrend (LazyBear's WaveTrend oscillator), with ap = (high + low + close) / 3:
 *   esa = EMA(ap, n1);  d = EMA(|ap - esa|, n1);  ci = (ap - esa) / (0.015 * d);  wt1 = EMA(ci, n2);  wt2 = SMA(wt1, 4).
 * Each stage starts when the one before it has its first value. O(1) per update. A channel of zero width (d = 0,
 * prices that never moved) gives ci = 0.
 */
export class WaveTrend {
  wt1 = Number.NaN;
  wt2 = Number.NaN;
  count = 0;
  private readonly esa: EMA;
  private readonly d: EMA;
  private readonly tci: EMA;
  private readonly signal: SMA;

  constructor(
    readonly n1 = 10,
    readonly n2 = 21,
    readonly signalPeriod = 4,
    opts: EmaOptions = {},
  ) {
    checkPeriod('WaveTrend', 'n1', n1);
    checkPeriod('WaveTrend', 'n2', n2);
    checkPeriod('WaveTrend', 'signalPeriod', signalPeriod);
    this.esa = new EMA(n1, opts);
    this.d = new EMA(n1, opts);
    this.tci = new EMA(n2, opts);
    this.signal = new SMA(signalPeriod);
  }

  get ready(): boolean {
    return this.signal.ready;
  }

  /** wt1 - wt2: above 0 while wt1 is above its signal line. */
  get diff(): number {
    return this.wt1 - this.wt2;
  }

  /** Returns wt1. */
  update(bar: HighLowClose): number {
    this.count++;
    const ap = (bar.high + bar.low + bar.close) / 3;
    const esa = this.esa.update(ap);
    if (!this.esa.ready) return this.wt1;
    const d = this.d.update(Math.abs(ap - esa));
    if (!this.d.ready) return this.wt1;
    const ci = d > 0 ? (ap - esa) / (0.015 * d) : 0;
    const wt1 = this.tci.update(ci);
    if (!this.tci.ready) return this.wt1;
    this.wt1 = wt1;
    const wt2 = this.signal.update(wt1);
    if (this.signal.ready) this.wt2 = wt2;
    return this.wt1;
  }

  reset(): void {
    this.wt1 = this.wt2 = Number.NaN;
    this.count = 0;
    this.esa.reset();
    this.d.reset();
    this.tci.reset();
    this.signal.reset();
  }
}

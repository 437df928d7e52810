import { badInput, checkPeriod, type EmaSeed } from './support';

export interface EmaOptions {
  /**
   * 'sma' (default): the first value is the simple average of the first `period` inputs, as TA-Lib and vnpy compute
   * it. 'first': the first input itself, from the first bar on, as 文华, 通达信 and TradingView's Pine compute it.
   * The two agree to within rounding after a few times `period` bars.
   */
  readonly seed?: EmaSeed;
}

/** Exponential moving average with alpha = 2 / (period + 1), O(1) per update. */
export class EMA {
  value = Number.NaN;
  count = 0;
  readonly alpha: number;
  readonly seed: EmaSeed;
  /** Updates before the plain recursion takes over: 1 when seeded with the first value, else `period`. */
  private readonly warmup: number;
  private seedSum = 0;

  constructor(
    readonly period: number,
    opts: EmaOptions = {},
  ) {
    checkPeriod('EMA', 'period', period);
    this.alpha = 2 / (period + 1);
    this.seed = opts.seed ?? 'sma';
    this.warmup = this.seed === 'first' ? 1 : period;
  }

  get ready(): boolean {
    return this.count >= this.warmup;
  }

  update(x: number): number {
    if (x - x !== 0) badInput('EMA', x);
    const c = ++this.count;
    if (c > this.warmup) return (this.value += this.alpha * (x - this.value));
    if (this.warmup === 1) return (this.value = x);
    this.seedSum += x;
    if (c === this.period) this.value = this.seedSum / this.period;
    return this.value;
  }

  reset(): void {
    this.value = Number.NaN;
    this.count = 0;
    this.seedSum = 0;
  }
}

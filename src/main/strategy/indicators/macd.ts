import { EMA, type EmaOptions } from './ema';
import { checkPeriod } from './support';

/**
 * MACD: DIF = EMA(close, fast) - EMA(close, slow); DEA = EMA(DIF, signal); hist = DIF - DEA. Chinese terminals draw
 * the MACD bars as 2 * (DIF - DEA): that is `bar`. O(1) per update.
 */
export class MACD {
  dif = Number.NaN;
  dea = Number.NaN;
  hist = Number.NaN;
  count = 0;
  private readonly fastEma: EMA;
  private readonly slowEma: EMA;
  private readonly signalEma: EMA;

  constructor(
    readonly fast = 12,
    readonly slow = 26,
    readonly signal = 9,
    opts: EmaOptions = {},
  ) {
    checkPeriod('MACD', 'fast', fast);
    checkPeriod('MACD', 'slow', slow);
    checkPeriod('MACD', 'signal', signal);
    if (fast >= slow) throw new RangeError(`MACD: fast (${fast}) must be shorter than slow (${slow})`);
    this.fastEma = new EMA(fast, opts);
    this.slowEma = new EMA(slow, opts);
    this.signalEma = new EMA(signal, opts);
  }

  get ready(): boolean {
    return this.signalEma.ready;
  }

  /** 2 * (DIF - DEA), the MACD bar of 文华 and 通达信. */
  get bar(): number {
    return 2 * this.hist;
  }

  /** Returns DIF - DEA (NaN until DEA has its first value). */
  update(close: number): number {
    this.count++;
    const f = this.fastEma.update(close);
    const s = this.slowEma.update(close);
    if (!this.slowEma.ready) return this.hist;
    this.dif = f - s;
    this.dea = this.signalEma.update(this.dif);
    this.hist = this.signalEma.ready ? this.dif - this.dea : Number.NaN;
    return this.hist;
  }

  reset(): void {
    this.dif = this.dea = this.hist = Number.NaN;
    this.count = 0;
    this.fastEma.reset();
    this.slowEma.reset();
    this.signalEma.reset();
  }
}

import { RollingExtreme } from './extreme';
import { checkPeriod, type HighLowClose } from './support';

/**
 * KDJ as Chinese terminals draw it (通达信, 文华; defaults 9, 3, 3):
 *   RSV = (close - lowest low of n) / (highest high of n - lowest low of n) * 100
 *   K = ((m1 - 1) * K' + RSV) / m1,  D = ((m2 - 1) * D' + K) / m2,  J = 3K - 2D,  with K and D starting at 50.
 * Before n bars the highs and lows of the bars there are count, as HHV and LLV do; `ready` after n bars. A bar range
 * of zero (high = low over all n bars) gives RSV 50. O(1) per update on average.
 */
export class KDJ {
  k = 50;
  d = 50;
  j = 50;
  rsv = Number.NaN;
  count = 0;
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;

  constructor(
    readonly n = 9,
    readonly m1 = 3,
    readonly m2 = 3,
  ) {
    checkPeriod('KDJ', 'n', n);
    checkPeriod('KDJ', 'm1', m1);
    checkPeriod('KDJ', 'm2', m2);
    this.highest = new RollingExtreme(n, 'max');
    this.lowest = new RollingExtreme(n, 'min');
  }

  get ready(): boolean {
    return this.count >= this.n;
  }

  /** Returns K. */
  update(bar: HighLowClose): number {
    this.count++;
    const hh = this.highest.update(bar.high);
    const ll = this.lowest.update(bar.low);
    const range = hh - ll;
    this.rsv = range > 0 ? ((bar.close - ll) / range) * 100 : 50;
    this.k = ((this.m1 - 1) * this.k + this.rsv) / this.m1;
    this.d = ((this.m2 - 1) * this.d + this.k) / this.m2;
    this.j = 3 * this.k - 2 * this.d;
    return this.k;
  }

  reset(): void {
    this.k = this.d = this.j = 50;
    this.rsv = Number.NaN;
    this.count = 0;
    this.highest.reset();
    this.lowest.reset();
  }
}

import { checkPeriod, type HighLowClose } from './support';

/**
 * Wilder's directional movement system (DMI/ADX), as Wilder wrote it:
 *   +DM = high - previous high when that exceeds previous low - low (and is positive), else 0; -DM the other way;
 *   the first smoothed +DM, -DM and TR are sums of their first `period` values, then S = S - S / period + x;
 *   +DI = 100 * +DM_s / TR_s, -DI = 100 * -DM_s / TR_s, DX = 100 * |+DI - -DI| / (+DI + -DI);
 *   the first ADX is the mean of the first `period` DX values, then ADX = (ADX * (period - 1) + DX) / period.
 * DI from bar `period` (counting from 0), ADX from bar 2 * period - 1. O(1) per update.
 */
export class ADX {
  value = Number.NaN;
  plusDI = Number.NaN;
  minusDI = Number.NaN;
  dx = Number.NaN;
  count = 0;
  private prevHigh = Number.NaN;
  private prevLow = Number.NaN;
  private prevClose = Number.NaN;
  private sPlus = 0;
  private sMinus = 0;
  private sTr = 0;
  private dxSum = 0;

  constructor(readonly period = 14) {
    checkPeriod('ADX', 'period', period);
  }

  get ready(): boolean {
    return this.count >= 2 * this.period;
  }

  update(bar: HighLowClose): number {
    const c = ++this.count;
    const ph = this.prevHigh;
    const pl = this.prevLow;
    const pc = this.prevClose;
    this.prevHigh = bar.high;
    this.prevLow = bar.low;
    this.prevClose = bar.close;
    if (c === 1) return this.value;
    const up = bar.high - ph;
    const down = pl - bar.low;
    const plusDM = up > down && up > 0 ? up : 0;
    const minusDM = down > up && down > 0 ? down : 0;
    // The true range, written out: an imported function here would cost a call on every bar.
    const tr = Math.max(bar.high - bar.low, Math.abs(bar.high - pc), Math.abs(bar.low - pc));
    const n = this.period;
    // c - 1 movements have been seen.
    if (c - 1 <= n) {
      this.sPlus += plusDM;
      this.sMinus += minusDM;
      this.sTr += tr;
      if (c - 1 < n) return this.value;
    } else {
      this.sPlus += plusDM - this.sPlus / n;
      this.sMinus += minusDM - this.sMinus / n;
      this.sTr += tr - this.sTr / n;
    }
    this.plusDI = this.sTr > 0 ? (100 * this.sPlus) / this.sTr : 0;
    this.minusDI = this.sTr > 0 ? (100 * this.sMinus) / this.sTr : 0;
    const sum = this.plusDI + this.minusDI;
    this.dx = sum > 0 ? (100 * Math.abs(this.plusDI - this.minusDI)) / sum : 0;
    const dxCount = c - n;
    if (dxCount <= n) {
      this.dxSum += this.dx;
      if (dxCount === n) this.value = this.dxSum / n;
    } else {
      this.value = (this.value * (n - 1) + this.dx) / n;
    }
    return this.value;
  }

  reset(): void {
    this.value = this.plusDI = this.minusDI = this.dx = Number.NaN;
    this.prevHigh = this.prevLow = this.prevClose = Number.NaN;
    this.count = 0;
    this.sPlus = this.sMinus = this.sTr = this.dxSum = 0;
  }
}

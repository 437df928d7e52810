import type { CloseVolume } from './support';

/**
 * On-balance volume: a running total that adds a bar's volume when it closes above the previous close and subtracts
 * it when below; it starts at 0 on the first bar (通达信's OBV). O(1) per update.
 */
export class OBV {
  value = 0;
  count = 0;
  private prevClose = Number.NaN;

  get ready(): boolean {
    return this.count >= 1;
  }

  update(bar: CloseVolume): number {
    this.count++;
    const pc = this.prevClose;
    this.prevClose = bar.close;
    if (bar.close > pc) this.value += bar.volume;
    else if (bar.close < pc) this.value -= bar.volume;
    return this.value;
  }

  reset(): void {
    this.value = 0;
    this.count = 0;
    this.prevClose = Number.NaN;
  }
}

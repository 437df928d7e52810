import type { Bar } from '../../../shared/model/types';

export type UpsertResult = 'updated' | 'appended' | 'ignored';

/**
 * A chart's bars as columns (no object per bar): the history from market.bars, then the forming bar from each
 * update batch, which either updates the last bar or starts a new one.
 */
export class BarSeries {
  readonly time: number[] = [];
  readonly tradingDay: number[] = [];
  readonly open: number[] = [];
  readonly high: number[] = [];
  readonly low: number[] = [];
  readonly close: number[] = [];
  readonly volume: number[] = [];
  readonly openInterest: number[] = [];

  /** `daily`: one bar per trading day (its time is the day's midnight, after the night session that opened it). */
  constructor(readonly daily = false) {}

  static from(bars: readonly Bar[], daily = false): BarSeries {
    const s = new BarSeries(daily);
    for (const b of bars) s.push(b);
    return s;
  }

  get length(): number {
    return this.time.length;
  }

  private push(b: Bar): void {
    this.time.push(b.time);
    this.tradingDay.push(b.tradingDay);
    this.open.push(b.open);
    this.high.push(b.high);
    this.low.push(b.low);
    this.close.push(b.close);
    this.volume.push(b.volume);
    this.openInterest.push(b.openInterest);
  }

  private set(i: number, b: Bar): void {
    this.open[i] = b.open;
    this.high[i] = b.high;
    this.low[i] = b.low;
    this.close[i] = b.close;
    this.volume[i] = b.volume;
    this.openInterest[i] = b.openInterest;
  }

  /** The forming bar: the same start time updates the last bar, a later one appends; an older one is ignored. */
  upsert(b: Bar): UpsertResult {
    const n = this.length;
    const last = n > 0 ? this.time[n - 1]! : -Infinity;
    if (b.time === last) {
      this.set(n - 1, b);
      return 'updated';
    }
    if (b.time > last) {
      this.push(b);
      return 'appended';
    }
    return 'ignored';
  }

  /** Completed bars from the engine replace what the forming updates left (a last tick may have been missed). */
  patch(bars: readonly Bar[]): void {
    for (const b of bars) {
      const i = this.indexAtTime(b.time);
      if (i >= 0 && this.time[i] === b.time) this.set(i, b);
      else if (i === this.length - 1) this.push(b);
    }
  }

  /**
   * The bar a trade falls in: a daily bar is found by the trade's trading day (a night trade is the next day's, while
   * its time falls before that day's bar starts), any other by its time; -1 when no bar has it.
   */
  indexOfTrade(t: { readonly time: number; readonly tradingDay: number }): number {
    if (!this.daily) return this.indexAtTime(t.time);
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const day = this.tradingDay[mid]!;
      if (day === t.tradingDay) return mid;
      if (day < t.tradingDay) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The bar that contains time `t`: the last one starting at or before it; -1 when `t` is before the first. */
  indexAtTime(t: number): number {
    let lo = 0;
    let hi = this.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.time[mid]! <= t) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }
}

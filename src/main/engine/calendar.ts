import { addDays, shanghaiDate, shanghaiMinuteOfDay, weekdayOf } from '../../shared/model/time';

/**
 * The exchanges' trading days, from resources/calendar (data, not code). Outside the known range a weekday is
 * taken to be a trading day; `covers` says whether a day is inside the known range, so callers can warn.
 */
export class TradingCalendar {
  private readonly days: Int32Array;
  private readonly set: Set<number>;

  constructor(tradingDays: readonly number[]) {
    this.days = Int32Array.from([...tradingDays].sort((a, b) => a - b));
    this.set = new Set(tradingDays);
  }

  get first(): number {
    return this.days[0] ?? 0;
  }
  get last(): number {
    return this.days[this.days.length - 1] ?? 0;
  }

  covers(day: number): boolean {
    return day >= this.first && day <= this.last;
  }

  isTradingDay(day: number): boolean {
    if (this.covers(day)) return this.set.has(day);
    const wd = weekdayOf(day);
    return wd !== 0 && wd !== 6;
  }

  /** The first trading day strictly after `day`. */
  next(day: number): number {
    let d = addDays(day, 1);
    while (!this.isTradingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** The last trading day strictly before `day`. */
  prev(day: number): number {
    let d = addDays(day, -1);
    while (!this.isTradingDay(d)) d = addDays(d, -1);
    return d;
  }

  /** `day` itself if it is a trading day, else the next one. */
  onOrAfter(day: number): number {
    return this.isTradingDay(day) ? day : this.next(day);
  }

  /**
   * The trading day (交易日) an instant belongs to. Evening hours (from 18:00) belong to the next trading day, and so
   * do the small hours (before 06:00) of a night session that began the evening before, e.g. Friday night's session
   * running past midnight belongs to Monday.
   */
  tradingDayOf(time: number): number {
    // Every order and bar asks this; consecutive calls are nearly always in the same minute.
    const minuteKey = Math.floor(time / 60_000);
    if (minuteKey === this.lastMinuteKey) return this.lastTradingDay;
    const day = this.computeTradingDayOf(time);
    this.lastMinuteKey = minuteKey;
    this.lastTradingDay = day;
    return day;
  }

  private lastMinuteKey = Number.NaN;
  private lastTradingDay = 0;

  private computeTradingDayOf(time: number): number {
    const minute = shanghaiMinuteOfDay(time);
    const date = shanghaiDate(time);
    if (minute >= 18 * 60) return this.next(date);
    if (minute < 6 * 60) return this.next(addDays(date, -1));
    return this.onOrAfter(date);
  }

  /**
   * Whether the evening of calendar day `day` has a night session: only if `day` is a trading day and the next
   * trading day is the next weekday (none before a holiday break).
   */
  hasNightSession(day: number): boolean {
    if (!this.isTradingDay(day)) return false;
    const wd = weekdayOf(day);
    const nextWeekday = addDays(day, wd === 5 ? 3 : 1);
    return this.next(day) === nextWeekday;
  }

  /** Trading days from `from` to `to`, both included. */
  range(from: number, to: number): number[] {
    const out: number[] = [];
    for (let d = this.onOrAfter(from); d <= to; d = this.next(d)) out.push(d);
    return out;
  }
}

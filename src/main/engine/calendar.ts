import { civilFromDays, epochDayOf, shanghaiEpochDay, shanghaiMinuteOfDay, weekdayOfEpochDay } from '../../shared/model/time';

/**
 * The exchanges' trading days, from resources/calendar (data, not code). Outside the known range a weekday is
 * taken to be a trading day; `covers` says whether a day is inside the known range, so callers can warn.
 *
 * Inside the range every question is a table lookup by day number (days since 1970-01-01): the engine asks for the
 * trading day of every order and the next trading day at every settlement, and a walk day by day over weekends and
 * holidays would cost more than the rest of an order.
 */
export class TradingCalendar {
  /** The trading days, ascending, as yyyymmdd and as day numbers. */
  private readonly days: Int32Array;
  private readonly dayNumbers: Int32Array;
  /** For each day number from the first trading day to the last: the index in `days` of the first on or after it. */
  private readonly onOrAfterIndex: Int32Array;
  private readonly firstNumber: number;
  private readonly lastNumber: number;

  constructor(tradingDays: readonly number[]) {
    this.days = Int32Array.from(new Set(tradingDays)).sort();
    this.dayNumbers = this.days.map(epochDayOf);
    this.firstNumber = this.dayNumbers[0] ?? 0;
    this.lastNumber = this.dayNumbers[this.dayNumbers.length - 1] ?? -1;
    this.onOrAfterIndex = new Int32Array(Math.max(0, this.lastNumber - this.firstNumber + 1));
    let k = 0;
    for (let n = this.firstNumber; n <= this.lastNumber; n++) {
      if (this.dayNumbers[k]! < n) k++;
      this.onOrAfterIndex[n - this.firstNumber] = k;
    }
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
    return this.isTradingNumber(epochDayOf(day));
  }

  /** The first trading day strictly after `day`. */
  next(day: number): number {
    return this.onOrAfterNumber(epochDayOf(day) + 1);
  }

  /** The last trading day strictly before `day`. */
  prev(day: number): number {
    return this.onOrBeforeNumber(epochDayOf(day) - 1);
  }

  /** `day` itself if it is a trading day, else the next one. */
  onOrAfter(day: number): number {
    return this.onOrAfterNumber(epochDayOf(day));
  }

  /**
   * The trading day (交易日) an instant belongs to. Evening hours (from 18:00) belong to the next trading day, and so
   * do the small hours (before 06:00) of a night session that began the evening before, e.g. Friday night's session
   * running past midnight belongs to Monday: both are the first trading day after the evening's date.
   */
  tradingDayOf(time: number): number {
    // Every order asks this, and orders come in bursts within a minute.
    const minuteKey = Math.floor(time / 60_000);
    if (minuteKey === this.lastMinuteKey) return this.lastTradingDay;
    const date = shanghaiEpochDay(time);
    const day = this.onOrAfterNumber(shanghaiMinuteOfDay(time) >= 18 * 60 ? date + 1 : date);
    this.lastMinuteKey = minuteKey;
    this.lastTradingDay = day;
    return day;
  }
  private lastMinuteKey = Number.NaN;
  private lastTradingDay = 0;

  /**
   * Whether the evening of calendar day `day` has a night session: only if `day` is a trading day and the next
   * trading day is the next weekday (none before a holiday break).
   */
  hasNightSession(day: number): boolean {
    const n = epochDayOf(day);
    if (!this.isTradingNumber(n)) return false;
    const nextWeekday = n + (weekdayOfEpochDay(n) === 5 ? 3 : 1);
    return this.onOrAfterNumber(n + 1) === civilFromDays(nextWeekday);
  }

  /** Trading days from `from` to `to`, both included. */
  range(from: number, to: number): number[] {
    const out: number[] = [];
    for (let d = this.onOrAfter(from); d <= to; d = this.next(d)) out.push(d);
    return out;
  }

  private inRange(n: number): boolean {
    return n >= this.firstNumber && n <= this.lastNumber;
  }

  private isTradingNumber(n: number): boolean {
    if (this.inRange(n)) return this.dayNumbers[this.onOrAfterIndex[n - this.firstNumber]!] === n;
    const wd = weekdayOfEpochDay(n);
    return wd !== 0 && wd !== 6;
  }

  /** The first trading day on or after day number `n`, as yyyymmdd. */
  private onOrAfterNumber(n: number): number {
    if (this.inRange(n)) return this.days[this.onOrAfterIndex[n - this.firstNumber]!]!;
    // Before the known range the walk may run into it; after it, weekdays only.
    while (!this.isTradingNumber(n)) n++;
    return civilFromDays(n);
  }

  /** The last trading day on or before day number `n`, as yyyymmdd. */
  private onOrBeforeNumber(n: number): number {
    if (this.inRange(n)) {
      const k = this.onOrAfterIndex[n - this.firstNumber]!;
      return this.days[this.dayNumbers[k] === n ? k : k - 1]!;
    }
    while (!this.isTradingNumber(n)) n--;
    return civilFromDays(n);
  }
}

import { DAY_MS, epochDayOf, isNightMinute, shanghaiDate, shanghaiMinuteOfDay, addDays } from '../../../shared/model/time';
import type { TradingCalendar } from '../../engine/calendar';
import { allocColumns } from '../../data/series';
import type { BarColumns } from './bar-columns';

/**
 * The replay's bars played again after they run out, on the trading days that follow the last one played, so that
 * the simulated account's market goes on: each source trading day in turn takes the next trading day of the
 * calendar, its day sessions on that date and its night session on the evening before (the previous trading day's),
 * which is dropped where the exchanges hold none (the eve of a long holiday).
 */

/** The trading days of the source bars, ascending, each once, across every series replayed. */
export function sourceDays(series: readonly BarColumns[]): number[] {
  const days = new Set<number>();
  for (const s of series) for (let i = 0; i < s.length; i++) days.add(s.tradingDay[i]!);
  return [...days].sort((a, b) => a - b);
}

/** Source trading day -> the trading day it is played on next, from the first trading day after `after`. */
export function nextCycleDays(days: readonly number[], after: number, calendar: TradingCalendar): Map<number, number> {
  const map = new Map<number, number>();
  let day = after;
  for (const d of days) {
    day = calendar.next(day);
    map.set(d, day);
  }
  return map;
}

/** The bars moved onto their new trading days (see above); bars of a night the exchanges do not hold are left out. */
export function shiftBars(cols: BarColumns, days: ReadonlyMap<number, number>, calendar: TradingCalendar): BarColumns {
  const time = new Float64Array(cols.length);
  const tradingDay = new Int32Array(cols.length);
  const keep: number[] = [];
  for (let i = 0; i < cols.length; i++) {
    const t = cols.time[i]!;
    const from = cols.tradingDay[i]!;
    const to = days.get(from);
    if (to === undefined) continue;
    const date = shanghaiDate(t);
    const minute = shanghaiMinuteOfDay(t);
    let shift: number;
    if (!isNightMinute(minute)) {
      shift = epochDayOf(to) - epochDayOf(from);
    } else {
      // A night bar: before midnight on the evening it began, after midnight on the day after that evening.
      const evening = minute >= 12 * 60 ? date : addDays(date, -1);
      const newEvening = calendar.prev(to);
      if (!calendar.hasNightSession(newEvening)) continue;
      shift = epochDayOf(newEvening) - epochDayOf(evening);
    }
    time[keep.length] = t + shift * DAY_MS;
    tradingDay[keep.length] = to;
    keep.push(i);
  }
  const out = allocColumns('bar', keep.length);
  out.time.set(time.subarray(0, keep.length));
  out.tradingDay.set(tradingDay.subarray(0, keep.length));
  const fields = ['open', 'high', 'low', 'close', 'volume', 'openInterest'] as const;
  for (const f of fields) {
    const src = cols[f];
    const dst = out[f];
    for (let k = 0; k < keep.length; k++) dst[k] = src[keep[k]!]!;
  }
  return out;
}

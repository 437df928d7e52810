import type { SessionRange } from '../../shared/model/types';
import { addDays, dayStartEpoch, shanghaiDate, shanghaiMinuteOfDay } from '../../shared/model/time';
import type { TradingCalendar } from './calendar';

/** Parses `21:00-23:00;...` into minute ranges; a range that ends before it starts runs past midnight. */
export function parseSessions(text: string): SessionRange[] {
  if (!text.trim()) return [];
  return text.split(';').map((part) => {
    const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part.trim());
    if (!m) throw new Error(`malformed session "${part}" (expected HH:MM-HH:MM)`);
    return { start: Number(m[1]) * 60 + Number(m[2]), end: Number(m[3]) * 60 + Number(m[4]) };
  });
}

/** Whether a minute of the day lies in a range, start included, end excluded; ranges may wrap past midnight. */
export function minuteInRange(minute: number, r: SessionRange, endInclusive = false): boolean {
  if (r.end >= r.start) return minute >= r.start && (endInclusive ? minute <= r.end : minute < r.end);
  return minute >= r.start || (endInclusive ? minute <= r.end : minute < r.end);
}

export interface SessionSpec {
  readonly nightSession: readonly SessionRange[];
  readonly daySessions: readonly SessionRange[];
}

/**
 * Whether an instant is inside one of a product's trading sessions, with the calendar deciding whether a night
 * session exists that evening (none before a holiday break, none on a weekend).
 */
export function isTradingTime(spec: SessionSpec, calendar: TradingCalendar, time: number): boolean {
  const minute = shanghaiMinuteOfDay(time);
  const date = shanghaiDate(time);
  for (const r of spec.daySessions) {
    if (minuteInRange(minute, r)) return calendar.isTradingDay(date);
  }
  for (const r of spec.nightSession) {
    if (!minuteInRange(minute, r)) continue;
    // Before midnight the session belongs to this evening; after midnight to the evening before.
    const evening = minute >= 12 * 60 ? date : addDays(date, -1);
    return calendar.hasNightSession(evening);
  }
  return false;
}

/**
 * When a product's next trading session opens after `time` (epoch ms), by the calendar: a day session on a trading
 * day, a night session on an evening that holds one. Undefined when none opens within two weeks (a product without
 * sessions).
 */
export function nextSessionOpen(spec: SessionSpec, calendar: TradingCalendar, time: number): number | undefined {
  const today = shanghaiDate(time);
  for (let k = 0; k < 15; k++) {
    const date = addDays(today, k);
    const starts: number[] = [];
    if (calendar.isTradingDay(date)) for (const r of spec.daySessions) starts.push(r.start);
    if (calendar.hasNightSession(date)) for (const r of spec.nightSession) starts.push(r.start);
    let best = Infinity;
    for (const m of starts.sort((a, b) => a - b)) {
      const at = dayStartEpoch(date) + m * 60_000;
      if (at > time && at < best) best = at;
    }
    if (Number.isFinite(best)) return best;
  }
  return undefined;
}

/** The minute (of day) at which a product's trading day ends: the end of its last day session. */
export function dayCloseMinute(spec: SessionSpec): number {
  let close = 0;
  for (const r of spec.daySessions) close = Math.max(close, r.end);
  return close;
}

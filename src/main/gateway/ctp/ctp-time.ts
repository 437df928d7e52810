import { addDays, dayStartEpoch, shanghaiDate, DAY_MS } from '../../../shared/model/time';
import type { TradingCalendar } from '../../engine/calendar';

/** A yyyymmdd text as CTP writes dates (TradingDay, ActionDay, TradeDate); undefined if it is not a real date. */
export function parseCtpDay(text: string): number | undefined {
  const s = text.trim();
  if (!/^\d{8}$/.test(s)) return undefined;
  const day = Number(s);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  if (m < 1 || m > 12 || d < 1 || d > 31 || day < 19900101) return undefined;
  return day;
}

/** Seconds after midnight of an HH:MM:SS text (UpdateTime, TradeTime); undefined if malformed. */
export function parseCtpTime(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3]);
  if (h > 23 || mi > 59 || s > 60) return undefined;
  return h * 3600 + mi * 60 + s;
}

export interface ExchangeStamp {
  /** UpdateTime or TradeTime. */
  readonly time: string;
  readonly millis?: number;
  readonly tradingDay: string;
  /** ActionDay or TradeDate: the calendar day, except where an exchange writes something else (below). */
  readonly actionDay: string;
  readonly exchange: string;
}

const NIGHT_START = 18 * 3600;
const MORNING = 6 * 3600;
/** How far a time stamp may be from the local clock and still be taken as live. */
const LIVE_WINDOW_MS = 2 * 3600_000;

/**
 * The instant of an exchange time stamp. CTP's own dates cannot be trusted at night: DCE writes the trading day into
 * ActionDay, CZCE writes the calendar day into TradingDay. A live stamp (within two hours of the local clock) takes
 * its calendar day from the local clock, which is right on every exchange; an old one (a snapshot sent at login, a
 * replay) is dated from its own fields: the calendar day of a night is the trading day before TradingDay (DCE) or
 * ActionDay (the others, whose ActionDay is the real calendar day).
 */
export function exchangeInstant(stamp: ExchangeStamp, now: number, calendar: TradingCalendar): number | undefined {
  const seconds = parseCtpTime(stamp.time);
  if (seconds === undefined) return undefined;
  const ms = seconds * 1000 + Math.max(0, Math.min(999, stamp.millis ?? 0));
  const today = shanghaiDate(now);
  let best: number | undefined;
  for (const d of [addDays(today, -1), today, addDays(today, 1)]) {
    const t = dayStartEpoch(d) + ms;
    if (best === undefined || Math.abs(t - now) < Math.abs(best - now)) best = t;
  }
  if (best !== undefined && Math.abs(best - now) <= LIVE_WINDOW_MS) return best;

  const tradingDay = parseCtpDay(stamp.tradingDay);
  const actionDay = parseCtpDay(stamp.actionDay);
  const night = seconds >= NIGHT_START || seconds < MORNING;
  let date: number | undefined;
  if (!night) date = tradingDay ?? actionDay;
  else if (stamp.exchange !== 'DCE' && actionDay !== undefined) date = actionDay;
  else if (tradingDay !== undefined) {
    const evening = calendar.prev(tradingDay);
    date = seconds >= NIGHT_START ? evening : addDays(evening, 1);
  } else date = actionDay;
  return date === undefined ? undefined : dayStartEpoch(date) + ms;
}

/** Whole days between two yyyymmdd days (b - a). */
export function daysBetween(a: number, b: number): number {
  return Math.round((dayStartEpoch(b) - dayStartEpoch(a)) / DAY_MS);
}

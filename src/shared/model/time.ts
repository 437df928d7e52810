/**
 * Exchange time is Asia/Shanghai, UTC+8 with no daylight saving since 1991, so conversions are plain arithmetic:
 * no Intl, no time-zone database, and the same answer on a trader's PC in any time zone.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Epoch ms of a Shanghai wall-clock time. */
export function shanghaiToEpoch(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - SHANGHAI_OFFSET_MS;
}

export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number;
}

export function shanghaiParts(t: number): ShanghaiParts {
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

/** The calendar date (yyyymmdd) in Shanghai of an instant (integer arithmetic: this is on every order's path). */
export function shanghaiDate(t: number): number {
  return civilFromDays(shanghaiEpochDay(t));
}

/** The Shanghai calendar day of an instant as a count of days since 1970-01-01. */
export function shanghaiEpochDay(t: number): number {
  return Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/**
 * Days since 1970-01-01 of a yyyymmdd day (Howard Hinnant's days_from_civil): plain arithmetic, no Date object, as
 * the trading calendar converts days on every order and settlement. A day past its month's end runs on into the
 * next month (20250230 is 2025-03-02), as Date.UTC does.
 */
export function epochDayOf(day: number): number {
  const m = Math.floor(day / 100) % 100;
  const y = Math.floor(day / 10000) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + (day % 100) - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** yyyymmdd of a count of days since 1970-01-01 (Howard Hinnant's civil_from_days); the inverse of epochDayOf. */
export function civilFromDays(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

/** Minutes after midnight, Shanghai time. */
export function shanghaiMinuteOfDay(t: number): number {
  // Floor division rather than `%`: a floating-point remainder is slow, and this is on every order's path.
  const local = t + SHANGHAI_OFFSET_MS;
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/**
 * Whether a minute of the day (exchange time) is night trading: Chinese futures trade by day between about 08:55 and
 * 15:15, by night from 21:00 to as late as 02:30.
 */
export function isNightMinute(minute: number): boolean {
  return minute >= 17 * 60 || minute < 8 * 60;
}

/** Epoch ms of Shanghai midnight that starts the given yyyymmdd day. */
export function dayStartEpoch(day: number): number {
  return epochDayOf(day) * DAY_MS - SHANGHAI_OFFSET_MS;
}

export function addDays(day: number, n: number): number {
  return civilFromDays(epochDayOf(day) + n);
}

/** 0 for Sunday to 6 for Saturday, as Date.getUTCDay. */
export function weekdayOf(day: number): number {
  return weekdayOfEpochDay(epochDayOf(day));
}

/** The weekday of a count of days since 1970-01-01, a Thursday. */
export function weekdayOfEpochDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** `2019-05-15 21:00:00` in Shanghai time. */
export function formatShanghai(t: number, withSeconds = true): string {
  const p = shanghaiParts(t);
  const hm = `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
  return withSeconds ? `${hm}:${pad2(p.second)}` : hm;
}

export function formatShanghaiTime(t: number): string {
  const p = shanghaiParts(t);
  return `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

export function formatDay(day: number): string {
  return `${Math.floor(day / 10000)}-${pad2(Math.floor(day / 100) % 100)}-${pad2(day % 100)}`;
}

/** Parses yyyymmdd, yyyy-mm-dd or yyyy/mm/dd into a yyyymmdd integer. */
export function parseDay(s: string): number | undefined {
  const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/.exec(s.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return y * 10000 + mo * 100 + d;
}

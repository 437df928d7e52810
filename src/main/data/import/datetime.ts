import { shanghaiParts } from '../../../shared/model/time';

/** How a date with two short parts is read: 2019/05/06 is always year first; 05/06/2019 by this order. */
export type DateOrder = 'ymd' | 'mdy' | 'dmy';

const DATE_SEP_RE = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$/;
const DATE_COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const TIME_COLON_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;
const TIME_DIGITS_RE = /^(\d{3,6})$/;
/** 交易开拓者 writes times as a decimal: 0.2101 is 21:01, 0.09 is 09:00. */
const TIME_TB_RE = /^0?\.(\d{1,6})$/;
const EPOCH_RE = /^(\d{10}|\d{13}|\d{16}|\d{19})$/;

function validDay(y: number, m: number, d: number): number {
  if (y < 1980 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
  return y * 10000 + m * 100 + d;
}

/** A date as yyyymmdd, or -1. */
export function parseDate(text: string, order: DateOrder): number {
  const s = text.trim();
  let m = DATE_COMPACT_RE.exec(s);
  if (m) return validDay(+m[1]!, +m[2]!, +m[3]!);
  m = DATE_SEP_RE.exec(s);
  if (!m) return -1;
  const a = m[1]!;
  const b = +m[2]!;
  const c = m[3]!;
  if (a.length === 4) return validDay(+a, b, +c);
  if (c.length !== 4 && c.length !== 2) return -1;
  const year = c.length === 2 ? 2000 + +c : +c;
  return order === 'dmy' ? validDay(year, b, +a) : validDay(year, +a, b);
}

/** A time of day as ms after midnight, or -1. */
export function parseTime(text: string): number {
  const s = text.trim();
  let h: number;
  let mi: number;
  let sec = 0;
  let ms = 0;
  let m = TIME_COLON_RE.exec(s);
  if (m) {
    h = +m[1]!;
    mi = +m[2]!;
    sec = m[3] === undefined ? 0 : +m[3];
    if (m[4] !== undefined) ms = Math.floor(+m[4].padEnd(3, '0').slice(0, 3));
  } else if ((m = TIME_DIGITS_RE.exec(s))) {
    const digits = m[1]!.length <= 4 ? m[1]!.padStart(4, '0') : m[1]!.padStart(6, '0');
    h = +digits.slice(0, 2);
    mi = +digits.slice(2, 4);
    sec = digits.length === 6 ? +digits.slice(4, 6) : 0;
  } else if ((m = TIME_TB_RE.exec(s))) {
    const digits = m[1]!.padEnd(6, '0');
    h = +digits.slice(0, 2);
    mi = +digits.slice(2, 4);
    sec = +digits.slice(4, 6);
  } else return -1;
  if (h > 23 || mi > 59 || sec > 59) return -1;
  return ((h * 60 + mi) * 60 + sec) * 1000 + ms;
}

/**
 * Splits one date-and-time cell into its date and time: `2019-05-15 21:00:00`, `2019-05-15T21:00:00.000000000`,
 * `2019/05/15-21:00` (文华), `20190515 210000`, `20190515210000`.
 */
export function splitDateTime(text: string): [string, string] | undefined {
  const s = text.trim();
  const sp = s.search(/[ T_]/);
  if (sp > 0) return [s.slice(0, sp), s.slice(sp + 1).trim()];
  const dash = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})-(\d{1,2}:\d{2}.*)$/.exec(s);
  if (dash) return [dash[1]!, dash[2]!];
  const compact = /^(\d{8})(\d{4}|\d{6})$/.exec(s);
  if (compact) return [compact[1]!, compact[2]!];
  return undefined;
}

/** A date and time in Shanghai exchange time. */
export interface LocalDateTime {
  /** yyyymmdd */
  readonly day: number;
  /** ms after midnight */
  readonly ms: number;
}

/** Epoch numbers (seconds, ms, µs or ns, as some exports write them) turned into Shanghai date and time. */
function fromEpochNumber(s: string): LocalDateTime | undefined {
  const m = EPOCH_RE.exec(s);
  if (!m) return undefined;
  const digits = s.length;
  const ms = digits === 10 ? +s * 1000 : digits === 13 ? +s : digits === 16 ? Math.floor(+s / 1000) : Math.floor(Number(BigInt(s) / 1_000_000n));
  const p = shanghaiParts(ms);
  if (p.year < 1980 || p.year > 2100) return undefined;
  return { day: p.year * 10000 + p.month * 100 + p.day, ms: ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.ms };
}

/** One cell holding a date and a time (or a date alone: midnight). */
export function parseDateTime(text: string, order: DateOrder): LocalDateTime | undefined {
  const s = text.trim();
  const epoch = fromEpochNumber(s);
  if (epoch) return epoch;
  const parts = splitDateTime(s);
  if (parts === undefined) {
    const day = parseDate(s, order);
    return day < 0 ? undefined : { day, ms: 0 };
  }
  const day = parseDate(parts[0], order);
  const ms = parseTime(parts[1]);
  return day < 0 || ms < 0 ? undefined : { day, ms };
}

/** What a sample cell looks like, for detecting columns in a file without a header. */
export type CellShape = 'datetime' | 'date' | 'time' | 'number' | 'empty' | 'text';

export function cellShape(text: string): CellShape {
  const s = text.trim();
  if (s === '') return 'empty';
  if (EPOCH_RE.test(s) && fromEpochNumber(s) !== undefined) return 'datetime';
  if (DATE_COMPACT_RE.test(s) && parseDate(s, 'ymd') > 0) return 'date';
  if (DATE_SEP_RE.test(s) && (parseDate(s, 'mdy') > 0 || parseDate(s, 'dmy') > 0)) return 'date';
  const dt = splitDateTime(s);
  if (dt && (parseDate(dt[0], 'mdy') > 0 || parseDate(dt[0], 'dmy') > 0) && parseTime(dt[1]) >= 0) return 'datetime';
  if (TIME_COLON_RE.test(s) || TIME_TB_RE.test(s)) return 'time';
  if (s !== '' && Number.isFinite(Number(s))) return 'number';
  return 'text';
}

/**
 * The date order the values of a column imply: year-first dates decide nothing; a first part above 12 means day
 * first, a second part above 12 month first. Undefined when nothing decides (the caller picks a default and says so).
 */
export function detectDateOrder(values: readonly string[]): DateOrder | undefined {
  let dmy = false;
  let mdy = false;
  let ymd = false;
  for (const v of values) {
    const text = splitDateTime(v.trim())?.[0] ?? v.trim();
    const m = DATE_SEP_RE.exec(text);
    if (!m) {
      if (DATE_COMPACT_RE.test(text)) ymd = true;
      continue;
    }
    if (m[1]!.length === 4) {
      ymd = true;
      continue;
    }
    if (+m[1]! > 12) dmy = true;
    if (+m[2]! > 12) mdy = true;
  }
  if (dmy && !mdy) return 'dmy';
  if (mdy && !dmy) return 'mdy';
  if (ymd && !dmy && !mdy) return 'ymd';
  return undefined;
}

/** Whether a column's dates are ambiguous (neither year first nor decided by values above 12). */
export function hasShortDates(values: readonly string[]): boolean {
  return values.some((v) => {
    const m = DATE_SEP_RE.exec(splitDateTime(v.trim())?.[0] ?? v.trim());
    return m !== null && m[1]!.length !== 4;
  });
}

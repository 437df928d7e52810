import { FIELD_ZH, type DataMessageCode, type ImportField, type ImportMapping } from '../../../shared/ipc/data';
import { addDays, dayStartEpoch, formatShanghai } from '../../../shared/model/time';
import type { ProductSpec } from '../../../shared/model/types';
import type { TradingCalendar } from '../../engine/calendar';
import { SessionGrid } from '../../strategy/bar-generator';
import type { PeriodSpec } from '../period';
import { splitCells } from './detect';
import { parseDate, parseDateTime, parseTime } from './datetime';

interface Facts {
  /** Epoch ms of the date's midnight. */
  readonly start: number;
  readonly trading: boolean;
  /** The trading day of a day-session time, of an evening time, of a time after midnight. */
  readonly tradingDay: number;
  readonly evening: number;
  readonly early: number;
  /** Whether the date's evening has a night session, and whether the evening before had one. */
  readonly night: boolean;
  readonly nightBefore: boolean;
  readonly prevTrading: number;
}

/** Per calendar date, what the trading calendar says, so a row costs no Date objects. */
class DayFacts {
  private readonly cache = new Map<number, Facts>();

  constructor(private readonly calendar: TradingCalendar) {}

  get(date: number): Facts {
    let f = this.cache.get(date);
    if (f === undefined) {
      const c = this.calendar;
      const yesterday = addDays(date, -1);
      f = {
        start: dayStartEpoch(date),
        trading: c.isTradingDay(date),
        tradingDay: c.onOrAfter(date),
        evening: c.next(date),
        early: c.next(yesterday),
        night: c.hasNightSession(date),
        nightBefore: c.hasNightSession(yesterday),
        prevTrading: c.prev(date),
      };
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(date, f);
    }
    return f;
  }
}

/** A parsed row, written into reused fields (no object per row). */
export class ParsedRow {
  time = 0;
  tradingDay = 0;
  /** The series id cell of files that hold several contracts, else ''. */
  symbolText = '';
  readonly values = new Float64Array(FIELD_COUNT);
}

/** Numeric fields a row can carry, by index into ParsedRow.values. */
export const VALUE_FIELDS = ['open', 'high', 'low', 'close', 'volume', 'openInterest', 'turnover', 'last', 'bid', 'ask', 'bidVolume', 'askVolume'] as const;
const FIELD_COUNT = VALUE_FIELDS.length;
export const V = Object.fromEntries(VALUE_FIELDS.map((f, i) => [f, i])) as Record<(typeof VALUE_FIELDS)[number], number>;

export interface RowProblem {
  code: DataMessageCode;
  params: Record<string, string | number>;
}

const field = (f: ImportField): { field: string; fieldZh: string } => ({ field: f, fieldZh: FIELD_ZH[f] });

/**
 * Turns the cells of one line into a row by a mapping, and checks it as a trader would: readable numbers and times,
 * positive prices, high not below low, open and close inside the bar, no negative volume, and (when the product is
 * known) a time inside its trading sessions on a trading day. Bar times labelled by their end are moved to the start.
 */
export class RowParser {
  private readonly numeric: { field: (typeof VALUE_FIELDS)[number]; col: number; required: boolean }[] = [];
  private readonly need: number;
  private readonly facts: DayFacts;
  private readonly grid: SessionGrid | undefined;
  private readonly shiftMs: number;
  readonly problem: RowProblem = { code: 'ROW_BAD_TIME', params: {} };

  constructor(
    readonly mapping: ImportMapping,
    readonly period: PeriodSpec | 'tick',
    calendar: TradingCalendar,
    readonly product: ProductSpec | undefined,
  ) {
    const c = mapping.columns;
    const required = mapping.kind === 'bar' ? ['open', 'high', 'low', 'close'] : ['last'];
    for (const f of VALUE_FIELDS) {
      const col = c[f];
      if (col !== undefined) this.numeric.push({ field: f, col, required: required.includes(f) });
    }
    this.need = Math.max(...Object.values(c).filter((v): v is number => v !== undefined)) + 1;
    this.facts = new DayFacts(calendar);
    this.grid = product && mapping.checkSessions ? new SessionGrid(product) : undefined;
    const minutes = period === 'tick' || period.kind === 'day' ? 0 : period.minutes;
    this.shiftMs = mapping.kind === 'bar' && mapping.timeLabel === 'end' ? minutes * 60_000 : 0;
  }

  private fail(code: DataMessageCode, params: Record<string, string | number>): false {
    this.problem.code = code;
    this.problem.params = params;
    return false;
  }

  splitLine(line: string): string[] {
    return splitCells(line, this.mapping.delimiter);
  }

  /** Parses `cells` into `row`; false with `problem` set when the row is bad. */
  parse(cells: readonly string[], row: ParsedRow): boolean {
    if (cells.length < this.need) return this.fail('ROW_TOO_FEW_COLUMNS', { count: cells.length, need: this.need });
    const c = this.mapping.columns;
    let day: number;
    let ms: number;
    if (c.datetime !== undefined) {
      const dt = parseDateTime(cells[c.datetime]!, this.mapping.dateOrder);
      if (dt === undefined) return this.fail('ROW_BAD_TIME', { value: cells[c.datetime]! });
      day = dt.day;
      ms = dt.ms;
    } else {
      day = parseDate(cells[c.date!]!, this.mapping.dateOrder);
      if (day < 0) return this.fail('ROW_BAD_TIME', { value: cells[c.date!]! });
      ms = 0;
      if (c.time !== undefined) {
        ms = parseTime(cells[c.time]!);
        if (ms < 0) return this.fail('ROW_BAD_TIME', { value: cells[c.time]! });
      }
    }
    const v = row.values;
    v.fill(Number.NaN);
    for (const n of this.numeric) {
      const text = cells[n.col]!;
      const x = text === '' && !n.required ? Number.NaN : Number(text);
      if (text !== '' && !Number.isFinite(x)) return this.fail('ROW_BAD_NUMBER', { ...field(n.field), value: text });
      if (text === '' && n.required) return this.fail('ROW_BAD_NUMBER', { ...field(n.field), value: text });
      v[V[n.field]] = x;
    }
    if (!this.checkValues(v)) return false;
    row.symbolText = c.symbol === undefined ? '' : c.exchange === undefined ? cells[c.symbol]! : `${cells[c.symbol]!}.${cells[c.exchange]!}`;
    return this.placeInTime(day, ms, row);
  }

  private checkValues(v: Float64Array): boolean {
    if (this.mapping.kind === 'bar') {
      const o = v[V.open]!;
      const h = v[V.high]!;
      const l = v[V.low]!;
      const cl = v[V.close]!;
      for (const [f, x] of [['open', o], ['high', h], ['low', l], ['close', cl]] as const) {
        if (!(x > 0)) return this.fail('ROW_NON_POSITIVE_PRICE', { ...field(f), value: x });
      }
      if (h < l) return this.fail('ROW_HIGH_BELOW_LOW', { high: h, low: l });
      if (o > h || o < l) return this.fail('ROW_OUTSIDE_RANGE', { ...field('open'), value: o, low: l, high: h });
      if (cl > h || cl < l) return this.fail('ROW_OUTSIDE_RANGE', { ...field('close'), value: cl, low: l, high: h });
    } else if (!(v[V.last]! > 0)) return this.fail('ROW_NON_POSITIVE_PRICE', { ...field('last'), value: v[V.last]! });
    for (const f of ['volume', 'openInterest'] as const) {
      if (v[V[f]]! < 0) return this.fail('ROW_NEGATIVE_VOLUME', { ...field(f), value: v[V[f]]! });
    }
    return true;
  }

  /** Sets the row's time (bar start) and trading day; checks the session. */
  private placeInTime(day: number, ms: number, row: ParsedRow): boolean {
    if (this.period !== 'tick' && this.period.kind === 'day') {
      const f = this.facts.get(day);
      if (this.mapping.checkSessions && !f.trading) return this.fail('ROW_NOT_TRADING_DAY', { day });
      row.time = f.start;
      row.tradingDay = day;
      return true;
    }
    if (this.mapping.nightDate === 'tradingDay') {
      // Night rows written with their trading day's date: move them to the evening before (and past midnight).
      const m = Math.floor(ms / 60_000);
      if (m >= 18 * 60) day = this.facts.get(day).prevTrading;
      else if (m < 6 * 60) day = addDays(this.facts.get(day).prevTrading, 1);
    }
    ms -= this.shiftMs;
    if (ms < 0) {
      day = addDays(day, -1);
      ms += 86_400_000;
    }
    const f = this.facts.get(day);
    const minute = Math.floor(ms / 60_000);
    row.time = f.start + ms;
    row.tradingDay = minute >= 18 * 60 ? f.evening : minute < 6 * 60 ? f.early : f.tradingDay;
    const grid = this.grid;
    if (grid === undefined) return true;
    const barMinute = this.period === 'tick' ? grid.tickBarMinute(minute) : grid.inSession(minute) ? minute : -1;
    let ok = barMinute >= 0;
    if (ok) {
      if (grid.isNight(barMinute)) ok = barMinute >= 12 * 60 || minute >= 12 * 60 ? f.night : f.nightBefore;
      else ok = f.trading;
    }
    if (!ok) return this.fail('ROW_OUT_OF_SESSION', { time: formatShanghai(row.time), product: this.product!.product });
    return true;
  }
}

import type { Period } from '../../shared/model/enums';
import { aggregateBars, SessionGrid } from '../strategy/bar-generator';
import type { ContractRegistry } from '../trading/contracts';
import { chunkRowCount, decodeChunkInto, encodeChunk } from './chunk-codec';
import type { Db } from './db';
import { canonicalPeriod } from './period';
import { resolveSeries } from './series-id';
import {
  allocColumns,
  asRecord,
  lowerBound,
  mergeColumns,
  normalizeColumns,
  sliceColumns,
  upperBound,
  type BarColumns,
  type ColumnsOf,
  type MergeStats,
  type SeriesKind,
  type TickColumns,
} from './series';

/** The period key ticks are stored under. */
export const TICK_PERIOD = 'tick';
/** Level of a chunk written whole (by an import or a merge); the recorder's parts start at level 0. */
const BASE_LEVEL = 100;
/** Recorder parts of one level are merged into one part of the next level when this many have accumulated. */
const PART_FANOUT = 8;

export interface StoredSeries {
  readonly symbol: string;
  /** `1m`, `5m`, `1h`, `1d` ..., or `tick`. */
  readonly period: string;
  readonly count: number;
  /** Time of the first and last row (epoch ms; bar start time). */
  readonly firstTime: number;
  readonly lastTime: number;
  readonly firstChunk: number;
  readonly lastChunk: number;
}

export interface ChunkInfo {
  /** The trading day (yyyymmdd), or the year for daily bars. */
  readonly chunk: number;
  readonly count: number;
  readonly firstTime: number;
  readonly lastTime: number;
  readonly parts: number;
}

/**
 * A range of a series to load: trading days (yyyymmdd, both included) or epoch ms of bar start times (both included).
 * A number below 100,000,000 is read as a trading day.
 */
export type RangeBound = number | undefined;

const DAY_LIKE = 100_000_000;

function isDay(v: number): boolean {
  return v < DAY_LIKE;
}

/** The chunk a row of trading day `day` is stored in. */
export function chunkOf(period: string, day: number): number {
  return period === '1d' ? Math.floor(day / 10000) : day;
}

/**
 * The bar and tick store in the profile's SQLite database (table market_chunk): one row per series, period and
 * trading day (per year for daily bars) holding the day's rows as packed columns (chunk-codec.ts). Loading a year of
 * 1-minute bars is a few hundred row reads and memory copies; writes merge by time, so writing the same rows twice
 * leaves one copy and overlapping writes merge (the newer row wins at the same time).
 */
export class MarketStore {
  private readonly stmt;

  constructor(
    readonly db: Db,
    readonly contracts: ContractRegistry,
  ) {
    this.stmt = {
      load: db.prepare('SELECT count, data FROM market_chunk WHERE symbol = ? AND period = ? AND chunk BETWEEN ? AND ? ORDER BY chunk, part'),
      chunkParts: db.prepare('SELECT part, level, count, data FROM market_chunk WHERE symbol = ? AND period = ? AND chunk = ? ORDER BY part'),
      chunkLevels: db.prepare('SELECT part, level FROM market_chunk WHERE symbol = ? AND period = ? AND chunk = ? ORDER BY part'),
      existing: db.prepare('SELECT DISTINCT chunk FROM market_chunk WHERE symbol = ? AND period = ? AND chunk BETWEEN ? AND ?'),
      insert: db.prepare(
        'INSERT INTO market_chunk (symbol, period, chunk, part, level, count, first_time, last_time, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteChunk: db.prepare('DELETE FROM market_chunk WHERE symbol = ? AND period = ? AND chunk = ?'),
      deleteParts: db.prepare('DELETE FROM market_chunk WHERE symbol = ? AND period = ? AND chunk = ? AND part BETWEEN ? AND ?'),
      deleteRange: db.prepare('DELETE FROM market_chunk WHERE symbol = ? AND period = ? AND chunk BETWEEN ? AND ?'),
      has: db.prepare('SELECT 1 FROM market_chunk WHERE symbol = ? AND period = ? LIMIT 1'),
      series: db.prepare(
        `SELECT symbol, period, SUM(count) AS count, MIN(first_time) AS firstTime, MAX(last_time) AS lastTime,
                MIN(chunk) AS firstChunk, MAX(chunk) AS lastChunk
         FROM market_chunk GROUP BY symbol, period ORDER BY symbol, period`,
      ),
      chunks: db.prepare(
        `SELECT chunk, SUM(count) AS count, MIN(first_time) AS firstTime, MAX(last_time) AS lastTime, COUNT(*) AS parts
         FROM market_chunk WHERE symbol = ? AND period = ? GROUP BY chunk ORDER BY chunk`,
      ),
    };
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- writing ------------------------------------------------------------------------------------------------

  /** Writes bars (any order; the last of equal times wins), merging with what is stored. */
  writeBars(symbol: string, period: Period | string, cols: BarColumns): MergeStats {
    const p = canonicalPeriod(period);
    if (p === undefined) throw new RangeError(`unknown bar period "${period}"`);
    return this.write('bar', symbol, p, cols);
  }

  writeTicks(symbol: string, cols: TickColumns): MergeStats {
    return this.write('tick', symbol, TICK_PERIOD, cols);
  }

  private write<K extends SeriesKind>(kind: K, symbol: string, period: string, input: ColumnsOf[K]): MergeStats {
    const cols = normalizeColumns(kind, input);
    if (cols.length === 0) return { added: 0, replaced: 0, unchanged: 0 };
    const days = cols.tradingDay;
    for (let i = 0; i < days.length; i++) {
      if (!(days[i]! > 19000000 && days[i]! < 30000000)) throw new RangeError(`${symbol}: row ${i} has no trading day`);
    }
    return this.transaction(() => {
      const lo = chunkOf(period, days[0]!);
      const hi = chunkOf(period, days[days.length - 1]!);
      const existing = new Set((this.stmt.existing.raw(true).all(symbol, period, lo, hi) as [number][]).map((r) => r[0]));
      let added = 0;
      let replaced = 0;
      let unchanged = 0;
      let start = 0;
      while (start < cols.length) {
        const chunk = chunkOf(period, days[start]!);
        let end = start + 1;
        while (end < cols.length && chunkOf(period, days[end]!) === chunk) end++;
        const part = sliceColumns(kind, cols, start, end);
        if (existing.has(chunk)) {
          const s = this.mergeChunk(kind, symbol, period, chunk, part);
          added += s.added;
          replaced += s.replaced;
          unchanged += s.unchanged;
        } else {
          this.insertPart(kind, symbol, period, chunk, 0, BASE_LEVEL, part);
          added += part.length;
        }
        start = end;
      }
      return { added, replaced, unchanged };
    });
  }

  /** Merges sorted rows of one chunk with what the chunk holds; call inside a transaction. */
  mergeChunk<K extends SeriesKind>(kind: K, symbol: string, period: string, chunk: number, rows: ColumnsOf[K]): MergeStats {
    const old = this.readChunk(kind, symbol, period, chunk);
    const { merged, stats } = mergeColumns(kind, old, rows);
    if (stats.added === 0 && stats.replaced === 0 && old.length > 0) return stats;
    this.stmt.deleteChunk.run(symbol, period, chunk);
    this.insertPart(kind, symbol, period, chunk, 0, BASE_LEVEL, merged);
    return stats;
  }

  private readChunk<K extends SeriesKind>(kind: K, symbol: string, period: string, chunk: number): ColumnsOf[K] {
    const rows = this.stmt.chunkParts.raw(true).all(symbol, period, chunk) as [number, number, number, Buffer][];
    return this.decodeRows(kind, rows.map((r) => [r[2], r[3]]));
  }

  private insertPart<K extends SeriesKind>(kind: K, symbol: string, period: string, chunk: number, part: number, level: number, rows: ColumnsOf[K]): void {
    if (rows.length === 0) return;
    const blob = encodeChunk(kind, rows);
    this.stmt.insert.run(symbol, period, chunk, part, level, rows.length, rows.time[0]!, rows.time[rows.length - 1]!, blob);
  }

  /**
   * Appends rows (newer than what the chunk holds) as a new part without rewriting the chunk: the recorder's path.
   * Parts of the same level merge once PART_FANOUT of them accumulate, so a day recorded in many small batches ends
   * up in a few parts and each row is rewritten only a few times.
   */
  appendPart<K extends SeriesKind>(kind: K, symbol: string, period: string, rows: ColumnsOf[K]): void {
    if (rows.length === 0) return;
    let start = 0;
    while (start < rows.length) {
      const chunk = chunkOf(period, rows.tradingDay[start]!);
      let end = start + 1;
      while (end < rows.length && chunkOf(period, rows.tradingDay[end]!) === chunk) end++;
      const parts = this.stmt.chunkLevels.raw(true).all(symbol, period, chunk) as [number, number][];
      const part = parts.length === 0 ? 0 : parts[parts.length - 1]![0] + 1;
      this.insertPart(kind, symbol, period, chunk, part, 0, start === 0 && end === rows.length ? rows : sliceColumns(kind, rows, start, end));
      parts.push([part, 0]);
      this.compactParts(kind, symbol, period, chunk, parts);
      start = end;
    }
  }

  /** Merges the newest run of PART_FANOUT parts of one level into one part of the next, as often as it applies. */
  private compactParts(kind: SeriesKind, symbol: string, period: string, chunk: number, known: [number, number][]): void {
    let parts = known;
    for (;;) {
      if (parts.length < PART_FANOUT) return;
      const level = parts[parts.length - 1]![1];
      if (level >= BASE_LEVEL) return;
      let i = parts.length - 1;
      while (i > 0 && parts[i - 1]![1] === level) i--;
      if (parts.length - i < PART_FANOUT) return;
      const first = parts[i]![0];
      const last = parts[parts.length - 1]![0];
      const rows = (this.stmt.chunkParts.raw(true).all(symbol, period, chunk) as [number, number, number, Buffer][])
        .filter((r) => r[0] >= first && r[0] <= last)
        .map((r): [number, Buffer] => [r[2], r[3]]);
      const merged = this.decodeRows(kind, rows);
      this.stmt.deleteParts.run(symbol, period, chunk, first, last);
      this.insertPart(kind, symbol, period, chunk, first, level + 1, merged);
      parts = [...parts.slice(0, i), [first, level + 1]];
    }
  }

  /** Deletes a series, or the chunks of it between two trading days. Returns the chunks deleted. */
  deleteSeries(symbol: string, period: string, fromDay = 0, toDay = 99991231): number {
    const p = period === TICK_PERIOD ? period : canonicalPeriod(period);
    if (p === undefined) throw new RangeError(`unknown bar period "${period}"`);
    return this.stmt.deleteRange.run(symbol, p, chunkOf(p, fromDay), chunkOf(p, toDay)).changes;
  }

  // ---- reading ------------------------------------------------------------------------------------------------

  private decodeRows<K extends SeriesKind>(kind: K, rows: readonly (readonly [number, Uint8Array])[]): ColumnsOf[K] {
    let n = 0;
    for (const r of rows) n += r[0];
    const out = allocColumns(kind, n);
    const rec = asRecord(out);
    let at = 0;
    let sorted = true;
    for (const [count, blob] of rows) {
      if (chunkRowCount(blob) !== count) throw new Error(`stored chunk holds ${chunkRowCount(blob)} rows, its index says ${count}`);
      decodeChunkInto(kind, blob, rec, at);
      if (at > 0 && count > 0 && !(out.time[at]! > out.time[at - 1]!)) sorted = false;
      at += count;
    }
    // Parts that overlap (a recording restarted over an imported day) are merged here, the later part winning.
    return sorted ? out : normalizeColumns(kind, out);
  }

  private loadStored<K extends SeriesKind>(kind: K, symbol: string, period: string, from: RangeBound, to: RangeBound): ColumnsOf[K] {
    const lo = from === undefined ? 0 : chunkOf(period, isDay(from) ? from : this.contracts.calendar.tradingDayOf(from));
    const hi = to === undefined ? 99999999 : chunkOf(period, isDay(to) ? to : this.contracts.calendar.tradingDayOf(to));
    const rows = this.stmt.load.raw(true).all(symbol, period, lo, hi) as [number, Buffer][];
    return trim(kind, this.decodeRows(kind, rows), from, to);
  }

  /** Whether any rows of a series and period are stored. */
  has(symbol: string, period: string): boolean {
    const p = period === TICK_PERIOD ? period : canonicalPeriod(period);
    return p !== undefined && this.stmt.has.get(symbol, p) !== undefined;
  }

  /** The stored bars of one period, as columns (no derivation). */
  loadBars(symbol: string, period: Period | string, from?: RangeBound, to?: RangeBound): BarColumns {
    const p = canonicalPeriod(period);
    if (p === undefined) throw new RangeError(`unknown bar period "${period}"`);
    return this.loadStored('bar', symbol, p, from, to);
  }

  loadTicks(symbol: string, from?: RangeBound, to?: RangeBound): TickColumns {
    return this.loadStored('tick', symbol, TICK_PERIOD, from, to);
  }

  /**
   * Bars of any period as columns, what backtests and charts ask for: the stored period if it was imported or
   * downloaded as such, otherwise built from the stored 1-minute bars by the BarGenerator's rules.
   */
  load(symbol: string, period: Period | string, from?: RangeBound, to?: RangeBound): BarColumns {
    const p = canonicalPeriod(period);
    if (p === undefined) throw new RangeError(`unknown bar period "${period}"`);
    if (p === '1m' || this.has(symbol, p) || !this.has(symbol, '1m')) return this.loadStored('bar', symbol, p, from, to);
    const series = resolveSeries(this.contracts, symbol);
    if ('error' in series) throw new RangeError(series.error);
    // Whole trading days of 1-minute bars, so the first and last bars built are not cut short by the range.
    const dayFrom = from === undefined ? undefined : isDay(from) ? from : this.contracts.calendar.tradingDayOf(from);
    const dayTo = to === undefined ? undefined : isDay(to) ? to : this.contracts.calendar.tradingDayOf(to);
    const m1 = this.loadStored('bar', symbol, '1m', dayFrom, dayTo);
    return trim('bar', aggregateBars(m1, p, new SessionGrid(series.product)), from, to);
  }

  // ---- what is stored -----------------------------------------------------------------------------------------

  series(): StoredSeries[] {
    return this.stmt.series.all() as StoredSeries[];
  }

  chunks(symbol: string, period: string): ChunkInfo[] {
    return this.stmt.chunks.all(symbol, period) as ChunkInfo[];
  }
}

function trim<K extends SeriesKind>(kind: K, cols: ColumnsOf[K], from: RangeBound, to: RangeBound): ColumnsOf[K] {
  if (from === undefined && to === undefined) return cols;
  let a = 0;
  let b = cols.length;
  if (from !== undefined) a = isDay(from) ? lowerBound(cols.tradingDay, from) : lowerBound(cols.time, from);
  if (to !== undefined) b = isDay(to) ? upperBound(cols.tradingDay, to) : upperBound(cols.time, to);
  return a === 0 && b === cols.length ? cols : sliceColumns(kind, cols, a, Math.max(a, b));
}


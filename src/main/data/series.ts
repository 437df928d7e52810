import type { Bar, Tick } from '../../shared/model/types';
import type { BarColumns } from '../gateway/feeds/bar-columns';

export type { BarColumns };

/**
 * Ticks of one contract as columns, as the store keeps and hands them out. Volume, turnover and open interest are the
 * day's cumulative figures, as the exchanges publish them. Depth beyond the best level is not stored.
 */
export interface TickColumns {
  readonly length: number;
  readonly time: Float64Array;
  readonly tradingDay: Int32Array;
  readonly last: Float64Array;
  readonly bid: Float64Array;
  readonly bidVolume: Float64Array;
  readonly ask: Float64Array;
  readonly askVolume: Float64Array;
  readonly volume: Float64Array;
  readonly turnover: Float64Array;
  readonly openInterest: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly preSettlement: Float64Array;
  readonly preClose: Float64Array;
  readonly preOpenInterest: Float64Array;
  readonly limitUp: Float64Array;
  readonly limitDown: Float64Array;
}

export type SeriesKind = 'bar' | 'tick';

export const BAR_FIELDS = ['time', 'tradingDay', 'open', 'high', 'low', 'close', 'volume', 'openInterest'] as const;
export const TICK_FIELDS = [
  'time',
  'tradingDay',
  'last',
  'bid',
  'bidVolume',
  'ask',
  'askVolume',
  'volume',
  'turnover',
  'openInterest',
  'open',
  'high',
  'low',
  'preSettlement',
  'preClose',
  'preOpenInterest',
  'limitUp',
  'limitDown',
] as const;

export type BarField = (typeof BAR_FIELDS)[number];
export type TickField = (typeof TICK_FIELDS)[number];

export interface ColumnsOf {
  bar: BarColumns;
  tick: TickColumns;
}

export function fieldsOf(kind: SeriesKind): readonly string[] {
  return kind === 'bar' ? BAR_FIELDS : TICK_FIELDS;
}

/** Columns by name, for code that treats every field alike (codec, merge, slicing). */
export type ColumnRecord = { readonly length: number } & Record<string, Float64Array | Int32Array>;

export function asRecord(cols: BarColumns | TickColumns): ColumnRecord {
  return cols as unknown as ColumnRecord;
}

function newColumn(field: string, n: number): Float64Array | Int32Array {
  return field === 'tradingDay' ? new Int32Array(n) : new Float64Array(n);
}

export function allocColumns<K extends SeriesKind>(kind: K, n: number): ColumnsOf[K] {
  const out: Record<string, unknown> = { length: n };
  for (const f of fieldsOf(kind)) out[f] = newColumn(f, n);
  return out as unknown as ColumnsOf[K];
}

/** Rows [from, to) as views on the same memory (no copy). */
export function sliceColumns<K extends SeriesKind>(kind: K, cols: ColumnsOf[K], from: number, to: number): ColumnsOf[K] {
  const src = asRecord(cols);
  const out: Record<string, unknown> = { length: Math.max(0, to - from) };
  for (const f of fieldsOf(kind)) out[f] = src[f]!.subarray(from, to);
  return out as unknown as ColumnsOf[K];
}

/** Copies rows by index (a permutation or a selection) into new columns. */
export function pickRows<K extends SeriesKind>(kind: K, cols: ColumnsOf[K], rows: ArrayLike<number>): ColumnsOf[K] {
  const src = asRecord(cols);
  const out = allocColumns(kind, rows.length);
  const dst = asRecord(out);
  for (const f of fieldsOf(kind)) {
    const a = src[f]!;
    const b = dst[f]!;
    for (let i = 0; i < rows.length; i++) b[i] = a[rows[i]!]!;
  }
  return out;
}

/** A copy that can be changed without touching the original. */
export function copyColumns<K extends SeriesKind>(kind: K, cols: ColumnsOf[K]): ColumnsOf[K] {
  const src = asRecord(cols);
  const out: Record<string, unknown> = { length: cols.length };
  for (const f of fieldsOf(kind)) out[f] = src[f]!.slice();
  return out as unknown as ColumnsOf[K];
}

export function concatColumns<K extends SeriesKind>(kind: K, parts: readonly ColumnsOf[K][]): ColumnsOf[K] {
  if (parts.length === 1) return parts[0]!;
  let n = 0;
  for (const p of parts) n += p.length;
  const out = allocColumns(kind, n);
  const dst = asRecord(out);
  for (const f of fieldsOf(kind)) {
    const col = dst[f]!;
    let at = 0;
    for (const p of parts) {
      col.set(asRecord(p)[f]!, at);
      at += p.length;
    }
  }
  return out;
}

/** Whether times increase strictly (sorted, no duplicates). */
export function isStrictlyIncreasing(time: Float64Array): boolean {
  for (let i = 1; i < time.length; i++) if (!(time[i]! > time[i - 1]!)) return false;
  return true;
}

/**
 * Sorts rows by time; of rows with the same time the LAST one wins (a later correction replaces an earlier row).
 * Returns the input itself when it is already strictly increasing.
 */
export function normalizeColumns<K extends SeriesKind>(kind: K, cols: ColumnsOf[K]): ColumnsOf[K] {
  const time = cols.time;
  if (isStrictlyIncreasing(time)) return cols;
  const idx = Array.from({ length: cols.length }, (_, i) => i);
  idx.sort((a, b) => time[a]! - time[b]! || a - b);
  const keep: number[] = [];
  for (let k = 0; k < idx.length; k++) {
    const next = idx[k + 1];
    if (next !== undefined && time[next] === time[idx[k]!]) continue;
    keep.push(idx[k]!);
  }
  return pickRows(kind, cols, keep);
}

export interface MergeStats {
  /** Rows of `incoming` at times the old series did not have. */
  readonly added: number;
  /** Rows of `incoming` that replaced an old row with different values. */
  readonly replaced: number;
  /** Rows of `incoming` equal to the old row at the same time. */
  readonly unchanged: number;
}

function sameRow(fields: readonly string[], a: ColumnRecord, i: number, b: ColumnRecord, j: number): boolean {
  for (const f of fields) {
    const x = a[f]![i]!;
    const y = b[f]![j]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/**
 * Merges two strictly increasing series: the union of their times, `incoming` winning where both have a row.
 * This is what makes writes idempotent: the same rows written twice leave one copy, overlapping imports merge.
 */
export function mergeColumns<K extends SeriesKind>(
  kind: K,
  old: ColumnsOf[K],
  incoming: ColumnsOf[K],
): { merged: ColumnsOf[K]; stats: MergeStats } {
  const fields = fieldsOf(kind);
  const a = asRecord(old);
  const b = asRecord(incoming);
  const ta = old.time;
  const tb = incoming.time;
  // Fast paths: disjoint ranges concatenate.
  if (old.length === 0) return { merged: incoming, stats: { added: incoming.length, replaced: 0, unchanged: 0 } };
  if (incoming.length === 0) return { merged: old, stats: { added: 0, replaced: 0, unchanged: 0 } };
  if (tb[0]! > ta[ta.length - 1]!) return { merged: concatColumns(kind, [old, incoming]), stats: { added: incoming.length, replaced: 0, unchanged: 0 } };
  if (tb[tb.length - 1]! < ta[0]!) return { merged: concatColumns(kind, [incoming, old]), stats: { added: incoming.length, replaced: 0, unchanged: 0 } };
  const outIdx: number[] = [];
  const fromB: boolean[] = [];
  let i = 0;
  let j = 0;
  let added = 0;
  let replaced = 0;
  let unchanged = 0;
  while (i < ta.length || j < tb.length) {
    if (j >= tb.length || (i < ta.length && ta[i]! < tb[j]!)) {
      outIdx.push(i++);
      fromB.push(false);
    } else if (i >= ta.length || tb[j]! < ta[i]!) {
      outIdx.push(j++);
      fromB.push(true);
      added++;
    } else {
      if (sameRow(fields, a, i, b, j)) unchanged++;
      else replaced++;
      outIdx.push(j++);
      fromB.push(true);
      i++;
    }
  }
  const out = allocColumns(kind, outIdx.length);
  const dst = asRecord(out);
  for (const f of fields) {
    const ca = a[f]!;
    const cb = b[f]!;
    const cd = dst[f]!;
    for (let k = 0; k < outIdx.length; k++) cd[k] = fromB[k] ? cb[outIdx[k]!]! : ca[outIdx[k]!]!;
  }
  return { merged: out, stats: { added, replaced, unchanged } };
}

/** Index of the first row with time >= t (binary search on a sorted column). */
export function lowerBound(values: Float64Array | Int32Array, t: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first row with time > t. */
export function upperBound(values: Float64Array | Int32Array, t: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Appends rows one at a time into growing typed arrays: what importers, the recorder and the continuous-contract
 * builder fill before writing. `columns()` hands out views of the filled part.
 */
export class ColumnsBuilder<K extends SeriesKind> {
  private cols: ColumnRecord;
  private capacity: number;
  length = 0;

  constructor(
    readonly kind: K,
    initialCapacity = 1024,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.cols = asRecord(allocColumns(kind, this.capacity));
  }

  /** The column arrays to write row `length` into; call `commit()` after filling it. */
  reserve(): ColumnRecord {
    if (this.length === this.capacity) this.grow();
    return this.cols;
  }

  commit(): void {
    this.length++;
  }

  private grow(): void {
    this.capacity *= 2;
    const next = asRecord(allocColumns(this.kind, this.capacity));
    for (const f of fieldsOf(this.kind)) next[f]!.set(this.cols[f]!.subarray(0, this.length));
    this.cols = next;
  }

  pushBar(this: ColumnsBuilder<'bar'>, bar: Omit<Bar, 'symbol' | 'period'>): void {
    const c = this.reserve();
    const i = this.length;
    c['time']![i] = bar.time;
    c['tradingDay']![i] = bar.tradingDay;
    c['open']![i] = bar.open;
    c['high']![i] = bar.high;
    c['low']![i] = bar.low;
    c['close']![i] = bar.close;
    c['volume']![i] = bar.volume;
    c['openInterest']![i] = bar.openInterest;
    this.commit();
  }

  pushTick(this: ColumnsBuilder<'tick'>, tick: Tick): void {
    const c = this.reserve();
    const i = this.length;
    for (const f of TICK_FIELDS) c[f]![i] = tick[f];
    this.commit();
  }

  /** The rows so far (views: copy them before pushing more if they must be kept). */
  columns(): ColumnsOf[K] {
    return sliceColumns(this.kind, this.cols as unknown as ColumnsOf[K], 0, this.length);
  }

  /** Starts empty again, keeping the buffers (rows handed out by `columns()` are overwritten by the next ones). */
  clear(): void {
    this.length = 0;
  }

  /** Hands out a copy of the rows and starts empty, keeping its buffers for the next rows. */
  take(): ColumnsOf[K] {
    const out = copyColumns(this.kind, this.columns());
    this.length = 0;
    return out;
  }
}

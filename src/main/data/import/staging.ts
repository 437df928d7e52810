import type { ImportedSeries } from '../../../shared/ipc/data';
import { decodeChunkInto, encodeChunk } from '../chunk-codec';
import type { MarketStore } from '../market-store';
import { allocColumns, asRecord, mergeColumns, type ColumnsOf, type SeriesKind } from '../series';

interface Entry<K extends SeriesKind> {
  readonly symbol: string;
  readonly period: string;
  readonly chunk: number;
  cols: ColumnsOf[K];
}

/**
 * Where an import keeps its rows until the whole file has been read: in memory up to a limit, then spilled to the
 * market_stage table in small transactions. Only `commit` touches the store, in one transaction, so a failed or
 * cancelled import leaves the store as it was; `discard` (or the next start's cleanup) removes the spill.
 */
export class ImportStaging<K extends SeriesKind> {
  private readonly memory = new Map<string, Entry<K>>();
  private memoryRows = 0;
  private readonly spilled = new Set<string>();
  private readonly stmt;

  constructor(
    private readonly store: MarketStore,
    readonly job: string,
    readonly kind: K,
    private readonly memoryLimitRows: number,
  ) {
    const db = store.db;
    this.stmt = {
      get: db.prepare('SELECT count, data FROM market_stage WHERE job = ? AND symbol = ? AND period = ? AND chunk = ?').raw(true),
      put: db.prepare('INSERT OR REPLACE INTO market_stage (job, symbol, period, chunk, count, data) VALUES (?, ?, ?, ?, ?, ?)'),
      discard: db.prepare('DELETE FROM market_stage WHERE job = ?'),
    };
  }

  private key(symbol: string, period: string, chunk: number): string {
    return `${symbol}\u0000${period}\u0000${chunk}`;
  }

  /** The rows staged so far for a chunk (for duplicate checks of files that are not in time order). */
  get(symbol: string, period: string, chunk: number): ColumnsOf[K] | undefined {
    const k = this.key(symbol, period, chunk);
    const m = this.memory.get(k);
    if (m !== undefined) return m.cols;
    if (!this.spilled.has(k)) return undefined;
    const row = this.stmt.get.get(this.job, symbol, period, chunk) as [number, Buffer] | undefined;
    if (row === undefined) return undefined;
    const out = allocColumns(this.kind, row[0]);
    decodeChunkInto(this.kind, row[1], asRecord(out), 0);
    return out;
  }

  /** Stages the sorted rows of one chunk (replacing what was staged for it: the caller merged). */
  put(symbol: string, period: string, chunk: number, cols: ColumnsOf[K]): void {
    const k = this.key(symbol, period, chunk);
    const prev = this.memory.get(k);
    if (prev !== undefined) this.memoryRows -= prev.cols.length;
    this.memory.set(k, { symbol, period, chunk, cols });
    this.memoryRows += cols.length;
    if (this.memoryRows > this.memoryLimitRows) this.spill();
  }

  private spill(): void {
    this.store.transaction(() => {
      for (const [k, e] of this.memory) {
        this.stmt.put.run(this.job, e.symbol, e.period, e.chunk, e.cols.length, encodeChunk(this.kind, e.cols));
        this.spilled.add(k);
      }
    });
    this.memory.clear();
    this.memoryRows = 0;
  }

  /** Writes everything staged into the store in one transaction; returns what it did per series. */
  commit(): ImportedSeries[] {
    const stats = new Map<string, { symbol: string; period: string; rows: number; firstTime: number; lastTime: number; added: number; replaced: number; unchanged: number }>();
    const apply = (symbol: string, period: string, chunk: number, cols: ColumnsOf[K]): void => {
      if (cols.length === 0) return;
      const s = this.store.mergeChunk(this.kind, symbol, period, chunk, cols);
      const key = `${symbol}\u0000${period}`;
      let st = stats.get(key);
      if (st === undefined) stats.set(key, (st = { symbol, period, rows: 0, firstTime: Infinity, lastTime: -Infinity, added: 0, replaced: 0, unchanged: 0 }));
      st.rows += cols.length;
      st.firstTime = Math.min(st.firstTime, cols.time[0]!);
      st.lastTime = Math.max(st.lastTime, cols.time[cols.length - 1]!);
      st.added += s.added;
      st.replaced += s.replaced;
      st.unchanged += s.unchanged;
    };
    this.store.transaction(() => {
      for (const k of this.spilled) {
        if (this.memory.has(k)) continue;
        const [symbol, period, chunk] = k.split('\u0000') as [string, string, string];
        const cols = this.get(symbol, period, Number(chunk));
        if (cols !== undefined) apply(symbol, period, Number(chunk), cols);
      }
      for (const e of this.memory.values()) apply(e.symbol, e.period, e.chunk, e.cols);
      this.stmt.discard.run(this.job);
    });
    this.memory.clear();
    this.spilled.clear();
    return [...stats.values()].sort((a, b) => a.symbol.localeCompare(b.symbol) || a.period.localeCompare(b.period));
  }

  discard(): void {
    this.memory.clear();
    this.memoryRows = 0;
    if (this.spilled.size > 0) this.stmt.discard.run(this.job);
    this.spilled.clear();
  }

  /** Merges incoming rows into what is staged for their chunk, for callers that already removed duplicates. */
  add(symbol: string, period: string, chunk: number, cols: ColumnsOf[K]): void {
    const prior = this.get(symbol, period, chunk);
    this.put(symbol, period, chunk, prior === undefined ? cols : mergeColumns(this.kind, prior, cols).merged);
  }
}

/** Removes the spill of imports that never finished (a crash); jobs are named imp-<start ms>-<random>. */
export function cleanStaleStaging(store: MarketStore, olderThanMs = 6 * 3600_000, now = Date.now()): number {
  const jobs = store.db.prepare('SELECT DISTINCT job FROM market_stage').pluck().all() as string[];
  let n = 0;
  for (const job of jobs) {
    const started = Number(/^imp-(\d+)-/.exec(job)?.[1] ?? 0);
    if (now - started > olderThanMs) n += store.db.prepare('DELETE FROM market_stage WHERE job = ?').run(job).changes;
  }
  return n;
}

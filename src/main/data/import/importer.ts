import fs from 'node:fs';
import type { BadRow, DataMessage, DataMessageCode, ImportField, ImportMapping, ImportPreview, ImportResult } from '../../../shared/ipc/data';
import { dataMessage, FIELD_ZH } from '../../../shared/ipc/data';
import { formatShanghai, shanghaiDate, shanghaiMinuteOfDay } from '../../../shared/model/time';
import type { ContractRegistry } from '../../trading/contracts';
import { SessionGrid } from '../../strategy/bar-generator';
import { DataError } from '../data-error';
import { chunkOf, TICK_PERIOD, type MarketStore } from '../market-store';
import { formatPeriod, parsePeriod, type PeriodSpec } from '../period';
import { ColumnsBuilder, lowerBound, pickRows, type ColumnRecord, type SeriesKind } from '../series';
import { resolveSeries, type SeriesId } from '../series-id';
import { detectLayout, splitCells, type Detection } from './detect';
import { cellShape } from './datetime';
import { ParsedRow, RowParser, V } from './rows';
import { ImportStaging } from './staging';
import { decideTimeLabel, timeLabelEvidence } from './time-label';
import { headLines, readLines, sniffFile } from './text-source';

export interface ImportOptions {
  /** The series to store the rows as (SHFE.rb2505, KQ.m@SHFE.rb, rb888); told from the file when omitted. */
  readonly symbol?: string;
  /** 1m, 5m, 1h, 1d ...; told from the rows' spacing when omitted. */
  readonly period?: string;
  /** A mapping the user corrected in the preview; detected when omitted. */
  readonly mapping?: ImportMapping;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { readonly bytes: number; readonly total: number; readonly rows: number; readonly badRows: number }) => void;
  /** Rows kept in memory before the import spills to the staging table (bounds memory on huge files). */
  readonly memoryLimitRows?: number;
}

/** What an import will do, worked out from the file's first lines: the preview, and the import's plan. */
export interface ImportPlan {
  readonly file: string;
  readonly size: number;
  readonly format: string;
  readonly mapping: ImportMapping;
  readonly columns: readonly string[];
  readonly head: readonly string[];
  readonly sampleLines: readonly { readonly line: number; readonly text: string }[];
  /** The one series of the file, unless each row names its own (a symbol column). */
  readonly series: SeriesId | undefined;
  readonly perRowSymbol: boolean;
  readonly period: PeriodSpec | 'tick' | undefined;
  readonly notes: readonly DataMessage[];
}

const HEAD_LINES = 3000;
const SOURCE_ZH: Readonly<Record<string, string>> = { header: '表头', column: '合约列', title: '标题行', 'file name': '文件名' };
const SAMPLE_ROWS = 2000;
const MAX_BAD_LISTED = 200;
/** After this many data lines, an import whose rows are nearly all bad stops: the mapping or the file is wrong. */
const EARLY_CHECK_LINES = 2000;
const OPEN_CHUNKS = 8;


function statOrThrow(file: string): fs.Stats {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new DataError('FILE_NOT_FOUND', { file });
    return st;
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError('FILE_NOT_FOUND', { file });
  }
}

function seriesOrThrow(contracts: ContractRegistry, text: string, code: DataMessageCode = 'BAD_SYMBOL'): SeriesId {
  const s = resolveSeries(contracts, text);
  if ('error' in s) throw new DataError(code, { detail: s.error });
  return s;
}

/** The spacing most rows keep, in ms (the bar period), from times in file order. */
function commonSpacing(times: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: number | undefined;
  let n = 0;
  for (const [d, c] of counts) if (c > n || (c === n && d < best!)) [best, n] = [d, c];
  return best;
}

/**
 * Whether night rows are dated by the calendar or by their trading day, from rows in file order: a night row
 * followed by the next morning's row of the same date means trading-day dating.
 */
function detectNightDating(times: readonly number[]): { dating: 'calendar' | 'tradingDay'; example: string } | undefined {
  let calendar = 0;
  let trading = 0;
  let example = '';
  for (let i = 0; i + 1 < times.length; i++) {
    const a = shanghaiMinuteOfDay(times[i]!);
    const b = shanghaiMinuteOfDay(times[i + 1]!);
    if (a < 18 * 60 || b < 6 * 60 || b >= 18 * 60) continue;
    const da = shanghaiDate(times[i]!);
    const db = shanghaiDate(times[i + 1]!);
    if (db === da) {
      trading++;
      example ||= formatShanghai(times[i]!, false);
    } else if (db > da) calendar++;
  }
  if (calendar === 0 && trading === 0) return undefined;
  return { dating: trading > calendar ? 'tradingDay' : 'calendar', example };
}

/** Works out the plan of an import from the file's first lines (what the preview shows). */
export function planImport(contracts: ContractRegistry, file: string, opts: Pick<ImportOptions, 'symbol' | 'period' | 'mapping'> = {}): ImportPlan {
  const st = statOrThrow(file);
  if (st.size === 0) throw new DataError('FILE_EMPTY', { file });
  const sniff = sniffFile(file);
  if (sniff.binary && opts.mapping === undefined) throw new DataError('FILE_BINARY', { file });
  const encoding = opts.mapping?.encoding ?? sniff.encoding;
  const head = headLines(file, encoding, HEAD_LINES);
  let detection: Detection | undefined;
  try {
    detection = detectLayout(head, file, encoding);
  } catch (e) {
    if (opts.mapping === undefined) throw e;
  }
  const notes: DataMessage[] = [...(detection?.notes ?? [])];
  let mapping: ImportMapping = opts.mapping ?? detection!.mapping;
  const width = Math.max(0, ...head.slice(mapping.dataStart, mapping.dataStart + 50).map((l) => splitCells(l, mapping.delimiter).length));
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (column !== undefined && column >= width) throw new DataError('MAPPING_COLUMN', { field, fieldZh: FIELD_ZH[field as ImportField] ?? field, column: column + 1, count: width });
  }
  const columns = detection?.columns ?? Array.from({ length: width }, (_, i) => `col${i + 1}`);
  const sampleLines: { line: number; text: string }[] = [];
  for (let i = mapping.dataStart; i < head.length && sampleLines.length < SAMPLE_ROWS; i++) {
    if (head[i]!.trim() !== '') sampleLines.push({ line: i + 1, text: head[i]! });
  }

  // The series: given, or one symbol column value for the whole file, or a hint from the header, title or name.
  let series: SeriesId | undefined;
  let perRowSymbol = false;
  if (opts.symbol !== undefined) series = seriesOrThrow(contracts, opts.symbol);
  else {
    const symCol = mapping.columns.symbol;
    if (symCol !== undefined) {
      // A file with a symbol column (vnpy, a vendor's multi-contract export) is routed row by row, whatever the
      // first lines hold; the preview names the series when the sample has only one.
      const exCol = mapping.columns.exchange;
      const values = new Set(
        sampleLines.map((l) => {
          const c = splitCells(l.text, mapping.delimiter);
          return exCol === undefined ? (c[symCol] ?? '') : `${c[symCol] ?? ''}.${c[exCol] ?? ''}`;
        }),
      );
      perRowSymbol = true;
      const only = values.size === 1 ? resolveSeries(contracts, [...values][0]!) : undefined;
      if (only !== undefined && !('error' in only)) {
        series = only;
        notes.push(dataMessage('NOTE_SYMBOL_FROM', { symbol: only.symbol, source: 'column', sourceZh: SOURCE_ZH['column']! }));
      }
    } else {
      for (const hint of detection?.symbolHints ?? []) {
        const s = resolveSeries(contracts, hint.text);
        if ('error' in s) continue;
        series = s;
        if (detection?.dominantColumn) notes.push(dataMessage('NOTE_CONTINUOUS', { column: detection.dominantColumn, symbol: s.symbol }));
        else notes.push(dataMessage('NOTE_SYMBOL_FROM', { symbol: s.symbol, source: hint.source, sourceZh: SOURCE_ZH[hint.source] ?? hint.source }));
        break;
      }
      if (series === undefined) notes.push(dataMessage('UNKNOWN_SYMBOL'));
    }
  }

  // Times of the sample as if they were start times, to tell the period and the time convention.
  const probe = new RowParser({ ...mapping, timeLabel: 'start', nightDate: 'calendar', checkSessions: false }, { kind: 'minute', minutes: 1 }, contracts.calendar, undefined);
  const row = new ParsedRow();
  const rawTimes: number[] = [];
  let firstProblem: { line: number; message: string } | undefined;
  for (const l of sampleLines) {
    const cells = probe.splitLine(l.text);
    if (probe.parse(cells, row)) rawTimes.push(row.time);
    else if (firstProblem === undefined && !isFooter(cells, mapping)) firstProblem = { line: l.line, message: dataMessage(probe.problem.code, probe.problem.params).message };
  }
  // Not one of the sample's rows can be read: the mapping (or the file) is wrong; say so before reading it through.
  if (rawTimes.length === 0 && firstProblem !== undefined) {
    throw new DataError('MOSTLY_BAD', { checked: sampleLines.length, bad: sampleLines.length, line: firstProblem.line, first: firstProblem.message });
  }
  // Night rows dated by their trading day show up as a night bar followed by a day bar of the same date.
  if (opts.mapping === undefined && mapping.kind === 'bar') {
    const nightDate = detectNightDating(rawTimes);
    if (nightDate !== undefined) {
      mapping = { ...mapping, nightDate: nightDate.dating };
      if (nightDate.dating === 'tradingDay') notes.push(dataMessage('NOTE_NIGHT_DATE', { example: nightDate.example }));
    }
  }
  const times: number[] = [];
  if (mapping.nightDate === 'calendar') times.push(...rawTimes);
  else {
    const p2 = new RowParser({ ...mapping, timeLabel: 'start', checkSessions: false }, { kind: 'minute', minutes: 1 }, contracts.calendar, undefined);
    for (const l of sampleLines) if (p2.parse(p2.splitLine(l.text), row)) times.push(row.time);
  }

  let period: PeriodSpec | 'tick' | undefined;
  if (mapping.kind === 'tick') period = 'tick';
  else if (opts.period !== undefined) {
    period = parsePeriod(opts.period);
    if (period === undefined) throw new DataError('BAD_PERIOD', { period: opts.period });
  } else if (times.length >= 2) {
    const midnight = times.every((t) => (t + 8 * 3600_000) % 86_400_000 === 0);
    const spacing = commonSpacing(times);
    if (midnight) period = { kind: 'day' };
    else if (spacing !== undefined && spacing % 60_000 === 0) period = parsePeriod(`${spacing / 60_000}m`);
  }
  if (period === undefined) notes.push(dataMessage('UNKNOWN_PERIOD'));

  // Start or end times: bars stamped at a session's close (15:00, 23:00) and never at its open are end-labelled.
  if (opts.mapping === undefined && period !== undefined && period !== 'tick' && period.kind === 'minute' && series !== undefined) {
    const evidence = timeLabelEvidence(times, new SessionGrid(series.product));
    const label = decideTimeLabel(evidence) ?? detection?.timeLabelHint ?? 'start';
    if (decideTimeLabel(evidence) === undefined) notes.push(dataMessage('NOTE_TIME_LABEL_GUESSED', { label, labelZh: label === 'end' ? '结束时间' : '开始时间' }));
    else if (label === 'end') notes.push(dataMessage('NOTE_TIME_LABEL_END', { example: evidence.endExample }));
    mapping = { ...mapping, timeLabel: label };
  }
  return {
    file,
    size: st.size,
    format: detection?.format ?? 'plain',
    mapping,
    columns,
    head: head.slice(0, 30),
    sampleLines,
    series,
    perRowSymbol,
    period,
    notes,
  };
}

/** The preview of an import: the detected layout, the first rows as they will be stored, and the sample's bad rows. */
export function previewImport(contracts: ContractRegistry, file: string, opts: Pick<ImportOptions, 'symbol' | 'period' | 'mapping'> = {}): ImportPreview {
  const plan = planImport(contracts, file, opts);
  const bars: ImportPreview['bars'][number][] = [];
  const bad: BadRow[] = [];
  const parser = new RowParser(plan.mapping, plan.period ?? { kind: 'minute', minutes: 1 }, contracts.calendar, plan.series?.product);
  const row = new ParsedRow();
  for (const l of plan.sampleLines) {
    const cells = parser.splitLine(l.text);
    if (parser.parse(cells, row)) {
      if (bars.length < 20) bars.push(previewRow(plan.mapping, row));
    } else if (!isFooter(cells, plan.mapping) && bad.length < 20) {
      bad.push({ line: l.line, reason: dataMessage(parser.problem.code, parser.problem.params), text: l.text.slice(0, 200) });
    }
    if (bars.length >= 20 && bad.length >= 20) break;
  }
  const preview: ImportPreview = {
    file,
    size: plan.size,
    format: plan.format,
    mapping: plan.mapping,
    columns: plan.columns,
    head: plan.head,
    sample: plan.sampleLines.slice(0, 20).map((l) => splitCells(l.text, plan.mapping.delimiter)),
    bars,
    bad,
    notes: plan.notes,
  };
  const symbol = plan.series?.symbol;
  const period = plan.period === undefined ? undefined : plan.period === 'tick' ? TICK_PERIOD : formatPeriod(plan.period);
  return { ...preview, ...(symbol !== undefined ? { symbol } : {}), ...(period !== undefined ? { period } : {}) };
}

function previewRow(mapping: ImportMapping, row: ParsedRow): ImportPreview['bars'][number] {
  const v = row.values;
  const price = mapping.kind === 'bar' ? null : v[V.last]!;
  return {
    time: row.time,
    tradingDay: row.tradingDay,
    open: price ?? v[V.open]!,
    high: price ?? v[V.high]!,
    low: price ?? v[V.low]!,
    close: price ?? v[V.close]!,
    volume: Number.isNaN(v[V.volume]!) ? 0 : v[V.volume]!,
    openInterest: Number.isNaN(v[V.openInterest]!) ? 0 : v[V.openInterest]!,
  };
}

/** A trailing or interleaved text line that is not a row (通达信's "数据来源:通达信", comments). */
function isFooter(cells: readonly string[], mapping: ImportMapping): boolean {
  if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) return true;
  if (cells[0]!.startsWith('#')) return true;
  const timeCol = mapping.columns.datetime ?? mapping.columns.date ?? 0;
  const shape = cellShape(cells[timeCol] ?? '');
  return cells.length < 3 && shape !== 'date' && shape !== 'datetime';
}

/** Rows of one chunk being gathered, with the line each came from. */
class ChunkRows<K extends SeriesKind> {
  readonly rows: ColumnsBuilder<K>;
  lines = new Int32Array(256);
  lastTime = -Infinity;
  lastLine = 0;
  sorted = true;
  touched = 0;

  constructor(kind: K) {
    this.rows = new ColumnsBuilder(kind, 256);
  }

  pushLine(line: number): void {
    const i = this.rows.length - 1;
    if (i >= this.lines.length) {
      const next = new Int32Array(this.lines.length * 2);
      next.set(this.lines);
      this.lines = next;
    }
    this.lines[i] = line;
  }
}

interface BadLog {
  count: number;
  readonly list: BadRow[];
  readonly byReason: Record<string, number>;
}

function logBad(log: BadLog, line: number, code: DataMessageCode, params: Record<string, string | number>, text: string): void {
  log.count++;
  log.byReason[code] = (log.byReason[code] ?? 0) + 1;
  if (log.list.length < MAX_BAD_LISTED) log.list.push({ line, reason: dataMessage(code, params), text: text.slice(0, 200) });
}

/** Gathers the rows of one series into chunks and hands complete chunks to the staging area. */
class SeriesRows<K extends SeriesKind> {
  private readonly open = new Map<number, ChunkRows<K>>();
  private tick = 0;

  constructor(
    readonly kind: K,
    readonly symbol: string,
    readonly period: string,
    private readonly staging: ImportStaging<K>,
    private readonly bad: BadLog,
  ) {}

  add(row: ParsedRow, line: number): void {
    const chunk = chunkOf(this.period, row.tradingDay);
    let c = this.open.get(chunk);
    if (c === undefined) {
      if (this.open.size >= OPEN_CHUNKS) this.finishOldest();
      c = new ChunkRows(this.kind);
      this.open.set(chunk, c);
    }
    c.touched = ++this.tick;
    if (row.time === c.lastTime) {
      logBad(this.bad, line, 'ROW_DUPLICATE', { time: formatShanghai(row.time), first: c.lastLine }, '');
      return;
    }
    if (row.time < c.lastTime) c.sorted = false;
    else {
      c.lastTime = row.time;
      c.lastLine = line;
    }
    writeRow(c.rows, row);
    c.pushLine(line);
  }

  private finishOldest(): void {
    let oldest: number | undefined;
    let t = Infinity;
    for (const [k, c] of this.open) if (c.touched < t) [oldest, t] = [k, c.touched];
    if (oldest !== undefined) this.finish(oldest);
  }

  finishAll(): void {
    for (const k of [...this.open.keys()]) this.finish(k);
  }

  private finish(chunk: number): void {
    const c = this.open.get(chunk)!;
    this.open.delete(chunk);
    let cols = c.rows.columns();
    let lines = c.lines.subarray(0, cols.length);
    if (!c.sorted) {
      // Rows out of time order: sort them, keep the first of equal times (file order), list the others.
      const idx = Array.from({ length: cols.length }, (_, i) => i);
      idx.sort((a, b) => cols.time[a]! - cols.time[b]! || lines[a]! - lines[b]!);
      const keep: number[] = [];
      for (const i of idx) {
        const prev = keep[keep.length - 1];
        if (prev !== undefined && cols.time[prev] === cols.time[i]) {
          logBad(this.bad, lines[i]!, 'ROW_DUPLICATE', { time: formatShanghai(cols.time[i]!), first: lines[prev]! }, '');
        } else keep.push(i);
      }
      cols = pickRows(this.kind, cols, keep);
      lines = Int32Array.from(keep, (i) => lines[i]!);
    }
    const prior = this.staging.get(this.symbol, this.period, chunk);
    if (prior !== undefined) {
      // The same day met again later in the file: rows at times already taken are duplicates.
      const keep: number[] = [];
      for (let i = 0; i < cols.length; i++) {
        const t = cols.time[i]!;
        const j = lowerBound(prior.time, t);
        if (j < prior.length && prior.time[j] === t) logBad(this.bad, lines[i]!, 'ROW_DUPLICATE', { time: formatShanghai(t), first: '?' }, '');
        else keep.push(i);
      }
      if (keep.length < cols.length) cols = pickRows(this.kind, cols, keep);
      this.staging.add(this.symbol, this.period, chunk, cols);
    } else this.staging.put(this.symbol, this.period, chunk, cols);
  }
}

function zeroIfNaN(x: number): number {
  return Number.isNaN(x) ? 0 : x;
}

function writeRow<K extends SeriesKind>(b: ColumnsBuilder<K>, row: ParsedRow): void {
  const c: ColumnRecord = b.reserve();
  const i = b.length;
  const v = row.values;
  c['time']![i] = row.time;
  c['tradingDay']![i] = row.tradingDay;
  if (b.kind === 'bar') {
    c['open']![i] = v[V.open]!;
    c['high']![i] = v[V.high]!;
    c['low']![i] = v[V.low]!;
    c['close']![i] = v[V.close]!;
    c['volume']![i] = zeroIfNaN(v[V.volume]!);
    c['openInterest']![i] = zeroIfNaN(v[V.openInterest]!);
  } else {
    c['last']![i] = v[V.last]!;
    c['bid']![i] = v[V.bid]!;
    c['bidVolume']![i] = zeroIfNaN(v[V.bidVolume]!);
    c['ask']![i] = v[V.ask]!;
    c['askVolume']![i] = zeroIfNaN(v[V.askVolume]!);
    c['volume']![i] = zeroIfNaN(v[V.volume]!);
    c['turnover']![i] = zeroIfNaN(v[V.turnover]!);
    c['openInterest']![i] = zeroIfNaN(v[V.openInterest]!);
    c['open']![i] = v[V.open]!;
    c['high']![i] = v[V.high]!;
    c['low']![i] = v[V.low]!;
    for (const f of ['preSettlement', 'preClose', 'preOpenInterest', 'limitUp', 'limitDown']) c[f]![i] = Number.NaN;
  }
  b.commit();
}

let jobCounter = 0;

/**
 * Imports a trader's file into the store: streamed in batches of lines (memory bounded whatever the size), each row
 * checked, bad rows counted and listed with their line numbers, and the good rows written in one transaction at the
 * end, merged with what is stored. A file that is not market data is refused before anything is read in full; a
 * failed or cancelled import writes nothing.
 */
export async function importFile(store: MarketStore, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  const contracts = store.contracts;
  const plan = planImport(contracts, file, opts);
  if (plan.series === undefined && !plan.perRowSymbol) throw new DataError('UNKNOWN_SYMBOL');
  if (plan.period === undefined) throw new DataError('UNKNOWN_PERIOD');
  const period = plan.period;
  const periodKey = period === 'tick' ? TICK_PERIOD : formatPeriod(period);
  const kind: SeriesKind = plan.mapping.kind;
  const job = `imp-${Date.now()}-${process.pid}-${++jobCounter}`;
  const staging = new ImportStaging(store, job, kind, opts.memoryLimitRows ?? 1_000_000);
  const bad: BadLog = { count: 0, list: [], byReason: {} };
  const parsers = new Map<string, RowParser>();
  const parserFor = (s: SeriesId | undefined): RowParser => {
    const key = s ? `${s.product.exchange}.${s.product.product}` : '';
    let p = parsers.get(key);
    if (p === undefined) parsers.set(key, (p = new RowParser(plan.mapping, period, contracts.calendar, s?.product)));
    return p;
  };
  const seriesRows = new Map<string, SeriesRows<SeriesKind>>();
  const rowsFor = (symbol: string): SeriesRows<SeriesKind> => {
    let r = seriesRows.get(symbol);
    if (r === undefined) seriesRows.set(symbol, (r = new SeriesRows(kind, symbol, periodKey, staging, bad)));
    return r;
  };
  const symbolCache = new Map<string, SeriesId | { error: string }>();
  const row = new ParsedRow();
  let rows = 0;
  let dataLines = 0;
  let skipped = 0;
  let lastLine = 0;
  try {
    for await (const batch of readLines(file, plan.mapping.encoding, opts.signal ? { signal: opts.signal } : {})) {
      if (opts.signal?.aborted) throw new DataError('CANCELLED');
      for (let k = 0; k < batch.lines.length; k++) {
        const lineNo = batch.firstLine + k;
        lastLine = lineNo;
        const text = batch.lines[k]!;
        if (lineNo <= plan.mapping.dataStart) {
          skipped++;
          continue;
        }
        if (text.trim() === '') continue;
        let series = plan.series;
        const parser0 = parserFor(series);
        const cells = parser0.splitLine(text);
        let parser = parser0;
        if (plan.perRowSymbol) {
          // Each row names its contract: resolve it (cached) and check the row against that product's sessions.
          const sc = plan.mapping.columns.symbol!;
          const ec = plan.mapping.columns.exchange;
          const id = ec === undefined ? (cells[sc] ?? '') : `${cells[sc] ?? ''}.${cells[ec] ?? ''}`;
          let s = symbolCache.get(id);
          if (s === undefined) symbolCache.set(id, (s = resolveSeries(contracts, id)));
          if ('error' in s) {
            if (isFooter(cells, plan.mapping)) skipped++;
            else logBad(bad, lineNo, 'ROW_BAD_SYMBOL', { detail: s.error }, text);
            dataLines++;
            continue;
          }
          series = s;
          parser = parserFor(s);
        }
        dataLines++;
        if (!parser.parse(cells, row)) {
          if (isFooter(cells, plan.mapping)) {
            skipped++;
            dataLines--;
          } else logBad(bad, lineNo, parser.problem.code, parser.problem.params, text);
          continue;
        }
        rowsFor(series!.symbol).add(row, lineNo);
        rows++;
      }
      if (dataLines >= EARLY_CHECK_LINES && dataLines - bad.count < dataLines * 0.1 && rows < EARLY_CHECK_LINES / 10) {
        const first = bad.list[0];
        throw new DataError('MOSTLY_BAD', { checked: dataLines, bad: bad.count, line: first?.line ?? 0, first: first?.reason.message ?? '' });
      }
      opts.onProgress?.({ bytes: batch.bytesRead, total: plan.size, rows, badRows: bad.count });
    }
    for (const s of seriesRows.values()) s.finishAll();
    const goodRows = rows - (bad.byReason['ROW_DUPLICATE'] ?? 0);
    if (goodRows <= 0) {
      if (bad.count > 0) {
        const first = bad.list[0]!;
        throw new DataError('MOSTLY_BAD', { checked: dataLines, bad: bad.count, line: first.line, first: first.reason.message });
      }
      throw new DataError('NO_ROWS');
    }
    if (opts.signal?.aborted) throw new DataError('CANCELLED');
    const series = staging.commit();
    return {
      file,
      format: plan.format,
      series,
      lines: lastLine,
      rows: series.reduce((n, s) => n + s.rows, 0),
      badRows: bad.count,
      bad: bad.list,
      badByReason: bad.byReason,
      skippedLines: skipped,
      durationMs: Date.now() - started,
    };
  } catch (e) {
    staging.discard();
    if (opts.signal?.aborted && !(e instanceof DataError)) throw new DataError('CANCELLED');
    throw e;
  }
}


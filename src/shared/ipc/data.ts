import { z } from 'zod';
import { request } from './define';
import { IMPORT_FIELDS, type DataMessageCode } from './data-messages';

/**
 * The market data manager's requests: what is stored (coverage and gaps), imports of traders' files (a preview of the
 * detected layout that the user can correct, then the import with progress), exports, and downloads. Long jobs
 * take a client-chosen `jobId`; their progress arrives as DataProgress events with that id, and `data.cancel` stops
 * them (an import that is cancelled or fails leaves nothing behind).
 */

const symbol = z.string().trim().min(1).max(40);
const period = z.string().regex(/^(\d{1,4}m|\d{1,2}h|1d)$/, 'must be a period such as 1m, 5m, 1h or 1d');
const periodOrTick = z.string().regex(/^(\d{1,4}m|\d{1,2}h|1d|tick)$/, 'must be a period such as 1m, 5m, 1h, 1d, or tick');
const file = z.string().trim().min(1).max(4096);
const jobId = z.string().min(1).max(64);
/** A trading day (yyyymmdd) or epoch ms. */
const bound = z.number().int().nonnegative();
const column = z.number().int().min(0).max(255);

export { IMPORT_FIELDS, FIELD_ZH, dataMessage, formatDataMessage, type DataMessageCode, type ImportField } from './data-messages';

export const importMappingSchema = z.strictObject({
  encoding: z.enum(['utf8', 'gb18030', 'utf16le', 'utf16be']),
  delimiter: z.enum([',', '\t', ';', '|', ' ']),
  /** 0-based index of the first data line; lines before it are titles and the header. */
  dataStart: z.number().int().min(0).max(1000),
  kind: z.enum(['bar', 'tick']),
  /** Which column (0-based) holds each field. */
  columns: z.partialRecord(z.enum(IMPORT_FIELDS), column),
  /** How a date like 05/06/2019 is read: year first, month first (US), or day first. */
  dateOrder: z.enum(['ymd', 'mdy', 'dmy']),
  /** Whether a bar's time is its start (TqSdk, vnpy, TB) or its end (通达信, 文华, MultiCharts, Sina). */
  timeLabel: z.enum(['start', 'end']),
  /**
   * How night-session rows are dated: by the calendar (Friday 21:00 is Friday), or by the trading day they belong to
   * (Friday 21:00 written with Monday's date), as some vendors export.
   */
  nightDate: z.enum(['calendar', 'tradingDay']),
  /** Refuse rows outside the product's trading sessions (uncheck for history older than today's sessions). */
  checkSessions: z.boolean(),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

const importTarget = {
  file,
  symbol: symbol.optional(),
  period: period.optional(),
  mapping: importMappingSchema.optional(),
};

/** A message with a stable code, in the user's language on the client (formatDataMessage). */
export interface DataMessage {
  readonly code: DataMessageCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** The Chinese text, for logs and clients that do not format. */
  readonly message: string;
}

export interface BadRow {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: DataMessage;
  /** The line as it reads (cut to 200 characters). */
  readonly text: string;
}

export interface ImportPreview {
  readonly file: string;
  readonly size: number;
  /** The layout recognised: vnpy, tqsdk, wh6 (文华), tdx (通达信), tb (交易开拓者), multicharts, ricequant, plain. */
  readonly format: string;
  readonly mapping: ImportMapping;
  /** The header's cells (or col1, col2, ... without a header). */
  readonly columns: readonly string[];
  /** The first lines of the file as they read, and the first data rows split into cells. */
  readonly head: readonly string[];
  readonly sample: readonly (readonly string[])[];
  /** The series the rows will be stored as, if it could be told from the file (else the user must say). */
  readonly symbol?: string;
  readonly period?: string;
  /** The first rows as they will be stored (times are bar start times, epoch ms). */
  readonly bars: readonly {
    readonly time: number;
    readonly tradingDay: number;
    readonly open: number;
    readonly high: number;
    readonly low: number;
    readonly close: number;
    readonly volume: number;
    readonly openInterest: number;
  }[];
  /** Sample rows that would be refused, with the reason. */
  readonly bad: readonly BadRow[];
  /** What the user should check (an unknown symbol, a guessed date order ...). */
  readonly notes: readonly DataMessage[];
}

export interface ImportedSeries {
  readonly symbol: string;
  readonly period: string;
  readonly rows: number;
  readonly firstTime: number;
  readonly lastTime: number;
  /** Rows new to the store, rows that replaced a different stored row, rows equal to what was stored. */
  readonly added: number;
  readonly replaced: number;
  readonly unchanged: number;
}

export interface ImportResult {
  readonly file: string;
  readonly format: string;
  readonly series: readonly ImportedSeries[];
  readonly lines: number;
  /** Rows stored (good rows). */
  readonly rows: number;
  readonly badRows: number;
  /** The first bad rows (up to 200), with line numbers and reasons. */
  readonly bad: readonly BadRow[];
  /** Bad rows by reason code. */
  readonly badByReason: Readonly<Record<string, number>>;
  /** Title, header and footer lines that are not rows. */
  readonly skippedLines: number;
  readonly durationMs: number;
}

export type CoverageGap =
  | { readonly kind: 'missingDays'; readonly from: number; readonly to: number; readonly days: number }
  | { readonly kind: 'shortDay'; readonly day: number; readonly expected: number; readonly actual: number };

export interface CoverageEntry {
  readonly symbol: string;
  readonly period: string;
  readonly count: number;
  readonly firstTime: number;
  readonly lastTime: number;
  readonly firstDay: number;
  readonly lastDay: number;
  /** Trading days from the first to the last with data, by the trading calendar. */
  readonly tradingDays: number;
  readonly daysWithData: number;
  readonly missingDays: number;
  /** Intraday bars: days with fewer bars than the product's sessions make. */
  readonly shortDays: number;
  /** The gaps (up to `maxGaps`), when asked for. */
  readonly gaps?: readonly CoverageGap[];
}

export interface ExportResult {
  readonly file: string;
  readonly rows: number;
}

export type DownloadStatus = 'done' | 'upToDate' | 'failed' | 'cancelled';

export interface DownloadItem {
  readonly product: string;
  readonly symbol: string;
  readonly period: string;
  readonly status: DownloadStatus;
  readonly bars: number;
  readonly added: number;
  /** Bars the source sent that failed the row checks (outside sessions, high below low ...). */
  readonly rejected?: number;
  readonly error?: string;
}

/** A roll of a main-contract series: from this trading day on, `to` is the main contract. */
export interface ContinuousRoll {
  readonly tradingDay: number;
  /** '' for the series' first contract. */
  readonly from: string;
  readonly to: string;
  /** Both contracts' closes on the last trading day before the roll (what back-adjustment uses). */
  readonly fromClose: number;
  readonly toClose: number;
}

export interface ContinuousResult {
  /** The main series (KQ.m@SHFE.rb) and the index (KQ.i@SHFE.rb). */
  readonly main: string;
  readonly index: string;
  readonly rolls: readonly ContinuousRoll[];
  readonly periods: readonly { readonly period: string; readonly mainRows: number; readonly indexRows: number }[];
}

export interface DownloadResult {
  readonly items: readonly DownloadItem[];
}

/** Progress of a long job, pushed to the client that started it. */
export interface DataProgress {
  readonly jobId: string;
  readonly job: 'import' | 'download' | 'export';
  readonly done: number;
  readonly total: number;
  /** bytes for imports, series for downloads, rows for exports. */
  readonly unit: 'bytes' | 'items' | 'rows';
  readonly rows?: number;
  readonly badRows?: number;
  /** What is being worked on (a product, a file). */
  readonly current?: string;
}

export const dataRequests = {
  'data.coverage': request<readonly CoverageEntry[]>()(
    z.strictObject({
      symbol: symbol.optional(),
      period: periodOrTick.optional(),
      gaps: z.boolean().optional(),
      maxGaps: z.number().int().min(1).max(10_000).optional(),
    }),
  ),
  'data.importPreview': request<ImportPreview>()(z.strictObject(importTarget)),
  'data.import': request<ImportResult>()(z.strictObject({ ...importTarget, jobId: jobId.optional() })),
  'data.export': request<ExportResult>()(
    z.strictObject({ symbol, period: periodOrTick, file, from: bound.optional(), to: bound.optional(), jobId: jobId.optional() }),
  ),
  'data.download': request<DownloadResult>()(
    z.strictObject({
      /** Product codes (rb, TA, IF); all listed products when omitted. */
      products: z.array(z.string().trim().min(1).max(4)).max(200).optional(),
      periods: z.array(z.enum(['1d', '1m'])).min(1).max(2).optional(),
      jobId: jobId.optional(),
    }),
  ),
  'data.continuous': request<ContinuousResult>()(
    z.strictObject({
      /** A product code (rb, TA): its stored contracts make the main series and the index. */
      product: z.string().trim().min(1).max(4),
      basis: z.enum(['openInterest', 'volume']).optional(),
      confirmDays: z.number().int().min(1).max(20).optional(),
      threshold: z.number().min(1).max(3).optional(),
    }),
  ),
  'data.cancel': request<{ readonly cancelled: boolean }>()(z.strictObject({ jobId })),
  'data.delete': request<{ readonly chunks: number }>()(
    z.strictObject({ symbol, period: periodOrTick, fromDay: bound.optional(), toDay: bound.optional() }),
  ),
} as const;

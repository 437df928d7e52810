import path from 'node:path';
import type {
  ContinuousResult,
  CoverageEntry,
  DataProgress,
  DownloadResult,
  ExportResult,
  ImportMapping,
  ImportPreview,
  ImportResult,
  dataRequests,
} from '../../shared/ipc/data';
import type { HandlerMap } from '../api/service';
import { ContractRegistry } from '../trading/contracts';
import { DEFAULT_ROLL_RULE, productContracts, rebuildContinuous, type RollRule } from './continuous';
import { coverage } from './coverage';
import { DataError } from './data-error';
import { openDatabase, type Db } from './db';
import { downloadMain, type DownloadOptions } from './download/downloader';
import { exportCsv } from './export';
import { importFile, previewImport } from './import/importer';
import { cleanStaleStaging } from './import/staging';
import { MarketStore, TICK_PERIOD } from './market-store';
import { canonicalPeriod } from './period';
import { findProduct, resolveSeries } from './series-id';

export type ProgressSink = (p: DataProgress) => void;

interface ImportParams {
  readonly file: string;
  readonly symbol?: string | undefined;
  readonly period?: string | undefined;
  readonly mapping?: ImportMapping | undefined;
}

/** Settings of downloads the API does not expose (the source's address, politeness). */
export type DownloadSettings = Omit<DownloadOptions, 'products' | 'periods' | 'signal' | 'onProgress'>;

/**
 * The data manager behind the `data.*` requests of the IPC contract, one method per request: the API service
 * validates params against the contract's schemas and calls these; progress of long jobs goes to `onProgress`
 * tagged with the client's jobId, and `cancel` stops a job (an import that stops writes nothing).
 */
export class DataService {
  readonly store: MarketStore;
  private readonly jobs = new Map<string, AbortController>();
  private anonymousJobs = 0;

  /** The data of a profile folder (its terminal.db, the database the trading tables live in). */
  static open(profileDir: string, contracts: ContractRegistry = ContractRegistry.load(), settings: DownloadSettings = {}): DataService {
    return new DataService(openDatabase(path.join(profileDir, 'terminal.db')), contracts, settings);
  }

  constructor(
    readonly db: Db,
    readonly contracts: ContractRegistry,
    private readonly downloadSettings: DownloadSettings = {},
  ) {
    this.store = new MarketStore(db, contracts);
    cleanStaleStaging(this.store);
  }

  /** data.coverage */
  coverage(params: { symbol?: string | undefined; period?: string | undefined; gaps?: boolean | undefined; maxGaps?: number | undefined }): CoverageEntry[] {
    const symbol = params.symbol === undefined ? undefined : this.seriesSymbol(params.symbol);
    const period = params.period === undefined ? undefined : this.periodKey(params.period);
    return coverage(this.store, {
      ...(symbol !== undefined ? { symbol } : {}),
      ...(period !== undefined ? { period } : {}),
      ...(params.gaps !== undefined ? { gaps: params.gaps } : {}),
      ...(params.maxGaps !== undefined ? { maxGaps: params.maxGaps } : {}),
    });
  }

  /** data.importPreview */
  importPreview(params: ImportParams): ImportPreview {
    return previewImport(this.contracts, params.file, optional(params));
  }

  /** data.import */
  async import(params: ImportParams & { jobId?: string | undefined }, onProgress?: ProgressSink): Promise<ImportResult> {
    return this.runJob(params.jobId, async (jobId, signal) =>
      importFile(this.store, params.file, {
        ...optional(params),
        signal,
        onProgress: (p) => onProgress?.({ jobId, job: 'import', done: p.bytes, total: p.total, unit: 'bytes', rows: p.rows, badRows: p.badRows, current: params.file }),
      }),
    );
  }

  /** data.export */
  async export(
    params: { symbol: string; period: string; file: string; from?: number | undefined; to?: number | undefined; jobId?: string | undefined },
    onProgress?: ProgressSink,
  ): Promise<ExportResult> {
    const symbol = this.seriesSymbol(params.symbol);
    return this.runJob(params.jobId, (jobId, signal) =>
      exportCsv(this.store, {
        symbol,
        period: params.period,
        file: params.file,
        ...(params.from !== undefined ? { from: params.from } : {}),
        ...(params.to !== undefined ? { to: params.to } : {}),
        signal,
        onProgress: (p) => onProgress?.({ jobId, job: 'export', done: p.done, total: p.total, unit: 'items', rows: p.rows, current: params.file }),
      }),
    );
  }

  /** data.download */
  async download(
    params: { products?: readonly string[] | undefined; periods?: readonly ('1d' | '1m')[] | undefined; jobId?: string | undefined },
    onProgress?: ProgressSink,
  ): Promise<DownloadResult> {
    return this.runJob(params.jobId, (jobId, signal) =>
      downloadMain(this.store, {
        ...this.downloadSettings,
        ...(params.products !== undefined ? { products: params.products } : {}),
        ...(params.periods !== undefined ? { periods: params.periods } : {}),
        signal,
        onProgress: (p) => onProgress?.({ jobId, job: 'download', done: p.done, total: p.total, unit: 'items', current: p.current }),
      }),
    );
  }

  /** data.continuous */
  continuous(params: { product: string; basis?: RollRule['basis'] | undefined; confirmDays?: number | undefined; threshold?: number | undefined }): ContinuousResult {
    const product = findProduct(this.contracts, params.product);
    if (product === undefined) throw new DataError('BAD_SYMBOL', { detail: `unknown product "${params.product}"` });
    if (productContracts(this.store, product).length === 0) throw new DataError('NO_CONTRACTS', { product: product.product });
    return rebuildContinuous(this.store, product, {
      basis: params.basis ?? DEFAULT_ROLL_RULE.basis,
      confirmDays: params.confirmDays ?? DEFAULT_ROLL_RULE.confirmDays,
      threshold: params.threshold ?? DEFAULT_ROLL_RULE.threshold,
    });
  }

  /** data.cancel */
  cancel(params: { jobId: string }): { cancelled: boolean } {
    const job = this.jobs.get(params.jobId);
    if (job === undefined) return { cancelled: false };
    job.abort(new DataError('CANCELLED'));
    return { cancelled: true };
  }

  /** data.delete */
  delete(params: { symbol: string; period: string; fromDay?: number | undefined; toDay?: number | undefined }): { chunks: number } {
    return { chunks: this.store.deleteSeries(this.seriesSymbol(params.symbol), this.periodKey(params.period), params.fromDay, params.toDay) };
  }

  private async runJob<T>(jobId: string | undefined, fn: (jobId: string, signal: AbortSignal) => Promise<T>): Promise<T> {
    const id = jobId ?? `job-${++this.anonymousJobs}`;
    if (this.jobs.has(id)) throw new DataError('JOB_RUNNING', { jobId: id });
    const ctl = new AbortController();
    this.jobs.set(id, ctl);
    try {
      return await fn(id, ctl.signal);
    } finally {
      this.jobs.delete(id);
    }
  }

  private seriesSymbol(text: string): string {
    const s = resolveSeries(this.contracts, text);
    if ('error' in s) throw new DataError('BAD_SYMBOL', { detail: s.error });
    return s.symbol;
  }

  private periodKey(text: string): string {
    if (text === TICK_PERIOD) return text;
    const p = canonicalPeriod(text);
    if (p === undefined) throw new DataError('BAD_PERIOD', { period: text });
    return p;
  }
}

function optional(p: ImportParams): { symbol?: string; period?: string; mapping?: ImportMapping } {
  return {
    ...(p.symbol !== undefined ? { symbol: p.symbol } : {}),
    ...(p.period !== undefined ? { period: p.period } : {}),
    ...(p.mapping !== undefined ? { mapping: p.mapping } : {}),
  };
}

/**
 * The `data.*` handlers of the API over a DataService, for the API's handler map (`...dataHandlers(service, sink)`);
 * `onProgress` receives every job's progress, to be pushed to the clients.
 */
export function dataHandlers(service: DataService, onProgress?: ProgressSink): Pick<HandlerMap, keyof typeof dataRequests> {
  return {
    'data.coverage': (p) => service.coverage(p),
    'data.importPreview': (p) => service.importPreview(p),
    'data.import': (p) => service.import(p, onProgress),
    'data.export': (p) => service.export(p, onProgress),
    'data.download': (p) => service.download(p, onProgress),
    'data.continuous': (p) => service.continuous(p),
    'data.cancel': (p) => service.cancel(p),
    'data.delete': (p) => service.delete(p),
  };
}

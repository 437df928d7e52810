import type { z } from 'zod';
import type {
  BacktestComparison,
  BacktestProgress,
  BacktestResult,
  BacktestRunSummary,
  OptimizationResult,
  ReportFile,
  WalkForwardResult,
} from '../../shared/ipc/backtest';
import type { backtestRequests } from '../../shared/ipc/backtest';
import type { Db } from '../data/db';
import { MarketStore } from '../data/market-store';
import type { ContractRegistry } from '../trading/contracts';
import { BacktestError } from './errors';
import { reportFile } from './export';
import { BacktestHistory } from './history';
import { optimize, walkForward } from './optimizer';
import { BacktestPool } from './pool';
import { prepareBacktest, StoreDataSource, type DataSource } from './setup';

type Params<K extends keyof typeof backtestRequests> = z.output<(typeof backtestRequests)[K]['params']>;

export interface BacktestServiceOptions {
  /** The profile database: the history of runs lives there (and the bar store, unless `source` is given). */
  readonly db: Db;
  readonly contracts: ContractRegistry;
  /** Where bars and ticks come from; default the profile's bar store. */
  readonly source?: DataSource;
  /** Worker threads of an optimisation when a request does not say (default every core). */
  readonly workers?: number;
}

/**
 * The backtest workspace's service: one method per request of src/shared/ipc/backtest.ts, progress as callbacks.
 * Runs go to worker threads, so the main process stays responsive however long they take; a job started with a
 * `jobId` can be cancelled by it.
 */
export class BacktestService {
  readonly history: BacktestHistory;
  private readonly source: DataSource;
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly opts: BacktestServiceOptions) {
    this.history = new BacktestHistory(opts.db);
    this.source = opts.source ?? new StoreDataSource(new MarketStore(opts.db, opts.contracts));
  }

  /** Runs a backtest; keeps it in the history unless `keep` is false. A cancelled run is refused (CANCELLED). */
  async run(p: Params<'backtest.run'>, onProgress?: (p: BacktestProgress) => void): Promise<BacktestResult> {
    const prepared = prepareBacktest(p.settings, { contracts: this.opts.contracts, source: this.source });
    const job = this.claim(p.jobId);
    try {
      const pool = await BacktestPool.start(prepared.settings, prepared.data, 1);
      job.attach(() => pool.cancel());
      try {
        const result = await pool.full((done, total) => onProgress?.({ jobId: p.jobId ?? '', job: 'run', done, total }));
        if (result.cancelled) throw new BacktestError('CANCELLED');
        return p.keep ? { ...result, id: this.history.save(result) } : result;
      } finally {
        await pool.close();
      }
    } finally {
      this.release(p.jobId);
    }
  }

  cancel(p: Params<'backtest.cancel'>): { cancelled: boolean } {
    const job = this.jobs.get(p.jobId);
    if (job === undefined) return { cancelled: false };
    job.cancel();
    return { cancelled: true };
  }

  list(p: Params<'backtest.list'>): BacktestRunSummary[] {
    return this.history.list(p);
  }

  get(p: Params<'backtest.get'>): BacktestResult {
    const r = this.history.get(p.id);
    if (r === undefined) throw new BacktestError('NOT_FOUND', { id: p.id }, 'id');
    return r;
  }

  delete(p: Params<'backtest.delete'>): { deleted: boolean } {
    return { deleted: this.history.delete(p.id) };
  }

  compare(p: Params<'backtest.compare'>): BacktestComparison {
    const c = this.history.compare(p.a, p.b);
    if ('missing' in c) throw new BacktestError('NOT_FOUND', { id: c.missing }, c.missing === p.a ? 'a' : 'b');
    return c;
  }

  report(p: Params<'backtest.report'>): ReportFile {
    return reportFile(this.get({ id: p.id }), p.format);
  }

  async optimize(p: Params<'backtest.optimize'>, onProgress?: (p: BacktestProgress) => void): Promise<OptimizationResult> {
    const prepared = prepareBacktest(p.settings, { contracts: this.opts.contracts, source: this.source });
    const job = this.claim(p.jobId);
    try {
      return await optimize(prepared, { ...p.optimization, workers: p.optimization.workers ?? this.opts.workers }, {
        onCancel: (cancel) => job.attach(cancel),
        onProgress: (done, total, best) => onProgress?.({ jobId: p.jobId ?? '', job: 'optimize', done, total, ...(best !== undefined ? { best } : {}) }),
      });
    } finally {
      this.release(p.jobId);
    }
  }

  async walkForward(p: Params<'backtest.walkForward'>, onProgress?: (p: BacktestProgress) => void): Promise<WalkForwardResult> {
    const prepared = prepareBacktest(p.settings, { contracts: this.opts.contracts, source: this.source });
    const job = this.claim(p.jobId);
    try {
      return await walkForward(prepared, { ...p.optimization, workers: p.optimization.workers ?? this.opts.workers }, p.walkForward, {
        onCancel: (cancel) => job.attach(cancel),
        onProgress: (done, total, best) => onProgress?.({ jobId: p.jobId ?? '', job: 'walkForward', done, total, ...(best !== undefined ? { best } : {}) }),
      });
    } finally {
      this.release(p.jobId);
    }
  }

  /** Registers a job under its id, refusing an id already running. */
  private claim(jobId: string | undefined): Job {
    const job = new Job();
    if (jobId === undefined) return job;
    if (this.jobs.has(jobId)) throw new BacktestError('JOB_RUNNING', { jobId }, 'jobId');
    this.jobs.set(jobId, job);
    return job;
  }

  private release(jobId: string | undefined): void {
    if (jobId !== undefined) this.jobs.delete(jobId);
  }
}

/** A running job: a cancel asked for before its workers are up is applied as soon as they are. */
class Job {
  private requested = false;
  private target: (() => void) | undefined;

  cancel(): void {
    this.requested = true;
    this.target?.();
  }

  attach(cancel: () => void): void {
    this.target = cancel;
    if (this.requested) cancel();
  }
}

import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BacktestResult, BacktestSettings, BacktestStatistics } from '../../shared/ipc/backtest';
import type { BacktestMessageCode } from '../../shared/ipc/backtest';
import type { BacktestData } from './driver';
import { BacktestError } from './errors';
import { sizeNursery } from './nursery';

/** What the main thread tells a worker. */
export type ToWorker =
  | { readonly type: 'init'; readonly settings: BacktestSettings; readonly data: readonly BacktestData[]; readonly cancel: SharedArrayBuffer }
  | {
      readonly type: 'stats';
      readonly id: number;
      readonly params: Readonly<Record<string, unknown>>;
      readonly from?: number;
      readonly to?: number;
      readonly daily?: boolean;
    }
  | { readonly type: 'full'; readonly id: number };

export interface WorkerFailure {
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly field?: string;
}

/** What a worker answers. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'stats'; readonly id: number; readonly statistics: BacktestStatistics | undefined; readonly elapsedMs: number; readonly daily?: readonly DayPnl[] }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'full'; readonly id: number; readonly result: BacktestResult }
  | { readonly type: 'error'; readonly id: number; readonly error: WorkerFailure };

/** One run of an optimisation: parameters, and the trading days it covers (default the settings' range). */
export interface StatsTask {
  readonly params: Readonly<Record<string, unknown>>;
  readonly from?: number;
  readonly to?: number;
  /** Also answer the run's daily net P&L (walk-forward tests chain them). */
  readonly daily?: boolean;
}

export interface DayPnl {
  readonly tradingDay: number;
  readonly netPnl: number;
}

export interface StatsAnswer {
  readonly statistics: BacktestStatistics;
  /** The run's own time through the engine, taken in its thread (without the statistics). */
  readonly elapsedMs: number;
  readonly daily?: readonly DayPnl[];
}

/**
 * Starts a worker thread: `file` where given (the bench runs the app's built worker), else the built file beside the
 * main bundle in an app or `npm run cli`
 * (out/main/backtest-worker.js, built by electron.vite.config.ts), or the TypeScript source under tests and tsx.
 * Node 20 does not apply a loader given with --import to a worker's entry, so the source is loaded through tsx's
 * tsImport from a small bootstrap.
 */
export function startWorker(file?: URL): Worker {
  if (file !== undefined) return new Worker(file);
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    const entry = new URL('./worker.ts', self).href;
    const api = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
    return new Worker(boot, { eval: true });
  }
  for (const rel of ['./backtest-worker.js', '../backtest-worker.js']) {
    const url = new URL(rel, self);
    if (fs.existsSync(fileURLToPath(url))) return new Worker(url);
  }
  throw new BacktestError('WORKER', { detail: `backtest-worker.js not found beside ${fileURLToPath(self)}` });
}

/** Copies series into shared memory, so that every worker reads the same bars without a copy of its own. */
export function toShared(data: readonly BacktestData[]): BacktestData[] {
  const share = <T extends Float64Array | Int32Array>(a: T): T => {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
    const out = new Ctor(new SharedArrayBuffer(a.byteLength));
    (out as Float64Array).set(a as Float64Array);
    return out;
  };
  const shareAll = <C extends object>(cols: C): C => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(cols)) out[k] = v instanceof Float64Array || v instanceof Int32Array ? share(v) : v;
    return out as C;
  };
  return data.map((d) => ({
    symbol: d.symbol,
    period: d.period,
    ...(d.bars !== undefined ? { bars: shareAll(d.bars) } : {}),
    ...(d.ticks !== undefined ? { ticks: shareAll(d.ticks) } : {}),
  }));
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

function failure(e: WorkerFailure): BacktestError {
  if (e.params !== undefined && e.code !== 'FAILED') {
    return new BacktestError(e.code as BacktestMessageCode, e.params, e.field);
  }
  return new BacktestError('WORKER', { detail: e.message });
}

interface Slot {
  readonly worker: Worker;
  busy: boolean;
}

/**
 * Worker threads that run backtests of one job (one strategy, one set of data, shared): each loads the strategy once,
 * then takes runs from a queue until it is empty. Cancelling raises a shared flag that running backtests look at
 * every few thousand bars, and no more runs are handed out.
 */
export class BacktestPool {
  private readonly slots: Slot[] = [];
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void; onProgress?: (done: number, total: number) => void }>();
  private closed = false;

  private constructor(readonly size: number) {}

  /**
   * Starts `size` workers on the job (`script`: the worker's, see startWorker); rejects with the first worker's
   * error (a bad strategy file, no data ...).
   */
  static async start(settings: BacktestSettings, data: readonly BacktestData[], size = defaultWorkers(), script?: URL): Promise<BacktestPool> {
    const pool = new BacktestPool(size);
    const shared = toShared(data);
    sizeNursery(size);
    const ready: Promise<void>[] = [];
    for (let k = 0; k < size; k++) {
      const worker = startWorker(script);
      const slot: Slot = { worker, busy: false };
      pool.slots.push(slot);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const onFirst = (m: FromWorker): void => {
            if (m.type === 'ready') resolve();
            else if (m.type === 'error') reject(failure(m.error));
            worker.off('message', onFirst);
            worker.on('message', (msg: FromWorker) => pool.onMessage(msg));
          };
          worker.on('message', onFirst);
          worker.once('error', (e) => reject(new BacktestError('WORKER', { detail: e.message })));
        }),
      );
      worker.on('error', (e) => pool.failAll(new BacktestError('WORKER', { detail: e.message })));
      worker.on('exit', (code) => {
        if (!pool.closed && code !== 0) pool.failAll(new BacktestError('WORKER', { detail: `a worker stopped with code ${code}` }));
      });
      worker.postMessage({ type: 'init', settings, data: shared, cancel: pool.cancelFlag.buffer as SharedArrayBuffer } satisfies ToWorker);
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get cancelled(): boolean {
    return Atomics.load(this.cancelFlag, 0) !== 0;
  }

  /** Stops the runs under way (they end within a few thousand bars) and hands out no more. */
  cancel(): void {
    Atomics.store(this.cancelFlag, 0, 1);
  }

  /**
   * Runs tasks on every worker; `onDone` is called as each finishes. A task that was cancelled has no statistics
   * (undefined), nor do the tasks never started.
   */
  async stats(tasks: readonly StatsTask[], onDone?: (index: number, s: StatsAnswer | undefined) => void): Promise<(StatsAnswer | undefined)[]> {
    const out = new Array<StatsAnswer | undefined>(tasks.length).fill(undefined);
    let next = 0;
    const runOn = async (slot: Slot): Promise<void> => {
      while (next < tasks.length && !this.cancelled) {
        const index = next++;
        const t = tasks[index]!;
        const reply = await this.ask(slot, (id) => ({
          type: 'stats',
          id,
          params: t.params,
          ...(t.from !== undefined ? { from: t.from } : {}),
          ...(t.to !== undefined ? { to: t.to } : {}),
          ...(t.daily === true ? { daily: true } : {}),
        }));
        const s =
          reply.type === 'stats' && reply.statistics !== undefined
            ? { statistics: reply.statistics, elapsedMs: reply.elapsedMs, ...(reply.daily !== undefined ? { daily: reply.daily } : {}) }
            : undefined;
        out[index] = s;
        onDone?.(index, s);
      }
    };
    await Promise.all(this.slots.map(runOn));
    return out;
  }

  /** One full run (the settings' own parameters) on the first worker, with progress in rows. */
  async full(onProgress?: (done: number, total: number) => void): Promise<BacktestResult> {
    const reply = await this.ask(this.slots[0]!, (id) => ({ type: 'full', id }), onProgress);
    if (reply.type !== 'full') throw new BacktestError('WORKER', { detail: `unexpected answer ${reply.type}` });
    return reply.result;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private ask(slot: Slot, make: (id: number) => ToWorker, onProgress?: (done: number, total: number) => void): Promise<FromWorker> {
    const id = this.nextId++;
    slot.busy = true;
    return new Promise<FromWorker>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (m) => {
          slot.busy = false;
          resolve(m);
        },
        reject,
        ...(onProgress !== undefined ? { onProgress } : {}),
      });
      slot.worker.postMessage(make(id));
    });
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'ready') return;
    const p = this.pending.get(m.id);
    if (p === undefined) return;
    if (m.type === 'progress') {
      p.onProgress?.(m.done, m.total);
      return;
    }
    this.pending.delete(m.id);
    if (m.type === 'error') p.reject(failure(m.error));
    else p.resolve(m);
  }

  private failAll(e: Error): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(e);
    }
  }
}

/**
 * A backtest worker thread (BacktestPool): loads the job's strategy once, then runs what it is asked, on the shared
 * data: statistics for an optimisation, or one full result with progress.
 */
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../shared/ipc/define';
import type { BacktestSettings } from '../../shared/ipc/backtest';
import { ContractRegistry } from '../trading/contracts';
import { BacktestError } from './errors';
import type { FromWorker, ToWorker, WorkerFailure } from './pool';
import { statisticsOf } from './result';
import { runPrepared, runToResult } from './run';
import { ColumnsDataSource, loadStrategy, prepareBacktest, type PreparedBacktest } from './setup';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread');

let job: { settings: BacktestSettings; source: ColumnsDataSource; cancel: Int32Array; prepared: Map<string, PreparedBacktest> } | undefined;
const contracts = ContractRegistry.load();

function post(m: FromWorker): void {
  port!.postMessage(m);
}

function failureOf(e: unknown): WorkerFailure {
  if (e instanceof BacktestError) return { code: e.code, message: e.message, params: e.params, ...(e.field !== undefined ? { field: e.field } : {}) };
  if (e instanceof ApiError) return { code: e.code, message: e.message };
  return { code: 'FAILED', message: e instanceof Error ? e.message : String(e) };
}

/** The job prepared for a range of trading days (the settings' own range by default), once per range. */
function prepared(from?: number, to?: number): PreparedBacktest {
  const j = job!;
  const key = `${from ?? ''}-${to ?? ''}`;
  let p = j.prepared.get(key);
  if (p === undefined) {
    const base = j.prepared.get('-');
    const settings = { ...j.settings, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    p = prepareBacktest(settings, { contracts, source: j.source, ...(base !== undefined ? { strategy: base.strategy } : {}) });
    j.prepared.set(key, p);
  }
  return p;
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'init': {
      try {
        const strategy = loadStrategy(m.settings.strategyFile);
        const source = new ColumnsDataSource(m.data);
        job = { settings: m.settings, source, cancel: new Int32Array(m.cancel), prepared: new Map() };
        job.prepared.set('-', prepareBacktest(m.settings, { contracts, source, strategy }));
        post({ type: 'ready' });
      } catch (e) {
        post({ type: 'error', id: 0, error: failureOf(e) });
      }
      return;
    }
    case 'stats': {
      try {
        const cancel = job!.cancel;
        const shouldStop = (): boolean => Atomics.load(cancel, 0) !== 0;
        const p = prepared(m.from, m.to);
        if (shouldStop()) return post({ type: 'stats', id: m.id, statistics: undefined, elapsedMs: 0 });
        const t0 = performance.now();
        const run = runPrepared(p, { shouldStop }, m.params);
        const elapsedMs = performance.now() - t0;
        if (shouldStop()) return post({ type: 'stats', id: m.id, statistics: undefined, elapsedMs });
        const statistics = statisticsOf(run, p.settings, p.data, p.contracts, p.start);
        const daily = m.daily === true ? run.recorder.daily.map((d) => ({ tradingDay: d.tradingDay, netPnl: d.netPnl })) : undefined;
        post({ type: 'stats', id: m.id, statistics, elapsedMs, ...(daily !== undefined ? { daily } : {}) });
      } catch (e) {
        post({ type: 'error', id: m.id, error: failureOf(e) });
      }
      return;
    }
    case 'full': {
      try {
        const cancel = job!.cancel;
        let last = 0;
        const result = runToResult(prepared(), {
          shouldStop: () => Atomics.load(cancel, 0) !== 0,
          onProgress: (done, total) => {
            const now = Date.now();
            if (now - last < 100 && done < total) return;
            last = now;
            post({ type: 'progress', id: m.id, done, total });
          },
        });
        post({ type: 'full', id: m.id, result });
      } catch (e) {
        post({ type: 'error', id: m.id, error: failureOf(e) });
      }
      return;
    }
  }
});

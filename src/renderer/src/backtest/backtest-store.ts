import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  BacktestComparison,
  BacktestProgress,
  BacktestResult,
  BacktestRunSummary,
  BacktestSettingsInput,
  OptimizationResult,
  OptimizationTarget,
  ParamRange,
  WalkForwardResult,
} from '../../../shared/ipc/backtest';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { Services } from '../app/services';
import { toClientError } from '../client/client';
import { emptyForm, type BacktestForm, type RangeForm } from './backtest-model';

export type Section = 'setup' | 'report' | 'history' | 'compare' | 'optimize' | 'walk';

export interface Job {
  readonly id: string;
  readonly kind: 'run' | 'optimize' | 'walkForward';
  readonly done: number;
  readonly total: number;
  readonly best?: number;
  readonly cancelling?: boolean;
}

export interface OptimizeForm {
  readonly ranges: Readonly<Record<string, RangeForm>>;
  readonly method: 'grid' | 'genetic';
  readonly target: OptimizationTarget;
  readonly population: string;
  readonly generations: string;
  readonly seed: string;
  readonly trainDays: string;
  readonly testDays: string;
  readonly stepDays: string;
}

/**
 * The workspace's state lives outside the panel: a run started here goes on, and its report is kept, while the trader
 * looks at another tab (only the shown tab of a group is mounted).
 */
export interface BacktestState {
  readonly section: Section;
  readonly form: BacktestForm;
  readonly job: Job | undefined;
  /** The last job's refusal or failure, worded when shown so that it follows the UI language. */
  readonly error: ApiErrorBody | undefined;
  readonly report: BacktestResult | undefined;
  readonly history: readonly BacktestRunSummary[];
  readonly compareIds: readonly [number | undefined, number | undefined];
  readonly comparison: BacktestComparison | undefined;
  readonly optimize: OptimizeForm;
  readonly optimization: OptimizationResult | undefined;
  readonly walk: WalkForwardResult | undefined;
}

const stores = new WeakMap<Services, StoreApi<BacktestState>>();
let jobSeq = 0;

export function backtestStore(svc: Services): StoreApi<BacktestState> {
  let s = stores.get(svc);
  if (s !== undefined) return s;
  const store = createStore<BacktestState>()(() => ({
    section: 'setup',
    form: emptyForm(),
    job: undefined,
    error: undefined,
    report: undefined,
    history: [],
    compareIds: [undefined, undefined],
    comparison: undefined,
    optimize: { ranges: {}, method: 'grid', target: 'sharpeRatio', population: '20', generations: '5', seed: '1', trainDays: '10', testDays: '5', stepDays: '' },
    optimization: undefined,
    walk: undefined,
  }));
  svc.client.onEvent('backtestProgress', (p: BacktestProgress) => {
    const job = store.getState().job;
    if (job === undefined || job.id !== p.jobId) return;
    store.setState({ job: { ...job, done: p.done, total: p.total, ...(p.best !== undefined ? { best: p.best } : {}) } });
  });
  stores.set(svc, store);
  s = store;
  return s;
}

async function runJob<T>(svc: Services, kind: Job['kind'], call: (jobId: string) => Promise<T>): Promise<T | undefined> {
  const store = backtestStore(svc);
  if (store.getState().job !== undefined) return undefined;
  const id = `bt-${Date.now().toString(36)}-${++jobSeq}`;
  store.setState({ job: { id, kind, done: 0, total: 0 }, error: undefined });
  try {
    return await call(id);
  } catch (e) {
    const err = toClientError(e);
    store.setState({ error: err.code === 'CANCELLED' ? undefined : err });
    if (err.code === 'CANCELLED') svc.notify('info', { key: 'bt.cancelled' });
    return undefined;
  } finally {
    store.setState({ job: undefined });
  }
}

export async function runBacktest(svc: Services, settings: BacktestSettingsInput): Promise<BacktestResult | undefined> {
  const store = backtestStore(svc);
  const result = await runJob(svc, 'run', (jobId) => svc.client.call('backtest.run', { jobId, settings, keep: true }));
  if (result !== undefined) {
    store.setState({ report: result, section: 'report' });
    void loadHistory(svc);
  }
  return result;
}

export async function cancelJob(svc: Services): Promise<void> {
  const store = backtestStore(svc);
  const job = store.getState().job;
  if (job === undefined) return;
  store.setState({ job: { ...job, cancelling: true } });
  try {
    await svc.client.call('backtest.cancel', { jobId: job.id });
  } catch (e) {
    svc.failed('what.btCancel', e);
  }
}

export async function loadHistory(svc: Services): Promise<void> {
  try {
    const history = await svc.client.call('backtest.list', { limit: 500 });
    backtestStore(svc).setState({ history });
  } catch (e) {
    svc.failed('what.btHistory', e);
  }
}

export async function openRun(svc: Services, id: number): Promise<void> {
  try {
    const report = await svc.client.call('backtest.get', { id });
    backtestStore(svc).setState({ report, section: 'report' });
  } catch (e) {
    svc.failed('what.btOpen', e);
  }
}

export async function deleteRun(svc: Services, id: number): Promise<void> {
  try {
    await svc.client.call('backtest.delete', { id });
    const store = backtestStore(svc);
    store.setState((s) => ({
      history: s.history.filter((h) => h.id !== id),
      compareIds: [s.compareIds[0] === id ? undefined : s.compareIds[0], s.compareIds[1] === id ? undefined : s.compareIds[1]],
      report: s.report?.id === id ? undefined : s.report,
    }));
  } catch (e) {
    svc.failed('what.btDelete', e);
  }
}

export async function compareRuns(svc: Services, a: number, b: number): Promise<void> {
  try {
    const comparison = await svc.client.call('backtest.compare', { a, b });
    backtestStore(svc).setState({ comparison, section: 'compare' });
  } catch (e) {
    svc.failed('what.btCompare', e);
  }
}

export interface OptimizationRequest {
  readonly settings: BacktestSettingsInput;
  readonly ranges: ParamRange[];
  readonly form: OptimizeForm;
}

function optimizationOf(r: OptimizationRequest) {
  const f = r.form;
  return {
    method: f.method,
    ranges: r.ranges,
    target: f.target,
    ...(f.method === 'genetic' ? { genetic: { population: Number(f.population), generations: Number(f.generations), seed: Number(f.seed) } } : {}),
  };
}

export async function optimize(svc: Services, r: OptimizationRequest): Promise<void> {
  const result = await runJob(svc, 'optimize', (jobId) => svc.client.call('backtest.optimize', { jobId, settings: r.settings, optimization: optimizationOf(r) }));
  if (result !== undefined) backtestStore(svc).setState({ optimization: result });
}

export async function walkForward(svc: Services, r: OptimizationRequest): Promise<void> {
  const f = r.form;
  const step = f.stepDays.trim() === '' ? undefined : Number(f.stepDays);
  const result = await runJob(svc, 'walkForward', (jobId) =>
    svc.client.call('backtest.walkForward', {
      jobId,
      settings: r.settings,
      optimization: optimizationOf(r),
      walkForward: { trainDays: Number(f.trainDays), testDays: Number(f.testDays), ...(step !== undefined ? { stepDays: step } : {}) },
    }),
  );
  if (result !== undefined) backtestStore(svc).setState({ walk: result });
}

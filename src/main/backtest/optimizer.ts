import type {
  BacktestStatistics,
  Heatmap,
  OptimizationResult,
  OptimizationRow,
  OptimizationSpec,
  WalkForwardResult,
  WalkForwardSpec,
  WalkForwardWindow,
} from '../../shared/ipc/backtest';
import type { ParamValue } from '../strategy/strategy';
import { BacktestError } from './errors';
import { geneticSearch } from './genetic';
import { buildAxes, gridIndices, gridSize, paramsAt, targetValue, type Axis } from './param-space';
import { BacktestPool, defaultWorkers, type StatsAnswer } from './pool';
import type { PreparedBacktest } from './setup';

export interface OptimizeHooks {
  /** Runs done of the runs planned (a genetic search plans population x generations), and the best value so far. */
  readonly onProgress?: (done: number, total: number, best: number | undefined) => void;
  /** Gets the function that cancels the job (called once the workers are up). */
  readonly onCancel?: (cancel: () => void) => void;
}

interface Search {
  readonly rows: OptimizationRow[];
  readonly runs: number;
}

const geneticDefaults = { population: 40, generations: 20, crossoverRate: 0.8, mutationRate: 0.2, elite: 2, seed: 1 };

/** How many runs a search will make at most. */
function plannedRuns(axes: readonly Axis[], spec: OptimizationSpec): number {
  const size = gridSize(axes);
  if (spec.method === 'grid') return size;
  const g = { ...geneticDefaults, ...spec.genetic };
  return Math.min(size, g.population * g.generations);
}

/** One search (grid or genetic) over the axes, on a range of trading days, on the pool's workers. */
async function search(
  pool: BacktestPool,
  axes: readonly Axis[],
  spec: OptimizationSpec,
  fixed: Readonly<Record<string, ParamValue>>,
  range: { from?: number; to?: number },
  onRun: (value: number | undefined) => void,
): Promise<Search> {
  const rows: OptimizationRow[] = [];
  const run = async (points: readonly (readonly number[])[]): Promise<(StatsAnswer | undefined)[]> => {
    const tasks = points.map((g) => ({ params: paramsAt(axes, g, fixed), ...range }));
    return pool.stats(tasks, (_, s) => onRun(s === undefined ? undefined : targetValue(s.statistics, spec.target)));
  };
  const keep = (g: readonly number[], s: BacktestStatistics): number => {
    const value = targetValue(s, spec.target);
    rows.push({ params: paramsAt(axes, g, {}), value, statistics: s });
    return value;
  };
  if (spec.method === 'grid') {
    const size = gridSize(axes);
    const points: number[][] = [];
    for (let i = 0; i < size; i++) points.push(gridIndices(axes, i));
    const answers = await run(points);
    answers.forEach((a, i) => {
      if (a !== undefined) keep(points[i]!, a.statistics);
    });
  } else {
    await geneticSearch(axes, { ...geneticDefaults, ...spec.genetic }, async (batch) => {
      const answers = await run(batch);
      const values = answers.map((a, i) => (a === undefined ? -Infinity : keep(batch[i]!, a.statistics)));
      // Cancelled: what finished is kept, and the search goes no further.
      return pool.cancelled ? undefined : values;
    });
  }
  rows.sort((a, b) => b.value - a.value);
  return { rows, runs: rows.length };
}

/**
 * The target over the first two varied parameters: for each pair of their values, the best run over the other
 * parameters (a grid fills every cell; a genetic search only those it tried, the rest null).
 */
export function heatmapOf(axes: readonly Axis[], rows: readonly OptimizationRow[]): Heatmap | undefined {
  if (axes.length < 2) return undefined;
  const [x, y] = [axes[0]!, axes[1]!];
  const values: (number | null)[][] = y.values.map(() => x.values.map(() => null));
  for (const r of rows) {
    const xi = x.values.indexOf(r.params[x.name]!);
    const yi = y.values.indexOf(r.params[y.name]!);
    if (xi < 0 || yi < 0) continue;
    const cell = values[yi]![xi]!;
    if (cell === null || r.value > cell) values[yi]![xi] = r.value;
  }
  return { x: { name: x.name, values: x.values }, y: { name: y.name, values: y.values }, values };
}

function axesOf(p: PreparedBacktest, spec: OptimizationSpec): Axis[] {
  const axes = buildAxes(p.strategy.cls.params, spec.ranges);
  const runs = plannedRuns(axes, spec);
  if (spec.method === 'grid' && runs > spec.maxRuns) throw new BacktestError('TOO_MANY_RUNS', { runs, max: spec.maxRuns }, 'ranges');
  return axes;
}

/** The parameters that stay fixed: the settings' own values (declared defaults for the rest). */
function fixedParams(p: PreparedBacktest): Record<string, ParamValue> {
  const fixed: Record<string, ParamValue> = {};
  for (const s of p.strategy.cls.params) fixed[s.name] = s.default;
  for (const [k, v] of Object.entries(p.settings.params)) fixed[k] = v;
  return fixed;
}

/**
 * Optimises the parameters of a prepared backtest: a grid over every combination, or a genetic search, on worker
 * threads (every core unless told otherwise), sorted best first by the target.
 */
export async function optimize(p: PreparedBacktest, spec: OptimizationSpec, hooks: OptimizeHooks = {}): Promise<OptimizationResult> {
  const t0 = performance.now();
  const axes = axesOf(p, spec);
  const total = plannedRuns(axes, spec);
  const pool = await BacktestPool.start(p.settings, p.data, Math.max(1, Math.min(spec.workers ?? defaultWorkers(), total)));
  hooks.onCancel?.(() => pool.cancel());
  let done = 0;
  let best: number | undefined;
  try {
    const s = await search(pool, axes, spec, fixedParams(p), {}, (v) => {
      done++;
      if (v !== undefined && (best === undefined || v > best)) best = v;
      hooks.onProgress?.(done, total, best);
    });
    const heatmap = heatmapOf(axes, s.rows);
    return {
      target: spec.target,
      method: spec.method,
      rows: s.rows,
      runs: s.runs,
      workers: pool.size,
      elapsedMs: performance.now() - t0,
      cancelled: pool.cancelled,
      ...(heatmap !== undefined ? { heatmap } : {}),
    };
  } finally {
    await pool.close();
  }
}

/** The trading days with data in the range, from the first series. */
function tradingDays(p: PreparedBacktest): number[] {
  const d = p.data[0]!;
  const days = (d.bars ?? d.ticks!).tradingDay;
  const out: number[] = [];
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (day >= p.settings.from && day <= p.settings.to && day !== out[out.length - 1]) out.push(day);
  }
  return out;
}

/** Training and test windows over the days: train on `trainDays`, test on the next `testDays`, move by `stepDays`. */
export function walkForwardWindows(days: readonly number[], spec: WalkForwardSpec): { trainFrom: number; trainTo: number; testFrom: number; testTo: number }[] {
  const step = spec.stepDays ?? spec.testDays;
  const out = [];
  for (let i = 0; i + spec.trainDays < days.length; i += step) {
    const testEnd = Math.min(days.length, i + spec.trainDays + spec.testDays);
    out.push({ trainFrom: days[i]!, trainTo: days[i + spec.trainDays - 1]!, testFrom: days[i + spec.trainDays]!, testTo: days[testEnd - 1]! });
    if (testEnd === days.length) break;
  }
  return out;
}

/**
 * Walk-forward analysis: optimise on a training window, run the winner on the test window that follows, move on.
 * The test windows chained make an out-of-sample equity curve; the efficiency is the test windows' annual return
 * over their training windows' (averaged over windows that made money in training).
 */
export async function walkForward(p: PreparedBacktest, spec: OptimizationSpec, wf: WalkForwardSpec, hooks: OptimizeHooks = {}): Promise<WalkForwardResult> {
  const t0 = performance.now();
  const axes = axesOf(p, spec);
  const days = tradingDays(p);
  const windows = walkForwardWindows(days, wf);
  if (windows.length === 0 || days.length < wf.trainDays + 1) {
    throw new BacktestError('WINDOWS', { days: days.length, train: wf.trainDays, test: wf.testDays }, 'walkForward');
  }
  const perWindow = plannedRuns(axes, spec) + 1;
  const total = windows.length * perWindow;
  const pool = await BacktestPool.start(p.settings, p.data, Math.max(1, Math.min(spec.workers ?? defaultWorkers(), perWindow)));
  hooks.onCancel?.(() => pool.cancel());
  const fixed = fixedParams(p);
  let done = 0;
  const out: WalkForwardWindow[] = [];
  const chainedDays: number[] = [];
  const balance: number[] = [];
  let equity = p.settings.capital;
  const ratios: number[] = [];
  try {
    for (const w of windows) {
      if (pool.cancelled) break;
      const s = await search(pool, axes, spec, fixed, { from: w.trainFrom, to: w.trainTo }, (v) => {
        done++;
        hooks.onProgress?.(done, total, v);
      });
      const best = s.rows[0];
      if (best === undefined || pool.cancelled) break;
      const params = { ...fixed, ...best.params };
      const [test] = await pool.stats([{ params, from: w.testFrom, to: w.testTo, daily: true }]);
      done = Math.ceil(done / perWindow) * perWindow;
      hooks.onProgress?.(done, total, best.value);
      if (test === undefined) break;
      for (const d of test.daily ?? []) {
        equity += d.netPnl;
        chainedDays.push(d.tradingDay);
        balance.push(equity);
      }
      if (best.statistics.annualReturn > 0) ratios.push(test.statistics.annualReturn / best.statistics.annualReturn);
      out.push({
        ...w,
        params: best.params,
        trainValue: best.value,
        testValue: targetValue(test.statistics, spec.target),
        test: test.statistics,
      });
    }
    return {
      target: spec.target,
      windows: out,
      days: chainedDays,
      balance,
      totalNetPnl: equity - p.settings.capital,
      efficiency: ratios.length > 0 ? ratios.reduce((a, b) => a + b, 0) / ratios.length : 0,
      elapsedMs: performance.now() - t0,
      cancelled: pool.cancelled,
    };
  } finally {
    await pool.close();
  }
}

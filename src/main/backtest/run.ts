import type { BacktestResult, BacktestStatistics } from '../../shared/ipc/backtest';
import { runBacktest, type BacktestRun } from './driver';
import { buildResult, statisticsOf } from './result';
import type { PreparedBacktest } from './setup';

export interface RunControl {
  /** Rows done of the total, about a hundred times a run. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked every few thousand rows: true cancels the run. */
  readonly shouldStop?: () => boolean;
}

/** Runs a prepared backtest through the engine, with the parameters given (default: the settings' own). */
export function runPrepared(p: PreparedBacktest, control: RunControl = {}, params: Readonly<Record<string, unknown>> = p.settings.params): BacktestRun {
  return runBacktest({
    contracts: p.contracts,
    strategies: [{ strategy: p.strategy, params, symbols: p.symbols }],
    data: p.data,
    capital: p.settings.capital,
    slippageTicks: p.settings.slippageTicks,
    fill: {
      ...(p.settings.fillAtTouch !== undefined ? { fillAtTouch: p.settings.fillAtTouch } : {}),
      ...(p.settings.barVolumeShare !== undefined ? { barVolumeShare: p.settings.barVolumeShare } : {}),
    },
    start: p.start,
    ...(control.onProgress !== undefined ? { onProgress: control.onProgress } : {}),
    ...(control.shouldStop !== undefined ? { shouldStop: control.shouldStop } : {}),
  });
}

/** A full run: the result a report, an export and the history keep. */
export function runToResult(p: PreparedBacktest, control: RunControl = {}): BacktestResult {
  const t0 = performance.now();
  const run = runPrepared(p, control);
  return buildResult({
    run,
    settings: p.settings,
    data: p.data,
    contracts: p.contracts,
    strategy: p.strategy,
    start: p.start,
    elapsedMs: performance.now() - t0,
  });
}

/** One run of an optimisation: its statistics only. */
export function runToStatistics(p: PreparedBacktest, params: Readonly<Record<string, unknown>>, control: RunControl = {}): BacktestStatistics {
  const run = runPrepared(p, control, params);
  return statisticsOf(run, p.settings, p.data, p.contracts, p.start);
}

import type { BacktestResult, BacktestSettings, BacktestStatistics, PriceSeries } from '../../shared/ipc/backtest';
import type { ContractRegistry } from '../trading/contracts';
import type { LoadedStrategy } from '../strategy/loader';
import { lowerBound } from '../data/series';
import { periodMs, type BacktestData, type BacktestRun } from './driver';
import { analyseRoundTrips, type PricePath, type RoundTripAnalysis } from './round-trips';
import { computeStatistics, dailyResults } from './stats';

/** Candles a report's price chart gets at most per contract: more bars are merged, k at a time. */
export const MAX_PRICE_POINTS = 10_000;

export interface ResultInput {
  readonly run: BacktestRun;
  readonly settings: BacktestSettings;
  readonly data: readonly BacktestData[];
  readonly contracts: ContractRegistry;
  readonly strategy: LoadedStrategy;
  /** The first row of the run (rows before it were warm-up history); default the first row. */
  readonly start?: number;
  readonly elapsedMs: number;
  readonly createdAt?: number;
}

/** The rows of each series the run went through, as price paths for MAE, MFE and exposure. */
export function pricePaths(run: BacktestRun, data: readonly BacktestData[], contracts: ContractRegistry, start = -Infinity): Map<string, PricePath> {
  const now = run.engine.clock.now();
  const paths = new Map<string, PricePath>();
  for (const d of data) {
    const symbol = contracts.resolve(d.symbol).symbol;
    if (d.bars !== undefined) {
      const c = d.bars;
      const first = lowerBound(c.time, start);
      // A bar was seen once the clock reached its end.
      const end = Math.max(first, lowerBound(c.time, now - periodMs(d.period) + 1));
      paths.set(symbol, { time: c.time, high: c.high, low: c.low, start: first, end });
    } else if (d.ticks !== undefined) {
      const c = d.ticks;
      const first = lowerBound(c.time, start);
      const end = Math.max(first, lowerBound(c.time, now + 1));
      paths.set(symbol, { time: c.time, high: c.last, low: c.last, start: first, end });
    }
  }
  return paths;
}

function analyse(run: BacktestRun, data: readonly BacktestData[], contracts: ContractRegistry, start: number | undefined): RoundTripAnalysis {
  const paths = pricePaths(run, data, contracts, start);
  return analyseRoundTrips(run.recorder.trades, (s) => contracts.get(s)?.multiplier ?? contracts.resolve(s).multiplier, paths);
}

function slippageByDay(run: BacktestRun): Map<number, number> {
  const t = run.recorder.trades;
  const out = new Map<number, number>();
  for (let i = 0; i < t.length; i++) {
    const s = t.slippage[i]!;
    if (s !== 0) out.set(t.tradingDay[i]!, (out.get(t.tradingDay[i]!) ?? 0) + s);
  }
  return out;
}

/** The statistics alone (what an optimisation keeps of each run). */
export function statisticsOf(run: BacktestRun, settings: Pick<BacktestSettings, 'capital' | 'riskFree' | 'annualDays'>, data: readonly BacktestData[], contracts: ContractRegistry, start?: number): BacktestStatistics {
  const rt = analyse(run, data, contracts, start);
  return computeStatistics({
    capital: settings.capital,
    daily: run.recorder.daily,
    slippageByDay: slippageByDay(run),
    roundTrips: rt.trips,
    bars: rt.bars,
    exposedBars: rt.exposedBars,
    ...(settings.riskFree !== undefined ? { riskFree: settings.riskFree } : {}),
    ...(settings.annualDays !== undefined ? { annualDays: settings.annualDays } : {}),
  });
}

/** Everything a report, an export and the history keep of a run. */
export function buildResult(input: ResultInput): BacktestResult {
  const { run, settings, data, contracts } = input;
  const rt = analyse(run, data, contracts, input.start);
  const byDay = slippageByDay(run);
  const statistics = computeStatistics({
    capital: settings.capital,
    daily: run.recorder.daily,
    slippageByDay: byDay,
    roundTrips: rt.trips,
    bars: rt.bars,
    exposedBars: rt.exposedBars,
    ...(settings.riskFree !== undefined ? { riskFree: settings.riskFree } : {}),
    ...(settings.annualDays !== undefined ? { annualDays: settings.annualDays } : {}),
  });
  const problems = [...run.problems];
  for (const inst of run.instances) {
    if (inst.status === 'error' && inst.error !== undefined && !problems.some((p) => p.level === 'error' && p.source === inst.name)) {
      problems.push({ time: run.engine.clock.now(), level: 'error', source: inst.name, message: inst.error.message });
    }
  }
  return {
    createdAt: input.createdAt ?? Date.now(),
    settings,
    strategy: {
      className: input.strategy.className,
      name: input.strategy.cls.meta.name.zh,
      hash: input.strategy.hash,
    },
    statistics,
    daily: dailyResults(settings.capital, run.recorder.daily, byDay),
    trades: run.recorder.trades.records(),
    roundTrips: rt.trips,
    prices: priceSeries(run, data, contracts, input.start),
    problems,
    cancelled: run.cancelled,
    elapsedMs: input.elapsedMs,
  };
}

/** Each contract's price path as candles, at most MAX_PRICE_POINTS of them (k bars or ticks merged into one). */
export function priceSeries(run: BacktestRun, data: readonly BacktestData[], contracts: ContractRegistry, start?: number, maxPoints = MAX_PRICE_POINTS): PriceSeries[] {
  const paths = pricePaths(run, data, contracts, start);
  const out: PriceSeries[] = [];
  for (const d of data) {
    const symbol = contracts.resolve(d.symbol).symbol;
    const p = paths.get(symbol)!;
    const n = p.end - p.start;
    const k = Math.max(1, Math.ceil(n / maxPoints));
    const o = d.bars?.open ?? d.ticks!.last;
    const c = d.bars?.close ?? d.ticks!.last;
    const series = { time: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[] };
    for (let a = p.start; a < p.end; a += k) {
      const b = Math.min(p.end, a + k);
      let hi = -Infinity;
      let lo = Infinity;
      for (let i = a; i < b; i++) {
        if (p.high[i]! > hi) hi = p.high[i]!;
        if (p.low[i]! < lo) lo = p.low[i]!;
      }
      series.time.push(p.time[a]!);
      series.open.push(o[a]!);
      series.high.push(hi);
      series.low.push(lo);
      series.close.push(c[b - 1]!);
    }
    out.push({ symbol, period: d.period, barsPerPoint: k, ...series });
  }
  return out;
}

import { z } from 'zod';
import type { Offset, PosDirection, Side } from '../model/enums';
import { request } from './define';
import { OPTIMIZATION_TARGETS, type OptimizationTarget } from './backtest-figures';

export { formatBacktestMessage, isBacktestMessageCode, type BacktestMessageCode } from './backtest-messages';

/**
 * The backtest workspace's requests: run a strategy over stored data (with progress and cancel), the history of
 * runs (list, get, delete, compare two), reports and exports, parameter optimisation (grid or genetic, on every core)
 * and walk-forward analysis. Long jobs take a client-chosen `jobId`; their progress arrives as BacktestProgress
 * events with that id, and `backtest.cancel` stops them.
 *
 * Money is CNY; returns, drawdown percentages and rates are percent (12.5 means 12.5%), as vnpy reports them.
 */

const symbol = z.string().trim().min(1).max(40);
const periodOrTick = z.string().regex(/^(\d{1,4}m|\d{1,2}h|1d|tick)$/, 'must be a period such as 1m, 5m, 1h, 1d, or tick');
const day = z
  .number()
  .int()
  .refine((d) => {
    const month = Math.floor(d / 100) % 100;
    return d >= 19900101 && d <= 20991231 && month >= 1 && month <= 12 && d % 100 >= 1 && d % 100 <= 31;
  }, 'must be a day as yyyymmdd');
const jobId = z.string().min(1).max(64);
const runId = z.number().int().positive();
const paramValue = z.union([z.number().refine(Number.isFinite, 'must be a finite number'), z.boolean(), z.string().max(200)]);
const nonNegative = z.number().min(0).refine(Number.isFinite, 'must be a finite number');

export const commissionSchema = z.strictObject({
  byVolume: z.boolean(),
  open: nonNegative,
  close: nonNegative,
  closeToday: nonNegative,
});

/** A backtest's own costs for a product (its code, e.g. rb) or every product ('*'): what the spec says otherwise. */
export const costOverrideSchema = z.strictObject({
  commission: commissionSchema.optional(),
  marginLong: z.number().gt(0).max(1).optional(),
  marginShort: z.number().gt(0).max(1).optional(),
});
export type CostOverride = z.infer<typeof costOverrideSchema>;

/** Everything that defines one backtest run; stored with the run, so that a run can be repeated. */
export const backtestSettingsSchema = z.strictObject({
  /** The strategy file (.ts or .js). */
  strategyFile: z.string().trim().min(1).max(4096),
  /** Contracts the strategy trades, in the order it expects them (a spread needs two). */
  symbols: z.array(symbol).min(1).max(10),
  /** Bar period, or 'tick' for a tick backtest. */
  period: periodOrTick,
  /** Trading days, both included. */
  from: day,
  to: day,
  capital: z.number().gt(0).max(1e12).default(1_000_000),
  /** Ticks of slippage on fills at the market (market orders, stops, fills at a bar's open). */
  slippageTicks: z.number().min(0).max(1000).default(0),
  /** Strategy parameters; the declared defaults for the rest. */
  params: z.record(z.string(), paramValue).default({}),
  /** Costs by product code, '*' for all; the contract specs otherwise. */
  costs: z.record(z.string(), costOverrideSchema).optional(),
  /** Bar mode: a limit order fills when the bar trades at its price (true) or only through it (false). */
  fillAtTouch: z.boolean().optional(),
  /** Bar mode: the largest share of a bar's volume one order may take (0 or absent: no cap). */
  barVolumeShare: z.number().min(0).max(1).optional(),
  /** Risk-free rate for the Sharpe ratio, percent a year. */
  riskFree: z.number().min(0).max(100).optional(),
  /** Trading days a year, for annualising (vnpy uses 240). */
  annualDays: z.number().int().min(1).max(366).optional(),
  /** A label the user gives the run. */
  name: z.string().max(200).optional(),
});
export type BacktestSettings = z.output<typeof backtestSettingsSchema>;
export type BacktestSettingsInput = z.input<typeof backtestSettingsSchema>;

/** The statistics of a run: vnpy's CTA backtester's figures, plus risk ratios and per-round-trip figures. */
export interface BacktestStatistics {
  /** First and last trading day with data (yyyymmdd). */
  readonly startDay: number;
  readonly endDay: number;
  readonly totalDays: number;
  readonly profitDays: number;
  readonly lossDays: number;
  readonly capital: number;
  readonly endBalance: number;
  /** Largest fall of the end-of-day balance from its running high (the capital counts as the first high), CNY, >= 0. */
  readonly maxDrawdown: number;
  /** The same as a percent of that high, >= 0. */
  readonly maxDrawdownPercent: number;
  /** Calendar days from the high before the largest drawdown to its low. */
  readonly maxDrawdownDuration: number;
  readonly maxDrawdownStart: number;
  readonly maxDrawdownEnd: number;
  /** Longest stretch of trading days spent below an earlier high. */
  readonly longestUnderwaterDays: number;
  readonly totalNetPnl: number;
  readonly dailyNetPnl: number;
  readonly totalCommission: number;
  readonly dailyCommission: number;
  readonly totalSlippage: number;
  readonly dailySlippage: number;
  readonly totalTurnover: number;
  readonly dailyTurnover: number;
  /** Fills (trades booked by the engine). */
  readonly totalTradeCount: number;
  readonly dailyTradeCount: number;
  /** Percent. */
  readonly totalReturn: number;
  /** totalReturn / totalDays * annualDays, percent (vnpy's definition). */
  readonly annualReturn: number;
  /** Mean and standard deviation (n - 1) of the daily log returns, percent. */
  readonly dailyReturn: number;
  readonly returnStd: number;
  readonly sharpeRatio: number;
  /** Mean daily return over the downside deviation (root mean square of the negative returns), annualised. */
  readonly sortinoRatio: number;
  /** annualReturn / maxDrawdownPercent. */
  readonly calmarRatio: number;
  /** totalNetPnl / maxDrawdown. */
  readonly returnDrawdownRatio: number;
  readonly roundTrips: number;
  /** Percent of round trips with a positive net P&L. */
  readonly winRate: number;
  /** Gross profit of winning round trips over the gross loss of losing ones (Infinity if none lost: null in JSON). */
  readonly profitFactor: number;
  readonly averageWin: number;
  /** <= 0. */
  readonly averageLoss: number;
  /** averageWin / -averageLoss. */
  readonly payoffRatio: number;
  readonly largestWin: number;
  readonly largestLoss: number;
  readonly maxConsecutiveWins: number;
  readonly maxConsecutiveLosses: number;
  readonly averageBarsHeld: number;
  /** Percent of bars (ticks in a tick backtest) during which a position was held. */
  readonly exposure: number;
  /** Bars (or ticks) the run went through. */
  readonly bars: number;
}

/** One trading day of a run. */
export interface DailyResult {
  readonly tradingDay: number;
  /** End-of-day balance after settlement. */
  readonly balance: number;
  readonly netPnl: number;
  readonly closeProfit: number;
  readonly positionProfit: number;
  readonly commission: number;
  readonly slippage: number;
  readonly turnover: number;
  readonly tradeCount: number;
  /** Log return of the day, ln(balance / previous balance). */
  readonly return: number;
  /** Below the running high, CNY (<= 0) and percent (<= 0). */
  readonly drawdown: number;
  readonly drawdownPercent: number;
}

/** One fill of a run. */
export interface TradeRecord {
  readonly id: string;
  readonly time: number;
  readonly tradingDay: number;
  readonly symbol: string;
  readonly side: Side;
  readonly offset: Offset;
  readonly price: number;
  readonly volume: number;
  readonly commission: number;
  /** What slippage cost on this fill, CNY. */
  readonly slippage: number;
  /** Mark-to-market close P&L of the fill (yesterday's lots against the last settlement). */
  readonly closeProfit: number;
  /** The strategy instance that sent it. */
  readonly source: string;
}

/** An entry matched with its exit, first in, first out; one entry closed by two fills makes two round trips. */
export interface RoundTrip {
  readonly symbol: string;
  readonly source: string;
  readonly direction: PosDirection;
  readonly volume: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly exitTime: number;
  readonly exitPrice: number;
  /** Price P&L, (exit - entry) * multiplier * volume for a long. */
  readonly pnl: number;
  /** Commission of the entry and exit fills, their share for this volume. */
  readonly commission: number;
  readonly netPnl: number;
  /** Worst and best unrealised P&L while it was open (CNY; mae <= 0 <= mfe), from the bars' lows and highs. */
  readonly mae: number;
  readonly mfe: number;
  /** Bars from entry to exit. */
  readonly bars: number;
}

/** The price series a report draws, thinned to at most a few thousand candles (each merges `barsPerPoint` bars). */
export interface PriceSeries {
  readonly symbol: string;
  readonly period: string;
  readonly barsPerPoint: number;
  readonly time: readonly number[];
  readonly open: readonly number[];
  readonly high: readonly number[];
  readonly low: readonly number[];
  readonly close: readonly number[];
}

export interface BacktestProblem {
  readonly time: number;
  readonly level: 'warn' | 'error';
  readonly source: string;
  readonly message: string;
}

/** A finished run: what the report, the exports and the history hold. */
export interface BacktestResult {
  /** Set once the run is kept in the history. */
  readonly id?: number;
  readonly createdAt: number;
  readonly settings: BacktestSettings;
  readonly strategy: { readonly className: string; readonly name: string; readonly hash: string };
  readonly statistics: BacktestStatistics;
  readonly daily: readonly DailyResult[];
  readonly trades: readonly TradeRecord[];
  readonly roundTrips: readonly RoundTrip[];
  readonly prices: readonly PriceSeries[];
  /** Errors and warnings of the engine and the strategy (a strategy that threw is stopped: the run says so). */
  readonly problems: readonly BacktestProblem[];
  readonly cancelled: boolean;
  readonly elapsedMs: number;
}

/** A run as the history lists it. */
export interface BacktestRunSummary {
  readonly id: number;
  readonly createdAt: number;
  readonly name: string;
  readonly strategy: string;
  readonly strategyFile: string;
  readonly symbols: readonly string[];
  readonly period: string;
  readonly from: number;
  readonly to: number;
  readonly params: Readonly<Record<string, number | boolean | string>>;
  readonly statistics: BacktestStatistics;
}

export interface BacktestComparison {
  readonly a: BacktestRunSummary;
  readonly b: BacktestRunSummary;
  /** Each statistic of b minus a. */
  readonly difference: Readonly<Record<keyof BacktestStatistics, number>>;
  /** Both equity curves on the union of their trading days (null where a run has no day). */
  readonly days: readonly number[];
  readonly balanceA: readonly (number | null)[];
  readonly balanceB: readonly (number | null)[];
}

export { OPTIMIZATION_TARGETS, STATISTIC_LABELS, type OptimizationTarget } from './backtest-figures';

/** The values a parameter takes in an optimisation; the declared min, max and step where not given. */
export const paramRangeSchema = z.strictObject({
  name: z.string().min(1).max(100),
  min: z.number().refine(Number.isFinite, 'must be a finite number').optional(),
  max: z.number().refine(Number.isFinite, 'must be a finite number').optional(),
  step: z.number().gt(0).optional(),
  /** Explicit values (enum, bool or a hand-picked list) instead of min/max/step. */
  values: z.array(paramValue).min(1).max(10_000).optional(),
});
export type ParamRange = z.infer<typeof paramRangeSchema>;

export const geneticOptionsSchema = z.strictObject({
  population: z.number().int().min(4).max(10_000).default(40),
  generations: z.number().int().min(1).max(1000).default(20),
  /** Share of each generation made by crossover (the rest by mutation and the elite). */
  crossoverRate: z.number().min(0).max(1).default(0.8),
  mutationRate: z.number().min(0).max(1).default(0.2),
  elite: z.number().int().min(0).max(100).default(2),
  /** Seed of the random numbers: the same seed gives the same search. */
  seed: z.number().int().default(1),
});
export type GeneticOptions = z.output<typeof geneticOptionsSchema>;

export const optimizationSchema = z.strictObject({
  method: z.enum(['grid', 'genetic']).default('grid'),
  /** The parameters to vary; the others keep their value in `settings.params` or their default. */
  ranges: z.array(paramRangeSchema).min(1).max(20),
  target: z.enum(OPTIMIZATION_TARGETS).default('sharpeRatio'),
  genetic: geneticOptionsSchema.optional(),
  /** Worker threads (default: every core). */
  workers: z.number().int().min(1).max(256).optional(),
  /** Refuse a grid larger than this. */
  maxRuns: z.number().int().min(1).max(1_000_000).default(100_000),
});
export type OptimizationSpec = z.output<typeof optimizationSchema>;

export interface OptimizationRow {
  readonly params: Readonly<Record<string, number | boolean | string>>;
  /** The target's value (larger is better after the sign of a drawdown target is turned). */
  readonly value: number;
  readonly statistics: BacktestStatistics;
}

export interface OptimizationResult {
  readonly target: OptimizationTarget;
  readonly method: 'grid' | 'genetic';
  /** Best first. */
  readonly rows: readonly OptimizationRow[];
  readonly runs: number;
  readonly workers: number;
  readonly elapsedMs: number;
  readonly cancelled: boolean;
  /** The target over the first two ranged parameters (the others at their best values), for a heatmap. */
  readonly heatmap?: Heatmap;
}

export interface Heatmap {
  readonly x: { readonly name: string; readonly values: readonly (number | boolean | string)[] };
  readonly y: { readonly name: string; readonly values: readonly (number | boolean | string)[] };
  /** values[yi][xi]; null where that pair was not run. */
  readonly values: readonly (readonly (number | null)[])[];
}

export const walkForwardSchema = z.strictObject({
  /** Trading days each optimisation looks at, and the trading days the winner is then tested on. */
  trainDays: z.number().int().min(2).max(10_000),
  testDays: z.number().int().min(1).max(10_000),
  /** Days the windows move by (default testDays: test windows side by side). */
  stepDays: z.number().int().min(1).max(10_000).optional(),
});
export type WalkForwardSpec = z.infer<typeof walkForwardSchema>;

export interface WalkForwardWindow {
  readonly trainFrom: number;
  readonly trainTo: number;
  readonly testFrom: number;
  readonly testTo: number;
  readonly params: Readonly<Record<string, number | boolean | string>>;
  /** The target in the training window and in the test window that followed. */
  readonly trainValue: number;
  readonly testValue: number;
  readonly test: BacktestStatistics;
}

export interface WalkForwardResult {
  readonly target: OptimizationTarget;
  readonly windows: readonly WalkForwardWindow[];
  /** The test windows chained: each starts from where the last ended, on its own best parameters. */
  readonly days: readonly number[];
  readonly balance: readonly number[];
  readonly totalNetPnl: number;
  /** Test-window target over training-window target, averaged: near 1 means the optimum held up out of sample. */
  readonly efficiency: number;
  readonly elapsedMs: number;
  readonly cancelled: boolean;
}

export type ReportFormat = 'html' | 'json' | 'trades.csv' | 'daily.csv' | 'roundtrips.csv';

export interface ReportFile {
  readonly fileName: string;
  readonly mime: string;
  readonly content: string;
}

/** Progress of a long backtest job, pushed to the client that started it. */
export interface BacktestProgress {
  readonly jobId: string;
  readonly job: 'run' | 'optimize' | 'walkForward';
  /** Bars for a run, runs for an optimisation, windows for a walk-forward analysis. */
  readonly done: number;
  readonly total: number;
  /** The best target value so far (optimisations). */
  readonly best?: number;
}

export const backtestRequests = {
  /** Runs a backtest; the result (kept in the history unless `keep` is false, then with its id). */
  'backtest.run': request<BacktestResult>()(
    z.strictObject({ jobId: jobId.optional(), settings: backtestSettingsSchema, keep: z.boolean().default(true) }),
  ),
  'backtest.cancel': request<{ readonly cancelled: boolean }>()(z.strictObject({ jobId })),
  'backtest.list': request<readonly BacktestRunSummary[]>()(
    z.strictObject({
      strategy: z.string().max(200).optional(),
      symbol: symbol.optional(),
      limit: z.number().int().min(1).max(10_000).default(200),
      offset: z.number().int().min(0).default(0),
    }),
  ),
  'backtest.get': request<BacktestResult>()(z.strictObject({ id: runId })),
  'backtest.delete': request<{ readonly deleted: boolean }>()(z.strictObject({ id: runId })),
  'backtest.compare': request<BacktestComparison>()(z.strictObject({ a: runId, b: runId })),
  'backtest.report': request<ReportFile>()(
    z.strictObject({ id: runId, format: z.enum(['html', 'json', 'trades.csv', 'daily.csv', 'roundtrips.csv']) }),
  ),
  'backtest.optimize': request<OptimizationResult>()(
    z.strictObject({ jobId: jobId.optional(), settings: backtestSettingsSchema, optimization: optimizationSchema }),
  ),
  'backtest.walkForward': request<WalkForwardResult>()(
    z.strictObject({
      jobId: jobId.optional(),
      settings: backtestSettingsSchema,
      optimization: optimizationSchema,
      walkForward: walkForwardSchema,
    }),
  ),
} as const;

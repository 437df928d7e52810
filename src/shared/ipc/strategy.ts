import { z } from 'zod';
import type { Signal, Trade } from '../model/types';
import type { BacktestStatistics, RoundTrip } from './backtest';
import { request } from './define';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A declared parameter, as the UI turns it into a form field. */
export interface StrategyParam {
  readonly name: string;
  readonly type: 'int' | 'float' | 'bool' | 'enum' | 'string';
  readonly default: number | boolean | string;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly options?: readonly string[];
  readonly label: Bilingual;
  readonly description?: Bilingual;
}

export interface StrategyProblemInfo {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** A strategy file the terminal knows: shipped with it, or added by the user (dropped or picked). */
export interface StrategyFileInfo {
  readonly id: string;
  readonly fileName: string;
  /** Where the file is on the engine's machine: a backtest takes it as its strategyFile. */
  readonly path: string;
  readonly builtin: boolean;
  /** Present when the file loaded; absent with `error` when it did not. */
  readonly className?: string;
  readonly name?: Bilingual;
  readonly description?: Bilingual;
  readonly symbols?: number;
  readonly params?: readonly StrategyParam[];
  readonly error?: StrategyProblemInfo;
}

export type StrategyStatus = 'created' | 'inited' | 'running' | 'stopped' | 'error';

export interface StrategyInstanceInfo {
  readonly name: string;
  /** The account it trades on: 'sim' (模拟盘) or a CTP account's engine id (ctp:<id>). */
  readonly account: string;
  readonly fileId: string;
  readonly className: string;
  readonly symbols: readonly string[];
  readonly params: Readonly<Record<string, number | boolean | string>>;
  readonly status: StrategyStatus;
  readonly error?: StrategyProblemInfo;
  /** Net position per contract from the instance's own trades. */
  readonly positions: Readonly<Record<string, number>>;
  readonly realizedPnl: number;
  /** Against the last price of each contract. */
  readonly floatPnl: number;
  readonly commission: number;
  readonly tradeCount: number;
  readonly lastSignal?: Signal;
}

/** The backtester's round-trip statistics, over an instance's live trades. */
export type RoundTripStatistics = Pick<
  BacktestStatistics,
  | 'roundTrips'
  | 'winRate'
  | 'profitFactor'
  | 'averageWin'
  | 'averageLoss'
  | 'payoffRatio'
  | 'largestWin'
  | 'largestLoss'
  | 'maxConsecutiveWins'
  | 'maxConsecutiveLosses'
  | 'averageBarsHeld'
>;

/**
 * A strategy instance's own live trades analysed the way a backtest's are: fills paired first in, first out into round
 * trips (with MAE and MFE from the minute bars), the backtester's statistics over them, and the curve of its closed
 * P&L net of commission. The figures that need a capital of the instance's own (returns, Sharpe) are a backtest's:
 * an instance shares its account's money.
 */
export interface StrategyAnalytics {
  readonly name: string;
  /** Fills of the instance. */
  readonly trades: number;
  readonly roundTrips: readonly RoundTrip[];
  readonly statistics: RoundTripStatistics;
  /** Closed P&L net of commission after each round trip, starting from 0 at the first fill. */
  readonly equity: readonly { readonly time: number; readonly value: number }[];
  /** Net P&L of the round trips that closed on each trading day. */
  readonly daily: readonly { readonly tradingDay: number; readonly netPnl: number }[];
  /** Sum of the round trips' net P&L. */
  readonly netPnl: number;
  /** Largest fall of the closed-P&L curve from its running high (CNY, >= 0). */
  readonly maxDrawdown: number;
  /** Commission of fills not yet in a round trip (entries still open). */
  readonly openCommission: number;
}

const name = z.string().trim().min(1).max(60).regex(/^[^\s/\\]+$/, 'must have no spaces or slashes');
const fileId = z.string().min(1).max(200);
const params = z.record(z.string(), z.union([z.number(), z.boolean(), z.string()]));

export const strategyRequests = {
  'strategy.files': request<readonly StrategyFileInfo[]>()(z.strictObject({})),
  /** A dropped or picked file: its name and text. It is kept in the profile and checked; problems come back in `error`. */
  'strategy.upload': request<StrategyFileInfo>()(
    z.strictObject({ fileName: z.string().regex(/^[\w.\-\u4e00-\u9fa5]+\.(ts|js)$/, 'must be a .ts or .js file name'), source: z.string().max(1_000_000) }),
  ),
  'strategy.removeFile': request<{ readonly ok: true }>()(z.strictObject({ fileId })),
  'strategy.instances': request<readonly StrategyInstanceInfo[]>()(z.strictObject({})),
  'strategy.add': request<StrategyInstanceInfo>()(
    z.strictObject({
      name,
      fileId,
      symbols: z.array(z.string().min(1)).min(1).max(10),
      params: params.optional(),
      /** 'sim' (default) or a connected CTP account's engine id, ctp:<id>. */
      account: z.string().min(1).max(80).optional(),
    }),
  ),
  'strategy.update': request<StrategyInstanceInfo>()(z.strictObject({ name, symbols: z.array(z.string().min(1)).min(1).max(10).optional(), params: params.optional() })),
  'strategy.start': request<StrategyInstanceInfo>()(z.strictObject({ name })),
  'strategy.stop': request<StrategyInstanceInfo>()(z.strictObject({ name })),
  'strategy.remove': request<{ readonly ok: true }>()(z.strictObject({ name })),
  'strategy.trades': request<readonly Trade[]>()(z.strictObject({ name })),
  /** The instance's live trades as a backtest report analyses them (round trips, win rate, equity curve). */
  'strategy.analytics': request<StrategyAnalytics>()(z.strictObject({ name })),
} as const;

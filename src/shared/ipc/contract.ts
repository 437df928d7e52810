import type { z } from 'zod';
import type { ApiErrorBody } from './define';
import type { Account, Bar, GatewayStatus, LogEntry, Order, Position, StopOrder, Tick, Trade } from '../model/types';
import { alertRequests } from './alerts';
import { accountRequests } from './accounts';
import { backtestRequests, type BacktestProgress } from './backtest';
import { dataRequests, type DataProgress } from './data';
import { riskRequests } from './risk';
import { settingsRequests } from './settings';
import { strategyRequests, type StrategyInstanceInfo } from './strategy';
import { tradingRequests } from './trading';

/**
 * The one contract between the engine and its clients (the renderer over Electron IPC or a WebSocket, the CLI,
 * tests). Each domain keeps its requests in its own file; they meet here.
 */
export const requests = {
  ...tradingRequests,
  ...settingsRequests,
  ...riskRequests,
  ...accountRequests,
  ...dataRequests,
  ...strategyRequests,
  ...backtestRequests,
  ...alertRequests,
} as const;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestParams<K extends RequestName> = z.input<Requests[K]['params']>;
export type RequestResult<K extends RequestName> = NonNullable<Requests[K]['__result']>;

/**
 * What the engine pushes. The renderer never gets every engine event: `update` is a batch of what changed since the
 * last one, sent about ten times a second, so a burst of order updates costs one render.
 */
export interface UpdateBatch {
  /** Present when the active account changed: clients fetch a new snapshot. */
  readonly accountId?: string;
  readonly clock?: number;
  readonly tradingDay?: number;
  /** The latest tick of each contract that moved. */
  readonly ticks?: readonly Tick[];
  /** Each changed order once, in its latest state. */
  readonly orders?: readonly Order[];
  readonly trades?: readonly Trade[];
  readonly positions?: readonly Position[];
  readonly stopOrders?: readonly StopOrder[];
  readonly account?: Account;
  /** The forming bar of each subscribed chart. */
  readonly bars?: readonly Bar[];
  readonly logs?: readonly LogEntry[];
  readonly gateways?: readonly GatewayStatus[];
  readonly watchlist?: readonly string[];
  /** Strategy instances whose state, position or P&L changed. */
  readonly strategies?: readonly StrategyInstanceInfo[];
}

export interface Events {
  update: UpdateBatch;
  /** Progress of a data job (import, export, download), by the jobId the client chose. */
  dataProgress: DataProgress;
  /** Progress of a backtest job (run, optimisation, walk-forward), by the jobId the client chose. */
  backtestProgress: BacktestProgress;
}
export type EventName = keyof Events;

/** Wire messages of the WebSocket transport (Electron IPC carries the same shapes). */
export type ClientMessage = { readonly id: number; readonly method: string; readonly params?: unknown };
export type ServerMessage =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: ApiErrorBody }
  | { readonly event: string; readonly payload: unknown };

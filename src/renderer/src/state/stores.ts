import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { StrategyFileInfo, StrategyInstanceInfo } from '../../../shared/ipc/strategy';
import type { Account, Bar, Contract, GatewayStatus, LogEntry, Order, Position, StopOrder, Tick, Trade } from '../../../shared/model/types';

/**
 * The renderer's state, one small store per domain, so that a panel subscribes only to what it draws: a batch of
 * ticks wakes the market watch, not the trades table. Collections with many rows (orders, trades) are kept in
 * mutable maps with a version counter: a batch of 1,000 order updates costs 1,000 map writes and one re-render.
 */
export interface MarketState {
  readonly ticks: Readonly<Record<string, Tick>>;
  /** Which way each contract's last price went with its latest tick (+1, -1, 0): the market watch flashes it. */
  readonly moves: Readonly<Record<string, number>>;
  readonly watchlist: readonly string[];
  readonly contracts: Readonly<Record<string, Contract>>;
}

export interface ClockState {
  readonly clock: number;
  readonly tradingDay: number;
}

export interface OrdersState {
  readonly byId: Map<string, Order>;
  readonly version: number;
}

export interface TradesState {
  readonly list: Trade[];
  readonly ids: Set<string>;
  readonly version: number;
}

export interface PositionsState {
  /** Open positions by `symbol|direction`. */
  readonly byKey: Map<string, Position>;
  readonly version: number;
}

export interface AccountState {
  readonly account: Account | undefined;
  readonly accountId: string;
  readonly mode: 'paper' | 'live' | undefined;
}

export interface StopOrdersState {
  readonly byId: Map<string, StopOrder>;
  readonly version: number;
}

export interface LogsState {
  readonly list: LogEntry[];
  readonly version: number;
}

export interface GatewaysState {
  readonly list: readonly GatewayStatus[];
}

export interface BarsState {
  /** The forming bar of each subscribed chart, by `symbol|period`. */
  readonly forming: Readonly<Record<string, Bar>>;
}

export interface SessionState {
  /** The snapshot has been applied: the tables show the engine's state, not a partial one. */
  readonly ready: boolean;
  /** Bumped on every (re)sync, so charts reload their history after a reconnect. */
  readonly syncs: number;
}

export interface StrategiesState {
  /** Strategy instances by name, on every account; fed by strategy.instances on each sync and the batches after. */
  readonly byName: Map<string, StrategyInstanceInfo>;
  readonly version: number;
  /** The strategy files the engine knows (shipped and uploaded), once asked for. */
  readonly files: readonly StrategyFileInfo[];
  readonly filesLoaded: boolean;
  /** The files of the last drop or pick, each with what the engine found (loaded, or its problem and line). */
  readonly uploads: readonly UploadOutcome[];
  /** The strategy manager's section and chosen instance, kept while another tab of its group is shown. */
  readonly view: 'instances' | 'files' | 'analytics';
  readonly selected: string | undefined;
}

export interface UploadOutcome {
  readonly fileName: string;
  readonly file?: StrategyFileInfo;
  /** A refusal before the file was checked: not a .ts/.js file, or the engine's (unreadable, the link down). */
  readonly refused?: 'notStrategy' | ApiErrorBody;
}

export interface Stores {
  readonly market: StoreApi<MarketState>;
  readonly clock: StoreApi<ClockState>;
  readonly orders: StoreApi<OrdersState>;
  readonly trades: StoreApi<TradesState>;
  readonly positions: StoreApi<PositionsState>;
  readonly account: StoreApi<AccountState>;
  readonly stopOrders: StoreApi<StopOrdersState>;
  readonly logs: StoreApi<LogsState>;
  readonly gateways: StoreApi<GatewaysState>;
  readonly bars: StoreApi<BarsState>;
  readonly session: StoreApi<SessionState>;
  readonly strategies: StoreApi<StrategiesState>;
}

export function createStores(): Stores {
  return {
    market: createStore<MarketState>()(() => ({ ticks: {}, moves: {}, watchlist: [], contracts: {} })),
    clock: createStore<ClockState>()(() => ({ clock: 0, tradingDay: 0 })),
    orders: createStore<OrdersState>()(() => ({ byId: new Map(), version: 0 })),
    trades: createStore<TradesState>()(() => ({ list: [], ids: new Set(), version: 0 })),
    positions: createStore<PositionsState>()(() => ({ byKey: new Map(), version: 0 })),
    account: createStore<AccountState>()(() => ({ account: undefined, accountId: '', mode: undefined })),
    stopOrders: createStore<StopOrdersState>()(() => ({ byId: new Map(), version: 0 })),
    logs: createStore<LogsState>()(() => ({ list: [], version: 0 })),
    gateways: createStore<GatewaysState>()(() => ({ list: [] })),
    bars: createStore<BarsState>()(() => ({ forming: {} })),
    session: createStore<SessionState>()(() => ({ ready: false, syncs: 0 })),
    strategies: createStore<StrategiesState>()(() => ({ byName: new Map(), version: 0, files: [], filesLoaded: false, uploads: [], view: 'instances', selected: undefined })),
  };
}

export const positionKey = (p: { symbol: string; direction: string }): string => `${p.symbol}|${p.direction}`;
export const barKey = (symbol: string, period: string): string => `${symbol}|${period}`;

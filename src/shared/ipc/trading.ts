import { z } from 'zod';
import { ORDER_TYPES } from '../model/enums';
import type { Account, Bar, Contract, GatewayStatus, LogEntry, Order, Position, StopOrder, Tick, Trade } from '../model/types';
import type { StatementView } from '../model/statement';
import { request } from './define';

const symbol = z.string().min(1).max(40);
const side = z.enum(['buy', 'sell']);
const requestOffset = z.enum(['open', 'close', 'closeToday', 'closeYesterday', 'auto']);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
/** Volume is validated for range by the risk checks (with a clear reason), here only for shape. */
const volume = z.number().int('must be a whole number of lots');

export const orderRequestSchema = z.strictObject({
  symbol,
  side,
  offset: requestOffset,
  type: z.enum(ORDER_TYPES),
  price: finite,
  volume,
  reference: z.string().max(64).optional(),
});

export const stopOrderRequestSchema = z.strictObject({
  symbol,
  side,
  offset: requestOffset,
  volume,
  triggerPrice: finite,
  limitPrice: finite.optional(),
  /** Which way the last price reaches the trigger; default a buy's from below (≥), a sell's from above (≤). */
  trigger: z.enum(['above', 'below']).optional(),
});

/** What the terminal knows at one moment; the renderer starts from it and then applies update batches. */
export interface Snapshot {
  readonly accountId: string;
  readonly mode: 'paper' | 'live';
  readonly tradingDay: number;
  readonly clock: number;
  readonly watchlist: readonly string[];
  readonly contracts: readonly Contract[];
  readonly ticks: readonly Tick[];
  readonly orders: readonly Order[];
  readonly trades: readonly Trade[];
  readonly positions: readonly Position[];
  readonly stopOrders: readonly StopOrder[];
  readonly account: Account;
  readonly gateways: readonly GatewayStatus[];
  /** The account's latest log lines (日志), oldest first. */
  readonly logs: readonly LogEntry[];
}

export interface SendOrderResult {
  /** The orders created: one, or two when a close on SHFE/INE was split into yesterday and today. */
  readonly orders: readonly Order[];
}

/** What the ticket shows beside the volume: 可开, 可平 and what the order would take. */
export interface OrderEstimate {
  readonly symbol: string;
  /** Lots the available funds can open at this price. */
  readonly maxOpen: number;
  /** Closable (not frozen) lots of the position this side would close: all, today's and yesterday's. */
  readonly closable: number;
  readonly closableToday: number;
  readonly closableYd: number;
  /** Margin and commission of opening `volume` lots at `price`. */
  readonly margin: number;
  readonly commission: number;
  /** Whether the contract trades now, and if not, when its next session opens (epoch ms; absent when unknown). */
  readonly trading: boolean;
  readonly nextOpen?: number;
}

export const tradingRequests = {
  'order.estimate': request<OrderEstimate>()(
    z.strictObject({ symbol, side, price: finite, volume: z.number().int().min(0).optional() }),
  ),
  'snapshot.get': request<Snapshot>()(z.strictObject({})),
  'order.send': request<SendOrderResult>()(orderRequestSchema),
  'order.cancel': request<{ readonly ok: true }>()(z.strictObject({ orderId: z.string().min(1) })),
  'order.cancelAll': request<{ readonly cancelled: number }>()(z.strictObject({ symbol: symbol.optional() })),
  /** 改单: a working limit order cancelled and sent again at `price` (its remaining lots, or `volume`) once cancelled. */
  'order.replace': request<{ readonly ok: true }>()(z.strictObject({ orderId: z.string().min(1), price: finite, volume: volume.optional() })),
  /** Funds in (amount > 0, 入金) or out (出金) of the simulated account; answers the account after it. */
  'account.transfer': request<Account>()(z.strictObject({ amount: finite })),
  /** 结算单: a settled trading day's statement (the newest without a day), with the days that have one. */
  'account.statement': request<StatementView>()(z.strictObject({ tradingDay: z.number().int().min(19900101).max(29991231).optional() })),
  'stopOrder.send': request<StopOrder>()(stopOrderRequestSchema),
  'stopOrder.cancel': request<{ readonly ok: true }>()(z.strictObject({ id: z.string().min(1) })),
  /** 止盈止损 on a position: a stop-loss and/or a take-profit closing its closable lots; replaces the position's pair. */
  'position.bracket': request<readonly StopOrder[]>()(
    z.strictObject({ symbol, direction: z.enum(['long', 'short']), stopLoss: finite.optional(), takeProfit: finite.optional() }),
  ),
  /** 预埋单: an order held until its contract's next session opens (a limit with limitPrice, else at the market). */
  'order.park': request<StopOrder>()(z.strictObject({ symbol, side, offset: requestOffset, volume, limitPrice: finite.optional() })),
  'market.contracts': request<readonly Contract[]>()(
    z.strictObject({ query: z.string().max(40).optional(), limit: z.number().int().min(1).max(1000).optional() }),
  ),
  'market.watch': request<readonly string[]>()(
    z.strictObject({ add: z.array(symbol).max(200).optional(), remove: z.array(symbol).max(200).optional() }),
  ),
  'market.bars': request<readonly Bar[]>()(
    z.strictObject({
      symbol,
      period: z.string().regex(/^(\d+m|1h|1d)$/, 'must be a period such as 1m, 5m, 1h or 1d'),
      count: z.number().int().min(1).max(500_000).optional(),
    }),
  ),
  'chart.subscribe': request<{ readonly ok: true }>()(
    z.strictObject({ symbol, period: z.string().regex(/^(\d+m|1h|1d)$/, 'must be a period such as 1m, 5m, 1h or 1d') }),
  ),
} as const;

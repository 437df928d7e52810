import type {
  Exchange,
  GatewayState,
  LogLevel,
  Offset,
  OrderStatus,
  OrderType,
  Period,
  PosDirection,
  RequestOffset,
  Side,
  StopOrderStatus,
} from './enums';
import type { GatewayMessageKey } from '../i18n/gateway-messages';

/** Times are epoch milliseconds; trading days are yyyymmdd integers (a night session belongs to the next one). */
export type EpochMs = number;
export type TradingDay = number;

export interface Tick {
  readonly symbol: string;
  readonly time: EpochMs;
  readonly tradingDay: TradingDay;
  readonly last: number;
  readonly bid: number;
  readonly bidVolume: number;
  readonly ask: number;
  readonly askVolume: number;
  /** Volume, turnover and open interest are the day's cumulative figures, as exchanges publish them. */
  readonly volume: number;
  readonly turnover: number;
  readonly openInterest: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly preSettlement: number;
  readonly preClose: number;
  readonly preOpenInterest: number;
  readonly limitUp: number;
  readonly limitDown: number;
  /** Further depth where the feed has it (levels 2 to 5), best first. */
  readonly bids?: readonly number[];
  readonly bidVolumes?: readonly number[];
  readonly asks?: readonly number[];
  readonly askVolumes?: readonly number[];
}

/** A bar is named by its START time, as TqSdk and the exchanges' minute data write it. */
export interface Bar {
  readonly symbol: string;
  readonly period: Period;
  readonly time: EpochMs;
  readonly tradingDay: TradingDay;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly openInterest: number;
}

export interface SessionRange {
  /** Minutes after midnight, exchange time. A night range may end after midnight (end < start). */
  readonly start: number;
  readonly end: number;
}

export interface Commission {
  /** true: CNY per lot; false: a ratio of turnover (price * multiplier * volume). */
  readonly byVolume: boolean;
  readonly open: number;
  readonly close: number;
  readonly closeToday: number;
}

/** A product: everything its contracts share. */
export interface ProductSpec {
  readonly exchange: Exchange;
  readonly product: string;
  readonly nameCn: string;
  readonly nameEn: string;
  readonly multiplier: number;
  readonly priceTick: number;
  readonly pricePrecision: number;
  readonly marginLong: number;
  readonly marginShort: number;
  readonly commission: Commission;
  /** SHFE and INE: a close must say today or yesterday. */
  readonly closeTodayDistinct: boolean;
  readonly nightSession: readonly SessionRange[];
  readonly daySessions: readonly SessionRange[];
  /** Daily price limit as a ratio of the previous settlement. */
  readonly limitRatio: number;
  readonly maxLimitOrderVolume: number;
  readonly maxMarketOrderVolume: number;
  /** Whether the exchange accepts market orders for it (SHFE and INE do not). */
  readonly marketOrderAllowed: boolean;
}

/** One tradable contract (rb2505): its product's spec plus its own id and delivery month. */
export interface Contract extends ProductSpec {
  readonly symbol: string;
  readonly code: string;
  readonly deliveryYear: number;
  readonly deliveryMonth: number;
  /** 螺纹2605, and in English Rebar 2605. */
  readonly name: string;
  readonly nameEn: string;
}

export interface OrderRequest {
  readonly symbol: string;
  readonly side: Side;
  readonly offset: RequestOffset;
  readonly type: OrderType;
  /** Limit price; ignored for market orders. */
  readonly price: number;
  readonly volume: number;
  /** 'manual' for the ticket, or the strategy instance that sent it. */
  readonly source?: string | undefined;
  readonly reference?: string | undefined;
}

export interface Order {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly offset: Offset;
  readonly type: OrderType;
  readonly price: number;
  readonly volume: number;
  traded: number;
  /** Average fill price; 0 until the first fill. */
  avgPrice: number;
  status: OrderStatus;
  /** The reason for a rejection or a cancellation, shown as 状态信息 (Chinese, as CTP writes it). */
  statusMsg: string;
  /** The same reason as a code and parameters, for clients that show another language. */
  statusReason?: { readonly code: string; readonly params: Readonly<Record<string, string | number>> };
  readonly createdAt: EpochMs;
  updatedAt: EpochMs;
  readonly tradingDay: TradingDay;
  readonly source: string;
  /** The exchange's or gateway's own id (CTP OrderSysID), once known. */
  gatewayOrderId: string;
  /** For an order sent by a triggered stop order: the price at which it triggered. */
  readonly stopPrice?: number;
  /** Set on the parts of a 'close' that was split into close-yesterday and close-today. */
  readonly parentId?: string;
  readonly reference?: string;
}

export interface Trade {
  readonly id: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly offset: Offset;
  readonly price: number;
  readonly volume: number;
  readonly time: EpochMs;
  readonly tradingDay: TradingDay;
  readonly commission: number;
  /** Mark-to-market close P&L (盯市平仓盈亏): yesterday's lots against the previous settlement. */
  readonly closeProfit: number;
  readonly source: string;
}

export interface Position {
  readonly symbol: string;
  readonly direction: PosDirection;
  readonly volume: number;
  readonly todayVolume: number;
  readonly ydVolume: number;
  /** Volume held by pending close orders (total, of today's lots, of yesterday's lots). */
  readonly frozen: number;
  readonly frozenToday: number;
  readonly frozenYd: number;
  /** 开仓均价: average of the opening prices of the lots still held. */
  readonly avgOpenPrice: number;
  /** 持仓均价: today's lots at their open price, earlier lots at the last settlement price. */
  readonly avgPrice: number;
  readonly lastPrice: number;
  /** 浮动盈亏: against the open price. */
  readonly floatProfit: number;
  /** 持仓盈亏: against the position price (mark to market). */
  readonly positionProfit: number;
  readonly margin: number;
  readonly multiplier: number;
}

/** The account as a Chinese broker reports it; see docs/account.md for the formulas. */
export interface Account {
  readonly accountId: string;
  readonly tradingDay: TradingDay;
  /** 上日权益 */
  readonly preBalance: number;
  readonly deposit: number;
  readonly withdraw: number;
  /** 静态权益 = preBalance + deposit - withdraw */
  readonly staticBalance: number;
  /** 平仓盈亏 (mark to market) */
  readonly closeProfit: number;
  /** 持仓盈亏 (mark to market) */
  readonly positionProfit: number;
  /** 浮动盈亏 (against the open price) */
  readonly floatProfit: number;
  readonly commission: number;
  /** 动态权益 = staticBalance + closeProfit + positionProfit - commission */
  readonly balance: number;
  /** 保证金占用 */
  readonly margin: number;
  readonly frozenMargin: number;
  readonly frozenCommission: number;
  /** 可用资金 = balance - margin - frozenMargin - frozenCommission */
  readonly available: number;
  /** 风险度 = margin / balance (TqSdk's convention) */
  readonly riskRatio: number;
}

export interface StopOrder {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly offset: RequestOffset;
  readonly volume: number;
  /** Triggers when the last price reaches it: at or above for a buy, at or below for a sell (unless `trigger`). */
  readonly triggerPrice: number;
  /**
   * Which way the price reaches the trigger, where it is not the stop's own (a buy above, a sell below): a take-profit
   * sell of a long fires when the price rises to it ('above').
   */
  readonly trigger?: 'above' | 'below';
  /**
   * 止盈止损: the stops that close one position together (its take-profit and stop-loss). When one fires the others
   * are cancelled, and all are once the position they close is flat.
   */
  readonly bracket?: string;
  /** Why the engine cancelled a 止盈止损 stop: its pair fired, its position went flat, or a new pair replaced it. */
  cancelledBy?: 'pair' | 'flat' | 'replaced';
  /** undefined: a stop (market once triggered); a number: a stop-limit at that price. */
  readonly limitPrice: number | undefined;
  /**
   * 预埋单: sent when its contract's next session opens at this time, whatever the price (triggerPrice is 0), at
   * limitPrice or at the market.
   */
  readonly openAt?: EpochMs;
  status: StopOrderStatus;
  /** The order sent when it triggered. */
  orderIds: string[];
  readonly createdAt: EpochMs;
  readonly source: string;
}

export interface Signal {
  readonly id: string;
  readonly strategy: string;
  readonly symbol: string;
  readonly action: string;
  readonly price: number;
  readonly volume: number;
  readonly time: EpochMs;
  readonly tag?: string;
}

export interface LogEntry {
  readonly time: EpochMs;
  readonly level: LogLevel;
  readonly source: string;
  /** In Chinese, as written to the log. */
  readonly message: string;
  /** The line's code and parameters where it has one (journal-messages.ts), for a client to word in its language. */
  readonly messageKey?: { readonly code: string; readonly params: Readonly<Record<string, string | number>> } | undefined;
}

export interface GatewayStatus {
  readonly gateway: string;
  readonly state: GatewayState;
  /** In the language the gateway was started in (Chinese by default), for logs and alerts. */
  readonly message: string;
  /** The same as a code of the gateway catalog, which each client words in its own language. */
  readonly messageKey?: GatewayMessageKey;
  readonly tradingDay?: TradingDay;
}

/** One row of daily performance, written at each settlement. */
export interface DailyPerformance {
  readonly accountId: string;
  readonly tradingDay: TradingDay;
  readonly preBalance: number;
  readonly balance: number;
  readonly closeProfit: number;
  readonly positionProfit: number;
  readonly commission: number;
  readonly netPnl: number;
  readonly dailyReturn: number;
  readonly drawdown: number;
  readonly maxBalance: number;
  readonly tradeCount: number;
  readonly turnover: number;
}

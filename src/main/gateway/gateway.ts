import type { Reason } from '../../shared/i18n/reasons';
import type { Bar, GatewayStatus, Order, Tick } from '../../shared/model/types';

/**
 * What a gateway reports back to the engine. A gateway is an adapter: it translates its venue's callbacks into
 * these calls and decides nothing. The order manager checks every status change against the order state machine.
 */
export interface GatewayListener {
  orderAccepted(orderId: string, gatewayOrderId: string, time: number): void;
  orderCancelled(orderId: string, why: Reason | undefined, time: number): void;
  orderRejected(orderId: string, why: Reason, time: number): void;
  /** `tradeId` is the venue's own id where it has one (CTP TradeID), so that a trade seen twice is applied once. */
  orderFilled(orderId: string, price: number, volume: number, time: number, tradeId?: string): void;
  /** A cancel the venue refused or never took (the order is no longer working there, the request failed). */
  cancelRefused(orderId: string, why: Reason, time: number): void;
  status(status: GatewayStatus): void;
}

/** Where orders go: SimExchange in backtests and paper trading, CtpGateway live. */
export interface Gateway {
  readonly name: string;
  connect(listener: GatewayListener): void;
  disconnect(): void;
  sendOrder(order: Readonly<Order>): void;
  cancelOrder(order: Readonly<Order>): void;
}

/** A gateway that matches against the market itself (SimExchange) gets the engine's market data first. */
export interface MarketMatcher {
  onTick(tick: Tick): void;
  /** Matches the resting orders of the bar's contract inside it. */
  matchBar(bar: Bar): void;
  /**
   * The bar whose stop orders are firing, or undefined when they are done: the orders the stops send meanwhile are
   * matched inside that bar, from their trigger price on.
   */
  stopsFiringIn(bar: Bar | undefined): void;
  /** The end of a trading day: orders of that day expire. */
  endTradingDay(tradingDay: number, time: number): void;
  /** Orders restored after a restart go back into the book without being sent again. */
  restore(order: Readonly<Order>): void;
}

export function isMarketMatcher(g: Gateway): g is Gateway & MarketMatcher {
  return typeof (g as Partial<MarketMatcher>).matchBar === 'function';
}

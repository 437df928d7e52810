/** Exchanges whose futures a CTP broker carries. */
export const EXCHANGES = ['SHFE', 'INE', 'DCE', 'CZCE', 'CFFEX', 'GFEX'] as const;
export type Exchange = (typeof EXCHANGES)[number];

export type Side = 'buy' | 'sell';
export type PosDirection = 'long' | 'short';

/**
 * What an order does to a position. `auto` is a request-only value: the order manager turns it into open or a
 * close of the opposite position, as a trader's ticket does with 自动开平.
 */
export const OFFSETS = ['open', 'close', 'closeToday', 'closeYesterday'] as const;
export type Offset = (typeof OFFSETS)[number];
export type RequestOffset = Offset | 'auto';

/**
 * limit: rests until filled or cancelled (good for the trading day).
 * market: fills at the best opposite price, never beyond the day's limit prices; what is left is cancelled.
 * fak: limit, fill what can be filled at once, cancel the rest. fok: limit, fill all at once or nothing.
 */
export const ORDER_TYPES = ['limit', 'market', 'fak', 'fok'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const ORDER_STATUSES = ['submitting', 'submitted', 'partFilled', 'filled', 'cancelled', 'rejected'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type StopOrderStatus = 'waiting' | 'triggered' | 'cancelled';

export type Period = '1m' | '5m' | '15m' | '30m' | '1h' | '1d' | `${number}m`;

export type GatewayState = 'disconnected' | 'connecting' | 'connected' | 'error';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export function oppositeDirection(d: PosDirection): PosDirection {
  return d === 'long' ? 'short' : 'long';
}

/** The position an order acts on: opening a buy adds to long; closing a buy reduces short. */
export function positionDirectionOf(side: Side, offset: Offset): PosDirection {
  if (offset === 'open') return side === 'buy' ? 'long' : 'short';
  return side === 'buy' ? 'short' : 'long';
}

export function isTerminalStatus(s: OrderStatus): boolean {
  return s === 'filled' || s === 'cancelled' || s === 'rejected';
}

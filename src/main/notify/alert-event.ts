import type { AlertEventKind } from '../../shared/ipc/alerts';
import type { ReasonCode } from '../../shared/i18n/reasons';
import type { GatewayState } from '../../shared/model/enums';
import type { DailyPerformance, Order, Trade } from '../../shared/model/types';

/**
 * What an alert is about, captured when the engine emits it: plain data that no later engine change can alter (an
 * Order object is updated in place, so the fields that matter are copied).
 */
export type AlertEvent =
  | { readonly type: 'fill'; readonly time: number; readonly trade: Trade }
  | { readonly type: 'rejected' | 'risk'; readonly time: number; readonly order: RejectedOrder }
  | { readonly type: 'strategyError'; readonly time: number; readonly strategy: string; readonly message: string }
  | {
      readonly type: 'gateway';
      readonly time: number;
      readonly gateway: string;
      readonly state: GatewayState;
      readonly message: string;
      /** true: back after an outage; false: the outage itself. */
      readonly recovered: boolean;
    }
  | { readonly type: 'settlement'; readonly time: number; readonly performance: DailyPerformance }
  | { readonly type: 'test'; readonly time: number; readonly channel: string };

export interface RejectedOrder {
  readonly id: string;
  readonly symbol: string;
  readonly side: Order['side'];
  readonly offset: Order['offset'];
  readonly type: Order['type'];
  readonly price: number;
  readonly volume: number;
  readonly source: string;
  readonly statusMsg: string;
  readonly statusReason?: Order['statusReason'];
}

/**
 * Refusals by the account's own risk rules (risk.ts), as opposed to orders the contract, the position or the exchange
 * refused: a trader who only wants to hear about the risk rules firing can switch the two apart.
 */
const RISK_CODES: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'MAX_POSITION',
  'MAX_OPEN_ORDERS',
  'INSUFFICIENT_MARGIN',
  'DAILY_LOSS_LIMIT',
  'DRAWDOWN_LIMIT',
  'ORDER_RATE',
  'CANCEL_LIMIT',
  'SELF_TRADE',
]);

export function rejectionKind(order: Pick<Order, 'statusReason'>): Extract<AlertEventKind, 'rejected' | 'risk'> {
  const code = order.statusReason?.code;
  return code !== undefined && RISK_CODES.has(code as ReasonCode) ? 'risk' : 'rejected';
}

/** The longest text taken from a log line or a gateway message: an alert is a notice, not a stack trace. */
const MAX_TEXT = 400;

export function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

export function rejectedOrder(order: Order): RejectedOrder {
  return {
    id: order.id,
    symbol: order.symbol,
    side: order.side,
    offset: order.offset,
    type: order.type,
    price: order.price,
    volume: order.volume,
    source: order.source,
    statusMsg: clip(order.statusMsg),
    ...(order.statusReason !== undefined ? { statusReason: order.statusReason } : {}),
  };
}

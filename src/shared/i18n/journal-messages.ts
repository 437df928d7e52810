import type { Lang } from '../ipc/settings';
import type { RequestOffset, Side } from '../model/enums';
import { formatReason, isReasonCode } from './reasons';
import { messageCatalog } from './template';

/**
 * The terminal's log of what happened to the trader's account (日志): fills, refused and cancelled orders, each
 * trading day's settlement, funds moved in and out, strategies started and stopped. A line carries its code and parameters, so that each
 * client words it in its own language; parameters that are words come in both languages (side / sideEn).
 */
const TEMPLATES = {
  TRADE: { zh: '成交 {symbol} {side}{offset} {volume} 手 @ {price}（委托 #{orderId}）', en: 'Filled {symbol} {sideEn} {offsetEn} {volume} @ {price} (order #{orderId})' },
  ORDER_REJECTED: { zh: '委托被拒 #{orderId} {symbol} {side}{offset} {volume} 手：{reason}', en: 'Order #{orderId} rejected, {symbol} {sideEn} {offsetEn} {volume}: {reasonEn}' },
  ORDER_CANCELLED: {
    zh: '已撤单 #{orderId} {symbol} {side}{offset}，未成交 {left} 手{why}',
    en: 'Order #{orderId} cancelled, {symbol} {sideEn} {offsetEn}, {left} unfilled{whyEn}',
  },
  SETTLED: {
    zh: '交易日 {day} 结算：权益 {balance}，当日盈亏 {pnl}，手续费 {commission}',
    en: 'Trading day {day} settled: balance {balance}, P&L {pnl}, commission {commission}',
  },
  STOP_PLACED: {
    zh: '条件单 {id} {symbol}：最新价 {cmp} {trigger} 时{side}{offset} {volume} 手 @ {price}',
    en: 'Stop {id} {symbol}: {sideEn} {offsetEn} {volume} @ {priceEn} when the last price is {cmp} {trigger}',
  },
  PARKED: { zh: '预埋单 {id} {symbol}：{side}{offset} {volume} 手 @ {price}，{time} 开盘时发出', en: 'Parked {id} {symbol}: {sideEn} {offsetEn} {volume} @ {priceEn}, sent at the open {time}' },
  STOP_TRIGGERED: { zh: '条件单 {id} 已触发，发出委托 #{orders}', en: 'Stop {id} triggered: order #{orders} sent' },
  PARK_SENT: { zh: '预埋单 {id} 开盘发出委托 #{orders}', en: 'Parked {id} sent at the open: order #{orders}' },
  STOP_CANCELLED: { zh: '条件单 {id} 已撤销', en: 'Stop {id} cancelled' },
  PARK_CANCELLED: { zh: '预埋单 {id} 已撤销', en: 'Parked {id} cancelled' },
  ORDER_REPLACED: { zh: '改单：委托 #{orderId} 已撤，以 {price} 重发 {volume} 手，委托 #{newId}', en: 'Order #{orderId} replaced: {volume} sent again at {price} as order #{newId}' },
  REPLACE_FAILED: { zh: '改单未完成：委托 #{orderId} 撤单被拒，原委托不变（{reason}）', en: 'Order #{orderId} not replaced: its cancel was refused, the order stands ({reasonEn})' },
  BRACKET_CANCELLED: { zh: '止盈止损 {id} 已撤销：{why}', en: 'Take-profit/stop-loss {id} cancelled: {whyEn}' },
  GATEWAY: { zh: '交易通道{state}：{text}', en: 'Gateway {stateEn}: {textEn}' },
  TRANSFER_IN: { zh: '入金 {amount}', en: 'Deposited {amount}' },
  TRANSFER_OUT: { zh: '出金 {amount}', en: 'Withdrew {amount}' },
  STRATEGY_STARTED: { zh: '策略已启动', en: 'Strategy started' },
  STRATEGY_STOPPED: { zh: '策略已停止', en: 'Strategy stopped' },
  STRATEGY_ERROR: { zh: '策略出错已停止: {problem}', en: 'Strategy stopped on an error: {problem}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type JournalCode = keyof typeof TEMPLATES;
export type LogParams = Readonly<Record<string, string | number>>;

const catalog = messageCatalog(TEMPLATES);

const SIDE: Record<Side, Record<Lang, string>> = { buy: { zh: '买', en: 'buy' }, sell: { zh: '卖', en: 'sell' } };
const OFFSET: Record<RequestOffset, Record<Lang, string>> = {
  open: { zh: '开', en: 'open' },
  close: { zh: '平', en: 'close' },
  closeToday: { zh: '平今', en: 'close today' },
  closeYesterday: { zh: '平昨', en: 'close yesterday' },
  // A stop's order may leave the offset to the engine (it closes what it can and opens the rest).
  auto: { zh: '（自动开平）', en: '(auto offset)' },
};

/** An order's side and offset as a log line's parameters, in both languages. */
export function sideOffsetParams(side: Side, offset: RequestOffset): LogParams {
  return { side: SIDE[side].zh, sideEn: SIDE[side].en, offset: OFFSET[offset].zh, offsetEn: OFFSET[offset].en };
}

export function journalMessage(code: JournalCode, params: LogParams = {}, lang: Lang = 'zh'): string {
  return catalog.format(code, params, lang);
}

/**
 * A log line in `lang`: worded from its code where it has one this side knows (the journal's, a refusal's reason),
 * else its own text as the engine wrote it.
 */
export function logText(l: { readonly message: string; readonly messageKey?: { readonly code: string; readonly params: LogParams } | undefined }, lang: Lang): string {
  const k = l.messageKey;
  if (k === undefined) return l.message;
  if (catalog.has(k.code)) return catalog.format(k.code, k.params, lang);
  if (isReasonCode(k.code)) return formatReason({ code: k.code, params: k.params }, lang);
  return l.message;
}

import type { Lang } from '../ipc/settings';
import { messageCatalog } from './template';

/**
 * Why the engine refused or ended an order, as a stable code with parameters; each client formats it in its
 * user's language. The engine stores the Chinese text as the order's 状态信息 for logs and the database.
 */
const TEMPLATES = {
  UNKNOWN_CONTRACT: { zh: '合约无效：{detail}', en: 'Unknown contract: {detail}' },
  VOLUME_NOT_POSITIVE: { zh: '委托量必须为正整数（当前 {volume}）', en: 'Volume must be a positive whole number (got {volume})' },
  VOLUME_TOO_LARGE: { zh: '委托量 {volume} 超过单笔最大 {max} 手', en: 'Volume {volume} exceeds the per-order maximum of {max} lots' },
  PRICE_NOT_POSITIVE: { zh: '委托价必须大于 0（当前 {price}）', en: 'Price must be above 0 (got {price})' },
  PRICE_OFF_TICK: { zh: '委托价 {price} 不是最小变动价位 {tick} 的整数倍', en: 'Price {price} is not a multiple of the price tick {tick}' },
  PRICE_ABOVE_LIMIT_UP: { zh: '委托价 {price} 高于涨停价 {limitUp}', en: 'Price {price} is above the limit-up price {limitUp}' },
  PRICE_BELOW_LIMIT_DOWN: { zh: '委托价 {price} 低于跌停价 {limitDown}', en: 'Price {price} is below the limit-down price {limitDown}' },
  MARKET_NOT_ALLOWED: { zh: '{exchange} 不支持市价单', en: '{exchange} does not accept market orders' },
  CLOSE_EXCEEDS_POSITION: { zh: '平仓量 {volume} 超过可平量 {available}', en: 'Close volume {volume} exceeds the closable position {available}' },
  MAX_POSITION: { zh: '超过单合约最大持仓 {limit} 手', en: 'Exceeds the maximum position of {limit} lots per contract' },
  MAX_OPEN_ORDERS: { zh: '超过单合约最大挂单数 {limit}', en: 'Exceeds the maximum of {limit} working orders per contract' },
  INSUFFICIENT_MARGIN: { zh: '可用资金不足：需要 {required}，可用 {available}', en: 'Insufficient funds: {required} needed, {available} available' },
  DAILY_LOSS_LIMIT: { zh: '触发日亏损限制（亏损 {loss}，上限 {limit}），仅允许平仓', en: 'Daily loss limit reached (loss {loss}, limit {limit}): closing orders only' },
  DRAWDOWN_LIMIT: { zh: '触发最大回撤限制（回撤 {drawdown}，上限 {limit}），仅允许平仓', en: 'Drawdown limit reached ({drawdown}, limit {limit}): closing orders only' },
  ORDER_RATE: { zh: '报单频率超过每秒 {limit} 笔', en: 'More than {limit} orders per second' },
  CANCEL_LIMIT: { zh: '{symbol} 当日撤单次数已达上限 {limit}', en: 'Cancel limit of {limit} per day reached for {symbol}' },
  SELF_TRADE: { zh: '可能自成交：与本账户挂单 {orderId}（价格 {price}）对敲', en: 'Would trade against own working order {orderId} at {price}' },
  OUT_OF_SESSION: { zh: '非交易时段', en: 'Outside trading hours' },
  OUT_OF_SESSION_UNTIL: { zh: '非交易时段：{code} 下一交易时段 {next} 开始', en: 'Outside trading hours: {code} next trades from {next}' },
  NO_COUNTERPARTY: { zh: '无对手盘，市价单已撤', en: 'No opposite quote: market order cancelled' },
  FOK_NOT_FILLED: { zh: 'FOK 单无法全部成交，已撤', en: 'FOK order could not fill completely: cancelled' },
  FAK_REMAINDER: { zh: 'FAK 单剩余部分已撤', en: 'FAK order: unfilled rest cancelled' },
  MARKET_REMAINDER: { zh: '市价单剩余部分已撤', en: 'Market order: unfilled rest cancelled' },
  EXPIRED: { zh: '当日有效单已过期', en: 'Day order expired' },
  CANCELLED_BY_USER: { zh: '已撤单', en: 'Cancelled' },
  ORDER_NOT_FOUND: { zh: '委托 {orderId} 不存在', en: 'Order {orderId} not found' },
  ORDER_NOT_CANCELLABLE: { zh: '委托 {orderId} 状态为 {status}，不能撤单', en: 'Order {orderId} is {status} and cannot be cancelled' },
  GATEWAY_NOT_CONNECTED: { zh: '交易通道未连接', en: 'Trading gateway not connected' },
  GATEWAY_REJECT: { zh: '{message}', en: '{message}' },
  STOP_INVALID: { zh: '条件单无效：{detailZh}', en: 'Invalid stop order: {detail}' },
  TRIGGER_NOT_POSITIVE: { zh: '触发价必须大于 0（当前 {price}）', en: 'The trigger price must be above 0 (got {price})' },
  TRANSFER_INVALID: {
    zh: '出入金金额须在 0.01 至 10,000,000,000 之间，最多两位小数（当前 {amount}）',
    en: 'A transfer must be from 0.01 to 10,000,000,000, with at most two decimals (got {amount})',
  },
  TRANSFER_EXCEEDS_AVAILABLE: { zh: '出金 {amount} 超过可用资金 {available}', en: 'Withdrawal of {amount} exceeds the available {available}' },
  CANCEL_NOT_RESTING: { zh: '撤单失败：委托已不在交易所挂单', en: 'Cancel refused: the order no longer rests at the exchange' },
  CANCEL_REFUSED: { zh: '撤单被拒绝：{message}', en: 'Cancel refused: {message}' },
  REPLACE_NOT_LIMIT: { zh: '委托 #{orderId} 不是限价单，不能改价', en: 'Order #{orderId} is not a limit order: its price cannot be changed' },
  REPLACE_PENDING: { zh: '委托 #{orderId} 正在改单，请等待撤单回报', en: 'Order #{orderId} is already being replaced: wait for its cancel' },
  BRACKET_NO_POSITION: { zh: '{code} 没有可平的{direction}仓，无法设止盈止损', en: 'No closable {directionEn} position in {code} to set a take-profit or stop-loss on' },
  BRACKET_NO_PRICE: { zh: '请填写止损价或止盈价', en: 'Give a stop-loss or a take-profit price' },
  BRACKET_STOP_SIDE: { zh: '止损价 {price} 须{cmp}最新价 {last}', en: 'The stop-loss {price} must be {cmpEn} the last price {last}' },
  BRACKET_PROFIT_SIDE: { zh: '止盈价 {price} 须{cmp}最新价 {last}', en: 'The take-profit {price} must be {cmpEn} the last price {last}' },
  STATEMENT_NOT_FOUND: { zh: '交易日 {day} 没有结算单', en: 'No settlement statement for trading day {day}' },
  TRANSFER_LIVE: { zh: '实盘账户的出入金请通过期货公司（银期转账）办理', en: 'Move funds of a live account through the broker (bank transfer)' },
  PARK_IN_SESSION: { zh: '{code} 正在交易，请直接下单（预埋单用于非交易时段）', en: '{code} is trading: send the order instead (parked orders are for outside trading hours)' },
  PARK_NO_SESSION: { zh: '{code} 两周内没有交易时段，无法预埋', en: '{code} has no session in the next two weeks to park an order for' },
  TRIGGER_OFF_TICK: { zh: '触发价 {price} 不是最小变动价位 {tick} 的整数倍', en: 'Trigger price {price} is not a multiple of the price tick {tick}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ReasonCode = keyof typeof TEMPLATES;
export type ReasonParams = Readonly<Record<string, string | number>>;

export interface Reason {
  readonly code: ReasonCode;
  readonly params: ReasonParams;
}

export function reason(code: ReasonCode, params: ReasonParams = {}): Reason {
  return { code, params };
}

/** Money and ratios in a reason: two decimals at most. */
const catalog = messageCatalog(TEMPLATES, (v) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100)));

export function formatReason(r: Reason, lang: Lang = 'zh'): string {
  return catalog.format(r.code, r.params, lang);
}

export const isReasonCode = catalog.has;

/**
 * 状态信息 of an order in a language: worded from its reason where the engine gave one with a code this side knows,
 * else the engine's own (Chinese) text.
 */
export function orderStatusText(o: { readonly statusMsg: string; readonly statusReason?: { readonly code: string; readonly params: ReasonParams } | undefined }, lang: Lang): string {
  const r = o.statusReason;
  return r !== undefined && isReasonCode(r.code) ? formatReason({ code: r.code, params: r.params }, lang) : o.statusMsg;
}

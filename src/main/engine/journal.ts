import { gatewayMessage, gatewayStatusText, STATE_WORDS } from '../../shared/i18n/gateway-messages';
import { formatReason, orderStatusText } from '../../shared/i18n/reasons';
import { journalMessage, sideOffsetParams, type JournalCode, type LogParams } from '../../shared/i18n/journal-messages';
import { triggersAbove } from '../../shared/model/stop-orders';
import { splitSymbol } from '../../shared/model/symbol';
import { formatDay, formatShanghai } from '../../shared/model/time';
import type { GatewayStatus, LogEntry, Order, StopOrder } from '../../shared/model/types';
import type { LogStore } from '../data/log-store';
import type { TradingEngine } from './trading-engine';

/** Log lines kept for a client that opens (or reloads) the UI: the latest of them. */
export const RECENT_LOGS = 1000;

/**
 * The account's journal (日志) on a running terminal: what happened, as log lines on the engine's bus beside the
 * engine's and the strategies' own (fills, refused and cancelled orders, 条件单 and 预埋单, each day's settlement,
 * funds moved, the gateway's connection; the strategy runtime words its instances' start, stop and failure), kept in
 * the profile's database and the latest of them for the UI's snapshot. Not attached in backtests, whose report says
 * what happened.
 */
export class Journal {
  private readonly lines: LogEntry[] = [];
  private readonly detach: (() => void)[];
  private readonly lastGateway = new Map<string, string>();

  constructor(
    private readonly engine: TradingEngine,
    /** Where the lines are kept across restarts (the profile's database). */
    private readonly store?: LogStore,
  ) {
    if (store !== undefined) this.lines.push(...store.recent(RECENT_LOGS));
    const bus = engine.bus;
    this.detach = [
      bus.on('log', (l) => this.keep(l)),
      bus.on('trade', (t) => this.note('info', t.source, 'TRADE', { symbol: splitSymbol(t.symbol).code, ...sideOffsetParams(t.side, t.offset), volume: t.volume, price: t.price, orderId: t.orderId })),
      bus.on('order', (o) => this.onOrder(o)),
      bus.on('settlement', (p) =>
        this.note('info', 'engine', 'SETTLED', { day: formatDay(p.tradingDay), balance: p.balance.toFixed(2), pnl: p.netPnl.toFixed(2), commission: p.commission.toFixed(2) }),
      ),
      bus.on('gateway', (g) => this.onGateway(g)),
      bus.on('stopOrder', (s) => this.onStop(s)),
      bus.on('transfer', ({ amount }) => this.note('info', 'manual', amount > 0 ? 'TRANSFER_IN' : 'TRANSFER_OUT', { amount: Math.abs(amount).toFixed(2) })),
      bus.on('replaced', ({ from, to, refused }) => {
        const sent = to.find((o) => o.status !== 'rejected');
        if (refused !== undefined) this.note('warn', from.source, 'REPLACE_FAILED', { orderId: from.id, reason: formatReason(refused), reasonEn: formatReason(refused, 'en') });
        else if (sent !== undefined) this.note('info', from.source, 'ORDER_REPLACED', { orderId: from.id, newId: sent.id, volume: sent.volume, price: sent.price });
      }),
    ];
    // The connection as it stands when the journal begins (the simulated exchange is connected at once).
    for (const g of engine.gatewayStatuses()) this.onGateway(g);
  }

  /** The latest lines, oldest first. */
  recent(): LogEntry[] {
    return this.lines.slice(-RECENT_LOGS);
  }

  dispose(): void {
    for (const d of this.detach.splice(0)) d();
  }

  /** A change of a gateway's connection, once (a gateway may say the same again). */
  private onGateway(g: GatewayStatus): void {
    const said = `${g.state}|${g.message}`;
    if (this.lastGateway.get(g.gateway) === said) return;
    this.lastGateway.set(g.gateway, said);
    const words = STATE_WORDS[g.state];
    this.note(g.state === 'error' ? 'warn' : 'info', g.gateway, 'GATEWAY', {
      state: gatewayMessage(words),
      stateEn: gatewayMessage(words, {}, 'en').toLowerCase(),
      text: gatewayStatusText(g, 'zh'),
      textEn: gatewayStatusText(g, 'en'),
    });
  }

  /**
   * 条件单 and 预埋单: each one that fires, with the order it sent; the trader's own also when placed and cancelled (a
   * strategy's trailing stop moves every bar, and would fill the journal).
   */
  private onStop(s: StopOrder): void {
    const parked = s.openAt !== undefined;
    const code = splitSymbol(s.symbol).code;
    if (s.status === 'triggered') {
      this.note('info', s.source, parked ? 'PARK_SENT' : 'STOP_TRIGGERED', { id: s.id, orders: s.orderIds.join(', #') });
    } else if (s.status === 'cancelled' && s.cancelledBy !== undefined) {
      this.note('info', s.source, 'BRACKET_CANCELLED', { id: s.id, ...BRACKET_WHY[s.cancelledBy] });
    } else if (s.source === 'manual' && s.status === 'cancelled') {
      this.note('info', s.source, parked ? 'PARK_CANCELLED' : 'STOP_CANCELLED', { id: s.id });
    } else if (s.source === 'manual' && s.status === 'waiting') {
      const price = s.limitPrice === undefined ? { price: '市价', priceEn: 'market' } : { price: String(s.limitPrice), priceEn: String(s.limitPrice) };
      const what = { id: s.id, symbol: code, ...sideOffsetParams(s.side, s.offset), volume: s.volume, ...price };
      if (parked) this.note('info', s.source, 'PARKED', { ...what, time: formatShanghai(s.openAt!, false) });
      else this.note('info', s.source, 'STOP_PLACED', { ...what, cmp: triggersAbove(s) ? '≥' : '≤', trigger: s.triggerPrice });
    }
  }

  private onOrder(o: Order): void {
    if (o.status === 'rejected') {
      const reason = orderStatusText(o, 'zh');
      const reasonEn = orderStatusText(o, 'en');
      this.note('warn', o.source, 'ORDER_REJECTED', { orderId: o.id, symbol: splitSymbol(o.symbol).code, ...sideOffsetParams(o.side, o.offset), volume: o.volume, reason, reasonEn });
    } else if (o.status === 'cancelled') {
      // Why, where it was not the trader's or the strategy's cancel: a FAK's rest, a day order expired.
      const byExchange = o.statusReason !== undefined && o.statusReason.code !== 'CANCELLED_BY_USER';
      this.note('info', o.source, 'ORDER_CANCELLED', {
        orderId: o.id,
        symbol: splitSymbol(o.symbol).code,
        ...sideOffsetParams(o.side, o.offset),
        left: o.volume - o.traded,
        why: byExchange ? `（${orderStatusText(o, 'zh')}）` : '',
        whyEn: byExchange ? ` (${orderStatusText(o, 'en')})` : '',
      });
    }
  }

  private note(level: LogEntry['level'], source: string, code: JournalCode, params: LogParams): void {
    this.engine.log(level, source, journalMessage(code, params), { code, params });
  }

  private keep(l: LogEntry): void {
    this.store?.append(l);
    this.lines.push(l);
    if (this.lines.length > RECENT_LOGS * 2) this.lines.splice(0, this.lines.length - RECENT_LOGS);
  }
}

/** Why the engine cancelled a 止盈止损 stop, in both languages. */
const BRACKET_WHY = {
  pair: { why: '另一单已触发', whyEn: 'its pair fired' },
  flat: { why: '持仓已平', whyEn: 'the position is closed' },
  replaced: { why: '已重新设置', whyEn: 'replaced by a new one' },
} as const;

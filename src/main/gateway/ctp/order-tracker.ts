import type { LogLevel } from '../../../shared/model/enums';
import type { Order } from '../../../shared/model/types';
import { reason, type Reason } from '../../../shared/i18n/reasons';
import type { GatewayListener } from '../gateway';
import {
  THOST_FTDC_OSS_InsertRejected,
  THOST_FTDC_OST_Canceled,
  THOST_FTDC_OST_NoTradeNotQueueing,
  THOST_FTDC_OST_PartTradedNotQueueing,
  THOST_FTDC_OST_Unknown,
  type CThostFtdcOrderField,
  type CThostFtdcRspInfoField,
  type CThostFtdcTradeField,
} from './ctp-api.gen';
import { ctpErrorText } from './messages';

/** How CTP knows an order: FrontID + SessionID + OrderRef from the start, ExchangeID + OrderSysID once accepted. */
export interface CtpOrderKey {
  readonly frontId: number;
  readonly sessionId: number;
  readonly orderRef: string;
  readonly exchangeId: string;
  orderSysId: string;
}

interface Tracked extends CtpOrderKey {
  readonly order: Readonly<Order>;
  accepted: boolean;
  ended: boolean;
  /** Volume passed on through orderFilled. */
  filled: number;
  cancelRequested: boolean;
  /** Seen by CTP (an OnRtnOrder or an answer to the insert): false for an order lost with a connection. */
  confirmed: boolean;
  /** A cancel or reject that must wait for the trades CTP reported before it (VolumeTraded > filled). */
  pendingEnd: { readonly status: 'cancelled' | 'rejected'; readonly why: Reason; readonly traded: number; readonly time: number } | undefined;
}

/**
 * Maps CTP's order and trade callbacks onto the engine's order state machine (GatewayListener). It translates and
 * decides nothing: the engine's order manager checks every transition. What it takes care of is CTP's way of
 * reporting: the same order repeated (OnRtnOrder per change, again after a re-login, again in a query), a reject
 * reported twice (OnRspOrderInsert and OnErrRtnOrderInsert), a cancel reported before the trades it follows (an
 * SHFE FAK: OnRtnOrder '5' with VolumeTraded, then OnRtnTrade), and the same trade seen live, replayed and queried.
 */
export class CtpOrderTracker {
  private readonly byId = new Map<string, Tracked>();
  private readonly byRef = new Map<string, Tracked>();
  private readonly bySys = new Map<string, Tracked>();
  private readonly seenTrades = new Set<string>();
  /** Trades that arrived before their order's OnRtnOrder made its OrderSysID known. */
  private readonly orphanTrades = new Map<string, { t: CThostFtdcTradeField; time: number }[]>();

  constructor(
    private readonly listener: () => GatewayListener | undefined,
    private readonly log: (level: LogLevel, message: string) => void,
  ) {}

  track(order: Readonly<Order>, key: Omit<CtpOrderKey, 'orderSysId'>): void {
    const t: Tracked = { ...key, orderSysId: '', order, accepted: false, ended: false, filled: 0, cancelRequested: false, confirmed: false, pendingEnd: undefined };
    this.byId.set(order.id, t);
    this.byRef.set(refKey(key.frontId, key.sessionId, key.orderRef), t);
  }

  /** An order known from before (restored after a restart): found again by its OrderSysID. */
  adopt(order: Readonly<Order>, exchangeId: string): void {
    if (this.byId.has(order.id) || !order.gatewayOrderId) return;
    const t: Tracked = {
      frontId: 0,
      sessionId: 0,
      orderRef: '',
      exchangeId,
      orderSysId: order.gatewayOrderId,
      order,
      accepted: true,
      ended: false,
      filled: order.traded,
      cancelRequested: false,
      confirmed: true,
      pendingEnd: undefined,
    };
    this.byId.set(order.id, t);
    this.bySys.set(sysKey(exchangeId, order.gatewayOrderId), t);
  }

  get(orderId: string): Readonly<CtpOrderKey> | undefined {
    return this.byId.get(orderId);
  }

  /**
   * A refused cancel (OnRspOrderAction or OnErrRtnOrderAction with an error; CTP reports it twice): the order it was
   * for, the first time only, or undefined (said already, or not this terminal's order).
   */
  cancelRefused(a: { readonly FrontID: number; readonly SessionID: number; readonly OrderRef: string; readonly ExchangeID: string; readonly OrderSysID: string }): string | undefined {
    const sys = a.OrderSysID.trim();
    const t = (sys ? this.bySys.get(sysKey(a.ExchangeID, sys)) : undefined) ?? this.byRef.get(refKey(a.FrontID, a.SessionID, a.OrderRef.trim()));
    if (t === undefined || !t.cancelRequested) return undefined;
    t.cancelRequested = false;
    return t.order.id;
  }

  markCancelRequested(orderId: string): void {
    const t = this.byId.get(orderId);
    if (t) t.cancelRequested = true;
  }

  /** The key trades are deduplicated by: a TradeID is unique per exchange, trading day and side. */
  static tradeKey(t: CThostFtdcTradeField): string {
    return `${t.ExchangeID}-${t.TradingDay}-${t.TradeID.trim()}-${t.Direction === '0' ? 'B' : 'S'}`;
  }

  /** OnRspOrderInsert / OnErrRtnOrderInsert with an error: CTP refused the order (it is reported twice). */
  onInsertError(frontId: number, sessionId: number, orderRef: string, rspInfo: CThostFtdcRspInfoField | null, time: number): void {
    if (!rspInfo || rspInfo.ErrorID === 0) return;
    const t = this.byRef.get(refKey(frontId, sessionId, orderRef.trim()));
    if (!t) return this.log('debug', `insert error for an order of another terminal (OrderRef ${orderRef}): ${ctpErrorText(rspInfo.ErrorID, rspInfo.ErrorMsg)}`);
    t.confirmed = true;
    this.end(t, 'rejected', reason('GATEWAY_REJECT', { message: ctpErrorText(rspInfo.ErrorID, rspInfo.ErrorMsg) }), t.filled, time);
  }

  /** OnRtnOrder, or a row of ReqQryOrder: the order's latest state. */
  onOrder(o: CThostFtdcOrderField, time: number): void {
    const sys = o.OrderSysID.trim();
    let t = this.byRef.get(refKey(o.FrontID, o.SessionID, o.OrderRef.trim()));
    if (!t && sys) t = this.bySys.get(sysKey(o.ExchangeID, sys));
    if (!t) return this.log('debug', `order ${o.ExchangeID} ${sys || o.OrderRef} is not this terminal's: ignored`);
    t.confirmed = true;
    if (sys && !t.orderSysId) {
      t.orderSysId = sys;
      this.bySys.set(sysKey(o.ExchangeID, sys), t);
      for (const orphan of this.orphanTrades.get(sysKey(o.ExchangeID, sys)) ?? []) this.onTrade(orphan.t, orphan.time);
      this.orphanTrades.delete(sysKey(o.ExchangeID, sys));
    }
    if (t.ended) return;
    const status = o.OrderStatus;
    if (o.OrderSubmitStatus === THOST_FTDC_OSS_InsertRejected) {
      return this.end(t, 'rejected', reason('GATEWAY_REJECT', { message: o.StatusMsg.trim() || '报单被拒绝' }), o.VolumeTraded, time);
    }
    if (status === THOST_FTDC_OST_Canceled || status === THOST_FTDC_OST_PartTradedNotQueueing || status === THOST_FTDC_OST_NoTradeNotQueueing) {
      this.accept(t, time);
      return this.end(t, 'cancelled', this.cancelReason(t, o), o.VolumeTraded, time);
    }
    // Accepted once the exchange has it (an OrderSysID) or its status is anything but CTP's first "unknown".
    if (sys || status !== THOST_FTDC_OST_Unknown) this.accept(t, time);
  }

  /** OnRtnTrade, or a row of ReqQryTrade. */
  onTrade(tr: CThostFtdcTradeField, time: number): void {
    const key = CtpOrderTracker.tradeKey(tr);
    if (this.seenTrades.has(key)) return;
    const sys = sysKey(tr.ExchangeID, tr.OrderSysID.trim());
    const t = this.bySys.get(sys);
    if (!t) {
      // CTP sends the order's state before its trade; a trade of an unknown order waits for it, or is another's.
      const list = this.orphanTrades.get(sys) ?? [];
      if (!list.some((x) => CtpOrderTracker.tradeKey(x.t) === key)) list.push({ t: tr, time });
      this.orphanTrades.set(sys, list);
      return;
    }
    this.seenTrades.add(key);
    const out = this.listener();
    if (!out) return;
    this.accept(t, time);
    t.filled += tr.Volume;
    out.orderFilled(t.order.id, tr.Price, tr.Volume, time, key);
    const pending = t.pendingEnd;
    if (pending && t.filled >= pending.traded) {
      t.pendingEnd = undefined;
      this.finish(t, pending.status, pending.why, pending.time);
    }
  }

  /**
   * After a re-login has queried orders and trades: an order sent in an earlier session that CTP never saw was lost
   * with the connection, and an end still waiting for trades the query did not bring is applied.
   */
  afterReconcile(frontId: number, sessionId: number, time: number): void {
    for (const t of this.byId.values()) {
      if (t.ended) continue;
      if (!t.confirmed && (t.frontId !== frontId || t.sessionId !== sessionId)) {
        this.end(t, 'rejected', reason('GATEWAY_REJECT', { message: '报单未送达期货公司（发出后连接中断，重连后查询不到该报单）' }), t.filled, time);
        continue;
      }
      const pending = t.pendingEnd;
      if (pending) {
        this.log('error', `order ${t.order.id}: CTP reported ${pending.traded} lots traded but only ${t.filled} arrived as trades`);
        t.pendingEnd = undefined;
        this.finish(t, pending.status, pending.why, pending.time);
      }
    }
  }

  /** Orders still working at the gateway (for the UI and tests). */
  working(): Readonly<Order>[] {
    return [...this.byId.values()].filter((t) => !t.ended).map((t) => t.order);
  }

  private accept(t: Tracked, time: number): void {
    if (t.accepted) return;
    t.accepted = true;
    this.listener()?.orderAccepted(t.order.id, t.orderSysId, time);
  }

  private end(t: Tracked, status: 'cancelled' | 'rejected', why: Reason, traded: number, time: number): void {
    if (t.ended || t.pendingEnd) return;
    if (t.filled < traded) {
      t.pendingEnd = { status, why, traded, time };
      return;
    }
    this.finish(t, status, why, time);
  }

  private finish(t: Tracked, status: 'cancelled' | 'rejected', why: Reason, time: number): void {
    t.ended = true;
    const out = this.listener();
    if (!out) return;
    if (status === 'rejected') out.orderRejected(t.order.id, why, time);
    else out.orderCancelled(t.order.id, why, time);
  }

  private cancelReason(t: Tracked, o: CThostFtdcOrderField): Reason {
    if (t.cancelRequested) return reason('CANCELLED_BY_USER');
    switch (t.order.type) {
      case 'fak':
        return reason('FAK_REMAINDER');
      case 'fok':
        return reason('FOK_NOT_FILLED');
      case 'market':
        return reason(o.VolumeTraded > 0 ? 'MARKET_REMAINDER' : 'NO_COUNTERPARTY');
      default:
        return reason('GATEWAY_REJECT', { message: o.StatusMsg.trim() || '已撤单' });
    }
  }
}

function refKey(frontId: number, sessionId: number, orderRef: string): string {
  return `${frontId}:${sessionId}:${orderRef}`;
}

function sysKey(exchangeId: string, orderSysId: string): string {
  return `${exchangeId.trim()}:${orderSysId}`;
}

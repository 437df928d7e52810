import type { OrderStatus, PosDirection } from '../../shared/model/enums';
import { isTerminalStatus, positionDirectionOf } from '../../shared/model/enums';
import { ceilToTick, floorToTick, isOnTick } from '../../shared/model/price';
import type {
  Account,
  Bar,
  Contract,
  DailyPerformance,
  GatewayStatus,
  LogEntry,
  Order,
  OrderRequest,
  Position,
  Signal,
  StopOrder,
  Tick,
  Trade,
} from '../../shared/model/types';
import { formatReason, reason, type Reason } from '../../shared/i18n/reasons';
import type { StatementBody, StatementHolding } from '../../shared/model/statement';
import { DAY_MS, dayStartEpoch, MINUTE_MS, shanghaiDate } from '../../shared/model/time';
import type { Gateway, GatewayListener, MarketMatcher } from '../gateway/gateway';
import { isMarketMatcher } from '../gateway/gateway';
import type { ContractRegistry } from '../trading/contracts';
import { marginOf } from '../trading/fees';
import { convertOffset } from '../trading/offset';
import { OrderManager } from '../trading/oms';
import { Portfolio, type AccountState } from '../trading/portfolio';
import type { PositionState } from '../trading/positions';
import { DEFAULT_RISK_CONFIG, RiskManager, type RiskConfig } from '../trading/risk';
import { StopOrderBook, type Triggered } from '../trading/stop-orders';
import { EventBus } from './bus';
import type { Clock } from './clock';
import { MarketBook, type Quote } from './market-state';
import type { Recorder } from './recorder';
import { dayCloseMinute, isTradingTime, nextSessionOpen } from './sessions';

export interface EngineEvents {
  tick: Tick;
  bar: Bar;
  order: Order;
  trade: Trade;
  position: Position;
  account: Account;
  stopOrder: StopOrder;
  signal: Signal;
  log: LogEntry;
  gateway: GatewayStatus;
  settlement: DailyPerformance;
  /** Funds moved in (amount > 0) or out of the account. */
  transfer: { readonly amount: number; readonly time: number };
  /**
   * 改单: an order cancelled and sent again at another price (`to`: the orders sent, a refusal among them), or not
   * (`refused`: why its cancel was refused; the order stays as it was).
   */
  replaced: { readonly from: Order; readonly to: readonly Order[]; readonly refused?: Reason };
  timer: number;
}

export interface EngineOptions {
  readonly accountId: string;
  readonly initialBalance: number;
  readonly contracts: ContractRegistry;
  readonly clock: Clock;
  readonly gateway: Gateway;
  readonly recorder: Recorder;
  readonly risk?: RiskConfig;
  /** Prefix of order, trade and stop ids, so that ids from different engines never collide. */
  readonly idPrefix?: string;
  /** Whether the order manager keeps finished orders (default true; a backtest keeps only its trades). */
  readonly keepFinishedOrders?: boolean;
}

/** What the order path needs of one contract. */
class OrderTarget {
  /** The end of the contract's day session, minutes after midnight: an order after it is for the next trading day. */
  readonly dayCloseMinute: number;
  /**
   * The trading day of orders sent from `from` to `until` (epoch ms): one part of a Shanghai day (before the day
   * session's close, from then to 18:00, the evening), over which the answer does not change.
   */
  from = Number.NaN;
  until = Number.NaN;
  tradingDay = 0;

  constructor(
    readonly contract: Contract,
    /** The market book's quote of the contract (never removed, so it can be kept). */
    readonly quote: Quote,
  ) {
    this.dayCloseMinute = dayCloseMinute(contract);
  }
}

/** What a stored account brings back after a restart. */
export interface RestoredState {
  readonly account: AccountState;
  readonly positions: readonly {
    readonly position: Position;
    readonly todayCost: number;
    readonly ydOpenCost: number;
    readonly ydPositionCost: number;
  }[];
  readonly orders: readonly Order[];
  readonly stopOrders: readonly StopOrder[];
  readonly orderSeq: number;
  readonly tradeSeq: number;
  readonly stopSeq: number;
  readonly quotes: readonly { symbol: string; last: number; preSettlement: number }[];
  readonly tradeIds: readonly string[];
}

/**
 * One running trading engine: market data in, orders out through risk, the order manager and a gateway, fills into
 * positions and the account. The same class runs backtests, paper and live trading; the mode is the wiring (clock,
 * gateway, recorder), never a flag inside.
 */
export class TradingEngine implements GatewayListener {
  readonly bus: EventBus<EngineEvents>;
  readonly oms: OrderManager;
  readonly stops: StopOrderBook;
  readonly portfolio: Portfolio;
  readonly market = new MarketBook();
  readonly risk: RiskManager;
  readonly contracts: ContractRegistry;
  readonly clock: Clock;
  private readonly gateway: Gateway;
  private readonly matcher: MarketMatcher | undefined;
  private readonly recorder: Recorder;
  private readonly idPrefix: string;
  private tradeSeq = 0;
  private readonly tradeIdPrefix: string;
  private readonly seenTradeIds = new Set<string>();
  private day = 0;
  private readonly gatewayStates = new Map<string, GatewayStatus>();
  /** Who listens to positions and the account: snapshots are made only for them (a backtest has none). */
  private readonly positionHandlers: readonly unknown[];
  private readonly accountHandlers: readonly unknown[];
  /** The handlers of the hot events, for emitHot. */
  private readonly barHandlers: readonly ((e: Bar) => void)[];
  private readonly tickHandlers: readonly ((e: Tick) => void)[];
  private readonly orderHandlers: readonly ((e: Order) => void)[];
  private readonly tradeHandlers: readonly ((e: Trade) => void)[];
  private readonly stopHandlers: readonly unknown[];
  /** The quote of the contract the last bar was for: one contract's bars come one after another. */
  private barQuote: Quote | undefined;
  /** The start of the bar whose triggered stops are being sent, while they are. */
  private stopBarTime: number | undefined;
  /** Fills of the current trading day, for its performance row. */
  private dayTradeStats = { count: 0, turnover: 0 };
  /** Orders being replaced (改单), by id: what to send once the cancel is confirmed. */
  private readonly replacing = new Map<string, { readonly price: number; readonly volume: number }>();
  /** What orders need of each contract, found once per symbol instead of on every order; the last one at hand. */
  private readonly orderTargets = new Map<string, OrderTarget>();
  private lastTarget: OrderTarget | undefined;

  constructor(opts: EngineOptions) {
    this.contracts = opts.contracts;
    this.clock = opts.clock;
    this.gateway = opts.gateway;
    this.matcher = isMarketMatcher(opts.gateway) ? opts.gateway : undefined;
    this.recorder = opts.recorder;
    this.idPrefix = opts.idPrefix ?? '';
    this.tradeIdPrefix = `${this.idPrefix}T`;
    this.bus = new EventBus<EngineEvents>((type, e) => this.handlerFailed(type, e));
    this.positionHandlers = this.bus.handlersOf('position');
    this.accountHandlers = this.bus.handlersOf('account');
    this.barHandlers = this.bus.handlersOf('bar');
    this.tickHandlers = this.bus.handlersOf('tick');
    this.orderHandlers = this.bus.handlersOf('order');
    this.tradeHandlers = this.bus.handlersOf('trade');
    this.stopHandlers = this.bus.handlersOf('stopOrder');
    this.oms = new OrderManager(
      this.idPrefix,
      (order, to) => this.log('warn', 'oms', `order ${order.id}: invalid transition ${order.status} -> ${to} ignored`),
      opts.keepFinishedOrders ?? true,
    );
    this.stops = new StopOrderBook(`${this.idPrefix}S`);
    this.portfolio = new Portfolio(opts.accountId, opts.initialBalance);
    this.risk = new RiskManager(opts.risk ?? DEFAULT_RISK_CONFIG);
    this.gateway.connect(this);
  }

  get tradingDay(): number {
    return this.day;
  }

  // ---- orders in -------------------------------------------------------------------------------------------------

  /**
   * Sends an order request through the risk checks and the offset conversion to the gateway. Returns the orders it
   * created: one, two for a split close, or one rejected order that says why (shown in the blotter as 状态信息).
   */
  sendOrder(req: OrderRequest, stopPrice?: number): Order[] {
    const now = this.stopBarTime ?? this.clock.now();
    const source = req.source ?? 'manual';
    const target = this.orderTarget(req.symbol);
    if (typeof target === 'string') {
      return [this.rejectRequest(req, req.symbol, source, now, reason('UNKNOWN_CONTRACT', { detail: target }))];
    }
    const { contract, quote } = target;
    let type = req.type;
    let price = req.price;
    if (type === 'market' && !contract.marketOrderAllowed) {
      // SHFE and INE take no market orders: send a FAK limit at the day's limit price, as trading terminals do.
      type = 'fak';
      price = emulatedMarketPrice(contract, quote, req.side);
    }
    // The quote is the day's price band (its limits are not positive while unknown, and then not checked).
    const bad = this.risk.checkRequest(contract, type, price, req.volume, quote);
    if (bad !== undefined) return [this.rejectRequest(req, contract.symbol, source, now, bad)];

    const tradingDay = this.orderTradingDay(target, now);
    const marginPrice = type === 'market' ? marketReferencePrice(quote, req.side) : price;
    const selfTradePrice = type === 'market' ? (req.side === 'buy' ? Infinity : -Infinity) : price;
    const working = this.oms.workingOf(contract.symbol);
    if (req.offset === 'open') {
      // An open needs no conversion on any exchange: one order as asked, without the legs' list (half of a
      // backtest's orders).
      const refused = this.risk.checkLeg(contract, req.side, 'open', req.volume, marginPrice, this.portfolio, working, now, selfTradePrice);
      if (refused !== undefined) return [this.rejectRequest(req, contract.symbol, source, now, refused)];
      return [this.submit(contract, req, 'open', req.volume, type, price, marginPrice, source, tradingDay, now, undefined, stopPrice)];
    }
    const forNextDay = this.day !== 0 && tradingDay > this.day;
    const legs = convertOffset(contract, req.side, req.offset, req.volume, this.portfolio.find(contract.symbol), forNextDay);
    if (!Array.isArray(legs)) return [this.rejectRequest(req, contract.symbol, source, now, legs)];
    for (const leg of legs) {
      const refused = this.risk.checkLeg(contract, req.side, leg.offset, leg.volume, marginPrice, this.portfolio, working, now, selfTradePrice);
      if (refused !== undefined) return [this.rejectRequest(req, contract.symbol, source, now, refused)];
    }
    if (legs.length === 1) return [this.submit(contract, req, legs[0]!.offset, legs[0]!.volume, type, price, marginPrice, source, tradingDay, now, undefined, stopPrice)];
    const parentId = `${this.idPrefix}P${this.oms.sequence + 1}`;
    return legs.map((leg) => this.submit(contract, req, leg.offset, leg.volume, type, price, marginPrice, source, tradingDay, now, parentId, stopPrice));
  }

  private submit(
    contract: Contract,
    req: OrderRequest,
    offset: Order['offset'],
    volume: number,
    type: Order['type'],
    price: number,
    marginPrice: number,
    source: string,
    tradingDay: number,
    now: number,
    parentId: string | undefined,
    stopPrice: number | undefined,
  ): Order {
    const extras = parentId !== undefined || req.reference !== undefined || stopPrice !== undefined ? { parentId, reference: req.reference, stopPrice } : undefined;
    const order = this.oms.create(contract.symbol, req.side, offset, type, type === 'market' ? 0 : price, volume, source, tradingDay, now, extras);
    this.portfolio.freeze(order, contract, marginPrice);
    this.risk.countOrder();
    this.recorder.orderChanged(order);
    this.emitHot('order', this.orderHandlers, order);
    this.emitHoldOf(order, contract);
    this.gateway.sendOrder(order);
    return order;
  }

  private rejectRequest(req: OrderRequest, symbol: string, source: string, now: number, why: Reason): Order {
    const order = this.oms.create(
      symbol,
      req.side,
      req.offset === 'auto' ? 'open' : req.offset,
      req.type,
      Number.isFinite(req.price) ? req.price : 0,
      Number.isFinite(req.volume) ? req.volume : 0,
      source,
      this.day,
      now,
      req.reference !== undefined ? { reference: req.reference } : undefined,
    );
    this.oms.transition(order, 'rejected', now, why);
    this.recorder.orderChanged(order);
    this.emitHot('order', this.orderHandlers, order);
    return order;
  }

  /** Cancels a working order; returns why not if it cannot be. */
  cancelOrder(orderId: string): Reason | undefined {
    const order = this.oms.get(orderId);
    if (order === undefined) return reason('ORDER_NOT_FOUND', { orderId });
    if (isTerminalStatus(order.status)) return reason('ORDER_NOT_CANCELLABLE', { orderId, status: order.status });
    const refused = this.risk.checkCancel(order.symbol);
    if (refused !== undefined) return refused;
    this.risk.countCancel(order.symbol);
    this.gateway.cancelOrder(order);
    return undefined;
  }

  /**
   * 改单: a working limit order at another price (and, if given, another number of lots). Exchanges take no change to
   * an order: the engine cancels it and, once the cancel is confirmed, sends its remaining lots (or `volume`) again at
   * `price` with the same contract, side, offset and source. An order that fills before the cancel lands is not sent
   * again. Returns why not, or nothing when the cancel went out.
   */
  replaceOrder(orderId: string, price: number, volume?: number): Reason | undefined {
    const order = this.oms.get(orderId);
    if (order === undefined) return reason('ORDER_NOT_FOUND', { orderId });
    if (isTerminalStatus(order.status)) return reason('ORDER_NOT_CANCELLABLE', { orderId, status: order.status });
    if (order.type !== 'limit') return reason('REPLACE_NOT_LIMIT', { orderId });
    if (this.replacing.has(orderId)) return reason('REPLACE_PENDING', { orderId });
    const lots = volume ?? order.volume - order.traded;
    const target = this.orderTarget(order.symbol);
    if (typeof target === 'string') return reason('UNKNOWN_CONTRACT', { detail: target });
    const bad = this.risk.checkRequest(target.contract, 'limit', price, lots, target.quote);
    if (bad !== undefined) return bad;
    this.replacing.set(orderId, { price, volume: lots });
    const refused = this.cancelOrder(orderId);
    if (refused !== undefined) this.replacing.delete(orderId);
    return refused;
  }

  /** Cancels every working order (of one contract, if given); returns how many cancels were sent. */
  cancelAll(symbol?: string): number {
    const targets = symbol === undefined ? this.oms.allWorking() : [...this.oms.workingOf(symbol)];
    let n = 0;
    for (const o of targets) if (this.cancelOrder(o.id) === undefined) n++;
    return n;
  }

  sendStopOrder(req: {
    symbol: string;
    side: StopOrder['side'];
    offset: StopOrder['offset'];
    volume: number;
    triggerPrice: number;
    limitPrice?: number | undefined;
    /** Which way the price reaches the trigger, where not the stop's own (a buy above, a sell below). */
    trigger?: 'above' | 'below' | undefined;
    source?: string;
  }): StopOrder | Reason {
    const resolved = this.contracts.tryResolve(req.symbol, this.day || undefined);
    if ('error' in resolved) return reason('UNKNOWN_CONTRACT', { detail: resolved.error });
    // The trigger is a price to watch for, not one to trade at: refused in its own words.
    if (!(req.triggerPrice > 0)) return invalidStop(reason('TRIGGER_NOT_POSITIVE', { price: req.triggerPrice }));
    if (!isOnTick(req.triggerPrice, resolved.priceTick)) return invalidStop(reason('TRIGGER_OFF_TICK', { price: req.triggerPrice, tick: resolved.priceTick }));
    const bad = this.risk.checkRequest(resolved, 'limit', req.triggerPrice, req.volume, undefined);
    if (bad !== undefined) return invalidStop(bad);
    if (req.limitPrice !== undefined) {
      const badLimit = this.risk.checkRequest(resolved, 'limit', req.limitPrice, req.volume, undefined);
      if (badLimit !== undefined) return invalidStop(badLimit);
    }
    return this.holdStop(resolved, req, { triggerPrice: req.triggerPrice, trigger: req.trigger });
  }

  /**
   * 预埋单: an order entered while its contract does not trade, held here and sent when its next session opens, at
   * its limit price or at the market. Refused while the contract trades: the order can be sent then.
   */
  parkOrder(req: { symbol: string; side: StopOrder['side']; offset: StopOrder['offset']; volume: number; limitPrice?: number | undefined; source?: string }): StopOrder | Reason {
    const resolved = this.contracts.tryResolve(req.symbol, this.day || undefined);
    if ('error' in resolved) return reason('UNKNOWN_CONTRACT', { detail: resolved.error });
    // Checked as it will be sent: a market order where the exchange emulates none is a FAK at the day's limit price.
    const type = req.limitPrice !== undefined ? 'limit' : resolved.marketOrderAllowed ? 'market' : 'fak';
    const bad = this.risk.checkRequest(resolved, type, req.limitPrice ?? resolved.priceTick, req.volume, undefined);
    if (bad !== undefined) return bad;
    const now = this.clock.now();
    const calendar = this.contracts.calendar;
    if (isTradingTime(resolved, calendar, now)) return reason('PARK_IN_SESSION', { code: resolved.code });
    const openAt = nextSessionOpen(resolved, calendar, now);
    if (openAt === undefined) return reason('PARK_NO_SESSION', { code: resolved.code });
    return this.holdStop(resolved, req, { triggerPrice: 0, openAt });
  }

  /**
   * 止盈止损 on a position: a stop-loss, a take-profit or both, each closing the position's closable lots at the market
   * when the last price reaches it (a long's stop-loss below the last price, its take-profit above; a short's the other
   * way). One firing cancels the other, and both go once the position is flat. Placing them again replaces the pair.
   */
  bracketPosition(req: { symbol: string; direction: PosDirection; stopLoss?: number | undefined; takeProfit?: number | undefined; source?: string }): StopOrder[] | Reason {
    const resolved = this.contracts.tryResolve(req.symbol, this.day || undefined);
    if ('error' in resolved) return reason('UNKNOWN_CONTRACT', { detail: resolved.error });
    const held = this.portfolio.positions.get(resolved.symbol)?.[req.direction];
    const lots = held?.available ?? 0;
    if (lots <= 0) return reason('BRACKET_NO_POSITION', { code: resolved.code, direction: req.direction === 'long' ? '多' : '空', directionEn: req.direction });
    if (req.stopLoss === undefined && req.takeProfit === undefined) return reason('BRACKET_NO_PRICE');
    const long = req.direction === 'long';
    const last = this.market.get(resolved.symbol)?.last ?? Number.NaN;
    for (const [kind, price] of [['stopLoss', req.stopLoss], ['takeProfit', req.takeProfit]] as const) {
      if (price === undefined) continue;
      if (!(price > 0)) return invalidStop(reason('TRIGGER_NOT_POSITIVE', { price }));
      if (!isOnTick(price, resolved.priceTick)) return invalidStop(reason('TRIGGER_OFF_TICK', { price, tick: resolved.priceTick }));
      // A stop-loss on the wrong side of the market would fire at once, a take-profit too: the trader swapped them.
      const below = kind === 'stopLoss' ? long : !long;
      if (last > 0 && (below ? price >= last : price <= last)) {
        return reason(kind === 'stopLoss' ? 'BRACKET_STOP_SIDE' : 'BRACKET_PROFIT_SIDE', { price, last, cmp: below ? '低于' : '高于', cmpEn: below ? 'below' : 'above' });
      }
    }
    const side = long ? 'sell' : 'buy';
    for (const old of this.stops.bracketed(resolved.symbol, { side })) this.cancelBracketed(old, 'replaced');
    const bracket = `B${this.stops.nextId()}`;
    const leg = { side, offset: 'close', volume: lots, limitPrice: undefined, source: req.source ?? 'manual' } as const;
    const out: StopOrder[] = [];
    if (req.stopLoss !== undefined) out.push(this.holdStop(resolved, leg, { triggerPrice: req.stopLoss, trigger: long ? 'below' : 'above', bracket }));
    if (req.takeProfit !== undefined) out.push(this.holdStop(resolved, leg, { triggerPrice: req.takeProfit, trigger: long ? 'above' : 'below', bracket }));
    return out;
  }

  /** A stop or a parked order (`when` it fires), waiting in the engine from now on. */
  private holdStop(
    contract: Contract,
    req: { readonly side: StopOrder['side']; readonly offset: StopOrder['offset']; readonly volume: number; readonly limitPrice?: number | undefined; readonly source?: string | undefined },
    when: { readonly triggerPrice: number; readonly openAt?: number; readonly trigger?: 'above' | 'below' | undefined; readonly bracket?: string },
  ): StopOrder {
    const stop: StopOrder = {
      id: this.stops.nextId(),
      symbol: contract.symbol,
      side: req.side,
      offset: req.offset,
      volume: req.volume,
      triggerPrice: when.triggerPrice,
      limitPrice: req.limitPrice,
      status: 'waiting',
      orderIds: [],
      createdAt: this.clock.now(),
      source: req.source ?? 'manual',
    };
    // Set one by one rather than spread into the literal: a spread is a slow clone, and strategies trail a stop a bar.
    const extra = stop as { openAt?: number; trigger?: 'above' | 'below'; bracket?: string };
    if (when.openAt !== undefined) extra.openAt = when.openAt;
    if (when.trigger !== undefined) extra.trigger = when.trigger;
    if (when.bracket !== undefined) extra.bracket = when.bracket;
    this.market.ensure(contract);
    this.stops.add(stop);
    this.stopChanged(stop);
    return stop;
  }

  cancelStopOrder(id: string): boolean {
    const stop = this.stops.cancel(id);
    if (stop === undefined) return false;
    this.stopChanged(stop);
    return true;
  }

  /** A 止盈止损 stop cancelled by the engine: its pair fired, its position is flat, or a new pair replaced it. */
  private cancelBracketed(stop: StopOrder, why: NonNullable<StopOrder['cancelledBy']>): void {
    if (this.stops.cancel(stop.id) === undefined) return;
    stop.cancelledBy = why;
    this.stopChanged(stop);
  }

  /** After a close: the 止盈止损 of a position now flat go. */
  private cancelFlatBrackets(symbol: string): void {
    for (const s of this.stops.bracketed(symbol, {})) {
      const held = this.portfolio.positions.get(symbol)?.[s.side === 'sell' ? 'long' : 'short'];
      if (held === undefined || held.volume === 0) this.cancelBracketed(s, 'flat');
    }
  }

  private fireStops(triggered: readonly Triggered[]): void {
    let fired: Set<string> | undefined;
    for (const { stop, price } of triggered) {
      let volume = stop.volume;
      if (stop.bracket !== undefined) {
        // What is left to close: the trader may have closed part of the position since.
        volume = Math.min(volume, this.portfolio.positions.get(stop.symbol)?.[stop.side === 'sell' ? 'long' : 'short'].available ?? 0);
        // Both of a pair inside one bar: the first listed (the stop-loss, placed first) fires, as the worse case.
        if (fired?.has(stop.bracket) === true || volume <= 0) {
          stop.status = 'cancelled';
          stop.cancelledBy = volume <= 0 ? 'flat' : 'pair';
          this.stopChanged(stop);
          continue;
        }
        (fired ??= new Set()).add(stop.bracket);
        for (const other of this.stops.bracketed(stop.symbol, { bracket: stop.bracket })) this.cancelBracketed(other, 'pair');
      }
      const orders = this.sendOrder(
        {
          symbol: stop.symbol,
          side: stop.side,
          offset: stop.offset,
          type: stop.limitPrice === undefined ? 'market' : 'limit',
          price: stop.limitPrice ?? 0,
          volume,
          source: stop.source,
        },
        // A parked order is no stop: it carries no trigger price.
        stop.openAt === undefined ? price : undefined,
      );
      stop.orderIds = orders.map((o) => o.id);
      this.stopChanged(stop);
    }
  }

  /**
   * Funds in (amount > 0) or out of the account, on the simulated account (a live account's funds move at the
   * broker). A withdrawal cannot take more than is available. Returns why not, or nothing when done.
   */
  transfer(amount: number): Reason | undefined {
    if (!Number.isFinite(amount) || amount === 0 || Math.abs(amount) > MAX_TRANSFER || Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6) {
      return reason('TRANSFER_INVALID', { amount: String(amount) });
    }
    const available = this.portfolio.available();
    if (amount < 0 && -amount > available + 1e-9) return reason('TRANSFER_EXCEEDS_AVAILABLE', { amount: (-amount).toFixed(2), available: available.toFixed(2) });
    this.portfolio.transfer(amount);
    this.recorder.accountChanged(this.portfolio.account);
    this.bus.emit('transfer', { amount, time: this.clock.now() });
    this.emitAccount();
    return undefined;
  }

  // ---- gateway callbacks -----------------------------------------------------------------------------------------

  orderAccepted(orderId: string, gatewayOrderId: string, time: number): void {
    const order = this.oms.get(orderId);
    if (order === undefined) return this.unknownOrder('accepted', orderId);
    if (gatewayOrderId) order.gatewayOrderId = gatewayOrderId;
    if (this.oms.transition(order, 'submitted', time)) {
      this.recorder.orderChanged(order);
      this.emitHot('order', this.orderHandlers, order);
    }
  }

  orderCancelled(orderId: string, why: Reason | undefined, time: number): void {
    this.endOrder(orderId, 'cancelled', why ?? reason('CANCELLED_BY_USER'), time);
  }

  orderRejected(orderId: string, why: Reason, time: number): void {
    this.endOrder(orderId, 'rejected', why, time);
  }

  private endOrder(orderId: string, to: OrderStatus, why: Reason, time: number): void {
    const order = this.oms.get(orderId);
    if (order === undefined) return this.unknownOrder(to, orderId);
    if (!this.oms.transition(order, to, time, why)) return;
    this.portfolio.release(order.id);
    this.recorder.orderChanged(order);
    this.emitHot('order', this.orderHandlers, order);
    this.emitHoldOf(order, this.contracts.get(order.symbol));
    if (this.replacing.size > 0) this.sendReplacement(order);
  }

  /** The venue refused a cancel: an order being replaced stays as it is, and nothing is sent in its stead. */
  cancelRefused(orderId: string, why: Reason, _time: number): void {
    if (!this.replacing.delete(orderId)) return;
    const order = this.oms.get(orderId);
    if (order !== undefined) this.bus.emit('replaced', { from: order, to: [], refused: why });
  }

  /** An order being replaced has ended: cancelled, its replacement goes out; filled or refused, none does. */
  private sendReplacement(order: Order): void {
    const next = this.replacing.get(order.id);
    if (next === undefined) return;
    this.replacing.delete(order.id);
    if (order.status !== 'cancelled') return;
    const sent = this.sendOrder({ symbol: order.symbol, side: order.side, offset: order.offset, type: 'limit', price: next.price, volume: next.volume, source: order.source, reference: order.reference });
    this.bus.emit('replaced', { from: order, to: sent });
  }

  orderFilled(orderId: string, price: number, volume: number, time: number, tradeId?: string): void {
    if (tradeId !== undefined) {
      if (this.seenTradeIds.has(tradeId)) return;
      this.seenTradeIds.add(tradeId);
    }
    const order = this.oms.get(orderId);
    if (order === undefined) return this.unknownOrder('filled', orderId);
    const target = this.orderTarget(order.symbol);
    if (typeof target === 'string') return this.unknownOrder('filled', orderId);
    const contract = target.contract;
    if (!this.oms.fill(order, price, volume, time)) return;
    if (order.status === 'filled' && this.replacing.size > 0) this.replacing.delete(order.id);
    const position = this.portfolio.fill(order, contract, price, volume);
    const effect = this.portfolio.lastFill;
    // A new position is marked at the market's last price, not at its fill price.
    const last = target.quote.last;
    if (last > 0) this.portfolio.mark(order.symbol, last);
    const trade: Trade = {
      id: tradeId ?? this.tradeIdPrefix + ++this.tradeSeq,
      orderId: order.id,
      symbol: order.symbol,
      side: order.side,
      offset: order.offset,
      price,
      volume,
      time,
      tradingDay: this.day || order.tradingDay,
      commission: effect.commission,
      closeProfit: effect.closeProfit,
      source: order.source,
    };
    this.dayTradeStats.count++;
    this.dayTradeStats.turnover += price * contract.multiplier * volume;
    this.recorder.fill(order, trade, position, this.portfolio.account);
    this.emitHot('order', this.orderHandlers, order);
    this.emitHot('trade', this.tradeHandlers, trade);
    this.emitPosition(position);
    this.emitAccount();
    if (order.offset !== 'open' && this.stops.hasWaiting(order.symbol)) this.cancelFlatBrackets(order.symbol);
  }

  status(status: GatewayStatus): void {
    this.gatewayStates.set(status.gateway, status);
    this.bus.emit('gateway', status);
  }

  gatewayStatuses(): GatewayStatus[] {
    return [...this.gatewayStates.values()];
  }

  private unknownOrder(what: string, orderId: string): void {
    this.log('warn', 'gateway', `${what} for unknown order ${orderId} ignored`);
  }

  // ---- market data in --------------------------------------------------------------------------------------------

  onTick(tick: Tick): void {
    if (tick.tradingDay > this.day) this.rollTradingDay(tick.tradingDay);
    this.showQuote(tick);
    this.matcher?.onTick(tick);
    if (this.stops.hasWaiting(tick.symbol)) this.fireStops(this.stops.onPrice(tick.symbol, tick.last, tick.time));
    this.emitHot('tick', this.tickHandlers, tick);
  }

  /**
   * A tick taken as the contract's quote: shown and used to mark positions. Alone (onTick goes on to match, fire
   * stops and tell strategies), it is the market as it stands where no tick has come since a restart (a front's
   * snapshot on subscribing, the replay's last tick before where it resumes): nothing trades on it, as it is not new.
   */
  showQuote(tick: Tick): void {
    const contract = this.contracts.get(tick.symbol) ?? this.contracts.resolve(tick.symbol);
    const q = this.market.ensure(contract);
    q.tick = tick;
    q.last = tick.last;
    q.bid = tick.bid;
    q.ask = tick.ask;
    q.tradingDay = tick.tradingDay;
    if (tick.limitUp > 0) {
      q.limitUp = tick.limitUp;
      q.limitDown = tick.limitDown;
    }
    if (tick.preSettlement > 0) q.preSettlement = tick.preSettlement;
    this.portfolio.mark(tick.symbol, tick.last);
  }

  /**
   * A finished bar: resting orders are matched inside it first, then stop orders, and only then do strategies see
   * it, so an order sent on a bar's close is matched from the next bar on.
   */
  onBar(bar: Bar): void {
    // Each field read once: a backtest's bars are views of the stored columns, read through getters.
    const { symbol, tradingDay, close } = bar;
    if (tradingDay > this.day) this.rollTradingDay(tradingDay);
    const matcher = this.matcher;
    if (matcher !== undefined) matcher.matchBar(bar);
    if (this.stops.hasWaiting(symbol)) this.fireStopsInBar(bar, matcher);
    let q = this.barQuote;
    if (q === undefined || q.contract.symbol !== symbol) {
      // Quotes are never removed from the market book, so the one found can be kept.
      q = this.barQuote = this.market.get(symbol) ?? this.market.ensure(this.contracts.resolve(symbol));
    }
    q.last = close;
    q.tradingDay = tradingDay;
    this.portfolio.mark(symbol, close);
    this.emitHot('bar', this.barHandlers, bar);
  }

  private fireStopsInBar(bar: Bar, matcher: MarketMatcher | undefined): void {
    // Stops triggered inside a bar are sent and filled inside it: at the bar's start, not at its end (the clock),
    // or the last bar of a day (14:59, ending 15:00) would send them for the next trading day.
    this.stopBarTime = bar.time;
    matcher?.stopsFiringIn(bar);
    try {
      this.fireStops(this.stops.onBar(bar));
    } finally {
      this.stopBarTime = undefined;
      matcher?.stopsFiringIn(undefined);
    }
  }

  /** Settlement prices for the day, where the feed gives them; otherwise the last price is used. */
  setSettlement(symbol: string, price: number): void {
    const q = this.market.get(symbol);
    if (q !== undefined && price > 0) q.settlement = price;
  }

  /** Previous settlement of a contract (sets the day's limit prices). */
  setPreSettlement(symbol: string, price: number): void {
    this.market.ensure(this.contracts.resolve(symbol)).setPreSettlement(price);
  }

  /**
   * The end of a trading day and the start of the next: day orders expire, positions are marked to the settlement
   * price and become yesterday's, the day's performance is written. The first call only sets the day.
   */
  rollTradingDay(next: number): void {
    const ending = this.day;
    if (ending === 0 || next <= ending) {
      if (next > ending) this.day = next;
      this.portfolio.account.tradingDay = this.day;
      return;
    }
    this.settleDay(ending, next);
  }

  /** Settles the current day without starting a new one (the end of a backtest). */
  settleFinal(): DailyPerformance | undefined {
    if (this.day === 0) return undefined;
    return this.settleDay(this.day, this.contracts.calendar.next(this.day));
  }

  private settleDay(ending: number, next: number): DailyPerformance {
    const time = this.clock.now();
    this.matcher?.endTradingDay(ending, time);
    // Orders still working belong to the next day: what they hold back is reckoned again on the settled positions.
    const carried = this.oms.allWorking();
    for (const o of carried) this.portfolio.release(o.id);
    const prices = new Map<string, number>();
    for (const q of this.market.all()) {
      const price = q.settlement > 0 ? q.settlement : q.last;
      if (price > 0) prices.set(q.contract.symbol, price);
    }
    const a = this.portfolio.account;
    // The day's P&L is reckoned at the settlement prices, the cost the settled lots carry into the next day.
    for (const [symbol, price] of prices) this.portfolio.mark(symbol, price);
    const holdings = this.holdingsAt(prices);
    const { preBalance: balanceBf, deposit, withdraw } = a;
    const preBalance = this.portfolio.staticBalance();
    const closeProfit = a.closeProfit;
    const commission = a.commission;
    const positionProfit = this.portfolio.positionProfit();
    const dayTrades = this.dayTradeStats;
    const balance = this.portfolio.settle(prices, next);
    const perf: DailyPerformance = {
      accountId: a.accountId,
      tradingDay: ending,
      preBalance,
      balance,
      closeProfit,
      positionProfit,
      commission,
      netPnl: balance - preBalance,
      dailyReturn: preBalance > 0 ? (balance - preBalance) / preBalance : 0,
      drawdown: a.maxBalance - balance,
      maxBalance: a.maxBalance,
      tradeCount: dayTrades.count,
      turnover: dayTrades.turnover,
    };
    this.dayTradeStats = { count: 0, turnover: 0 };
    for (const q of this.market.all()) {
      const price = prices.get(q.contract.symbol);
      if (price !== undefined) q.setPreSettlement(price);
      q.settlement = Number.NaN;
    }
    this.day = next;
    for (const o of carried) this.freezeWorking(o);
    this.risk.newTradingDay();
    const positions: PositionState[] = [];
    for (const p of this.portfolio.positions.values()) positions.push(p.long, p.short);
    let margin = 0;
    for (const h of holdings) margin += h.margin;
    const statement: StatementBody = {
      accountId: a.accountId,
      tradingDay: ending,
      settledAt: time,
      // Written out rather than spread: a spread here made every backtest 15% slower (bench/backtest-speed.ts).
      funds: { preBalance: balanceBf, deposit, withdraw, closeProfit, positionProfit, commission, balance, margin, available: balance - margin, riskRatio: balance > 0 ? margin / balance : 0 },
      holdings,
    };
    this.recorder.settled(perf, positions, a, statement);
    this.bus.emit('settlement', perf);
    for (const p of positions) this.emitPosition(p);
    this.emitAccount();
    return perf;
  }

  /** 持仓汇总 at the settlement: each contract held, both sides, marked at `prices` (the positions already are). */
  private holdingsAt(prices: ReadonlyMap<string, number>): StatementHolding[] {
    const out: StatementHolding[] = [];
    for (const [symbol, p] of this.portfolio.positions) {
      if (p.long.volume === 0 && p.short.volume === 0) continue;
      const contract = p.long.contract;
      const settlement = prices.get(symbol) ?? p.long.lastPrice;
      const preSettlement = this.market.get(symbol)?.preSettlement ?? Number.NaN;
      const long = p.long.snapshot();
      const short = p.short.snapshot();
      out.push({
        symbol,
        longVolume: long.volume,
        longPrice: long.avgOpenPrice,
        shortVolume: short.volume,
        shortPrice: short.avgOpenPrice,
        preSettlement: preSettlement > 0 ? preSettlement : 0,
        settlement,
        positionProfit: long.positionProfit + short.positionProfit,
        margin: marginOf(contract, 'long', settlement, long.volume) + marginOf(contract, 'short', settlement, short.volume),
      });
    }
    return out;
  }

  /**
   * The trading day an order belongs to: an order entered after the day's close (in a backtest, on the close of the
   * day's last bar) is for the next trading day, so that it survives the settlement and meets the next open.
   */
  private orderTradingDay(target: OrderTarget, time: number): number {
    if (time >= target.from && time < target.until) return target.tradingDay;
    const cal = this.contracts.calendar;
    const date = shanghaiDate(time);
    const midnight = dayStartEpoch(date);
    const close = midnight + target.dayCloseMinute * MINUTE_MS;
    const evening = midnight + 18 * 60 * MINUTE_MS;
    if (time < close) {
      target.from = midnight;
      target.until = close;
      target.tradingDay = cal.tradingDayOf(time);
    } else if (time < evening) {
      target.from = close;
      target.until = evening;
      target.tradingDay = cal.next(date);
    } else {
      target.from = evening;
      target.until = midnight + DAY_MS;
      target.tradingDay = cal.tradingDayOf(time);
    }
    return target.tradingDay;
  }

  /** A contract with its quote, resolved the first time an order names its symbol. */
  private orderTarget(symbol: string): OrderTarget | string {
    if (symbol === this.lastTarget?.contract.symbol) return this.lastTarget;
    const known = this.orderTargets.get(symbol);
    if (known !== undefined) return (this.lastTarget = known);
    const contract = this.contracts.tryResolve(symbol, this.day || undefined);
    if ('error' in contract) return contract.error;
    const target = new OrderTarget(contract, this.market.ensure(contract));
    this.orderTargets.set(symbol, target);
    return target;
  }

  // ---- state out -------------------------------------------------------------------------------------------------

  accountSnapshot(): Account {
    return this.portfolio.snapshotAccount();
  }

  /** Puts a stored account back after a restart and re-freezes what its working orders hold. */
  restore(state: RestoredState): void {
    Object.assign(this.portfolio.account, state.account, { frozenMargin: 0, frozenCommission: 0 });
    this.day = state.account.tradingDay;
    for (const p of state.positions) {
      const contract = this.contracts.resolve(p.position.symbol);
      this.portfolio.position(contract, p.position.direction).restore(p.position, p.ydOpenCost, p.ydPositionCost, p.todayCost);
    }
    for (const q of state.quotes) {
      const quote = this.market.ensure(this.contracts.resolve(q.symbol));
      if (q.last > 0) quote.last = q.last;
      quote.setPreSettlement(q.preSettlement);
    }
    for (const order of state.orders) {
      this.oms.restore(order);
      if (isTerminalStatus(order.status)) continue;
      this.freezeWorking(order);
      this.matcher?.restore(order);
    }
    for (const s of state.stopOrders) this.stops.add(s);
    for (const id of state.tradeIds) this.seenTradeIds.add(id);
    this.oms.setSequence(state.orderSeq);
    this.stops.setSequence(state.stopSeq);
    this.tradeSeq = Math.max(this.tradeSeq, state.tradeSeq);
  }

  /** Holds back what a working order still needs (after a restart or a settlement). */
  private freezeWorking(order: Order): void {
    const contract = this.contracts.resolve(order.symbol);
    const price = order.price > 0 ? order.price : marketReferencePrice(this.market.ensure(contract), order.side);
    this.portfolio.freeze(order, contract, price, order.volume - order.traded);
  }

  log(level: LogEntry['level'], source: string, message: string, messageKey?: LogEntry['messageKey']): void {
    this.bus.emit('log', { time: this.clock.now(), level, source, message, ...(messageKey !== undefined ? { messageKey } : {}) });
  }

  /**
   * The hot events (bar, tick, order, trade) reach a lone handler (every event of a backtest has one) from here, with
   * the type's handler list kept by the engine, rather than through the bus's emit, which looks the list up keyed by
   * a different type on each call and is too large to be inlined: that cost 12% of a backtest
   * (bench/backtest-speed.ts); the same method inside the bus, shared by every event type, measured slower still. With
   * more handlers, the bus's emit, which keeps its rules for handlers added or removed during an emit.
   */
  private emitHot<K extends 'bar' | 'tick' | 'order' | 'trade'>(type: K, hs: readonly ((e: EngineEvents[K]) => void)[], e: EngineEvents[K]): void {
    if (hs.length !== 1) return this.bus.emit(type, e);
    try {
      hs[0]!(e);
    } catch (err) {
      this.handlerFailed(type, err);
    }
  }

  private handlerFailed(type: keyof EngineEvents, e: unknown): void {
    this.log('error', 'engine', `${type} handler failed: ${errorText(e)}`);
  }

  /** What a working order holds back changed: the account's frozen money for an open, the position for a close. */
  private emitHoldOf(order: Order, contract: Contract | undefined): void {
    if (order.offset === 'open' || contract === undefined) this.emitAccount();
    else if (this.positionHandlers.length > 0) this.emitPosition(this.portfolio.position(contract, positionDirectionOf(order.side, order.offset)));
  }

  /** A stop placed, fired or cancelled: kept, and told to who listens (a backtest has no one: a strategy trails a stop a bar). */
  private stopChanged(stop: StopOrder): void {
    this.recorder.stopOrderChanged(stop);
    if (this.stopHandlers.length > 0) this.bus.emit('stopOrder', stop);
  }

  private emitPosition(p: PositionState): void {
    if (this.positionHandlers.length > 0) this.bus.emit('position', p.snapshot());
  }

  private emitAccount(): void {
    if (this.accountHandlers.length > 0) this.bus.emit('account', this.portfolio.snapshotAccount());
  }
}

/** The most one transfer moves (100 亿): beyond it an amount is a typing error, not funds. */
const MAX_TRANSFER = 10_000_000_000;

/** The price a market order is reckoned at for margin: the opposite quote, else the last price. */
function marketReferencePrice(q: Quote, side: 'buy' | 'sell'): number {
  const opposite = side === 'buy' ? q.ask : q.bid;
  if (opposite > 0) return opposite;
  if (side === 'buy' && q.limitUp > 0) return q.limitUp;
  if (side === 'sell' && q.limitDown > 0) return q.limitDown;
  return q.last > 0 ? q.last : 0;
}

/** The limit price of an emulated market order: the day's limit price, else the last price +- the limit ratio. */
function emulatedMarketPrice(c: Contract, q: Quote, side: 'buy' | 'sell'): number {
  if (side === 'buy' && q.limitUp > 0) return q.limitUp;
  if (side === 'sell' && q.limitDown > 0) return q.limitDown;
  const ref = q.last > 0 ? q.last : side === 'buy' ? q.ask : q.bid;
  if (!(ref > 0)) return 0;
  return side === 'buy' ? floorToTick(ref * (1 + c.limitRatio), c.priceTick) : ceilToTick(ref * (1 - c.limitRatio), c.priceTick);
}

/** A stop order refused for its price or volume: the reason why, in both languages (the UI words it in its own). */
function invalidStop(why: Reason): Reason {
  return reason('STOP_INVALID', { detail: formatReason(why, 'en'), detailZh: formatReason(why) });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

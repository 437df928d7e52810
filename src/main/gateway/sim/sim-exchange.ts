import type { Bar, Contract, Order, Tick } from '../../../shared/model/types';
import { gatewayWords } from '../../../shared/i18n/gateway-messages';
import { reason, type Reason } from '../../../shared/i18n/reasons';
import type { Clock } from '../../engine/clock';
import type { TradingCalendar } from '../../engine/calendar';
import { isTradingTime, nextSessionOpen } from '../../engine/sessions';
import { splitSymbol } from '../../../shared/model/symbol';
import { formatShanghai } from '../../../shared/model/time';
import type { ContractRegistry } from '../../trading/contracts';
import { removeItem } from '../../trading/lists';
import type { Gateway, GatewayListener, MarketMatcher } from '../gateway';

/**
 * The reasons without parameters, one object each: the order manager makes the text of a reason once for a run of
 * orders ended by the same one (a cancel after each of a million resting orders in the benchmark).
 */
const FIXED = {
  CANCELLED_BY_USER: reason('CANCELLED_BY_USER'),
  OUT_OF_SESSION: reason('OUT_OF_SESSION'),
  NO_COUNTERPARTY: reason('NO_COUNTERPARTY'),
  MARKET_REMAINDER: reason('MARKET_REMAINDER'),
  FOK_NOT_FILLED: reason('FOK_NOT_FILLED'),
  FAK_REMAINDER: reason('FAK_REMAINDER'),
  EXPIRED: reason('EXPIRED'),
  NOT_RESTING: reason('CANCEL_NOT_RESTING'),
} as const;

export interface SimExchangeOptions {
  /**
   * 'tick': orders are matched on arrival against the latest quote and then against each tick (paper trading,
   * tick backtests); orders outside trading hours are rejected as an exchange does.
   * 'bar': an order rests until the next bar and is matched inside it (bar backtests).
   */
  readonly mode: 'tick' | 'bar';
  /** Ticks of slippage on fills at the market (market orders, stops, fills at a bar's open); never past a limit. */
  readonly slippageTicks?: number;
  /** Bar mode: a limit order fills when the bar trades at its price (true, vnpy's rule) or only through it. */
  readonly fillAtTouch?: boolean;
  /** Bar mode: the largest share of a bar's volume one order may take (0: no cap, fills are whole). */
  readonly barVolumeShare?: number;
}

/**
 * The bar volume an order may take when no share of it is set: more lots than any order has, and a small integer, so
 * that what is left of it after a fill is one too (Number.MAX_SAFE_INTEGER is a heap-allocated number in V8 each time
 * it is passed on or reduced: some 50 bytes an order in a backtest).
 */
const UNLIMITED_LOTS = 0x3fffffff;

/**
 * The simulated exchange: a gateway that matches orders itself against the market data the engine passes it.
 * The rules are written down in docs/fill-rules.md; each has a test in tests/trading/sim-exchange.test.ts.
 */
export class SimExchange implements Gateway, MarketMatcher {
  readonly name = 'sim';
  private listener: GatewayListener | undefined;
  private readonly book = new Map<string, Order[]>();
  private readonly lastTicks = new Map<string, Tick>();
  /** Opposite volume already taken from the latest tick of each contract by earlier orders. */
  private readonly taken = new Map<string, { ask: number; bid: number }>();
  private bar: Bar | undefined;
  /** The book found last: one contract's bars and orders come one after another. */
  private lastSymbol: string | undefined;
  private lastBook: Order[] = [];
  /**
   * What slippage cost on the fill being reported (CNY: the price moved against the order, times multiplier and
   * volume), read by a backtest's recorder while the engine books that fill.
   */
  lastFillSlippage = 0;
  private readonly slip: number;
  private readonly touch: boolean;
  private readonly volumeShare: number;

  constructor(
    private readonly contracts: ContractRegistry,
    private readonly calendar: TradingCalendar,
    private readonly clock: Clock,
    private readonly options: SimExchangeOptions,
  ) {
    this.slip = options.slippageTicks ?? 0;
    this.touch = options.fillAtTouch ?? true;
    this.volumeShare = options.barVolumeShare ?? 0;
  }

  connect(listener: GatewayListener): void {
    this.listener = listener;
    listener.status({ gateway: this.name, state: 'connected', ...gatewayWords('SIM_READY') });
  }

  disconnect(): void {
    this.listener?.status({ gateway: this.name, state: 'disconnected', ...gatewayWords('DISCONNECTED_BY_USER') });
  }

  private get out(): GatewayListener {
    if (this.listener === undefined) throw new Error('SimExchange used before connect()');
    return this.listener;
  }

  sendOrder(order: Readonly<Order>): void {
    const now = this.clock.now();
    const contract = this.contracts.get(order.symbol);
    if (contract === undefined) return this.out.orderRejected(order.id, reason('UNKNOWN_CONTRACT', { detail: order.symbol }), now);
    if (this.options.mode === 'tick' && !this.inSession(contract, now)) {
      return this.out.orderRejected(order.id, this.outOfSession(contract, now), now);
    }
    // The simulated exchange numbers its orders (its 报单编号) with the engine's own ids: unique across restarts, where
    // a count of its own started again at 1, and no new string for each of a backtest's orders.
    this.out.orderAccepted(order.id, order.id, now);
    if (this.options.mode === 'tick') this.matchOnArrival(order, now);
    else if (this.bar !== undefined && order.symbol === this.bar.symbol && order.stopPrice !== undefined) this.matchTriggered(order, this.bar);
    else this.rest(order);
  }

  /** Whether a contract trades at `time`; remembered per product and minute (orders come in bursts). */
  /** Why an order out of the contract's sessions is refused, with when it next trades. */
  private outOfSession(contract: Contract, time: number): Reason {
    const next = nextSessionOpen(contract, this.calendar, time);
    return next === undefined ? FIXED.OUT_OF_SESSION : reason('OUT_OF_SESSION_UNTIL', { code: splitSymbol(contract.symbol).code, next: formatShanghai(next, false) });
  }

  private inSession(contract: { exchange: string; product: string } & Parameters<typeof isTradingTime>[0], time: number): boolean {
    const minute = Math.floor(time / 60_000);
    const key = contract.exchange + contract.product;
    if (minute === this.sessionMinute && key === this.sessionKey) return this.sessionOpen;
    this.sessionMinute = minute;
    this.sessionKey = key;
    this.sessionOpen = isTradingTime(contract, this.calendar, time);
    return this.sessionOpen;
  }
  private sessionMinute = Number.NaN;
  private sessionKey = '';
  private sessionOpen = false;

  cancelOrder(order: Readonly<Order>): void {
    if (!this.unrest(order)) return this.out.cancelRefused(order.id, FIXED.NOT_RESTING, this.clock.now());
    this.out.orderCancelled(order.id, FIXED.CANCELLED_BY_USER, this.clock.now());
  }

  restore(order: Readonly<Order>): void {
    this.rest(order);
  }

  private rest(order: Readonly<Order>): void {
    this.bookOf(order.symbol).push(order as Order);
    this.restingCount++;
  }

  /** Takes an order out of the book; returns whether it was there. */
  private unrest(order: Readonly<Order>): boolean {
    if (!removeItem(this.bookOf(order.symbol), order as Order)) return false;
    this.restingCount--;
    return true;
  }

  /** Orders resting in the book, all contracts: most bars of a backtest find none, and look no further. */
  private restingCount = 0;

  /** The resting orders of a contract; lists are never removed from the book, so the one found last can be kept. */
  private bookOf(symbol: string): Order[] {
    if (symbol === this.lastSymbol) return this.lastBook;
    let list = this.book.get(symbol);
    if (list === undefined) this.book.set(symbol, (list = []));
    this.lastSymbol = symbol;
    this.lastBook = list;
    return list;
  }

  /** Resting orders of a contract, for tests and the UI's queue view. */
  resting(symbol: string): readonly Order[] {
    return this.book.get(symbol) ?? [];
  }

  // ---- ticks -----------------------------------------------------------------------------------------------------

  private matchOnArrival(order: Readonly<Order>, now: number): void {
    const tick = this.lastTicks.get(order.symbol);
    const contract = this.contracts.get(order.symbol)!;
    const tickSize = contract.priceTick;
    const buy = order.side === 'buy';
    const opposite = tick === undefined ? 0 : buy ? tick.ask : tick.bid;
    const available = tick === undefined ? 0 : this.availableOpposite(tick, buy);
    const remaining = order.volume - order.traded;
    if (order.type === 'market') {
      if (!(opposite > 0) || available <= 0) return this.out.orderCancelled(order.id, FIXED.NO_COUNTERPARTY, now);
      let price = buy ? opposite + this.slip * tickSize : opposite - this.slip * tickSize;
      if (tick !== undefined && tick.limitUp > 0) price = buy ? Math.min(price, tick.limitUp) : Math.max(price, tick.limitDown);
      const qty = Math.min(remaining, available);
      this.take(tick!, buy, qty);
      this.filled(order, price, qty, now, contract, buy, opposite);
      if (qty < remaining) this.out.orderCancelled(order.id, FIXED.MARKET_REMAINDER, now);
      return;
    }
    const crosses = opposite > 0 && (buy ? order.price >= opposite : order.price <= opposite);
    if (!crosses) {
      if (order.type === 'limit') return this.rest(order);
      return this.out.orderCancelled(order.id, order.type === 'fok' ? FIXED.FOK_NOT_FILLED : FIXED.FAK_REMAINDER, now);
    }
    if (order.type === 'fok' && available < remaining) return this.out.orderCancelled(order.id, FIXED.FOK_NOT_FILLED, now);
    const price = buy ? Math.min(order.price, opposite + this.slip * tickSize) : Math.max(order.price, opposite - this.slip * tickSize);
    const qty = Math.min(remaining, available);
    if (qty > 0) {
      this.take(tick!, buy, qty);
      this.filled(order, price, qty, now, contract, buy, opposite);
    }
    if (qty < remaining) {
      if (order.type === 'limit') this.rest(order);
      else this.out.orderCancelled(order.id, FIXED.FAK_REMAINDER, now);
    }
  }

  onTick(tick: Tick): void {
    this.lastTicks.set(tick.symbol, tick);
    const t = this.taken.get(tick.symbol);
    if (t !== undefined) {
      t.ask = 0;
      t.bid = 0;
    }
    const list = this.book.get(tick.symbol);
    if (list === undefined || list.length === 0) return;
    // A resting order is passive: when the market comes to it, it fills at its own price.
    for (const order of [...list]) {
      const buy = order.side === 'buy';
      const crossed = buy
        ? (tick.ask > 0 && tick.ask <= order.price) || (tick.last > 0 && tick.last < order.price)
        : (tick.bid > 0 && tick.bid >= order.price) || (tick.last > 0 && tick.last > order.price);
      if (!crossed) continue;
      const available = this.availableOpposite(tick, buy);
      if (available <= 0) continue;
      const remaining = order.volume - order.traded;
      const qty = Math.min(remaining, available);
      this.take(tick, buy, qty);
      if (qty === remaining) this.unrest(order);
      this.out.orderFilled(order.id, order.price, qty, tick.time);
    }
  }

  /** Opposite volume left in the latest tick; a tick without volumes is taken to have enough. */
  private availableOpposite(tick: Tick, buy: boolean): number {
    const shown = buy ? tick.askVolume : tick.bidVolume;
    if (!(shown > 0)) return Number.MAX_SAFE_INTEGER;
    const t = this.taken.get(tick.symbol);
    return shown - (t === undefined ? 0 : buy ? t.ask : t.bid);
  }

  private take(tick: Tick, buy: boolean, qty: number): void {
    let t = this.taken.get(tick.symbol);
    if (t === undefined) this.taken.set(tick.symbol, (t = { ask: 0, bid: 0 }));
    if (buy) t.ask += qty;
    else t.bid += qty;
  }

  // ---- bars ------------------------------------------------------------------------------------------------------

  /** Small enough to be inlined into the engine's bar loop: most bars find no resting order. */
  matchBar(bar: Bar): void {
    if (this.restingCount === 0) return;
    const list = this.bookOf(bar.symbol);
    if (list.length !== 0) this.matchResting(list, bar);
  }

  private matchResting(list: Order[], bar: Bar): void {
    // `| 0`: a whole number of lots as a small integer, as UNLIMITED_LOTS is, not a heap-allocated float.
    const budget = this.volumeShare > 0 ? Math.floor(bar.volume * this.volumeShare) | 0 : UNLIMITED_LOTS;
    const contract = this.contracts.get(bar.symbol)!;
    if (list.length === 1) {
      this.matchInBar(list[0]!, bar, contract, budget);
      return;
    }
    let left = budget;
    for (const order of [...list]) left = this.matchInBar(order, bar, contract, left);
  }

  /** Matches one resting order inside a bar; returns the bar volume left for the orders after it. */
  private matchInBar(order: Order, bar: Bar, contract: Contract, budget: number): number {
    const tickSize = contract.priceTick;
    const buy = order.side === 'buy';
    const remaining = order.volume - order.traded;
    let price: number | undefined;
    let reference = bar.open;
    if (order.type === 'market') {
      price = buy ? bar.open + this.slip * tickSize : bar.open - this.slip * tickSize;
    } else if (buy ? bar.open <= order.price : bar.open >= order.price) {
      // The market opened through the limit: the order meets the open.
      price = buy ? Math.min(order.price, bar.open + this.slip * tickSize) : Math.max(order.price, bar.open - this.slip * tickSize);
    } else if (order.type === 'limit') {
      const reached = buy ? (this.touch ? bar.low <= order.price : bar.low < order.price) : this.touch ? bar.high >= order.price : bar.high > order.price;
      if (reached) price = reference = order.price;
    }
    if (price === undefined) {
      // FAK and FOK live only for the moment they arrive: the next bar's open.
      if (order.type !== 'limit') this.expireImmediate(order, bar.time);
      return budget;
    }
    const qty = Math.min(remaining, budget);
    if (order.type === 'fok' && qty < remaining) {
      this.expireImmediate(order, bar.time);
      return budget;
    }
    if (qty <= 0) {
      if (order.type !== 'limit') this.expireImmediate(order, bar.time);
      return budget;
    }
    if (qty === remaining || order.type !== 'limit') this.unrest(order);
    this.filled(order, price, qty, bar.time, contract, buy, reference);
    if (qty < remaining && order.type !== 'limit') this.out.orderCancelled(order.id, order.type === 'market' ? FIXED.MARKET_REMAINDER : FIXED.FAK_REMAINDER, bar.time);
    return budget - qty;
  }

  /** Reports a fill, with what slippage cost against `reference`, the price the market offered before slippage. */
  private filled(order: Readonly<Order>, price: number, qty: number, time: number, contract: Contract, buy: boolean, reference: number): void {
    const moved = buy ? price - reference : reference - price;
    this.lastFillSlippage = moved > 0 ? moved * contract.multiplier * qty : 0;
    this.out.orderFilled(order.id, price, qty, time);
    this.lastFillSlippage = 0;
  }

  /** An order sent by a stop that triggered inside the current bar: matched from the trigger price on. */
  private matchTriggered(order: Readonly<Order>, bar: Bar): void {
    const contract = this.contracts.get(order.symbol)!;
    const tickSize = contract.priceTick;
    const buy = order.side === 'buy';
    const trigger = order.stopPrice!;
    const atMarket = buy ? trigger + this.slip * tickSize : trigger - this.slip * tickSize;
    // Never outside the bar's range: slippage cannot invent a price the market did not trade.
    const bounded = buy ? Math.min(atMarket, bar.high) : Math.max(atMarket, bar.low);
    if (order.type === 'market') return this.filled(order, bounded, order.volume, bar.time, contract, buy, trigger);
    if (buy ? order.price >= trigger : order.price <= trigger) {
      const price = buy ? Math.min(order.price, bounded) : Math.max(order.price, bounded);
      return this.filled(order, price, order.volume, bar.time, contract, buy, trigger);
    }
    if (order.type === 'limit') this.rest(order);
    else this.expireImmediate(order, bar.time);
  }

  /**
   * Kept only while stops fire rather than for every bar: storing each new bar into this long-lived object would cost
   * the garbage collector's write barrier on every bar of a backtest.
   */
  stopsFiringIn(bar: Bar | undefined): void {
    this.bar = bar;
  }

  private expireImmediate(order: Readonly<Order>, time: number): void {
    this.unrest(order);
    const why: Reason = order.type === 'fok' ? FIXED.FOK_NOT_FILLED : order.type === 'market' ? FIXED.NO_COUNTERPARTY : FIXED.FAK_REMAINDER;
    this.out.orderCancelled(order.id, why, time);
  }

  endTradingDay(tradingDay: number, time: number): void {
    for (const list of this.book.values()) {
      for (const order of [...list]) {
        if (order.tradingDay > tradingDay) continue;
        this.unrest(order);
        this.out.orderCancelled(order.id, FIXED.EXPIRED, time);
      }
    }
  }
}

import type { OrderStatus } from '../../shared/model/enums';
import { isTerminalStatus } from '../../shared/model/enums';
import type { Order } from '../../shared/model/types';
import { formatReason, type Reason } from '../../shared/i18n/reasons';
import { SCAN_LIMIT } from './live-index';
import { removeItem } from './lists';
import { transitionOf } from './order-state';

/** What only some orders carry: the parent of a split close, the caller's reference, the trigger of a fired stop. */
export interface OrderExtras {
  readonly parentId?: string | undefined;
  readonly reference?: string | undefined;
  readonly stopPrice?: number | undefined;
}

/**
 * The order manager: the one place orders live and change. Status changes go through the state machine;
 * an invalid one is reported through `onInvalid` and not applied.
 */
export class OrderManager {
  /** Every order by id, finished ones included, where they are kept (paper and live trading; see keepFinished). */
  readonly orders = new Map<string, Order>();
  /** The working orders of each contract, oldest first. */
  private readonly working = new Map<string, Order[]>();
  /**
   * Where finished orders are not kept (a backtest), an order is found in its contract's working list (a handful of
   * orders, the latest contract's first), with no index of its own to add it to and take it out of again on each of
   * hundreds of thousands of orders; past SCAN_LIMIT working orders, by a Map kept beside the lists until none works.
   */
  private workingCount = 0;
  private workingIndex: Map<string, Order> | undefined;
  private seq = 0;

  constructor(
    private readonly idPrefix = '',
    private readonly onInvalid: (order: Order, to: OrderStatus) => void = () => {},
    /**
     * Whether finished orders stay in `orders`. A backtest that sends hundreds of thousands of orders keeps only the
     * working ones (its recorder keeps the trades): an ever-growing map costs more per order than the rest of the OMS.
     */
    private readonly keepFinished = true,
  ) {}

  /** Continues numbering after the orders restored from storage. */
  setSequence(seq: number): void {
    if (seq > this.seq) this.seq = seq;
  }
  get sequence(): number {
    return this.seq;
  }

  /**
   * A new order, 'submitting'. The fields come as arguments rather than in an object: a backtest creates an order
   * for every one a strategy sends, and an object of its fields for each was 10% of what an order allocated.
   */
  create(
    symbol: string,
    side: Order['side'],
    offset: Order['offset'],
    type: Order['type'],
    price: number,
    volume: number,
    source: string,
    tradingDay: number,
    time: number,
    extras?: OrderExtras,
  ): Order {
    // Without a prefix (a backtest's), no concatenation with the empty string for each order.
    const id = this.idPrefix === '' ? String(++this.seq) : this.idPrefix + String(++this.seq);
    const order: Order = {
      id,
      symbol,
      side,
      offset,
      type,
      price,
      volume,
      traded: 0,
      avgPrice: 0,
      status: 'submitting',
      statusMsg: '',
      createdAt: time,
      updatedAt: time,
      tradingDay,
      source,
      gatewayOrderId: '',
    };
    if (extras !== undefined) {
      // Set one by one rather than spread into the literal: spreads make every order a slow dictionary object.
      const extra = order as { parentId?: string; reference?: string; stopPrice?: number };
      if (extras.parentId !== undefined) extra.parentId = extras.parentId;
      if (extras.reference !== undefined) extra.reference = extras.reference;
      if (extras.stopPrice !== undefined) extra.stopPrice = extras.stopPrice;
    }
    if (this.keepFinished) this.orders.set(id, order);
    this.addWorking(order);
    return order;
  }

  /** Puts a stored order back (after a restart). */
  restore(order: Order): void {
    if (this.keepFinished) this.orders.set(order.id, order);
    if (!isTerminalStatus(order.status)) this.addWorking(order);
  }

  get(id: string): Order | undefined {
    if (this.keepFinished) return this.orders.get(id);
    if (this.workingIndex !== undefined) return this.workingIndex.get(id);
    // Newest first: the venue answers about the orders just sent.
    const last = this.lastList;
    for (let i = last.length - 1; i >= 0; i--) if (last[i]!.id === id) return last[i];
    if (this.working.size > 1) {
      for (const list of this.working.values()) {
        if (list === last) continue;
        for (let i = list.length - 1; i >= 0; i--) if (list[i]!.id === id) return list[i];
      }
    }
    return undefined;
  }

  workingOf(symbol: string): readonly Order[] {
    return this.listOf(symbol);
  }

  allWorking(): Order[] {
    const out: Order[] = [];
    for (const list of this.working.values()) out.push(...list);
    return out;
  }

  /** Applies a status change if the state machine allows it; returns whether it changed the order. */
  transition(order: Order, to: OrderStatus, time: number, why?: Reason): boolean {
    const kind = transitionOf(order.status, to);
    if (kind !== 'apply') {
      if (kind === 'invalid') this.onInvalid(order, to);
      return false;
    }
    order.status = to;
    order.updatedAt = time;
    if (why !== undefined) {
      order.statusMsg = this.textOf(why);
      order.statusReason = why;
    }
    if (isTerminalStatus(to)) this.unlist(order);
    return true;
  }

  /** Applies a fill to the order's volumes and status; returns false (and applies nothing) if it is not allowed. */
  fill(order: Order, price: number, volume: number, time: number): boolean {
    const traded = order.traded + volume;
    if (volume <= 0 || traded > order.volume) {
      this.onInvalid(order, 'filled');
      return false;
    }
    const to: OrderStatus = traded === order.volume ? 'filled' : 'partFilled';
    if (transitionOf(order.status, to) !== 'apply') {
      this.onInvalid(order, to);
      return false;
    }
    order.avgPrice = (order.avgPrice * order.traded + price * volume) / traded;
    order.traded = traded;
    order.status = to;
    order.updatedAt = time;
    if (to === 'filled') this.unlist(order);
    return true;
  }

  /**
   * The Chinese text of a reason (状态信息). Reasons are immutable, and a gateway that ends orders for one reason
   * again and again (the simulated exchange's cancels) passes the same object: its text is made once.
   */
  private textOf(why: Reason): string {
    if (why !== this.lastReason) {
      this.lastReason = why;
      this.lastReasonText = formatReason(why);
    }
    return this.lastReasonText;
  }
  private lastReason: Reason | undefined;
  private lastReasonText = '';

  /**
   * The working orders of a contract. Lists are never removed, so the one found last is kept: one contract's orders
   * come one after another.
   */
  private listOf(symbol: string): Order[] {
    if (symbol === this.lastSymbol) return this.lastList;
    let list = this.working.get(symbol);
    if (list === undefined) this.working.set(symbol, (list = []));
    this.lastSymbol = symbol;
    this.lastList = list;
    return list;
  }
  private lastSymbol: string | undefined;
  private lastList: Order[] = [];

  private addWorking(order: Order): void {
    this.listOf(order.symbol).push(order);
    this.workingCount++;
    if (this.keepFinished) return;
    if (this.workingIndex !== undefined) this.workingIndex.set(order.id, order);
    else if (this.workingCount > SCAN_LIMIT) this.workingIndex = new Map(this.allWorking().map((o) => [o.id, o]));
  }

  /** A finished order leaves the working list of its contract. */
  private unlist(order: Order): void {
    if (!removeItem(this.listOf(order.symbol), order)) return;
    this.workingCount--;
    if (this.workingIndex === undefined) return;
    if (this.workingCount === 0) this.workingIndex = undefined;
    else this.workingIndex.delete(order.id);
  }
}

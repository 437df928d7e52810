import type { OrderType, RequestOffset, Side } from '../../shared/model/enums';
import type { Account, Bar, Contract, Order, OrderRequest, StopOrder, Tick, Trade } from '../../shared/model/types';

export type ParamValue = number | boolean | string;
export type Params = Record<string, ParamValue>;
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** One declared parameter: the UI turns these into a form and the optimiser into a grid. */
export interface ParamSpec {
  readonly name: string;
  readonly type: 'int' | 'float' | 'bool' | 'enum' | 'string';
  readonly default: ParamValue;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** The choices of an enum parameter. */
  readonly options?: readonly string[];
  readonly label: Bilingual;
  readonly description?: Bilingual;
}

export interface StrategyMeta {
  readonly name: Bilingual;
  readonly description?: Bilingual;
  /** How many contracts the strategy trades (a spread needs two); default 1. */
  readonly symbols?: number;
  /** Bars of history fed through onBar before the strategy starts trading (warm-up); default 0. */
  readonly warmupBars?: number;
}

/** What the runtime gives a strategy instance: the engine, seen from one strategy. */
export interface StrategyContext {
  sendOrder(req: OrderRequest): readonly Order[];
  sendStopOrder(req: {
    symbol: string;
    side: Side;
    offset: RequestOffset;
    volume: number;
    triggerPrice: number;
    limitPrice?: number | undefined;
  }): StopOrder | undefined;
  cancelOrder(id: string): void;
  cancelAll(): void;
  now(): number;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  contract(symbol: string): Contract;
  account(): Account;
  history(symbol: string, period: string, count: number): Bar[];
}

export interface ActionOptions {
  /** Default: the strategy's first contract. */
  readonly symbol?: string;
  /** Default 'limit'. */
  readonly type?: OrderType;
  /** A stop order held by the engine: `price` is the trigger; with `limitPrice` it becomes a stop-limit. */
  readonly stop?: boolean;
  readonly limitPrice?: number;
}

/**
 * @internal A strategy's own position in one contract, booked by the runtime from the strategy's trades: one object
 * changed in place by each trade (not two map entries set again each time).
 */
export interface OwnPosition {
  /** Long lots minus short lots. */
  lots: number;
  /** Their average open price (0 while flat). */
  avgPrice: number;
}

/**
 * The base class every strategy file extends (default export). The same file runs in backtests, on a simulated
 * account and live: it only sees bars, ticks, its orders and trades, and acts through buy / sell / short / cover.
 *
 * Orders sent while the strategy warms up on history (before onStart) are ignored, as in vnpy.
 */
export abstract class Strategy<P extends Params = Params> {
  static meta: StrategyMeta = { name: { zh: '策略', en: 'Strategy' } };
  static params: readonly ParamSpec[] = [];
  /** Names of instance fields kept across restarts in paper and live trading. */
  static state: readonly string[] = [];

  /** Set by the runtime before onInit. */
  params!: P;
  symbols!: readonly string[];
  name!: string;
  /** false while warming up on history: orders are ignored then. */
  trading = false;
  /** @internal */
  ctx!: StrategyContext;
  /** @internal This strategy's own position per contract, from its own trades. */
  readonly positions = new Map<string, OwnPosition>();

  get symbol(): string {
    return this.symbols[0]!;
  }

  onInit?(): void;
  onStart?(): void;
  onStop?(): void;
  onTick?(tick: Tick): void;
  onBar?(bar: Bar): void;
  onOrder?(order: Order): void;
  onTrade?(trade: Trade): void;
  onTimer?(now: number): void;

  /** This strategy's net position in a contract: long lots minus short lots. */
  pos(symbol: string = this.symbol): number {
    return this.positions.get(symbol)?.lots ?? 0;
  }

  /** Opens long. Returns the ids of the orders sent (none while warming up). */
  buy(price: number, volume: number, opts?: ActionOptions): string[] {
    return this.act('buy', 'open', price, volume, opts);
  }
  /** Closes long. */
  sell(price: number, volume: number, opts?: ActionOptions): string[] {
    return this.act('sell', 'close', price, volume, opts);
  }
  /** Opens short. */
  short(price: number, volume: number, opts?: ActionOptions): string[] {
    return this.act('sell', 'open', price, volume, opts);
  }
  /** Closes short. */
  cover(price: number, volume: number, opts?: ActionOptions): string[] {
    return this.act('buy', 'close', price, volume, opts);
  }

  /**
   * Moves this strategy's net position in a contract to `target` lots (positive long, negative short, 0 flat): first
   * closes what is held on the other side, then opens the rest, so a reversal is a close and an open, never a lock.
   * Orders still working are not counted: call cancelAll() first where limit orders may be left. Returns the ids.
   */
  setTarget(target: number, price: number, opts?: ActionOptions): string[] {
    if (!Number.isInteger(target)) throw new RangeError(`setTarget: the target must be a whole number of lots (got ${String(target)})`);
    const pos = this.pos(opts?.symbol);
    const ids: string[] = [];
    if (target > pos) {
      if (pos < 0) ids.push(...this.cover(price, Math.min(-pos, target - pos), opts));
      if (target > 0) ids.push(...this.buy(price, target - Math.max(pos, 0), opts));
    } else if (target < pos) {
      if (pos > 0) ids.push(...this.sell(price, Math.min(pos, pos - target), opts));
      if (target < 0) ids.push(...this.short(price, -target - Math.max(-pos, 0), opts));
    }
    return ids;
  }

  /** Any side, offset and type. */
  sendOrder(req: { symbol?: string; side: Side; offset: RequestOffset; type?: OrderType; price: number; volume: number }): string[] {
    if (!this.trading) return [];
    return this.send(req.symbol ?? this.symbol, req.side, req.offset, req.type ?? 'limit', req.price, req.volume);
  }

  cancel(orderId: string): void {
    if (this.trading) this.ctx.cancelOrder(orderId);
  }

  cancelAll(): void {
    if (this.trading) this.ctx.cancelAll();
  }

  /** History bars (oldest first), e.g. to warm up indicators by hand. */
  loadBars(count: number, period = '1m', symbol: string = this.symbol): Bar[] {
    return this.ctx.history(symbol, period, count);
  }

  contract(symbol: string = this.symbol): Contract {
    return this.ctx.contract(symbol);
  }

  account(): Account {
    return this.ctx.account();
  }

  now(): number {
    return this.ctx.now();
  }

  log(message: string): void {
    this.ctx.log('info', message);
  }

  private act(side: Side, offset: RequestOffset, price: number, volume: number, opts: ActionOptions | undefined): string[] {
    if (!this.trading) return [];
    const symbol = opts?.symbol ?? this.symbol;
    if (opts?.stop) {
      const stop = this.ctx.sendStopOrder({ symbol, side, offset, volume, triggerPrice: price, limitPrice: opts.limitPrice });
      return stop === undefined ? [] : [stop.id];
    }
    return this.send(symbol, side, offset, opts?.type ?? 'limit', price, volume);
  }

  private send(symbol: string, side: Side, offset: RequestOffset, type: OrderType, price: number, volume: number): string[] {
    const orders = this.ctx.sendOrder({ symbol, side, offset, type, price, volume, source: this.name });
    // One order (nearly always): its id without map's callback.
    if (orders.length === 1) return [orders[0]!.id];
    return orders.map((o) => o.id);
  }
}

/** A strategy class as the loader returns it. */
export type StrategyClass = (new () => Strategy) & {
  readonly meta: StrategyMeta;
  readonly params: readonly ParamSpec[];
  readonly state: readonly string[];
};

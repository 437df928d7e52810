import type { RequestOffset, Side } from '../../shared/model/enums';
import type { Bar, Order, Signal, Tick, Trade } from '../../shared/model/types';
import { formatReason } from '../../shared/i18n/reasons';
import { journalMessage } from '../../shared/i18n/journal-messages';
import type { TradingEngine } from '../engine/trading-engine';
import { formatProblem, resolveParams, type LoadedStrategy, type StrategyProblem } from './loader';
import type { OwnPosition, Strategy, StrategyContext } from './strategy';

export type InstanceStatus = 'created' | 'inited' | 'running' | 'stopped' | 'error';

export interface InstanceConfig {
  /** Unique per runtime: it is the `source` of the instance's orders. */
  readonly name: string;
  readonly symbols: readonly string[];
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * Where an instance's declared state, its book (its own positions, average prices, P&L) and its signals are kept in
 * paper and live trading (nothing in backtests).
 */
export interface StrategyStateStore {
  loadState(name: string): Record<string, unknown> | undefined;
  saveState(name: string, state: Record<string, unknown>): void;
  signal?(signal: Signal): void;
  /** The instance's trades, oldest first: its book where none was kept (a profile from before books were). */
  tradesOf?(name: string): readonly BookedTrade[];
  /** The last signal kept for the instance, shown again after a restart until it sends another. */
  lastSignal?(name: string): Signal | undefined;
}

/** What booking a trade to an instance reads. */
export type BookedTrade = Pick<Trade, 'symbol' | 'side' | 'volume' | 'price' | 'commission'>;

/** History for warm-up and loadBars: oldest first, at most `count` bars before now. */
export type HistoryProvider = (symbol: string, period: string, count: number) => Bar[];

/** The key of the book in a kept state: not a field name a strategy can declare. */
const BOOK_KEY = '#book';

interface SavedBook {
  readonly positions: Record<string, number>;
  readonly avgPrice: Record<string, number>;
  readonly realizedPnl: number;
  readonly commission: number;
  readonly tradeCount: number;
}

function finiteEntries(o: unknown): [string, number][] {
  if (typeof o !== 'object' || o === null) return [];
  return Object.entries(o).filter((e): e is [string, number] => Number.isFinite(e[1]));
}

/** A running strategy instance and what the strategy manager shows of it. */
export class StrategyInstance {
  status: InstanceStatus = 'created';
  error: StrategyProblem | undefined;
  tradeCount = 0;
  /** Realised P&L of the instance's own trades (average cost); its positions are the strategy's `positions`. */
  realizedPnl = 0;
  commission = 0;

  constructor(
    readonly loaded: LoadedStrategy,
    readonly strategy: Strategy,
    readonly config: InstanceConfig,
  ) {}

  get name(): string {
    return this.config.name;
  }

  /** What the runtime has booked from the instance's trades, as kept with its state. */
  bookState(): SavedBook {
    return {
      positions: Object.fromEntries([...this.strategy.positions].map(([symbol, p]) => [symbol, p.lots])),
      avgPrice: Object.fromEntries([...this.strategy.positions].map(([symbol, p]) => [symbol, p.avgPrice])),
      realizedPnl: this.realizedPnl,
      commission: this.commission,
      tradeCount: this.tradeCount,
    };
  }

  /**
   * Takes back a kept book, so that a strategy restarted while it holds a position knows it does (and does not open
   * it a second time). Entries that are not finite numbers are left out.
   */
  restoreBook(saved: unknown): void {
    if (typeof saved !== 'object' || saved === null) return;
    const b = saved as Partial<Record<keyof SavedBook, unknown>>;
    for (const [symbol, v] of finiteEntries(b.positions)) this.ownPosition(symbol).lots = v;
    for (const [symbol, v] of finiteEntries(b.avgPrice)) this.ownPosition(symbol).avgPrice = v;
    if (Number.isFinite(b.realizedPnl)) this.realizedPnl = b.realizedPnl as number;
    if (Number.isFinite(b.commission)) this.commission = b.commission as number;
    if (Number.isFinite(b.tradeCount)) this.tradeCount = b.tradeCount as number;
  }

  /** The instance's own position in a contract, made (flat) the first time it is asked for. */
  ownPosition(symbol: string): OwnPosition {
    let p = this.strategy.positions.get(symbol);
    if (p === undefined) this.strategy.positions.set(symbol, (p = { lots: 0, avgPrice: 0 }));
    return p;
  }

  /**
   * The last order or stop order the strategy sent. A backtest sends hundreds of thousands and nobody looks at them,
   * so the runtime keeps only their parts (noteSignal) and the Signal is made when it is asked for.
   */
  get lastSignal(): Signal | undefined {
    if (this.signal === undefined && this.notedSeq > 0) {
      const action = this.notedStop ? `stop:${this.notedSide}:${this.notedOffset}` : `${this.notedSide}:${this.notedOffset}`;
      this.signal = {
        id: `${this.name}#${this.notedSeq}`,
        strategy: this.name,
        symbol: this.notedSymbol,
        action,
        price: this.notedPrice,
        volume: this.notedVolume,
        time: this.notedTime,
      };
    }
    return this.signal;
  }

  /** A signal kept from before a restart, until the strategy sends another. */
  restoreSignal(signal: Signal | undefined): void {
    if (this.notedSeq === 0) this.signal = signal;
  }

  /**
   * Records an order the strategy sent (numbered `seq` by the runtime, from 1) as its last signal, in fields of the
   * instance: not a new object for each of a backtest's orders, nor the request itself, whose store into this
   * long-lived object would cost the garbage collector's write barrier on each one.
   */
  noteSignal(seq: number, stop: boolean, req: SignalRequest, price: number, time: number): void {
    this.notedSeq = seq;
    this.notedStop = stop;
    this.notedSymbol = req.symbol;
    this.notedSide = req.side;
    this.notedOffset = req.offset;
    this.notedVolume = req.volume;
    this.notedPrice = price;
    this.notedTime = time;
    this.signal = undefined;
  }

  private notedSeq = 0;
  private notedSymbol = '';
  private notedSide: Side = 'buy';
  private notedOffset: RequestOffset = 'open';
  private notedVolume = 0;
  private notedStop = false;
  private notedPrice = Number.NaN;
  private notedTime = Number.NaN;
  private signal: Signal | undefined;
}

/** What a signal is made of: the order's side, offset, contract and volume. */
interface SignalRequest {
  readonly side: Side;
  readonly offset: RequestOffset;
  readonly symbol: string;
  readonly volume: number;
}

/**
 * Runs strategy instances on one engine: routes its ticks, bars, orders and trades to them, isolates their errors
 * (a handler that throws stops its instance, marks it errored with file and line, and cancels its orders: the
 * engine and the other instances go on), and keeps their positions.
 */
export class StrategyRuntime {
  readonly instances = new Map<string, StrategyInstance>();
  private readonly bySymbol = new Map<string, StrategyInstance[]>();
  /** The instance the last order or trade event was for: a strategy's order events come in runs. */
  private eventSource = '';
  private eventInstance: StrategyInstance | undefined;
  /** The instances of the contract the last bar was for (lists are never removed, so one found can be kept). */
  private barSymbol = '';
  private barInstances: StrategyInstance[] | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private signalSeq = 0;

  constructor(
    readonly engine: TradingEngine,
    private readonly history: HistoryProvider = () => [],
    private readonly store?: StrategyStateStore,
    private readonly onChange: (instance: StrategyInstance) => void = () => {},
  ) {
    const bus = engine.bus;
    this.unsubscribe.push(
      bus.on('bar', (bar) => this.dispatchBar(bar)),
      bus.on('tick', (tick) => this.dispatchTick(tick)),
      bus.on('order', (order) => this.dispatchOrder(order)),
      bus.on('trade', (trade) => this.dispatchTrade(trade)),
      bus.on('timer', (now) => this.dispatchTimer(now)),
    );
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  /** Creates an instance (params checked against the declared schema; contracts resolved). */
  add(loaded: LoadedStrategy, config: InstanceConfig): StrategyInstance {
    if (this.instances.has(config.name)) throw new Error(`a strategy instance named "${config.name}" already exists`);
    const need = loaded.cls.meta.symbols ?? 1;
    if (config.symbols.length < need) throw new Error(`${loaded.className} needs ${need} contract(s), ${config.symbols.length} given`);
    const symbols = config.symbols.map((s) => this.engine.contracts.resolve(s).symbol);
    const params = resolveParams(loaded.cls.params, config.params);
    let strategy: Strategy;
    try {
      strategy = new loaded.cls();
    } catch (e) {
      throw new Error(formatProblem(loaded.locate(e)));
    }
    strategy.params = params;
    strategy.symbols = symbols;
    strategy.name = config.name;
    const instance = new StrategyInstance(loaded, strategy, { ...config, symbols });
    strategy.ctx = this.contextFor(instance);
    this.instances.set(config.name, instance);
    this.eventSource = '';
    this.eventInstance = undefined;
    for (const s of symbols) {
      let list = this.bySymbol.get(s);
      if (list === undefined) this.bySymbol.set(s, (list = []));
      list.push(instance);
    }
    return instance;
  }

  /** onInit, restore of declared state, then warm-up on history with trading off. */
  init(name: string): StrategyInstance {
    const inst = this.get(name);
    if (inst.status !== 'created' && inst.status !== 'stopped') return inst;
    const s = inst.strategy;
    const saved = this.store?.loadState(name);
    if (saved !== undefined) for (const field of inst.loaded.cls.state) if (field in saved) (s as unknown as Record<string, unknown>)[field] = saved[field];
    // Once only: an instance stopped and started again already holds its book.
    if (inst.status === 'created' && this.store !== undefined) {
      if (saved?.[BOOK_KEY] !== undefined) inst.restoreBook(saved[BOOK_KEY]);
      else for (const t of this.store.tradesOf?.(name) ?? []) this.book(inst, t);
      inst.restoreSignal(this.store.lastSignal?.(name));
    }
    if (!this.call(inst, () => s.onInit?.())) return inst;
    const warmup = inst.loaded.cls.meta.warmupBars ?? 0;
    if (warmup > 0 && s.onBar) {
      for (const symbol of s.symbols) {
        for (const bar of this.history(symbol, '1m', warmup)) if (!this.call(inst, () => s.onBar!(bar))) return inst;
      }
    }
    inst.status = 'inited';
    this.onChange(inst);
    return inst;
  }

  start(name: string): StrategyInstance {
    const inst = this.get(name);
    if (inst.status === 'created' || inst.status === 'stopped') this.init(name);
    if (inst.status !== 'inited') return inst;
    inst.strategy.trading = true;
    inst.status = 'running';
    if (this.call(inst, () => inst.strategy.onStart?.())) {
      this.journal(inst, 'STRATEGY_STARTED');
      this.onChange(inst);
    }
    return inst;
  }

  stop(name: string): StrategyInstance {
    const inst = this.get(name);
    if (inst.status !== 'running' && inst.status !== 'inited') return inst;
    const s = inst.strategy;
    this.call(inst, () => s.onStop?.());
    this.halt(inst);
    if ((inst.status as InstanceStatus) !== 'error') {
      inst.status = 'stopped';
      this.journal(inst, 'STRATEGY_STOPPED');
    }
    this.onChange(inst);
    return inst;
  }

  private journal(inst: StrategyInstance, code: 'STRATEGY_STARTED' | 'STRATEGY_STOPPED'): void {
    this.engine.log('info', inst.name, journalMessage(code), { code, params: {} });
  }

  remove(name: string): void {
    const inst = this.get(name);
    if (inst.status === 'running') this.stop(name);
    this.instances.delete(name);
    this.eventSource = '';
    this.eventInstance = undefined;
    for (const list of this.bySymbol.values()) {
      const i = list.indexOf(inst);
      if (i >= 0) list.splice(i, 1);
    }
  }

  get(name: string): StrategyInstance {
    const inst = this.instances.get(name);
    if (inst === undefined) throw new Error(`no strategy instance named "${name}"`);
    return inst;
  }

  /** Saves the declared state of an instance and its book (after trades and on stop). */
  saveState(inst: StrategyInstance): void {
    if (this.store === undefined) return;
    const out: Record<string, unknown> = {};
    for (const f of inst.loaded.cls.state) out[f] = (inst.strategy as unknown as Record<string, unknown>)[f];
    out[BOOK_KEY] = inst.bookState();
    this.store.saveState(inst.name, out);
  }

  private halt(inst: StrategyInstance): void {
    inst.strategy.trading = false;
    for (const o of this.engine.oms.allWorking()) if (o.source === inst.name) this.engine.cancelOrder(o.id);
    for (const stop of this.engine.stops.waiting()) if (stop.source === inst.name) this.engine.cancelStopOrder(stop.id);
    this.saveState(inst);
  }

  /** Runs a handler; a throw stops the instance and marks it errored. Returns whether it ran cleanly. */
  private call(inst: StrategyInstance, f: () => void): boolean {
    try {
      f();
      return true;
    } catch (e) {
      inst.error = inst.loaded.locate(e);
      inst.status = 'error';
      const params = { problem: formatProblem(inst.error) };
      this.engine.log('error', inst.name, journalMessage('STRATEGY_ERROR', params), { code: 'STRATEGY_ERROR', params });
      this.halt(inst);
      this.onChange(inst);
      return false;
    }
  }

  private dispatchBar(bar: Bar): void {
    let list = this.barInstances;
    if (bar.symbol !== this.barSymbol || list === undefined) {
      list = this.bySymbol.get(bar.symbol);
      if (list === undefined) return;
      this.barSymbol = bar.symbol;
      this.barInstances = list;
    }
    for (let i = 0; i < list.length; i++) {
      const inst = list[i]!;
      if (inst.status !== 'running') continue;
      const s = inst.strategy;
      if (s.onBar === undefined) continue;
      try {
        s.onBar(bar);
      } catch (e) {
        this.fail(inst, e);
      }
    }
  }

  private dispatchTick(tick: Tick): void {
    const list = this.bySymbol.get(tick.symbol);
    if (list === undefined) return;
    for (const inst of list) {
      if (inst.status !== 'running' || inst.strategy.onTick === undefined) continue;
      this.call(inst, () => inst.strategy.onTick!(tick));
    }
  }

  /** The instance an order or trade belongs to (by its source), or undefined (a manual order). */
  private instanceOf(source: string): StrategyInstance | undefined {
    if (source !== this.eventSource) {
      this.eventSource = source;
      this.eventInstance = this.instances.get(source);
    }
    return this.eventInstance;
  }

  private dispatchOrder(order: Order): void {
    const inst = this.instanceOf(order.source);
    if (inst === undefined || inst.strategy.onOrder === undefined) return;
    if (inst.status === 'running' || inst.status === 'inited') this.call(inst, () => inst.strategy.onOrder!(order));
  }

  private dispatchTrade(trade: Trade): void {
    const inst = this.instanceOf(trade.source);
    if (inst === undefined) return;
    this.book(inst, trade);
    if (inst.strategy.onTrade !== undefined && (inst.status === 'running' || inst.status === 'inited')) this.call(inst, () => inst.strategy.onTrade!(trade));
    this.saveState(inst);
    this.onChange(inst);
  }

  private dispatchTimer(now: number): void {
    for (const inst of this.instances.values()) {
      if (inst.status === 'running' && inst.strategy.onTimer !== undefined) this.call(inst, () => inst.strategy.onTimer!(now));
    }
  }

  private fail(inst: StrategyInstance, e: unknown): void {
    this.call(inst, () => {
      throw e;
    });
  }

  /** The instance's own position and realised P&L (average cost), from its trades. */
  private book(inst: StrategyInstance, t: BookedTrade): void {
    const p = inst.ownPosition(t.symbol);
    const signed = t.side === 'buy' ? t.volume : -t.volume;
    const before = p.lots;
    const after = before + signed;
    const avg = p.avgPrice;
    if (before === 0 || Math.sign(before) === Math.sign(signed)) {
      p.avgPrice = (avg * Math.abs(before) + t.price * t.volume) / Math.abs(after);
    } else {
      const closed = Math.min(Math.abs(before), t.volume);
      const mult = this.engine.contracts.get(t.symbol)?.multiplier ?? 1;
      inst.realizedPnl += (t.price - avg) * closed * mult * Math.sign(before);
      // Flat: 0, and the entry is kept, as a strategy trading in and out would add and drop it every time.
      if (Math.abs(signed) > Math.abs(before)) p.avgPrice = t.price;
      else if (after === 0) p.avgPrice = 0;
    }
    p.lots = after;
    inst.tradeCount++;
    inst.commission += t.commission;
  }

  private contextFor(inst: StrategyInstance): StrategyContext {
    const engine = this.engine;
    const signalHandlers = engine.bus.handlersOf('signal');
    const stored = this.store?.signal !== undefined;
    const signal = (stop: boolean, req: SignalRequest, price: number): void => {
      inst.noteSignal(++this.signalSeq, stop, req, price, engine.clock.now());
      const listened = signalHandlers.length > 0;
      if (!stored && !listened) return;
      const sig = inst.lastSignal!;
      this.store?.signal?.(sig);
      if (listened) engine.bus.emit('signal', sig);
    };
    return {
      sendOrder: (req) => {
        signal(false, req, req.price);
        return engine.sendOrder(req);
      },
      sendStopOrder: (req) => {
        signal(true, req, req.triggerPrice);
        // Written out rather than spread: a spread here is a slow clone for each stop a strategy trails every bar.
        const r = engine.sendStopOrder({ symbol: req.symbol, side: req.side, offset: req.offset, volume: req.volume, triggerPrice: req.triggerPrice, limitPrice: req.limitPrice, source: inst.name });
        if ('code' in r) {
          engine.log('warn', inst.name, formatReason(r), { code: r.code, params: r.params });
          return undefined;
        }
        return r;
      },
      cancelOrder: (id) => {
        engine.cancelOrder(id);
      },
      cancelAll: () => {
        for (const o of engine.oms.allWorking()) if (o.source === inst.name) engine.cancelOrder(o.id);
        for (const stop of engine.stops.waiting()) if (stop.source === inst.name) engine.cancelStopOrder(stop.id);
      },
      now: () => engine.clock.now(),
      log: (level, message) => engine.log(level, inst.name, message),
      contract: (symbol) => engine.contracts.resolve(symbol),
      account: () => engine.accountSnapshot(),
      history: (symbol, period, count) => this.history(engine.contracts.resolve(symbol).symbol, period, count),
    };
  }
}

import type { UpdateBatch } from '../../shared/ipc/contract';
import type { Account, Bar, GatewayStatus, LogEntry, Order, Position, StopOrder, Tick, Trade } from '../../shared/model/types';
import type { TradingEngine } from '../engine/trading-engine';

/**
 * Collects what the engine changed and hands it on as one batch every `intervalMs` (about ten a second): the latest
 * state of each changed order, position and tick, every new trade, the account once. A burst of 10,000 order updates
 * becomes one batch, so a window never renders once per event.
 */
export class UpdatePublisher {
  private orders = new Map<string, Order>();
  private positions = new Map<string, Position>();
  private ticks = new Map<string, Tick>();
  private stopOrders = new Map<string, StopOrder>();
  private trades: Trade[] = [];
  private logs: LogEntry[] = [];
  private gateways = new Map<string, GatewayStatus>();
  private account: Account | undefined;
  private dirtyAccount = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  /** Extra parts of a batch from other services (forming chart bars, strategy states...). */
  private readonly contributors: ((batch: MutableBatch) => void)[] = [];

  constructor(
    private engine: TradingEngine,
    private readonly emit: (batch: UpdateBatch) => void,
    private readonly intervalMs = 100,
  ) {
    this.subscribe();
  }

  private subscribe(): void {
    const bus = this.engine.bus;
    this.unsubscribe.push(
      bus.on('order', (o) => this.orders.set(o.id, o)),
      bus.on('trade', (t) => this.trades.push(t)),
      bus.on('position', (p) => this.positions.set(`${p.symbol}|${p.direction}`, p)),
      bus.on('account', () => (this.dirtyAccount = true)),
      bus.on('tick', (t) => this.ticks.set(t.symbol, t)),
      bus.on('stopOrder', (s) => this.stopOrders.set(s.id, s)),
      bus.on('log', (l) => this.logs.push(l)),
      bus.on('gateway', (g) => this.gateways.set(g.gateway, g)),
    );
  }

  /**
   * Follows another engine (the trader switched the active account): what was collected from the old one is
   * dropped, and a batch naming the new account tells clients to fetch a new snapshot.
   */
  rebind(engine: TradingEngine): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.engine = engine;
    this.clearPending();
    this.subscribe();
    this.emit({ accountId: engine.portfolio.account.accountId, clock: engine.clock.now(), tradingDay: engine.tradingDay });
  }

  /** Starts a new batch: what was pending has been sent (or belongs to an engine no longer shown). */
  private clearPending(): void {
    this.orders = new Map();
    this.trades = [];
    this.positions = new Map();
    this.ticks = new Map();
    this.stopOrders = new Map();
    this.logs = [];
    this.gateways = new Map();
    this.dirtyAccount = false;
  }

  contribute(f: (batch: MutableBatch) => void): void {
    this.contributors.push(f);
  }

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const u of this.unsubscribe.splice(0)) u();
  }

  /** Sends what changed since the last batch, if anything did. */
  flush(): void {
    const batch: MutableBatch = {};
    if (this.orders.size) batch.orders = [...this.orders.values()].map((o) => ({ ...o }));
    if (this.trades.length) batch.trades = this.trades;
    if (this.ticks.size) {
      batch.ticks = [...this.ticks.values()];
      // Positions' P&L moves with prices: send the positions of contracts that ticked.
      for (const p of this.engine.portfolio.openPositions()) if (this.ticks.has(p.symbol)) this.positions.set(`${p.symbol}|${p.direction}`, p);
      this.dirtyAccount = true;
    }
    if (this.positions.size) batch.positions = [...this.positions.values()];
    if (this.stopOrders.size) batch.stopOrders = [...this.stopOrders.values()].map((s) => ({ ...s }));
    if (this.logs.length) batch.logs = this.logs;
    if (this.gateways.size) batch.gateways = [...this.gateways.values()];
    if (this.dirtyAccount) {
      this.account = this.engine.accountSnapshot();
      batch.account = this.account;
    }
    for (const c of this.contributors) c(batch);
    this.clearPending();
    if (Object.keys(batch).length === 0) return;
    batch.clock = this.engine.clock.now();
    batch.tradingDay = this.engine.tradingDay;
    this.emit(batch);
  }
}

export type MutableBatch = { -readonly [K in keyof UpdateBatch]: UpdateBatch[K] } & { bars?: Bar[] };

import type { UpdateBatch } from '../../../shared/ipc/contract';
import type { StrategyInstanceInfo } from '../../../shared/ipc/strategy';
import type { Snapshot } from '../../../shared/ipc/trading';
import type { Bar, Order, OrderStatus, Tick } from '../../../shared/model';
import { stopsShown } from '../../../shared/model/stop-orders';
import { barKey, positionKey, type Stores } from './stores';

/** Log lines kept in memory: the log panel shows the latest. */
export const MAX_LOGS = 2000;

export interface ApplyOptions {
  /**
   * Set for batches that arrived before the snapshot answer: the snapshot is newer than them, so parts without a
   * time of their own (positions, account, stop orders, watch list) are applied only when the batch's clock is
   * later than the snapshot's; orders and ticks are kept only where they are newer than what is shown.
   */
  readonly olderThan?: number;
  /** Called once for an order that became rejected (the toast). */
  readonly onRejected?: (order: Order) => void;
}

const STATUS_RANK: Record<OrderStatus, number> = { submitting: 0, submitted: 1, partFilled: 2, filled: 3, cancelled: 3, rejected: 3 };

/** Whether `next` is a later state of the order than `prev` (an older batch never rolls an order back). */
export function isNewerOrder(prev: Order, next: Order): boolean {
  if (next.updatedAt !== prev.updatedAt) return next.updatedAt > prev.updatedAt;
  if (next.traded !== prev.traded) return next.traded > prev.traded;
  return STATUS_RANK[next.status] >= STATUS_RANK[prev.status];
}

export function applySnapshot(stores: Stores, snap: Snapshot): void {
  const ticks: Record<string, Tick> = {};
  for (const t of snap.ticks) ticks[t.symbol] = t;
  const contracts = { ...stores.market.getState().contracts };
  for (const c of snap.contracts) contracts[c.symbol] = c;
  stores.market.setState({ ticks, moves: {}, watchlist: [...snap.watchlist], contracts });
  stores.clock.setState({ clock: snap.clock, tradingDay: snap.tradingDay });
  const orders = new Map<string, Order>();
  for (const o of snap.orders) orders.set(o.id, o);
  stores.orders.setState((s) => ({ byId: orders, version: s.version + 1 }));
  stores.trades.setState((s) => ({ list: [...snap.trades], ids: new Set(snap.trades.map((t) => t.id)), version: s.version + 1 }));
  const positions = new Map();
  for (const p of snap.positions) if (p.volume > 0) positions.set(positionKey(p), p);
  stores.positions.setState((s) => ({ byKey: positions, version: s.version + 1 }));
  stores.account.setState({ account: snap.account, accountId: snap.accountId, mode: snap.mode });
  stores.stopOrders.setState((s) => ({ byId: new Map(snap.stopOrders.map((x) => [x.id, x])), version: s.version + 1 }));
  stores.gateways.setState({ list: snap.gateways });
  stores.logs.setState((s) => ({ list: snap.logs.slice(-MAX_LOGS), version: s.version + 1 }));
  stores.session.setState((s) => ({ ready: true, syncs: s.syncs + 1 }));
}

/** Applies one update batch: each store is touched only if the batch carries something for it. */
export function applyBatch(stores: Stores, b: UpdateBatch, opts: ApplyOptions = {}): void {
  const stale = opts.olderThan !== undefined && (b.clock ?? 0) <= opts.olderThan;

  if (b.clock !== undefined || b.tradingDay !== undefined) {
    const c = stores.clock.getState();
    const clock = Math.max(c.clock, b.clock ?? 0);
    const tradingDay = Math.max(c.tradingDay, b.tradingDay ?? 0);
    if (clock !== c.clock || tradingDay !== c.tradingDay) stores.clock.setState({ clock, tradingDay });
  }

  if (b.ticks?.length || (b.watchlist && !stale)) {
    const m = stores.market.getState();
    let ticks = m.ticks;
    let moves = m.moves;
    if (b.ticks?.length) {
      const next: Record<string, Tick> = { ...m.ticks };
      const nextMoves: Record<string, number> = { ...m.moves };
      let changed = false;
      for (const t of b.ticks) {
        const prev = next[t.symbol];
        if (prev !== undefined && prev.time > t.time) continue;
        next[t.symbol] = t;
        nextMoves[t.symbol] = prev === undefined ? 0 : Math.sign(t.last - prev.last);
        changed = true;
      }
      if (changed) {
        ticks = next;
        moves = nextMoves;
      }
    }
    const watchlist = b.watchlist && !stale ? [...b.watchlist] : m.watchlist;
    if (ticks !== m.ticks || watchlist !== m.watchlist) stores.market.setState({ ticks, moves, watchlist });
  }

  if (b.orders?.length) {
    const s = stores.orders.getState();
    let changed = false;
    for (const o of b.orders) {
      const prev = s.byId.get(o.id);
      if (prev !== undefined && !isNewerOrder(prev, o)) continue;
      s.byId.set(o.id, o);
      changed = true;
      if (o.status === 'rejected' && prev?.status !== 'rejected' && opts.olderThan === undefined) opts.onRejected?.(o);
    }
    if (changed) stores.orders.setState({ byId: s.byId, version: s.version + 1 });
  }

  if (b.trades?.length) {
    const s = stores.trades.getState();
    let changed = false;
    for (const t of b.trades) {
      if (s.ids.has(t.id)) continue;
      s.ids.add(t.id);
      s.list.push(t);
      changed = true;
    }
    if (changed) stores.trades.setState({ list: s.list, ids: s.ids, version: s.version + 1 });
  }

  if (!stale) {
    if (b.positions?.length) {
      const s = stores.positions.getState();
      for (const p of b.positions) {
        if (p.volume > 0) s.byKey.set(positionKey(p), p);
        else s.byKey.delete(positionKey(p));
      }
      stores.positions.setState({ byKey: s.byKey, version: s.version + 1 });
    }
    if (b.account !== undefined) stores.account.setState({ account: b.account });
    if (b.stopOrders?.length) {
      const s = stores.stopOrders.getState();
      for (const x of b.stopOrders) {
        // Re-inserted, so the map stays in order of last change and the finished ones pruned are the oldest.
        s.byId.delete(x.id);
        s.byId.set(x.id, x);
      }
      const shown = stopsShown(s.byId.values());
      const byId = shown.length === s.byId.size ? s.byId : new Map(shown.map((x) => [x.id, x]));
      stores.stopOrders.setState({ byId, version: s.version + 1 });
    }
    if (b.gateways?.length) {
      const byName = new Map(stores.gateways.getState().list.map((g) => [g.gateway, g]));
      for (const g of b.gateways) byName.set(g.gateway, g);
      stores.gateways.setState({ list: [...byName.values()] });
    }
  }

  if (b.bars?.length) {
    const cur = stores.bars.getState().forming;
    const next: Record<string, Bar> = { ...cur };
    for (const bar of b.bars) {
      const k = barKey(bar.symbol, bar.period);
      const prev = next[k];
      if (prev !== undefined && prev.time > bar.time) continue;
      next[k] = bar;
    }
    stores.bars.setState({ forming: next });
  }

  if (b.strategies?.length && !stale) applyStrategies(stores, b.strategies);

  // A batch older than the snapshot: its lines are in the snapshot's.
  const logs = b.logs?.length && opts.olderThan !== undefined ? b.logs.filter((l) => l.time > opts.olderThan!) : b.logs;
  if (logs?.length) {
    const s = stores.logs.getState();
    s.list.push(...logs);
    if (s.list.length > MAX_LOGS) s.list.splice(0, s.list.length - MAX_LOGS);
    stores.logs.setState({ list: s.list, version: s.version + 1 });
  }
}

/** Strategy instances as the engine sent them: the whole list (`replace`, from strategy.instances) or the changed ones. */
export function applyStrategies(stores: Stores, list: readonly StrategyInstanceInfo[], replace = false): void {
  const s = stores.strategies.getState();
  if (replace) s.byName.clear();
  for (const x of list) s.byName.set(x.name, x);
  stores.strategies.setState({ byName: s.byName, version: s.version + 1 });
}

export function removeStrategy(stores: Stores, name: string): void {
  const s = stores.strategies.getState();
  if (s.byName.delete(name)) stores.strategies.setState({ byName: s.byName, version: s.version + 1 });
}

import { ApiError } from '../../shared/ipc/define';
import type { Bar, Tick } from '../../shared/model/types';
import { DataError } from '../data/data-error';
import { canonicalPeriod } from '../data/period';
import { barAt } from '../data/row-views';
import type { BarColumns } from '../data/series';
import type { EventBus } from '../engine/bus';
import type { EngineEvents } from '../engine/trading-engine';
import { aggregateBars, BarGenerator } from '../strategy/bar-generator';
import type { ContractRegistry } from '../trading/contracts';
import type { MutableBatch } from './publisher';

/** 1-minute history of a contract up to the market's now (the replay's bars so far, or the store's). */
export type MinuteHistory = (symbol: string) => BarColumns | undefined;

/**
 * Bars for charts, any period: the history up to now (1-minute bars aggregated by the session-aware bar generator),
 * and the forming bar of every subscribed chart in each update batch.
 */
export class ChartService {
  private readonly subscriptions = new Map<string, BarGenerator>();
  private unsubscribe: () => void;

  constructor(
    private readonly contracts: ContractRegistry,
    private readonly history: MinuteHistory,
    bus: EventBus<EngineEvents>,
  ) {
    this.unsubscribe = bus.on('tick', (t) => this.onTick(t));
  }

  /** Follows another engine's ticks (the active account changed): the charts start again from its history. */
  rebind(bus: EventBus<EngineEvents>): void {
    this.unsubscribe();
    this.unsubscribe = bus.on('tick', (t) => this.onTick(t));
    const keys = [...this.subscriptions.values()].map((g) => [g.symbol, g.period] as const);
    this.subscriptions.clear();
    for (const [symbol, period] of keys) {
      try {
        this.subscribe(symbol, period);
      } catch {
        // No history of that contract on this account: the chart subscribes again when it asks for bars.
      }
    }
  }

  private period(period: string): string {
    const p = canonicalPeriod(period);
    if (p === undefined) throw new ApiError('BAD_PERIOD', `unknown period "${period}" (1m, 5m, 15m, 30m, 1h, 1d ...)`, 'period');
    return p;
  }

  private minutes(symbol: string, period: string): BarColumns {
    const h = this.history(symbol);
    if (h === undefined) throw new DataError('NO_DATA', { symbol, period }, 'symbol');
    return h;
  }

  bars(symbol: string, period: string, count = 2000): Bar[] {
    const p = this.period(period);
    const m1 = this.minutes(symbol, p);
    const cols = p === '1m' ? m1 : aggregateBars(m1, p, this.contracts.resolve(symbol));
    const out: Bar[] = [];
    for (let i = Math.max(0, cols.length - count); i < cols.length; i++) out.push(barAt(cols, i, symbol, p as Bar['period']));
    return out;
  }

  subscribe(symbol: string, period: string): void {
    const p = this.period(period);
    const key = `${symbol}|${p}`;
    if (this.subscriptions.has(key)) return;
    const gen = new BarGenerator({ symbol, period: p, sessions: this.contracts.resolve(symbol), onBar: () => {} });
    // Prime it with today's minutes so the bar being formed includes the minutes before the subscription.
    const m1 = this.minutes(symbol, p);
    if (m1.length > 0) {
      const day = m1.tradingDay[m1.length - 1]!;
      let i = m1.length - 1;
      while (i > 0 && m1.tradingDay[i - 1] === day) i--;
      for (; i < m1.length; i++) gen.updateBar(barAt(m1, i, symbol, '1m'));
    }
    this.subscriptions.set(key, gen);
  }

  private onTick(tick: Tick): void {
    for (const gen of this.subscriptions.values()) if (gen.symbol === tick.symbol) gen.updateTick(tick);
  }

  contribute(batch: MutableBatch): void {
    const bars: Bar[] = [];
    for (const gen of this.subscriptions.values()) {
      const f = gen.forming;
      if (f !== undefined) bars.push(f);
    }
    if (bars.length) batch.bars = bars;
  }

  dispose(): void {
    this.unsubscribe();
  }
}

import type { Bar, Tick } from '../../shared/model/types';
import { BarGenerator } from '../strategy/bar-generator';
import type { ContractRegistry } from '../trading/contracts';
import type { EventBus } from './bus';
import type { EngineEvents } from './trading-engine';

/**
 * Live 1-minute bars from the engine's ticks (paper and live trading, where the market comes as ticks): each
 * completed bar is emitted on the bus as 'bar', which is what strategies and recorders receive, as in a backtest.
 * A minute is complete when a later tick arrives, or when `flush(now)` sees the clock past its end.
 */
export class LiveBars {
  private readonly generators = new Map<string, BarGenerator>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly bus: EventBus<EngineEvents>,
    private readonly contracts: ContractRegistry,
  ) {
    this.unsubscribe = bus.on('tick', (t) => this.onTick(t));
  }

  private generator(symbol: string): BarGenerator {
    let g = this.generators.get(symbol);
    if (g === undefined) {
      const c = this.contracts.resolve(symbol);
      g = new BarGenerator({ symbol: c.symbol, period: '1m', sessions: c, onBar: (bar) => this.bus.emit('bar', bar) });
      this.generators.set(c.symbol, g);
    }
    return g;
  }

  private onTick(tick: Tick): void {
    this.generator(tick.symbol).updateTick(tick);
  }

  /** Emits the minutes that ended by `now` (the engine clock), for contracts whose ticks went quiet. */
  flush(now: number): void {
    for (const g of this.generators.values()) g.flush(now);
  }

  /** The minute being built. */
  forming(symbol: string): Bar | undefined {
    return this.generators.get(symbol)?.forming;
  }

  dispose(): void {
    this.unsubscribe();
  }
}

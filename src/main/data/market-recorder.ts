import type { Tick } from '../../shared/model/types';
import type { EventBus } from '../engine/bus';
import { BarGenerator, SessionGrid } from '../strategy/bar-generator';
import { TICK_PERIOD, type MarketStore } from './market-store';
import { barAt } from './row-views';
import { ColumnsBuilder } from './series';
import { resolveSeries } from './series-id';

export interface MarketRecorderOptions {
  /** Record ticks (the day's ticks of one contract are the biggest data the terminal keeps). */
  readonly ticks?: boolean;
  /** Record the 1-minute bars built from the ticks. */
  readonly bars?: boolean;
  /** How often buffered rows are written (one transaction for all contracts). */
  readonly flushIntervalMs?: number;
  /** The market's clock, to close bars whose minute has passed without a new tick. */
  readonly now?: () => number;
}

interface Recording {
  readonly symbol: string;
  readonly ticks: ColumnsBuilder<'tick'>;
  readonly bars: ColumnsBuilder<'bar'>;
  readonly generator: BarGenerator;
  /** No tick seen yet in this run: the first one looks at what an earlier run stored that day. */
  fresh: boolean;
}

/**
 * Records a live feed (the engine bus's tick events: CTP market data, a replay) into the store: the ticks and the
 * 1-minute bars the BarGenerator builds from them. Rows are buffered per contract and written in one transaction
 * per flush as new parts of each day's chunk (MarketStore.appendPart), so a tick costs a few array writes and
 * recording a thousand contracts takes a few percent of one core (bench/data-recorder.ts).
 */
export class MarketRecorder {
  private readonly recordings = new Map<string, Recording | null>();
  private timer: NodeJS.Timeout | undefined;
  private readonly recordTicks: boolean;
  private readonly recordBars: boolean;
  private readonly now: () => number;
  /** Ticks of contracts the registry does not know (not recorded). */
  unknown = 0;
  recordedTicks = 0;
  recordedBars = 0;

  constructor(
    private readonly store: MarketStore,
    private readonly opts: MarketRecorderOptions = {},
  ) {
    this.recordTicks = opts.ticks ?? true;
    this.recordBars = opts.bars ?? true;
    this.now = opts.now ?? Date.now;
  }

  /** Subscribes to a bus's ticks and starts the flush timer; returns the unsubscribe. */
  attach(bus: Pick<EventBus<{ tick: Tick }>, 'on'>): () => void {
    const off = bus.on('tick', (t) => this.onTick(t));
    this.start();
    return () => {
      off();
      this.stop();
    };
  }

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.opts.flushIntervalMs ?? 10_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private recording(symbol: string): Recording | null {
    let r = this.recordings.get(symbol);
    if (r !== undefined) return r;
    const id = resolveSeries(this.store.contracts, symbol);
    if ('error' in id) r = null;
    else {
      const bars = new ColumnsBuilder('bar', 64);
      r = {
        symbol: id.symbol,
        fresh: true,
        ticks: new ColumnsBuilder('tick', 256),
        bars,
        generator: new BarGenerator({ symbol: id.symbol, period: '1m', sessions: new SessionGrid(id.product), onBar: (b) => bars.pushBar(b) }),
      };
    }
    this.recordings.set(symbol, r);
    return r;
  }

  onTick(tick: Tick): void {
    const r = this.recording(tick.symbol);
    if (r === null) {
      this.unknown++;
      return;
    }
    if (r.fresh) {
      r.fresh = false;
      if (this.recordBars) this.resume(r, tick);
    }
    if (this.recordTicks) r.ticks.pushTick(tick);
    if (this.recordBars) r.generator.updateTick(tick);
  }

  /**
   * A recorder restarted during a session continues the day: the day's cumulative volume from the last stored tick
   * (so the first new tick's volume counts), and the stored bar of the current minute (so it is completed, not
   * replaced by its second half).
   */
  private resume(r: Recording, tick: Tick): void {
    const day = tick.tradingDay;
    const ticks = this.store.loadTicks(r.symbol, day, day);
    const last = ticks.length - 1;
    const volume = last >= 0 && ticks.time[last]! <= tick.time ? ticks.volume[last]! : Number.NaN;
    const bars = this.store.loadBars(r.symbol, '1m', day, day);
    const b = bars.length - 1;
    const forming = b >= 0 && bars.time[b]! <= tick.time && tick.time < bars.time[b]! + 60_000 ? barAt(bars, b, r.symbol, '1m') : undefined;
    if (!Number.isNaN(volume) || forming !== undefined) r.generator.resume({ tradingDay: day, volume, forming });
  }

  /**
   * Writes what is buffered. Bars whose minute ended (by the market clock) are closed first; `final` closes every
   * forming bar (when recording stops).
   */
  flush(final = false): { ticks: number; bars: number } {
    const now = this.now();
    let ticks = 0;
    let bars = 0;
    for (const r of this.recordings.values()) if (r !== null) r.generator.flush(final ? undefined : now);
    this.store.transaction(() => {
      for (const [symbol, r] of this.recordings) {
        if (r === null) continue;
        // The rows are encoded before the buffers are reused, so views of them need no copy.
        if (r.ticks.length > 0) {
          ticks += r.ticks.length;
          this.store.appendPart('tick', symbol, TICK_PERIOD, r.ticks.columns());
          r.ticks.clear();
        }
        if (r.bars.length > 0) {
          bars += r.bars.length;
          this.store.appendPart('bar', symbol, '1m', r.bars.columns());
          r.bars.clear();
        }
      }
    });
    this.recordedTicks += ticks;
    this.recordedBars += bars;
    return { ticks, bars };
  }

  /** Stops the timer and writes everything, forming bars included. */
  close(): void {
    this.stop();
    this.flush(true);
  }
}

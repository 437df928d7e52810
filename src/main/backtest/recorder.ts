import type { Offset, Side } from '../../shared/model/enums';
import type { DailyPerformance, Order, Trade } from '../../shared/model/types';
import type { TradeRecord } from '../../shared/ipc/backtest';
import type { Recorder } from '../engine/recorder';

const SIDES: readonly Side[] = ['buy', 'sell'];
const OFFSETS: readonly Offset[] = ['open', 'close', 'closeToday', 'closeYesterday'];

/** Where the slippage of the fill being booked comes from (the SimExchange). */
export interface SlippageSource {
  readonly lastFillSlippage: number;
}

/**
 * The trades of a backtest as columns. A backtest books hundreds of thousands of fills: kept as objects they would
 * all survive into the old generation of the garbage collector, which costs more than booking them. Rows become
 * TradeRecord objects only when a report asks for them.
 */
export class TradeLog {
  length = 0;
  private capacity = 0;
  time = new Float64Array(0);
  tradingDay = new Int32Array(0);
  price = new Float64Array(0);
  volume = new Float64Array(0);
  commission = new Float64Array(0);
  slippage = new Float64Array(0);
  closeProfit = new Float64Array(0);
  side = new Uint8Array(0);
  offset = new Uint8Array(0);
  symbol = new Uint16Array(0);
  source = new Uint16Array(0);
  readonly symbols: string[] = [];
  readonly sources: string[] = [];
  private lastSymbol = '';
  private lastSymbolIndex = -1;
  private lastSource = '';
  private lastSourceIndex = -1;

  push(t: Trade, slippage: number): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.time[i] = t.time;
    this.tradingDay[i] = t.tradingDay;
    this.price[i] = t.price;
    this.volume[i] = t.volume;
    this.commission[i] = t.commission;
    this.slippage[i] = slippage;
    this.closeProfit[i] = t.closeProfit;
    this.side[i] = t.side === 'buy' ? 0 : 1;
    this.offset[i] = t.offset === 'open' ? 0 : t.offset === 'close' ? 1 : t.offset === 'closeToday' ? 2 : 3;
    this.symbol[i] = this.symbolIndex(t.symbol);
    this.source[i] = this.sourceIndex(t.source);
  }

  sideOf(i: number): Side {
    return SIDES[this.side[i]!]!;
  }
  offsetOf(i: number): Offset {
    return OFFSETS[this.offset[i]!]!;
  }
  symbolOf(i: number): string {
    return this.symbols[this.symbol[i]!]!;
  }
  sourceOf(i: number): string {
    return this.sources[this.source[i]!]!;
  }

  /** Row `i` as a record; trade ids in a backtest are their sequence numbers (T1, T2, ...). */
  at(i: number): TradeRecord {
    return {
      id: `T${i + 1}`,
      time: this.time[i]!,
      tradingDay: this.tradingDay[i]!,
      symbol: this.symbolOf(i),
      side: this.sideOf(i),
      offset: this.offsetOf(i),
      price: this.price[i]!,
      volume: this.volume[i]!,
      commission: this.commission[i]!,
      slippage: this.slippage[i]!,
      closeProfit: this.closeProfit[i]!,
      source: this.sourceOf(i),
    };
  }

  records(): TradeRecord[] {
    const out: TradeRecord[] = new Array<TradeRecord>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }

  private symbolIndex(s: string): number {
    if (s === this.lastSymbol) return this.lastSymbolIndex;
    let k = this.symbols.indexOf(s);
    if (k < 0) k = this.symbols.push(s) - 1;
    this.lastSymbol = s;
    this.lastSymbolIndex = k;
    return k;
  }

  private sourceIndex(s: string): number {
    if (s === this.lastSource) return this.lastSourceIndex;
    let k = this.sources.indexOf(s);
    if (k < 0) k = this.sources.push(s) - 1;
    this.lastSource = s;
    this.lastSourceIndex = k;
    return k;
  }

  private grow(): void {
    const n = Math.max(1024, this.capacity * 2);
    const g = <T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.time = g(this.time, (k) => new Float64Array(k));
    this.tradingDay = g(this.tradingDay, (k) => new Int32Array(k));
    this.price = g(this.price, (k) => new Float64Array(k));
    this.volume = g(this.volume, (k) => new Float64Array(k));
    this.commission = g(this.commission, (k) => new Float64Array(k));
    this.slippage = g(this.slippage, (k) => new Float64Array(k));
    this.closeProfit = g(this.closeProfit, (k) => new Float64Array(k));
    this.side = g(this.side, (k) => new Uint8Array(k));
    this.offset = g(this.offset, (k) => new Uint8Array(k));
    this.symbol = g(this.symbol, (k) => new Uint16Array(k));
    this.source = g(this.source, (k) => new Uint16Array(k));
    this.capacity = n;
  }
}

/**
 * The recorder a backtest wires into the engine instead of SQLite: fills into a TradeLog, the daily settlements as
 * rows, rejected orders to `onRejected` (the report lists them), nothing else: orders and stop orders live and die
 * in the engine. Rejections are caught here rather than by a second listener to the engine's order events, which
 * would take every order event of the run off the engine's fast path for a lone listener.
 */
export class BacktestRecorder implements Recorder {
  readonly trades = new TradeLog();
  readonly daily: DailyPerformance[] = [];

  constructor(
    private readonly slippage?: SlippageSource,
    private readonly onRejected?: (order: Readonly<Order>) => void,
  ) {}

  orderChanged(order: Readonly<Order>): void {
    if (order.status === 'rejected') this.onRejected?.(order);
  }

  fill(_order: Readonly<Order>, trade: Trade): void {
    this.trades.push(trade, this.slippage?.lastFillSlippage ?? 0);
  }

  stopOrderChanged(): void {}

  settled(performance: DailyPerformance): void {
    this.daily.push(performance);
  }

  accountChanged(): void {}
}

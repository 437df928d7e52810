import type { Bar, Tick } from '../../shared/model/types';
import type { BarColumns } from '../gateway/feeds/bar-columns';
import type { TickColumns } from './series';

/*
 * A backtest hands its strategies each stored row as a read-only view of the columns rather than as a copy. V8 keeps
 * every number field of an object in a heap box of its own, so a plain bar is ten heap objects (a tick eighteen);
 * over a million bars that allocation and its garbage collection took 11% of a whole backtest (bench/backtest-speed.ts).
 * A view is one small object. It can be kept like any bar (it always reads its own row) but not changed, and since its
 * numbers are getters, `{ ...bar }` and Object.keys see only the symbol (and a bar's period): copyBar / copyTick make
 * a plain object, as JSON.stringify and console.log show one. The getters are written out one per field: made in a
 * loop, they would share one compiled body reading a different field each time, which V8 cannot make fast.
 */

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

class ColumnBar implements Bar {
  readonly #cols: BarColumns;
  readonly #i: number;

  constructor(
    cols: BarColumns,
    i: number,
    readonly symbol: string,
    readonly period: Bar['period'],
  ) {
    this.#cols = cols;
    this.#i = i;
  }

  get time(): number {
    return this.#cols.time[this.#i]!;
  }
  get tradingDay(): number {
    return this.#cols.tradingDay[this.#i]!;
  }
  get open(): number {
    return this.#cols.open[this.#i]!;
  }
  get high(): number {
    return this.#cols.high[this.#i]!;
  }
  get low(): number {
    return this.#cols.low[this.#i]!;
  }
  get close(): number {
    return this.#cols.close[this.#i]!;
  }
  get volume(): number {
    return this.#cols.volume[this.#i]!;
  }
  get openInterest(): number {
    return this.#cols.openInterest[this.#i]!;
  }

  toJSON(): Bar {
    return copyBar(this);
  }

  [INSPECT](): Bar {
    return copyBar(this);
  }
}

class ColumnTick implements Tick {
  readonly #cols: TickColumns;
  readonly #i: number;

  constructor(
    cols: TickColumns,
    i: number,
    readonly symbol: string,
  ) {
    this.#cols = cols;
    this.#i = i;
  }

  get time(): number {
    return this.#cols.time[this.#i]!;
  }
  get tradingDay(): number {
    return this.#cols.tradingDay[this.#i]!;
  }
  get last(): number {
    return this.#cols.last[this.#i]!;
  }
  get bid(): number {
    return this.#cols.bid[this.#i]!;
  }
  get bidVolume(): number {
    return this.#cols.bidVolume[this.#i]!;
  }
  get ask(): number {
    return this.#cols.ask[this.#i]!;
  }
  get askVolume(): number {
    return this.#cols.askVolume[this.#i]!;
  }
  get volume(): number {
    return this.#cols.volume[this.#i]!;
  }
  get turnover(): number {
    return this.#cols.turnover[this.#i]!;
  }
  get openInterest(): number {
    return this.#cols.openInterest[this.#i]!;
  }
  get open(): number {
    return this.#cols.open[this.#i]!;
  }
  get high(): number {
    return this.#cols.high[this.#i]!;
  }
  get low(): number {
    return this.#cols.low[this.#i]!;
  }
  get preSettlement(): number {
    return this.#cols.preSettlement[this.#i]!;
  }
  get preClose(): number {
    return this.#cols.preClose[this.#i]!;
  }
  get preOpenInterest(): number {
    return this.#cols.preOpenInterest[this.#i]!;
  }
  get limitUp(): number {
    return this.#cols.limitUp[this.#i]!;
  }
  get limitDown(): number {
    return this.#cols.limitDown[this.#i]!;
  }

  toJSON(): Tick {
    return copyTick(this);
  }

  [INSPECT](): Tick {
    return copyTick(this);
  }
}

/** Bar `i` of a column set as a plain object (for charts, history and IPC). */
export function barAt(cols: BarColumns, i: number, symbol: string, period: Bar['period']): Bar {
  return copyBar(new ColumnBar(cols, i, symbol, period));
}

/** Bar `i` of a column set, read in place (see above); barAt makes a plain copy. */
export function barView(cols: BarColumns, i: number, symbol: string, period: Bar['period']): Bar {
  return new ColumnBar(cols, i, symbol, period);
}

/** Tick `i` of a column set, read in place (see above). */
export function tickView(cols: TickColumns, i: number, symbol: string): Tick {
  return new ColumnTick(cols, i, symbol);
}

/** A bar as a plain object of its own fields (a view's numbers are getters, which a spread does not copy). */
export function copyBar(b: Bar): Bar {
  return {
    symbol: b.symbol,
    period: b.period,
    time: b.time,
    tradingDay: b.tradingDay,
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    volume: b.volume,
    openInterest: b.openInterest,
  };
}

/** A tick as a plain object of its own fields, depth included where it has some. */
export function copyTick(t: Tick): Tick {
  const out: Tick = {
    symbol: t.symbol,
    time: t.time,
    tradingDay: t.tradingDay,
    last: t.last,
    bid: t.bid,
    bidVolume: t.bidVolume,
    ask: t.ask,
    askVolume: t.askVolume,
    volume: t.volume,
    turnover: t.turnover,
    openInterest: t.openInterest,
    open: t.open,
    high: t.high,
    low: t.low,
    preSettlement: t.preSettlement,
    preClose: t.preClose,
    preOpenInterest: t.preOpenInterest,
    limitUp: t.limitUp,
    limitDown: t.limitDown,
  };
  if (t.bids === undefined) return out;
  return { ...out, bids: t.bids, bidVolumes: t.bidVolumes ?? [], asks: t.asks ?? [], askVolumes: t.askVolumes ?? [] };
}

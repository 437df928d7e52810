import type { PosDirection } from '../../shared/model/enums';
import type { RoundTrip } from '../../shared/ipc/backtest';
import { lowerBound } from '../data/series';
import type { TradeLog } from './recorder';

/** The prices a contract traded at during the run: bar highs and lows, or tick prices (high = low = last). */
export interface PricePath {
  readonly time: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  /** The rows of the run (history before it excluded). */
  readonly start: number;
  readonly end: number;
}

export interface RoundTripAnalysis {
  /** Closed round trips, in the order they closed. */
  readonly trips: RoundTrip[];
  /** Rows of the run, and how many of them had a position open in their contract (summed over contracts). */
  readonly bars: number;
  readonly exposedBars: number;
}

interface Lot {
  volume: number;
  readonly time: number;
  readonly price: number;
  /** Commission of the entry fill, per lot. */
  readonly commissionPerLot: number;
}

/**
 * Pairs entries with exits, first in, first out, per strategy, contract and direction. An entry closed by two fills
 * (or one fill closing two entries) makes one round trip per pair, with the volume they share. MAE and MFE are the
 * worst and best unrealised P&L from the entry's bar to the bar before the exit (a bar-mode fill meets the bar's
 * open, so the exit bar's range came after it), bounded by the realised P&L.
 */
export function analyseRoundTrips(trades: TradeLog, multiplierOf: (symbol: string) => number, paths: ReadonlyMap<string, PricePath>): RoundTripAnalysis {
  const open = new Map<string, Lot[]>();
  const trips: RoundTrip[] = [];
  /** Per contract: +1 at the row a position opens, -1 where it closes, for exposure. */
  const cover = new Map<string, Int32Array>();
  const gross = new Map<string, number>();

  for (let i = 0; i < trades.length; i++) {
    const symbol = trades.symbolOf(i);
    const source = trades.sourceOf(i);
    const side = trades.sideOf(i);
    const closing = trades.offset[i] !== 0;
    const direction: PosDirection = closing ? (side === 'buy' ? 'short' : 'long') : side === 'buy' ? 'long' : 'short';
    const key = `${source}|${symbol}|${direction}`;
    const volume = trades.volume[i]!;
    const price = trades.price[i]!;
    const time = trades.time[i]!;
    const commissionPerLot = volume > 0 ? trades.commission[i]! / volume : 0;
    const path = paths.get(symbol);
    trackExposure(gross, cover, symbol, path, time, closing ? -volume : volume);

    if (!closing) {
      let lots = open.get(key);
      if (lots === undefined) open.set(key, (lots = []));
      lots.push({ volume, time, price, commissionPerLot });
      continue;
    }
    const lots = open.get(key);
    let left = volume;
    const mult = multiplierOf(symbol);
    while (left > 0 && lots !== undefined && lots.length > 0) {
      const lot = lots[0]!;
      const v = Math.min(left, lot.volume);
      const sign = direction === 'long' ? 1 : -1;
      // + 0 turns a -0 (a short closed at its entry price) into 0, so the figures read back from JSON the same.
      const pnl = sign * (price - lot.price) * mult * v + 0;
      const commission = (lot.commissionPerLot + commissionPerLot) * v;
      const excursion = excursionOf(path, lot.time, time, direction, lot.price, mult * v);
      trips.push({
        symbol,
        source,
        direction,
        volume: v,
        entryTime: lot.time,
        entryPrice: lot.price,
        exitTime: time,
        exitPrice: price,
        pnl,
        commission,
        netPnl: pnl - commission + 0,
        mae: Math.min(0, excursion.worst, pnl) + 0,
        mfe: Math.max(0, excursion.best, pnl) + 0,
        bars: excursion.bars,
      });
      lot.volume -= v;
      left -= v;
      if (lot.volume === 0) lots.shift();
    }
  }

  let bars = 0;
  let exposedBars = 0;
  for (const [symbol, path] of paths) {
    bars += path.end - path.start;
    const diff = cover.get(symbol);
    if (diff === undefined) continue;
    // A position still open at the end has no closing mark: it counts to the last row.
    let depth = 0;
    for (let k = 0; k < path.end - path.start; k++) {
      depth += diff[k]!;
      if (depth > 0) exposedBars++;
    }
  }
  return { trips, bars, exposedBars };
}

/**
 * Marks the rows during which the account held lots of a contract (long or short, all strategies together): from the
 * row of the fill that leaves flat to the row of the fill that comes back to flat.
 */
function trackExposure(gross: Map<string, number>, cover: Map<string, Int32Array>, symbol: string, path: PricePath | undefined, time: number, delta: number): void {
  if (path === undefined) return;
  let diff = cover.get(symbol);
  if (diff === undefined) cover.set(symbol, (diff = new Int32Array(path.end - path.start + 1)));
  const row = Math.min(path.end, Math.max(path.start, lowerBound(path.time, time))) - path.start;
  const before = gross.get(symbol) ?? 0;
  const after = before + delta;
  gross.set(symbol, after);
  if (before === 0 && after !== 0) diff[row]!++;
  else if (before !== 0 && after === 0) diff[row]!--;
}

/** Worst and best unrealised P&L of a position of `scale` (multiplier * volume) from `from` until `to`. */
function excursionOf(
  path: PricePath | undefined,
  from: number,
  to: number,
  direction: PosDirection,
  entry: number,
  scale: number,
): { worst: number; best: number; bars: number } {
  if (path === undefined) return { worst: 0, best: 0, bars: 0 };
  const a = Math.max(path.start, lowerBound(path.time, from));
  const b = Math.min(path.end, Math.max(a, lowerBound(path.time, to)));
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = a; k < b; k++) {
    if (path.low[k]! < lo) lo = path.low[k]!;
    if (path.high[k]! > hi) hi = path.high[k]!;
  }
  if (b === a) return { worst: 0, best: 0, bars: 0 };
  return direction === 'long'
    ? { worst: (lo - entry) * scale, best: (hi - entry) * scale, bars: b - a }
    : { worst: (entry - hi) * scale, best: (entry - lo) * scale, bars: b - a };
}

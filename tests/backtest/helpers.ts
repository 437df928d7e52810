import path from 'node:path';
import type { BarColumns } from '../../src/main/gateway/feeds/bar-columns';
import type { TickColumns } from '../../src/main/data/series';
import { loadStrategyFile, type LoadedStrategy } from '../../src/main/strategy/loader';
import { shanghaiToEpoch } from '../../src/shared/model/time';

/** One bar: [Shanghai "HH:MM" of its start on `date`, open, high, low, close] (and the trading day it belongs to). */
export type BarRow = readonly [date: number, hhmm: string, open: number, high: number, low: number, close: number, tradingDay?: number];

/** Bars as columns, from rows written by hand; a row's trading day is its date unless given. */
export function barColumns(rows: readonly BarRow[]): BarColumns {
  const n = rows.length;
  const c = {
    length: n,
    time: new Float64Array(n),
    tradingDay: new Int32Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n).fill(1000),
    openInterest: new Float64Array(n),
  };
  rows.forEach(([date, hhmm, o, h, l, cl, td], i) => {
    const [hh, mm] = hhmm.split(':').map(Number);
    c.time[i] = shanghaiToEpoch(Math.floor(date / 10000), Math.floor(date / 100) % 100, date % 100, hh!, mm!);
    c.tradingDay[i] = td ?? date;
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = cl;
  });
  return c;
}

/** Ticks as columns: [epoch ms, last, bid, ask] with 100 lots on each side. */
export function tickColumns(rows: readonly (readonly [time: number, last: number, bid: number, ask: number])[], tradingDay: number): TickColumns {
  const n = rows.length;
  const f = (): Float64Array => new Float64Array(n);
  const c = {
    length: n,
    time: f(),
    tradingDay: new Int32Array(n).fill(tradingDay),
    last: f(),
    bid: f(),
    bidVolume: f().fill(100),
    ask: f(),
    askVolume: f().fill(100),
    volume: f(),
    turnover: f(),
    openInterest: f(),
    open: f(),
    high: f(),
    low: f(),
    preSettlement: f(),
    preClose: f(),
    preOpenInterest: f(),
    limitUp: f(),
    limitDown: f(),
  };
  rows.forEach(([t, last, bid, ask], i) => {
    c.time[i] = t;
    c.last[i] = last;
    c.bid[i] = bid;
    c.ask[i] = ask;
  });
  return c;
}

const cache = new Map<string, LoadedStrategy>();
/** A strategy file of tests/backtest/fixtures (or another path from the repository root), loaded once. */
export function fixture(name: string): LoadedStrategy {
  const file = name.includes('/') ? path.resolve(name) : path.resolve('tests/backtest/fixtures', name);
  let s = cache.get(file);
  if (s === undefined) cache.set(file, (s = loadStrategyFile(file)));
  return s;
}

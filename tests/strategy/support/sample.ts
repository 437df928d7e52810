import path from 'node:path';
import { expect } from 'vitest';
import { runBacktest, type BacktestRun } from '../../../src/main/backtest/driver';
import { readSampleCsv, type BarColumns } from '../../../src/main/gateway/feeds/bar-columns';
import { BarGenerator, aggregateBars } from '../../../src/main/strategy/bar-generator';
import { loadStrategyFile } from '../../../src/main/strategy/loader';
import { ContractRegistry } from '../../../src/main/trading/contracts';
import type { TradeRecord } from '../../../src/shared/ipc/backtest';
import type { Period } from '../../../src/shared/model/enums';
import type { Bar } from '../../../src/shared/model/types';
import { shanghaiMinuteOfDay } from '../../../src/shared/model/time';

const ROOT = path.resolve(__dirname, '../../..');

let registry: ContractRegistry | undefined;
export function contracts(): ContractRegistry {
  return (registry ??= ContractRegistry.load());
}

const csvCache = new Map<string, BarColumns>();
/** A bundled sample file of resources/market, as columns. */
export function sampleBars(file: string): BarColumns {
  let c = csvCache.get(file);
  if (c === undefined) csvCache.set(file, (c = readSampleCsv(path.join(ROOT, 'resources/market', file), contracts().calendar)));
  return c;
}

/** rb2005 of 2019, 51,510 one-minute bars with night sessions: the data every single-contract strategy runs on. */
export const RB2005 = { symbol: 'SHFE.rb2005', file: 'rb2005_1min.csv' } as const;
export const CU2603 = { symbol: 'SHFE.cu2603', file: 'cu_main_1min_2026-01.csv' } as const;
export const NI2603 = { symbol: 'SHFE.ni2603', file: 'ni_main_1min_2026-01.csv' } as const;

export function strategyFile(name: string): string {
  return path.join(ROOT, 'strategies', `${name}.ts`);
}

export interface SampleRun {
  readonly run: BacktestRun;
  readonly trades: TradeRecord[];
  /** Per contract: its bars, and its net position (long lots minus short lots) after the fills of each bar. */
  readonly series: Map<string, { bars: BarColumns; net: Int32Array; long: Int32Array; short: Int32Array }>;
}

/** Runs a shipped strategy through the full engine on bundled sample data, with no costs and 1,000,000 CNY. */
export function runShipped(name: string, opts: RunOptions = {}): SampleRun {
  return runFile(strategyFile(name), opts);
}

export interface RunOptions {
  readonly params?: Record<string, unknown>;
  readonly data?: readonly { symbol: string; file: string }[];
  readonly capital?: number;
  /** The bar period the strategy is run on, built from the sample's 1-minute bars (default 1m, the sample itself). */
  readonly period?: Period;
}

/** Runs any strategy file as runShipped does. */
export function runFile(file: string, opts: RunOptions = {}): SampleRun {
  const data = opts.data ?? [RB2005];
  const period = opts.period ?? '1m';
  const barsOf = (d: { symbol: string; file: string }): BarColumns =>
    period === '1m' ? sampleBars(d.file) : aggregateBars(sampleBars(d.file), period, contracts().resolve(d.symbol));
  const loaded = loadStrategyFile(file);
  const run = runBacktest({
    contracts: contracts(),
    strategy: loaded,
    params: opts.params ?? {},
    data: data.map((d) => ({ symbol: d.symbol, period, bars: barsOf(d) })),
    capital: opts.capital ?? 1_000_000,
  });
  const trades = run.recorder.trades.records();
  const series = new Map<string, { bars: BarColumns; net: Int32Array; long: Int32Array; short: Int32Array }>();
  for (const d of data) {
    const bars = barsOf(d);
    const mine = trades.filter((t) => t.symbol === d.symbol);
    const net = new Int32Array(bars.length);
    const long = new Int32Array(bars.length);
    const short = new Int32Array(bars.length);
    let k = 0;
    let l = 0;
    let s = 0;
    for (let i = 0; i < bars.length; i++) {
      // Fills inside bar i carry its start time: they are in before the strategy sees bar i.
      for (; k < mine.length && mine[k]!.time <= bars.time[i]!; k++) {
        const t = mine[k]!;
        if (t.offset === 'open') {
          if (t.side === 'buy') l += t.volume;
          else s += t.volume;
        } else if (t.side === 'sell') l -= t.volume;
        else s -= t.volume;
      }
      long[i] = l;
      short[i] = s;
      net[i] = l - s;
    }
    expect(k, `every ${d.symbol} fill happens at a bar of the data`).toBe(mine.length);
    series.set(d.symbol, { bars, net, long, short });
  }
  return { run, trades, series };
}

/**
 * What every shipped strategy must show on the sample: it ran to the end without error, it traded, and it never held
 * more than `maxLots` either way nor long and short lots at the same time.
 */
export function expectSaneRun(r: SampleRun, maxLots: number, minTrades = 4): void {
  const inst = r.run.instance;
  expect(inst.error, 'the strategy raised no error').toBeUndefined();
  expect(inst.status).toBe('stopped');
  expect(r.run.problems.filter((p) => p.level === 'error'), 'no engine errors').toEqual([]);
  expect(r.trades.length, 'it trades on the sample').toBeGreaterThanOrEqual(minTrades);
  for (const [symbol, s] of r.series) {
    let maxLong = 0;
    let maxShort = 0;
    for (let i = 0; i < s.net.length; i++) {
      maxLong = Math.max(maxLong, s.long[i]!);
      maxShort = Math.max(maxShort, s.short[i]!);
      if (s.long[i]! > 0 && s.short[i]! > 0) throw new Error(`${symbol}: holds long and short lots at once at bar ${i}`);
    }
    expect(maxLong, `${symbol}: long lots within the rules`).toBeLessThanOrEqual(maxLots);
    expect(maxShort, `${symbol}: short lots within the rules`).toBeLessThanOrEqual(maxLots);
  }
}

/** Index of the bar starting at `time` (fills carry their bar's start time). */
export function barIndexAt(bars: BarColumns, time: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = bars.time[mid]!;
    if (t === time) return mid;
    if (t < time) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`no bar at ${new Date(time).toISOString()}`);
}

/** Bars where the net position changed (i: the bar whose open filled the change; the signal came from bar i - 1). */
export function changes(net: Int32Array): { i: number; from: number; to: number }[] {
  const out: { i: number; from: number; to: number }[] = [];
  for (let i = 1; i < net.length; i++) if (net[i] !== net[i - 1]) out.push({ i, from: net[i - 1]!, to: net[i]! });
  if (net.length > 0 && net[0] !== 0) out.unshift({ i: 0, from: 0, to: net[0]! });
  return out;
}

/**
 * The position a close-based rule wants after each bar's close, applied as the engine would: a target decided at
 * bar i's close is held from bar i + 1 on. Compares it with the strategy's actual position, bar by bar.
 */
export function expectPositionFollows(net: Int32Array, targetAfterClose: (i: number, current: number) => number): void {
  let held = 0;
  let mismatches = 0;
  let first = -1;
  for (let i = 0; i < net.length; i++) {
    if (net[i] !== held) {
      mismatches++;
      if (first < 0) first = i;
    }
    held = targetAfterClose(i, held);
  }
  expect(mismatches === 0 ? 'the position follows the rules at every bar' : `differs from bar ${first} on (${mismatches} bars)`).toBe(
    'the position follows the rules at every bar',
  );
}

/** Daily bars by trading day, grouped the plain way (the night session opens the next trading day). */
export function dailyBars(bars: BarColumns): { day: number; open: number; high: number; low: number; close: number; first: number; last: number }[] {
  const out: { day: number; open: number; high: number; low: number; close: number; first: number; last: number }[] = [];
  for (let i = 0; i < bars.length; i++) {
    const day = bars.tradingDay[i]!;
    const cur = out[out.length - 1];
    if (cur === undefined || cur.day !== day) {
      out.push({ day, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, first: i, last: i });
    } else {
      cur.high = Math.max(cur.high, bars.high[i]!);
      cur.low = Math.min(cur.low, bars.low[i]!);
      cur.close = bars.close[i]!;
      cur.last = i;
    }
  }
  return out;
}

/**
 * Bars of another period built from 1-minute bars by the app's BarGenerator (as a strategy's PeriodBars builds them),
 * with the index of the 1-minute bar during which each was completed: the strategy acts on it at that bar's close.
 */
export function periodBars(bars: BarColumns, period: string, symbol: string = RB2005.symbol): { bars: Bar[]; emittedAt: number[] } {
  const out: Bar[] = [];
  const emittedAt: number[] = [];
  let i = 0;
  const gen = new BarGenerator({
    symbol,
    period,
    sessions: contracts().resolve(symbol),
    onBar: (b) => {
      out.push(b);
      emittedAt.push(i);
    },
  });
  for (; i < bars.length; i++) {
    gen.updateBar({
      time: bars.time[i]!,
      tradingDay: bars.tradingDay[i]!,
      open: bars.open[i]!,
      high: bars.high[i]!,
      low: bars.low[i]!,
      close: bars.close[i]!,
      volume: bars.volume[i]!,
      openInterest: bars.openInterest[i]!,
    });
  }
  return { bars: out, emittedAt };
}

/** Columns of a list of bars, for the reference formulas. */
export function hlc(bars: readonly Bar[]): { high: number[]; low: number[]; close: number[] } {
  return { high: bars.map((b) => b.high), low: bars.map((b) => b.low), close: bars.map((b) => b.close) };
}

export function minuteOfDay(time: number): number {
  return shanghaiMinuteOfDay(time);
}

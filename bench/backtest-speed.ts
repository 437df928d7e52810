/**
 * Backtest speed: the dual moving average of ../shared/data/market/SOURCES.md over more than 1,000,000 1-minute bars
 * (the real rb2005 bars repeated on a shifted timeline of real trading days) through the full engine (strategy
 * runtime, risk, order manager, SimExchange, positions, account, daily settlement), beside the same strategy as a
 * plain hand-written loop over the columns, in the same run. Both must make the same fills. Also: the time to load
 * those bars from the bar store, the engine's per-bar floor (the same averages never trading, and a strategy that
 * does nothing), a strategy trailing a stop every bar, and the optimiser's speed-up from one worker to every core.
 * The engine runs where the app runs a backtest: on a backtest thread of the app's built worker (the app is built
 * first when a source is newer than the build).
 *
 * Run: npx tsx bench/backtest-speed.ts [copies]      (npm run bench runs every bench/*.ts)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyCosts, ZERO_COMMISSION } from '../src/main/backtest/costs';
import { runBacktest } from '../src/main/backtest/driver';
import { BacktestPool } from '../src/main/backtest/pool';
import { ColumnsDataSource, prepareBacktest } from '../src/main/backtest/setup';
import { openDatabase } from '../src/main/data/db';
import { MarketStore } from '../src/main/data/market-store';
import { readSampleCsv, type BarColumns } from '../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../src/main/resources';
import { loadStrategyFile } from '../src/main/strategy/loader';
import { ContractRegistry } from '../src/main/trading/contracts';
import { backtestSettingsSchema } from '../src/shared/ipc/backtest';
import { dayStartEpoch, DAY_MS, shanghaiDate, shanghaiMinuteOfDay } from '../src/shared/model/time';
import { fillsOfTrades, plainDualMa, type PlainFill } from '../tests/backtest/fixtures/plain-dual-ma';
import type { BacktestResult, BacktestSettings } from '../src/shared/ipc/backtest';

const COPIES = Number(process.argv[2] ?? 20);
const SYMBOL = 'SHFE.rb2005';
const STRATEGY = path.resolve('tests/backtest/fixtures/dual-ma.ts');
const RUNS = 9;
const CAPITAL = 10_000_000;

const registry = applyCosts(ContractRegistry.load(), { '*': { commission: ZERO_COMMISSION } });
const calendar = registry.calendar;

/**
 * The sample's bars `copies` times over, each copy on the next real trading days from 2000 on: a bar keeps its time of
 * day and moves to the trading day that takes its original's place (night bars to the evening before it), so that
 * every bar's trading day is the one the calendar gives its time. Each copy's prices are moved to start where the
 * last one ended: a jump of 8% between copies would be beyond rebar's 5% daily limit, where the exchange (and so the
 * engine) fills nothing.
 */
function repeatedBars(copies: number): BarColumns {
  const src = readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), calendar);
  const n = src.length * copies;
  const out = {
    length: n,
    time: new Float64Array(n),
    tradingDay: new Int32Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
    openInterest: new Float64Array(n),
  };
  let day = calendar.prev(20000104);
  let k = 0;
  let shift = 0;
  for (let c = 0; c < copies; c++) {
    let original = 0;
    let evening = 0;
    if (c > 0) shift = out.close[k - 1]! - src.open[0]!;
    for (let i = 0; i < src.length; i++) {
      if (src.tradingDay[i] !== original) {
        original = src.tradingDay[i]!;
        day = calendar.next(day);
        evening = dayStartEpoch(calendar.prev(day));
      }
      const t = src.time[i]!;
      const msOfDay = t - dayStartEpoch(shanghaiDate(t));
      const minute = shanghaiMinuteOfDay(t);
      const base = shanghaiDate(t) === original ? dayStartEpoch(day) : minute >= 18 * 60 ? evening : evening + DAY_MS;
      out.time[k] = base + msOfDay;
      out.tradingDay[k] = day;
      out.open[k] = src.open[i]! + shift;
      out.high[k] = src.high[i]! + shift;
      out.low[k] = src.low[i]! + shift;
      out.close[k] = src.close[i]! + shift;
      out.volume[k] = src.volume[i]!;
      out.openInterest[k] = src.openInterest[i]!;
      k++;
    }
  }
  // The timeline must agree with the calendar, or the engine would settle on other days than the data says.
  for (let i = 0; i < n; i += 997) {
    if (calendar.tradingDayOf(out.time[i]!) !== out.tradingDay[i]) throw new Error(`bar ${i}: trading day does not match its time`);
  }
  return out;
}

function sameFills(a: readonly PlainFill[], b: readonly PlainFill[]): string | undefined {
  if (a.length !== b.length) return `${a.length} fills against ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.time !== y.time || x.side !== y.side || x.volume !== y.volume || x.price !== y.price) return `fill ${i} differs: ${JSON.stringify(x)} against ${JSON.stringify(y)}`;
  }
  return undefined;
}

/** A strategy whose onBar does nothing: what the engine costs a bar before any strategy work. */
const IDLE_SOURCE = "import { Strategy } from '@qihuo/strategy';\nexport default class Idle extends Strategy {\n  override onBar(): void {}\n}\n";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mbs = (bars: number, s: number): string => `${(bars / s / 1e6).toFixed(2)} M bars/s`;

/** The app's backtest worker as built (npm run build), made again here if a source is newer. */
const BUILT_WORKER = new URL('../out/main/backtest-worker.js', import.meta.url);

async function main(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--quiet'], { stdio: 'inherit' });
  const bars = repeatedBars(COPIES);
  const n = bars.length;
  const data = [{ symbol: SYMBOL, period: '1m' as const, bars }];

  // Loading those bars from the store, as the CLI and the app do.
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
  const db = openDatabase(path.join(storeDir, 'bench.db'));
  const store = new MarketStore(db, registry);
  store.writeBars(SYMBOL, '1m', bars);
  let loadS = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const loaded = store.load(SYMBOL, '1m');
    loadS = Math.min(loadS, (performance.now() - t) / 1000);
    if (loaded.length !== n) throw new Error(`store gave back ${loaded.length} bars of ${n}`);
  }
  db.close();
  fs.rmSync(storeDir, { recursive: true, force: true });

  // The full engine as the app and the CLI run a backtest: on a thread of its own (BacktestPool) running the app's
  // built worker (out/main/backtest-worker.js, rebuilt first if the sources are newer: the sources loaded through tsx
  // run some 8% slower), with the young generation a backtest thread gets (src/main/backtest/nursery.ts). A full run gives the fills and the P&L checked
  // against the plain loop; the timed runs are the optimiser's (statistics only, so that no large result crosses to
  // this thread between them), each run's own time taken in its thread. The plain loop runs here in between, so that
  // both see the same machine.
  const settingsFor = (strategyFile: string, params: Record<string, unknown> = {}): BacktestSettings =>
    backtestSettingsSchema.parse({
      strategyFile,
      params,
      symbols: [SYMBOL],
      period: '1m',
      from: bars.tradingDay[0]!,
      to: bars.tradingDay[n - 1]!,
      capital: CAPITAL,
      costs: { '*': { commission: ZERO_COMMISSION } },
    });
  const onThread = async (settings: BacktestSettings, runs: number, between?: () => void): Promise<{ seconds: number[]; first: BacktestResult }> => {
    const pool = await BacktestPool.start(settings, data, 1, BUILT_WORKER);
    try {
      const first = await pool.full();
      const seconds: number[] = [];
      for (let r = 0; r < runs; r++) {
        const [run] = await pool.stats([{ params: settings.params }]);
        if (run?.statistics.bars !== n) throw new Error(`the run went through ${run?.statistics.bars} bars of ${n}`);
        seconds.push(run.elapsedMs / 1000);
        between?.();
      }
      return { seconds, first };
    } finally {
      await pool.close();
    }
  };

  const plainS: number[] = [];
  let plain = plainDualMa(bars, 10);
  const full = await onThread(settingsFor(STRATEGY), RUNS, () => {
    const t = performance.now();
    plain = plainDualMa(bars, 10);
    plainS.push((performance.now() - t) / 1000);
  });
  const engineS = full.seconds;
  const engineFills = fillsOfTrades(full.first.trades);
  const final = full.first.daily[full.first.daily.length - 1]!.balance - CAPITAL;
  const diff = sameFills(engineFills, plain.fills);

  // The per-bar floor: the same averages without an order, and a strategy that does nothing.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-backtest-'));
  const idleFile = path.join(dir, 'idle.ts');
  fs.writeFileSync(idleFile, IDLE_SOURCE);
  const watchS = Math.min(...(await onThread(settingsFor(STRATEGY, { trade: false }), 5)).seconds);
  const idleS = Math.min(...(await onThread(settingsFor(idleFile), 5)).seconds);
  fs.rmSync(dir, { recursive: true, force: true });

  // A vnpy-style strategy that cancels and places its trailing stop every bar (the shipped ATR-RSI): the engine's
  // stop path, where a strategy's requests are many. The stops it placed are counted in a run here.
  const trailingFile = path.resolve('strategies/atr-rsi.ts');
  const trailS = Math.min(...(await onThread(settingsFor(trailingFile), 3)).seconds);
  const counted = runBacktest({ contracts: registry, strategy: loadStrategyFile(trailingFile), data, capital: CAPITAL });
  const trailStops = Number(counted.engine.stops.nextId().slice(1)) - 1;

  // The optimiser: the same 64 runs over the sample on one worker, then on every core. Workers are started and warmed
  // up (8 runs each, so that their code is optimised) before the clock starts, as in an optimisation of hundreds; best of 3.
  const sample = readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), calendar);
  const settings = backtestSettingsSchema.parse({
    strategyFile: STRATEGY,
    symbols: [SYMBOL],
    period: '1m',
    from: sample.tradingDay[0]!,
    to: sample.tradingDay[sample.length - 1]!,
    costs: { '*': { commission: ZERO_COMMISSION } },
  });
  prepareBacktest(settings, { contracts: registry, source: new ColumnsDataSource([{ symbol: SYMBOL, period: '1m', bars: sample }]) });
  const OPT_RUNS = 64;
  const tasks = Array.from({ length: OPT_RUNS }, (_, i) => ({ params: { fast: 5 + (i % 8), slow: 20 + 10 * Math.floor(i / 8) } }));
  const cores = os.availableParallelism();
  const optimiser: { workers: number; seconds: number }[] = [];
  for (const workers of [...new Set([1, cores])]) {
    const pool = await BacktestPool.start(settings, [{ symbol: SYMBOL, period: '1m', bars: sample }], workers, BUILT_WORKER);
    await pool.stats(tasks.slice(0, 8 * workers));
    let seconds = Infinity;
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      await pool.stats(tasks);
      seconds = Math.min(seconds, (performance.now() - t) / 1000);
    }
    optimiser.push({ workers, seconds });
    await pool.close();
  }

  const eBest = Math.min(...engineS);
  const pBest = Math.min(...plainS);
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`bench/backtest-speed: dual MA 10/30 over ${n.toLocaleString('en-US')} 1-minute bars (rb2005 x ${COPIES}), best of ${RUNS} (median); load average ${load}`);
  console.log(`  full engine  ${mbs(n, eBest)} (${mbs(n, median(engineS))})  ${(eBest * 1000).toFixed(0)} ms, ${engineFills.length.toLocaleString('en-US')} fills, P&L ${final.toFixed(0)}`);
  console.log(`  plain loop   ${mbs(n, pBest)} (${mbs(n, median(plainS))})  ${(pBest * 1000).toFixed(1)} ms, ${plain.fills.length.toLocaleString('en-US')} fills, P&L ${plain.final.toFixed(0)}`);
  console.log(`  ratio: the full engine takes ${(eBest / pBest).toFixed(0)}x the plain loop's time; goal 10 M bars/s (vnpy ~47,600 bars/s, backtrader ~38,600 on this machine's kind)`);
  console.log(`  fills: ${diff === undefined ? 'the same, fill by fill' : `DIFFERENT: ${diff}`}`);
  const ns = (s: number): string => `${((s / n) * 1e9).toFixed(0)} ns a bar`;
  console.log(`  per-bar floor: the same averages never trading ${mbs(n, watchS)} (${ns(watchS)}); a strategy doing nothing ${mbs(n, idleS)} (${ns(idleS)})`);
  console.log(`  trailing stops: ATR-RSI (a stop cancelled and placed each bar) ${mbs(n, trailS)}, ${trailStops.toLocaleString('en-US')} stops, ${((trailS / trailStops) * 1e9).toFixed(0)} ns a stop with its bar`);
  console.log(`  load from the bar store: ${(loadS * 1000).toFixed(0)} ms for ${n.toLocaleString('en-US')} bars (${mbs(n, loadS)})`);
  const one = optimiser[0]!;
  for (const o of optimiser) {
    console.log(`  optimiser: ${OPT_RUNS} runs of ${sample.length.toLocaleString('en-US')} bars on ${o.workers} worker(s) ${o.seconds.toFixed(2)} s, speed-up ${(one.seconds / o.seconds).toFixed(2)}x`);
  }
  const ok = diff === undefined && Math.abs(final - plain.final) < 1e-6;
  console.log(`  ${ok ? 'PASS' : 'FAIL'}: same fills and P&L; ${n / eBest >= 10e6 ? 'within' : 'under'} the 10 M bars/s goal`);
  if (!ok) process.exitCode = 1;
}

void main();

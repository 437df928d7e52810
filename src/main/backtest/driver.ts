import type { Period } from '../../shared/model/enums';
import type { BacktestProblem } from '../../shared/ipc/backtest';
import type { Bar, LogEntry } from '../../shared/model/types';
import { parsePeriod, periodMinutes } from '../data/period';
import { barView, tickView } from '../data/row-views';
import { lowerBound, type TickColumns } from '../data/series';
import { ManualClock } from '../engine/clock';
import { TradingEngine } from '../engine/trading-engine';
import type { BarColumns } from '../gateway/feeds/bar-columns';
import { SimExchange, type SimExchangeOptions } from '../gateway/sim/sim-exchange';
import type { LoadedStrategy } from '../strategy/loader';
import { StrategyRuntime, type StrategyInstance } from '../strategy/runtime';
import type { ContractRegistry } from '../trading/contracts';
import { BACKTEST_RISK_CONFIG, type RiskConfig } from '../trading/risk';
import { BacktestRecorder } from './recorder';

/** One series of a backtest: the bars (or the ticks) of one contract. */
export interface BacktestData {
  readonly symbol: string;
  /** The bar period, or 'tick' with `ticks`. */
  readonly period: Period | 'tick';
  readonly bars?: BarColumns;
  readonly ticks?: TickColumns;
}

/** One strategy instance of a backtest. */
export interface StrategySetup {
  readonly strategy: LoadedStrategy;
  readonly params?: Readonly<Record<string, unknown>>;
  /** The contracts it trades, in the order it expects them; default every series' contract, in order. */
  readonly symbols?: readonly string[];
  /** The instance's name (the `source` of its orders); default its class name, numbered when repeated. */
  readonly name?: string;
}

export interface BacktestConfig {
  readonly contracts: ContractRegistry;
  /** One strategy with its `params`, or several in `strategies` (both may be given). */
  readonly strategy?: LoadedStrategy;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly strategies?: readonly StrategySetup[];
  /** The data: all bars, or all ticks (a tick backtest matches in the SimExchange's tick mode). */
  readonly data: readonly BacktestData[];
  readonly capital: number;
  readonly slippageTicks?: number;
  readonly fill?: Omit<SimExchangeOptions, 'mode' | 'slippageTicks'>;
  readonly risk?: RiskConfig;
  /**
   * Rows that start before this time (epoch ms) are history only: what warm-up (meta.warmupBars) and loadBars see
   * before the run; the run starts at the first row at or after it.
   */
  readonly start?: number;
  /** Called about a hundred times a run with the rows done; return false to cancel. */
  readonly onProgress?: (done: number, total: number) => boolean | void;
  /** Checked every few thousand rows: true cancels the run (a worker's shared cancel flag). */
  readonly shouldStop?: () => boolean;
}

export interface BacktestRun {
  readonly engine: TradingEngine;
  readonly recorder: BacktestRecorder;
  readonly runtime: StrategyRuntime;
  readonly instances: readonly StrategyInstance[];
  /** The first instance (the only one of a single-strategy run). */
  readonly instance: StrategyInstance;
  /** Rows (bars or ticks) the engine went through. */
  readonly bars: number;
  readonly cancelled: boolean;
  /** Warnings and errors the engine and the strategies logged (the first 500). */
  readonly problems: readonly BacktestProblem[];
}

const MAX_PROBLEMS = 500;
/** The most rows between two looks at the cancel flag and two progress reports. */
const CHECK_EVERY = 4096;

/**
 * When a run looks at its cancel flag and reports progress: about every 1% of its rows (so a short run with a slow
 * strategy can still be cancelled), never fewer than 64 nor more than 4,096 rows apart.
 */
class Checkpoints {
  next: number;
  private readonly step: number;

  constructor(
    private readonly total: number,
    private readonly cfg: BacktestConfig,
  ) {
    this.step = Math.max(64, Math.min(CHECK_EVERY, Math.ceil(total / 100)));
    this.next = this.step;
  }

  /** Called when the rows done reach `next`; false when the run is to stop. */
  pass(done: number): boolean {
    this.next += this.step;
    if (this.cfg.shouldStop?.() === true) return false;
    return this.cfg.onProgress?.(done, this.total) !== false;
  }
}

/** A bar period's length in ms (a daily bar is taken to end a day after it starts). */
export function periodMs(period: string): number {
  const spec = parsePeriod(period);
  if (spec === undefined) throw new Error(`unknown period "${period}"`);
  return periodMinutes(spec) * 60_000;
}

interface Series {
  readonly symbol: string;
  readonly period: Period;
  readonly cols: BarColumns;
  readonly ms: number;
  i: number;
}

interface TickSeries {
  readonly symbol: string;
  readonly cols: TickColumns;
  i: number;
}

/**
 * Runs strategies over stored bars or ticks through the full engine: the same order manager, risk checks,
 * SimExchange, positions and account as paper and live trading, on a clock driven by the data. A strategy sees a bar
 * at its end (the clock is set to the bar's end); what it sends then is matched from the next bar on, also across a
 * session break or a trading day. Each trading day is settled as a broker settles it, and the last one at the end.
 */
export function runBacktest(cfg: BacktestConfig): BacktestRun {
  if (cfg.data.length === 0) throw new Error('a backtest needs data: no series given');
  const tickMode = cfg.data.some((d) => d.ticks !== undefined);
  for (const d of cfg.data) {
    if (tickMode ? d.ticks === undefined : d.bars === undefined) {
      throw new Error(`series ${d.symbol}: a backtest runs on bars or on ticks, not both`);
    }
  }
  const setups: StrategySetup[] = [...(cfg.strategies ?? [])];
  if (cfg.strategy !== undefined) setups.unshift({ strategy: cfg.strategy, ...(cfg.params !== undefined ? { params: cfg.params } : {}) });
  if (setups.length === 0) throw new Error('a backtest needs a strategy');

  const clock = new ManualClock();
  const sim = new SimExchange(cfg.contracts, cfg.contracts.calendar, clock, {
    mode: tickMode ? 'tick' : 'bar',
    slippageTicks: cfg.slippageTicks ?? 0,
    ...cfg.fill,
  });
  const problems: BacktestProblem[] = [];
  // A refused order is something the trader must see in the report (insufficient margin, a close of more than held).
  const recorder = new BacktestRecorder(sim, (o) => {
    if (problems.length < MAX_PROBLEMS) {
      problems.push({ time: o.updatedAt, level: 'warn', source: o.source, message: `委托被拒 order rejected ${o.symbol} ${o.side} ${o.offset} ${o.volume}: ${o.statusMsg}` });
    }
  });
  const engine = new TradingEngine({
    accountId: 'backtest',
    initialBalance: cfg.capital,
    contracts: cfg.contracts,
    clock,
    gateway: sim,
    recorder,
    risk: cfg.risk ?? BACKTEST_RISK_CONFIG,
    idPrefix: '',
    keepFinishedOrders: false,
  });
  engine.bus.on('log', (e: LogEntry) => {
    if ((e.level === 'warn' || e.level === 'error') && problems.length < MAX_PROBLEMS) {
      problems.push({ time: e.time, level: e.level, source: e.source, message: e.message });
    }
  });

  const symbols = cfg.data.map((d) => cfg.contracts.resolve(d.symbol).symbol);
  const start = cfg.start ?? -Infinity;
  const runtime = new StrategyRuntime(engine, historyOf(cfg.data, symbols, clock));
  const instances = addInstances(runtime, setups, symbols);

  let cancelled = false;
  let done = 0;
  if (tickMode) {
    const series = cfg.data.map((d, k) => ({ symbol: symbols[k]!, cols: d.ticks!, i: lowerBound(d.ticks!.time, start) }));
    startInstances(runtime, instances, series.length > 0 ? minStart(series.map((s) => s.cols.time[s.i] ?? Infinity)) : 0, clock);
    ({ done, cancelled } = runTicks(engine, clock, series, cfg));
  } else {
    const series: Series[] = cfg.data.map((d, k) => ({
      symbol: symbols[k]!,
      period: d.period as Period,
      cols: d.bars!,
      ms: periodMs(d.period),
      i: lowerBound(d.bars!.time, start),
    }));
    startInstances(runtime, instances, minStart(series.map((s) => s.cols.time[s.i] ?? Infinity)), clock);
    ({ done, cancelled } = series.length === 1 ? runOneSeries(engine, clock, series[0]!, cfg) : runMerged(engine, clock, series, cfg));
  }
  engine.settleFinal();
  for (const inst of instances) runtime.stop(inst.name);
  return { engine, recorder, runtime, instances, instance: instances[0]!, bars: done, cancelled, problems };
}

function addInstances(runtime: StrategyRuntime, setups: readonly StrategySetup[], symbols: readonly string[]): StrategyInstance[] {
  const used = new Map<string, number>();
  return setups.map((s) => {
    const base = s.name ?? (s.strategy.className || 'strategy');
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return runtime.add(s.strategy, {
      name: n === 1 ? base : `${base}#${n}`,
      symbols: s.symbols ?? symbols,
      params: s.params ?? {},
    });
  });
}

/** Init (with warm-up on the history before the start) and start, on a clock set just before the first row. */
function startInstances(runtime: StrategyRuntime, instances: readonly StrategyInstance[], firstTime: number, clock: ManualClock): void {
  if (Number.isFinite(firstTime)) clock.set(firstTime);
  for (const inst of instances) {
    runtime.init(inst.name);
    runtime.start(inst.name);
  }
}

function minStart(times: readonly number[]): number {
  let m = Infinity;
  for (const t of times) if (t < m) m = t;
  return m;
}

/** The one-contract loop: no merge, nothing but the engine per bar. The benchmark measures this. */
function runOneSeries(engine: TradingEngine, clock: ManualClock, s: Series, cfg: BacktestConfig): { done: number; cancelled: boolean } {
  const { cols, symbol, period, ms } = s;
  const time = cols.time;
  const first = s.i;
  const end = cols.length;
  const total = end - first;
  const checks = new Checkpoints(total, cfg);
  for (let i = first; i < end; i++) {
    clock.set(time[i]! + ms);
    engine.onBar(barView(cols, i, symbol, period));
    if (i + 1 - first === checks.next && !checks.pass(i + 1 - first)) return { done: i + 1 - first, cancelled: true };
  }
  cfg.onProgress?.(total, total);
  return { done: total, cancelled: false };
}

/** Several contracts: bars merged by end time, so that no strategy sees a bar before it has ended. */
function runMerged(engine: TradingEngine, clock: ManualClock, series: Series[], cfg: BacktestConfig): { done: number; cancelled: boolean } {
  let total = 0;
  for (const s of series) total += s.cols.length - s.i;
  const checks = new Checkpoints(total, cfg);
  let done = 0;
  for (;;) {
    let pick = -1;
    let best = Infinity;
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      if (s.i < s.cols.length) {
        const end = s.cols.time[s.i]! + s.ms;
        if (end < best) {
          best = end;
          pick = k;
        }
      }
    }
    if (pick < 0) break;
    const s = series[pick]!;
    const i = s.i++;
    clock.set(best);
    engine.onBar(barView(s.cols, i, s.symbol, s.period));
    if (++done === checks.next && !checks.pass(done)) return { done, cancelled: true };
  }
  cfg.onProgress?.(total, total);
  return { done: total, cancelled: false };
}

/** Ticks of one or several contracts, in time order (equal times: the series given first goes first). */
function runTicks(engine: TradingEngine, clock: ManualClock, series: TickSeries[], cfg: BacktestConfig): { done: number; cancelled: boolean } {
  let total = 0;
  for (const s of series) total += s.cols.length - s.i;
  const checks = new Checkpoints(total, cfg);
  let done = 0;
  for (;;) {
    let pick = -1;
    let best = Infinity;
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      if (s.i < s.cols.length && s.cols.time[s.i]! < best) {
        best = s.cols.time[s.i]!;
        pick = k;
      }
    }
    if (pick < 0) break;
    const s = series[pick]!;
    clock.set(best);
    engine.onTick(tickView(s.cols, s.i++, s.symbol));
    if (++done === checks.next && !checks.pass(done)) return { done, cancelled: true };
  }
  cfg.onProgress?.(total, total);
  return { done: total, cancelled: false };
}

/**
 * History for warm-up and loadBars: the bars of the same contract and period that had ended by the clock's time,
 * the last `count` of them, oldest first.
 */
function historyOf(data: readonly BacktestData[], symbols: readonly string[], clock: ManualClock) {
  return (symbol: string, period: string, count: number): Bar[] => {
    const k = data.findIndex((d, j) => symbols[j] === symbol && d.bars !== undefined && d.period === period);
    if (k < 0 || count <= 0) return [];
    const d = data[k]!;
    const c = d.bars!;
    const ms = periodMs(d.period);
    const end = lowerBound(c.time, clock.now() - ms + 1);
    const out: Bar[] = [];
    for (let i = Math.max(0, end - count); i < end; i++) {
      out.push(barView(c, i, symbol, d.period as Period));
    }
    return out;
  };
}

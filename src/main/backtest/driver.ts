import type { Period } from '../../shared/model/enums';
import type { Bar } from '../../shared/model/types';
import { ManualClock } from '../engine/clock';
import { MemoryRecorder } from '../engine/recorder';
import { TradingEngine } from '../engine/trading-engine';
import type { BarColumns } from '../gateway/feeds/bar-columns';
import { SimExchange, type SimExchangeOptions } from '../gateway/sim/sim-exchange';
import type { LoadedStrategy } from '../strategy/loader';
import { StrategyRuntime, type StrategyInstance } from '../strategy/runtime';
import type { ContractRegistry } from '../trading/contracts';
import { BACKTEST_RISK_CONFIG, type RiskConfig } from '../trading/risk';

export interface BacktestData {
  readonly symbol: string;
  readonly period: Period;
  readonly bars: BarColumns;
}

export interface BacktestConfig {
  readonly contracts: ContractRegistry;
  readonly strategy: LoadedStrategy;
  readonly params?: Readonly<Record<string, unknown>>;
  /** The data, one series per contract the strategy trades (in the order the strategy expects them). */
  readonly data: readonly BacktestData[];
  readonly capital: number;
  readonly slippageTicks?: number;
  readonly fill?: Omit<SimExchangeOptions, 'mode' | 'slippageTicks'>;
  readonly risk?: RiskConfig;
  /** Called now and then with the share of bars done (0..1); return false to cancel. */
  readonly onProgress?: (done: number) => boolean | void;
}

export interface BacktestRun {
  readonly engine: TradingEngine;
  readonly recorder: MemoryRecorder;
  readonly instance: StrategyInstance;
  readonly bars: number;
  readonly cancelled: boolean;
}

const PERIOD_MS: Record<string, number> = { '1h': 3_600_000, '1d': 86_400_000 };
export function periodMs(period: string): number {
  const fixed = PERIOD_MS[period];
  if (fixed !== undefined) return fixed;
  const m = /^(\d+)m$/.exec(period);
  if (!m) throw new Error(`unknown period "${period}"`);
  return Number(m[1]) * 60_000;
}

/**
 * Runs one strategy over stored bars through the full engine: the same order manager, risk checks, SimExchange
 * (in bar mode), positions and account as paper and live trading, on a clock driven by the data. A strategy sees
 * a bar at its end; what it sends then is matched from the next bar on.
 */
export function runBacktest(cfg: BacktestConfig): BacktestRun {
  const clock = new ManualClock();
  const recorder = new MemoryRecorder();
  const sim = new SimExchange(cfg.contracts, cfg.contracts.calendar, clock, { mode: 'bar', slippageTicks: cfg.slippageTicks ?? 0, ...cfg.fill });
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
  const runtime = new StrategyRuntime(engine);
  const symbols = cfg.data.map((d) => cfg.contracts.resolve(d.symbol).symbol);
  const instance = runtime.add(cfg.strategy, { name: cfg.strategy.className || 'strategy', symbols, params: cfg.params ?? {} });
  runtime.init(instance.name);
  runtime.start(instance.name);

  const series = cfg.data.map((d, k) => ({ symbol: symbols[k]!, period: d.period, cols: d.bars, ms: periodMs(d.period), i: 0 }));
  const total = series.reduce((n, s) => n + s.cols.length, 0);
  let done = 0;
  let cancelled = false;
  const report = Math.max(1, Math.floor(total / 100));
  if (series.length === 1) {
    // One contract: the plain loop (no merge), the common case and the one benchmarks measure.
    const s = series[0]!;
    const c = s.cols;
    for (let i = 0; i < c.length; i++) {
      const bar: Bar = {
        symbol: s.symbol,
        period: s.period,
        time: c.time[i]!,
        tradingDay: c.tradingDay[i]!,
        open: c.open[i]!,
        high: c.high[i]!,
        low: c.low[i]!,
        close: c.close[i]!,
        volume: c.volume[i]!,
        openInterest: c.openInterest[i]!,
      };
      clock.set(bar.time + s.ms);
      engine.onBar(bar);
      if (cfg.onProgress !== undefined && ++done % report === 0 && cfg.onProgress(done / total) === false) {
        cancelled = true;
        break;
      }
    }
  } else {
    // Several contracts: bars merged by end time, so that no strategy sees a bar before it has ended.
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
      const c = s.cols;
      const i = s.i++;
      clock.set(best);
      engine.onBar({
        symbol: s.symbol,
        period: s.period,
        time: c.time[i]!,
        tradingDay: c.tradingDay[i]!,
        open: c.open[i]!,
        high: c.high[i]!,
        low: c.low[i]!,
        close: c.close[i]!,
        volume: c.volume[i]!,
        openInterest: c.openInterest[i]!,
      });
      if (cfg.onProgress !== undefined && ++done % report === 0 && cfg.onProgress(done / total) === false) {
        cancelled = true;
        break;
      }
    }
  }
  engine.settleFinal();
  runtime.stop(instance.name);
  return { engine, recorder, instance, bars: done || total, cancelled };
}

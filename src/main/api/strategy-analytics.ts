import type { StrategyAnalytics } from '../../shared/ipc/strategy';
import type { Trade } from '../../shared/model/types';
import type { BarColumns } from '../gateway/feeds/bar-columns';
import { TradeLog } from '../backtest/recorder';
import { analyseRoundTrips, type PricePath } from '../backtest/round-trips';
import { tripStatistics } from '../backtest/stats';

export interface AnalyticsSources {
  readonly multiplierOf: (symbol: string) => number;
  /** The contract's 1-minute bars up to now (MAE, MFE and bars held come from them); none: those figures are 0. */
  readonly minuteBars: (symbol: string) => BarColumns | undefined;
}

/**
 * A strategy instance's live fills through the backtester's own round-trip pairing and statistics, so that the
 * strategy manager's analytics and a backtest report mean the same thing by a win rate or a payoff ratio.
 */
export function strategyAnalytics(name: string, trades: readonly Trade[], sources: AnalyticsSources): StrategyAnalytics {
  const ordered = [...trades].sort((a, b) => a.time - b.time);
  const log = new TradeLog();
  for (const t of ordered) log.push(t, 0);
  const paths = new Map<string, PricePath>();
  for (const symbol of new Set(ordered.map((t) => t.symbol))) {
    const bars = sources.minuteBars(symbol);
    if (bars !== undefined && bars.length > 0) paths.set(symbol, { time: bars.time, high: bars.high, low: bars.low, start: 0, end: bars.length });
  }
  const { trips } = analyseRoundTrips(log, sources.multiplierOf, paths);

  const equity: { time: number; value: number }[] = [];
  const byDay = new Map<number, number>();
  const dayOf = new Map(ordered.map((t) => [t.time, t.tradingDay]));
  let value = 0;
  let high = 0;
  let maxDrawdown = 0;
  if (ordered.length > 0) equity.push({ time: ordered[0]!.time, value: 0 });
  for (const trip of trips) {
    value += trip.netPnl;
    equity.push({ time: trip.exitTime, value });
    high = Math.max(high, value);
    maxDrawdown = Math.max(maxDrawdown, high - value);
    const day = dayOf.get(trip.exitTime) ?? 0;
    byDay.set(day, (byDay.get(day) ?? 0) + trip.netPnl);
  }
  const tripCommission = trips.reduce((s, t) => s + t.commission, 0);
  const allCommission = ordered.reduce((s, t) => s + t.commission, 0);
  return {
    name,
    trades: ordered.length,
    roundTrips: trips,
    statistics: tripStatistics(trips),
    equity,
    daily: [...byDay].sort((a, b) => a[0] - b[0]).map(([tradingDay, netPnl]) => ({ tradingDay, netPnl })),
    netPnl: value,
    maxDrawdown,
    // What the entries of the lots still open paid (a round trip carries its entry's share once it closes).
    openCommission: Math.max(0, allCommission - tripCommission),
  };
}

import type { BacktestStatistics, DailyResult, RoundTrip } from '../../shared/ipc/backtest';
import type { DailyPerformance } from '../../shared/model/types';
import type { RoundTripStatistics } from '../../shared/ipc/strategy';
import { dayStartEpoch, DAY_MS } from '../../shared/model/time';

/** Trading days a year, for annualising, as vnpy counts them. */
export const ANNUAL_DAYS = 240;

export interface StatisticsInput {
  readonly capital: number;
  /** The engine's settlement rows, one per trading day, in order. */
  readonly daily: readonly DailyPerformance[];
  /** Slippage cost per trading day (CNY). */
  readonly slippageByDay?: ReadonlyMap<number, number>;
  /** Closed round trips, in the order they closed. */
  readonly roundTrips: readonly RoundTrip[];
  /** Bars (or ticks) the run went through, and how many of them had a position open. */
  readonly bars: number;
  readonly exposedBars: number;
  /** Risk-free rate, percent a year (default 0). */
  readonly riskFree?: number;
  readonly annualDays?: number;
}

/**
 * The daily rows as a report shows them: the balance after each settlement, the day's log return against the day
 * before (the capital before the first), and the drawdown below the running high, which starts at the capital.
 */
export function dailyResults(capital: number, daily: readonly DailyPerformance[], slippageByDay?: ReadonlyMap<number, number>): DailyResult[] {
  const out: DailyResult[] = [];
  let prev = capital;
  let high = capital;
  for (const d of daily) {
    const ratio = prev > 0 ? d.balance / prev : Number.NaN;
    const ret = ratio > 0 ? Math.log(ratio) : 0;
    if (d.balance > high) high = d.balance;
    const drawdown = d.balance - high;
    out.push({
      tradingDay: d.tradingDay,
      balance: d.balance,
      netPnl: d.netPnl,
      closeProfit: d.closeProfit,
      positionProfit: d.positionProfit,
      commission: d.commission,
      slippage: slippageByDay?.get(d.tradingDay) ?? 0,
      turnover: d.turnover,
      tradeCount: d.tradeCount,
      return: ret,
      drawdown,
      drawdownPercent: high > 0 ? (drawdown / high) * 100 : 0,
    });
    prev = d.balance;
  }
  return out;
}

/** Calendar days between two yyyymmdd days. */
export function calendarDaysBetween(a: number, b: number): number {
  return Math.round((dayStartEpoch(b) - dayStartEpoch(a)) / DAY_MS);
}

/**
 * Every statistic of a run. The daily figures follow vnpy's CTA backtester (log returns, std with n - 1, Sharpe
 * annualised by the square root of the trading days a year); the drawdown's running high starts at the capital, so
 * a loss on the first day counts as a drawdown (vnpy starts it at the first day's balance).
 */
export function computeStatistics(input: StatisticsInput): BacktestStatistics {
  const { capital, roundTrips } = input;
  const annualDays = input.annualDays ?? ANNUAL_DAYS;
  const days = dailyResults(capital, input.daily, input.slippageByDay);
  const n = days.length;

  let profitDays = 0;
  let lossDays = 0;
  let totalNetPnl = 0;
  let totalCommission = 0;
  let totalSlippage = 0;
  let totalTurnover = 0;
  let totalTradeCount = 0;
  let sumReturn = 0;
  let maxDrawdown = 0;
  let maxDrawdownPercent = 0;
  let troughIndex = -1;
  let underwater = 0;
  let longestUnderwater = 0;
  for (let i = 0; i < n; i++) {
    const d = days[i]!;
    if (d.netPnl > 0) profitDays++;
    else if (d.netPnl < 0) lossDays++;
    totalNetPnl += d.netPnl;
    totalCommission += d.commission;
    totalSlippage += d.slippage;
    totalTurnover += d.turnover;
    totalTradeCount += d.tradeCount;
    sumReturn += d.return;
    if (-d.drawdown > maxDrawdown) {
      maxDrawdown = -d.drawdown;
      troughIndex = i;
    }
    if (-d.drawdownPercent > maxDrawdownPercent) maxDrawdownPercent = -d.drawdownPercent;
    underwater = d.drawdown < 0 ? underwater + 1 : 0;
    if (underwater > longestUnderwater) longestUnderwater = underwater;
  }
  const startDay = n > 0 ? days[0]!.tradingDay : 0;
  const endDay = n > 0 ? days[n - 1]!.tradingDay : 0;
  const endBalance = n > 0 ? days[n - 1]!.balance : capital;

  // The high the largest drawdown fell from: the first day the balance reached it (the first day if it was the
  // capital), as vnpy dates it.
  let maxDrawdownStart = startDay;
  let maxDrawdownEnd = startDay;
  if (troughIndex >= 0) {
    maxDrawdownEnd = days[troughIndex]!.tradingDay;
    let peak = -1;
    let high = capital;
    for (let i = 0; i <= troughIndex; i++) {
      if (days[i]!.balance > high) {
        high = days[i]!.balance;
        peak = i;
      }
    }
    maxDrawdownStart = peak >= 0 ? days[peak]!.tradingDay : startDay;
  }

  const meanReturn = n > 0 ? sumReturn / n : 0;
  let sq = 0;
  for (const d of days) sq += (d.return - meanReturn) ** 2;
  const std = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
  const dailyReturn = meanReturn * 100;
  const returnStd = std * 100;
  const riskFreeDaily = (input.riskFree ?? 0) / annualDays;
  const sharpeRatio = returnStd > 0 ? ((dailyReturn - riskFreeDaily) / returnStd) * Math.sqrt(annualDays) : 0;
  let downside = 0;
  for (const d of days) {
    const below = Math.min(0, d.return * 100 - riskFreeDaily);
    downside += below * below;
  }
  const downsideDev = n > 0 ? Math.sqrt(downside / n) : 0;
  const sortinoRatio = downsideDev > 0 ? ((dailyReturn - riskFreeDaily) / downsideDev) * Math.sqrt(annualDays) : 0;
  const totalReturn = (endBalance / capital - 1) * 100;
  const annualReturn = n > 0 ? (totalReturn / n) * annualDays : 0;

  const trips = tripStatistics(roundTrips);
  return {
    startDay,
    endDay,
    totalDays: n,
    profitDays,
    lossDays,
    capital,
    endBalance,
    maxDrawdown,
    maxDrawdownPercent,
    maxDrawdownDuration: troughIndex >= 0 ? calendarDaysBetween(maxDrawdownStart, maxDrawdownEnd) : 0,
    maxDrawdownStart,
    maxDrawdownEnd,
    longestUnderwaterDays: longestUnderwater,
    totalNetPnl,
    dailyNetPnl: n > 0 ? totalNetPnl / n : 0,
    totalCommission,
    dailyCommission: n > 0 ? totalCommission / n : 0,
    totalSlippage,
    dailySlippage: n > 0 ? totalSlippage / n : 0,
    totalTurnover,
    dailyTurnover: n > 0 ? totalTurnover / n : 0,
    totalTradeCount,
    dailyTradeCount: n > 0 ? totalTradeCount / n : 0,
    totalReturn,
    annualReturn,
    dailyReturn,
    returnStd,
    sharpeRatio,
    sortinoRatio,
    calmarRatio: maxDrawdownPercent > 0 ? annualReturn / maxDrawdownPercent : 0,
    returnDrawdownRatio: maxDrawdown > 0 ? totalNetPnl / maxDrawdown : 0,
    ...trips,
    exposure: input.bars > 0 ? (input.exposedBars / input.bars) * 100 : 0,
    bars: input.bars,
  };
}

/** Figures over the round trips (net of commission): a win is a positive net P&L, a loss a negative one. */
export function tripStatistics(trips: readonly RoundTrip[]): RoundTripStatistics {
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let largestWin = 0;
  let largestLoss = 0;
  let winStreak = 0;
  let lossStreak = 0;
  let maxWins = 0;
  let maxLosses = 0;
  let bars = 0;
  for (const t of trips) {
    const p = t.netPnl;
    bars += t.bars;
    if (p > 0) {
      wins++;
      grossProfit += p;
      if (p > largestWin) largestWin = p;
      winStreak++;
      lossStreak = 0;
    } else if (p < 0) {
      losses++;
      grossLoss -= p;
      if (p < largestLoss) largestLoss = p;
      lossStreak++;
      winStreak = 0;
    } else {
      winStreak = 0;
      lossStreak = 0;
    }
    if (winStreak > maxWins) maxWins = winStreak;
    if (lossStreak > maxLosses) maxLosses = lossStreak;
  }
  const averageWin = wins > 0 ? grossProfit / wins : 0;
  const averageLoss = losses > 0 ? -grossLoss / losses : 0;
  return {
    roundTrips: trips.length,
    winRate: trips.length > 0 ? (wins / trips.length) * 100 : 0,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : grossProfit > 0 ? Infinity : 0,
    averageWin,
    averageLoss,
    payoffRatio: averageLoss < 0 ? averageWin / -averageLoss : 0,
    largestWin,
    largestLoss,
    maxConsecutiveWins: maxWins,
    maxConsecutiveLosses: maxLosses,
    averageBarsHeld: trips.length > 0 ? bars / trips.length : 0,
  };
}

/** Statistics read back from JSON, where an infinite profit factor was written as null. */
export function statisticsFromJson(s: BacktestStatistics): BacktestStatistics {
  return (s.profitFactor as number | null) === null ? { ...s, profitFactor: Infinity } : s;
}

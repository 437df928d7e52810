import { describe, expect, it } from 'vitest';
import type { RoundTrip } from '../../src/shared/ipc/backtest';
import type { DailyPerformance } from '../../src/shared/model/types';
import { calendarDaysBetween, computeStatistics, dailyResults, tripStatistics } from '../../src/main/backtest/stats';

/** A settlement row as the engine writes it: the day's balance and what made it. */
function day(tradingDay: number, preBalance: number, balance: number, extra: Partial<DailyPerformance> = {}): DailyPerformance {
  return {
    accountId: 'test',
    tradingDay,
    preBalance,
    balance,
    closeProfit: 0,
    positionProfit: balance - preBalance,
    commission: 0,
    netPnl: balance - preBalance,
    dailyReturn: (balance - preBalance) / preBalance,
    drawdown: 0,
    maxBalance: 0,
    tradeCount: 0,
    turnover: 0,
    ...extra,
  };
}

function trip(netPnl: number, bars = 10): RoundTrip {
  return {
    symbol: 'SHFE.rb2505',
    source: 's',
    direction: 'long',
    volume: 1,
    entryTime: 0,
    entryPrice: 3500,
    exitTime: 1,
    exitPrice: 3500 + netPnl / 10,
    pnl: netPnl,
    commission: 0,
    netPnl,
    mae: Math.min(0, netPnl),
    mfe: Math.max(0, netPnl),
    bars,
  };
}

const CAPITAL = 100_000;
// Six trading days of January 2024 (Tue 2nd to Tue 9th; the 6th and 7th are a weekend).
const DAYS = [20240102, 20240103, 20240104, 20240105, 20240108, 20240109];
const BALANCES = [101_000, 100_500, 102_000, 99_000, 99_500, 103_000];
const rows = DAYS.map((d, i) =>
  day(d, i === 0 ? CAPITAL : BALANCES[i - 1]!, BALANCES[i]!, { commission: 10 * (i + 1), turnover: 1000 * (i + 1), tradeCount: i + 1 }),
);
const slippage = new Map([
  [20240103, 20],
  [20240108, 30],
]);
const trips = [100, -50, -30, 200, -10, -20, -5, 0, 80].map((p, i) => trip(p, i + 1));

describe('statistics by hand on six days', () => {
  const s = computeStatistics({ capital: CAPITAL, daily: rows, slippageByDay: slippage, roundTrips: trips, bars: 400, exposedBars: 100 });

  it('counts the days and sums the money', () => {
    expect(s.startDay).toBe(20240102);
    expect(s.endDay).toBe(20240109);
    expect(s.totalDays).toBe(6);
    expect(s.profitDays).toBe(4); // +1000, +1500, +500, +3500
    expect(s.lossDays).toBe(2); // -500, -3000
    expect(s.capital).toBe(CAPITAL);
    expect(s.endBalance).toBeCloseTo(103_000, 6);
    expect(s.totalNetPnl).toBeCloseTo(3000, 6);
    expect(s.dailyNetPnl).toBeCloseTo(500, 6);
    expect(s.totalCommission).toBeCloseTo(210, 6); // 10 + 20 + ... + 60
    expect(s.dailyCommission).toBeCloseTo(35, 6);
    expect(s.totalSlippage).toBeCloseTo(50, 6);
    expect(s.dailySlippage).toBeCloseTo(50 / 6, 6);
    expect(s.totalTurnover).toBeCloseTo(21_000, 6);
    expect(s.dailyTurnover).toBeCloseTo(3500, 6);
    expect(s.totalTradeCount).toBe(21);
    expect(s.dailyTradeCount).toBeCloseTo(3.5, 6);
  });

  it('finds the largest drawdown, its percent, dates and duration', () => {
    // Running high 101,000, 101,000, 102,000, 102,000, 102,000, 103,000: the low of 99,000 is 3,000 below 102,000.
    expect(s.maxDrawdown).toBeCloseTo(3000, 6);
    expect(s.maxDrawdownPercent).toBeCloseTo((3000 / 102_000) * 100, 9);
    expect(s.maxDrawdownStart).toBe(20240104);
    expect(s.maxDrawdownEnd).toBe(20240105);
    expect(s.maxDrawdownDuration).toBe(1);
    // Below an earlier high on the 3rd, then on the 5th and 8th.
    expect(s.longestUnderwaterDays).toBe(2);
  });

  it('computes returns, their spread and the ratios from the log returns', () => {
    const r = [
      Math.log(101_000 / 100_000),
      Math.log(100_500 / 101_000),
      Math.log(102_000 / 100_500),
      Math.log(99_000 / 102_000),
      Math.log(99_500 / 99_000),
      Math.log(103_000 / 99_500),
    ];
    const mean = (r[0]! + r[1]! + r[2]! + r[3]! + r[4]! + r[5]!) / 6;
    const variance = r.reduce((a, x) => a + (x - mean) ** 2, 0) / 5;
    const downside = Math.sqrt((r[1]! ** 2 + r[3]! ** 2) / 6);
    expect(s.totalReturn).toBeCloseTo(3, 9);
    expect(s.annualReturn).toBeCloseTo((3 / 6) * 240, 9);
    expect(s.dailyReturn).toBeCloseTo(mean * 100, 9);
    expect(s.returnStd).toBeCloseTo(Math.sqrt(variance) * 100, 9);
    expect(s.sharpeRatio).toBeCloseTo((mean / Math.sqrt(variance)) * Math.sqrt(240), 9);
    expect(s.sortinoRatio).toBeCloseTo((mean / downside) * Math.sqrt(240), 9);
    expect(s.calmarRatio).toBeCloseTo(120 / ((3000 / 102_000) * 100), 9);
    expect(s.returnDrawdownRatio).toBeCloseTo(1, 9);
  });

  it('subtracts the risk-free rate from the Sharpe ratio, per day', () => {
    const withRf = computeStatistics({ capital: CAPITAL, daily: rows, roundTrips: [], bars: 0, exposedBars: 0, riskFree: 2.4, annualDays: 240 });
    expect(withRf.sharpeRatio).toBeCloseTo(((s.dailyReturn - 0.01) / s.returnStd) * Math.sqrt(240), 9);
  });

  it('reports the round trips: win rate, profit factor, averages, streaks', () => {
    // Nets 100, -50, -30, 200, -10, -20, -5, 0, 80: 3 wins, 5 losses, 1 even.
    expect(s.roundTrips).toBe(9);
    expect(s.winRate).toBeCloseTo((3 / 9) * 100, 9);
    expect(s.profitFactor).toBeCloseTo(380 / 115, 9);
    expect(s.averageWin).toBeCloseTo(380 / 3, 9);
    expect(s.averageLoss).toBeCloseTo(-115 / 5, 9);
    expect(s.payoffRatio).toBeCloseTo(380 / 3 / 23, 9);
    expect(s.largestWin).toBe(200);
    expect(s.largestLoss).toBe(-50);
    expect(s.maxConsecutiveWins).toBe(1);
    expect(s.maxConsecutiveLosses).toBe(3); // -10, -20, -5
    expect(s.averageBarsHeld).toBeCloseTo(5, 9); // 1 + 2 + ... + 9 over 9
    expect(s.exposure).toBeCloseTo(25, 9);
    expect(s.bars).toBe(400);
  });

  it('has an infinite profit factor without losses and zero ratios without trades or spread', () => {
    expect(tripStatistics([trip(10), trip(20)]).profitFactor).toBe(Infinity);
    const none = computeStatistics({ capital: CAPITAL, daily: [], roundTrips: [], bars: 0, exposedBars: 0 });
    expect(none.totalDays).toBe(0);
    expect(none.endBalance).toBe(CAPITAL);
    expect(none.sharpeRatio).toBe(0);
    expect(none.winRate).toBe(0);
    expect(none.profitFactor).toBe(0);
  });
});

describe('daily rows', () => {
  it('measures a first-day loss as a drawdown from the capital', () => {
    const d = dailyResults(CAPITAL, [day(20240102, CAPITAL, 98_000), day(20240103, 98_000, 101_000)], undefined);
    expect(d[0]!.drawdown).toBeCloseTo(-2000, 9);
    expect(d[0]!.drawdownPercent).toBeCloseTo(-2, 9);
    expect(d[0]!.return).toBeCloseTo(Math.log(0.98), 12);
    expect(d[1]!.drawdown).toBe(0);
    const s = computeStatistics({ capital: CAPITAL, daily: [day(20240102, CAPITAL, 98_000), day(20240103, 98_000, 101_000)], roundTrips: [], bars: 0, exposedBars: 0 });
    expect(s.maxDrawdown).toBeCloseTo(2000, 9);
    expect(s.maxDrawdownStart).toBe(20240102);
  });

  it('counts calendar days between trading days', () => {
    expect(calendarDaysBetween(20240105, 20240108)).toBe(3);
    expect(calendarDaysBetween(20231229, 20240102)).toBe(4);
  });
});

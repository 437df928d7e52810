import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCosts, ZERO_COMMISSION } from '../../src/main/backtest/costs';
import { runBacktest, type BacktestRun } from '../../src/main/backtest/driver';
import { analyseRoundTrips } from '../../src/main/backtest/round-trips';
import { pricePaths } from '../../src/main/backtest/result';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { loadStrategyFile } from '../../src/main/strategy/loader';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { fillsOfTrades, plainDualMa } from './fixtures/plain-dual-ma';

/**
 * The cross-check of ../shared/data/market/SOURCES.md: the dual moving average on the real rb2005 bars, run through
 * the full engine with no costs, gives exactly what backtrader, vnpy and a third engine agree on.
 */
const contracts = applyCosts(ContractRegistry.load(), { '*': { commission: ZERO_COMMISSION } });
const bars = readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), contracts.calendar);
const data = [{ symbol: 'SHFE.rb2005', period: '1m' as const, bars }];
const CAPITAL = 1_000_000;

function run(file: string): BacktestRun {
  return runBacktest({ contracts, strategy: loadStrategyFile(file), data, capital: CAPITAL });
}

describe('reference dual moving average on rb2005 (SOURCES.md)', () => {
  const reference = run(path.resolve('tests/fixtures/strategies/reference-dual-ma.ts'));
  const fills = fillsOfTrades(reference.recorder.trades.records());

  it('makes 2,081 fills, the first at 2019-05-15 22:04 buying 1 lot at 3268', () => {
    expect(fills).toHaveLength(2081);
    expect(fills[0]).toEqual({ time: shanghaiToEpoch(2019, 5, 15, 22, 4), side: 'buy', volume: 1, price: 3268 });
    // Always in the market: every later fill reverses 2 lots, alternating sides.
    for (let i = 1; i < fills.length; i++) {
      expect(fills[i]!.volume).toBe(2);
      expect(fills[i]!.side).not.toBe(fills[i - 1]!.side);
    }
  });

  it('ends with a P&L of 4,030 CNY, 3,770 of it realised, the last position marked at the last close', () => {
    const daily = reference.recorder.daily;
    expect(daily[daily.length - 1]!.balance - CAPITAL).toBeCloseTo(4030, 6);
    // Realised: the closed round trips (first in, first out), and the strategy's own average-cost booking.
    const paths = pricePaths(reference, data, contracts);
    const trips = analyseRoundTrips(reference.recorder.trades, () => 10, paths).trips;
    expect(trips.reduce((s, t) => s + t.pnl, 0)).toBeCloseTo(3770, 6);
    expect(reference.instance.realizedPnl).toBeCloseTo(3770, 6);
    // The position left open is marked at the last close.
    const lastClose = bars.close[bars.length - 1]!;
    const lastFill = fills[fills.length - 1]!;
    const held = lastFill.side === 'buy' ? 1 : -1;
    expect(3770 + (lastClose - lastFill.price) * 10 * held).toBeCloseTo(4030, 6);
  });

  it('matches the plain loop of the rules fill by fill (time, side, lots, price)', () => {
    const plain = plainDualMa(bars, 10);
    expect(plain.fills).toHaveLength(2081);
    expect(fills).toEqual(plain.fills);
    expect(plain.final).toBeCloseTo(4030, 6);
    expect(plain.realised).toBeCloseTo(3770, 6);
  });

  it('is settled every trading day of the sample, across night sessions', () => {
    const days = new Set(bars.tradingDay);
    expect(reference.recorder.daily.map((d) => d.tradingDay)).toEqual([...days]);
    // Orders sent on a day's last bar fill at the next day's first open: no fill is lost at a day change.
    expect(reference.problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('gives the same fills with the incremental version the benchmark runs', () => {
    const fast = run(path.resolve('tests/backtest/fixtures/dual-ma.ts'));
    expect(fillsOfTrades(fast.recorder.trades.records())).toEqual(fills);
  });
});

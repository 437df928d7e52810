import { describe, expect, it } from 'vitest';
import { applyCosts, ZERO_COMMISSION } from '../../src/main/backtest/costs';
import { runBacktest } from '../../src/main/backtest/driver';
import { buildResult } from '../../src/main/backtest/result';
import { ColumnsDataSource, prepareBacktest } from '../../src/main/backtest/setup';
import { runToResult } from '../../src/main/backtest/run';
import { backtestSettingsSchema } from '../../src/shared/ipc/backtest';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { barColumns, fixture, tickColumns } from './helpers';

const registry = ContractRegistry.load();
const noCommission = applyCosts(registry, { '*': { commission: ZERO_COMMISSION } });
const CAPITAL = 1_000_000;
const at = (date: number, hh: number, mm: number, ss = 0): number => shanghaiToEpoch(Math.floor(date / 10000), Math.floor(date / 100) % 100, date % 100, hh, mm, ss);

describe('one contract, costs from the spec, slippage', () => {
  // Monday 2025-03-03, day session. Buy 2 at the market after bar 0, sell them after bar 3.
  const bars = barColumns([
    [20250303, '09:00', 3500, 3505, 3498, 3502],
    [20250303, '09:01', 3503, 3510, 3500, 3508],
    [20250303, '09:02', 3507, 3512, 3495, 3496],
    [20250303, '09:03', 3497, 3499, 3490, 3492],
    [20250303, '09:04', 3493, 3520, 3493, 3515],
    [20250303, '09:05', 3516, 3518, 3514, 3517],
  ]);
  const data = [{ symbol: 'SHFE.rb2505', period: '1m' as const, bars }];
  const run = runBacktest({
    contracts: registry,
    strategy: fixture('scripted.ts'),
    params: { script: '0:buy:2;3:sell:2' },
    data,
    capital: CAPITAL,
    slippageTicks: 1,
  });
  const t = run.recorder.trades;

  it('fills at the next bar open, one tick worse, and charges the spec commission', () => {
    expect(t.length).toBe(2);
    expect([t.sideOf(0), t.offsetOf(0), t.price[0], t.volume[0], t.time[0]]).toEqual(['buy', 'open', 3504, 2, at(20250303, 9, 1)]);
    // SHFE: the close of today's lots is a close-today.
    expect([t.sideOf(1), t.offsetOf(1), t.price[1], t.volume[1], t.time[1]]).toEqual(['sell', 'closeToday', 3492, 2, at(20250303, 9, 4)]);
    // rb: 0.01% of turnover to open and to close today.
    expect(t.commission[0]).toBeCloseTo(3504 * 10 * 2 * 0.0001, 9);
    expect(t.commission[1]).toBeCloseTo(3492 * 10 * 2 * 0.0001, 9);
    // One tick (1 CNY) times 10 times 2 lots, each fill.
    expect(t.slippage[0]).toBeCloseTo(20, 9);
    expect(t.slippage[1]).toBeCloseTo(20, 9);
  });

  it('reports the day, the round trip with its excursions, and the exposure', () => {
    const r = buildResult({
      run,
      settings: backtestSettingsSchema.parse({ strategyFile: 'scripted.ts', symbols: ['SHFE.rb2505'], period: '1m', from: 20250303, to: 20250303, capital: CAPITAL, slippageTicks: 1 }),
      data,
      contracts: registry,
      strategy: fixture('scripted.ts'),
      elapsedMs: 0,
    });
    const commission = (3504 + 3492) * 10 * 2 * 0.0001;
    const pnl = (3492 - 3504) * 10 * 2;
    expect(r.daily).toHaveLength(1);
    expect(r.daily[0]!.netPnl).toBeCloseTo(pnl - commission, 9);
    expect(r.statistics.endBalance).toBeCloseTo(CAPITAL + pnl - commission, 9);
    expect(r.statistics.totalCommission).toBeCloseTo(commission, 9);
    expect(r.statistics.totalSlippage).toBeCloseTo(40, 9);
    expect(r.statistics.totalTurnover).toBeCloseTo((3504 + 3492) * 10 * 2, 9);
    expect(r.statistics.totalTradeCount).toBe(2);
    expect(r.roundTrips).toHaveLength(1);
    const trip = r.roundTrips[0]!;
    expect(trip).toMatchObject({ direction: 'long', volume: 2, entryPrice: 3504, exitPrice: 3492, bars: 3 });
    expect(trip.pnl).toBeCloseTo(pnl, 9);
    expect(trip.netPnl).toBeCloseTo(pnl - commission, 9);
    // Held through bars 1 to 3: lowest low 3490, highest high 3512.
    expect(trip.mae).toBeCloseTo((3490 - 3504) * 20, 9);
    expect(trip.mfe).toBeCloseTo((3512 - 3504) * 20, 9);
    // Bars 1, 2 and 3 of six.
    expect(r.statistics.exposure).toBeCloseTo(50, 9);
    expect(r.statistics.winRate).toBe(0);
    expect(r.statistics.largestLoss).toBeCloseTo(pnl - commission, 9);
  });
});

describe('across a night session and a settlement', () => {
  // Tuesday 2025-03-04's trading day starts on Monday night; Wednesday's on Tuesday night.
  const bars = barColumns([
    [20250303, '21:00', 3500, 3502, 3499, 3501, 20250304],
    [20250303, '21:01', 3501, 3506, 3500, 3505, 20250304],
    [20250304, '09:00', 3506, 3508, 3504, 3507],
    [20250304, '14:59', 3507, 3510, 3506, 3510],
    [20250304, '21:00', 3512, 3515, 3511, 3514, 20250305],
    [20250304, '21:01', 3513, 3514, 3512, 3513, 20250305],
    [20250305, '09:00', 3500, 3501, 3499, 3500],
  ]);
  const run = runBacktest({
    contracts: noCommission,
    strategy: fixture('scripted.ts'),
    params: { script: '0:buy:1;4:sell:1' },
    data: [{ symbol: 'SHFE.rb2505', period: '1m', bars }],
    capital: CAPITAL,
  });

  it('marks the position to the day close and closes it as yesterday’s lot the next day', () => {
    const t = run.recorder.trades;
    expect([t.price[0], t.tradingDay[0], t.offsetOf(0)]).toEqual([3501, 20250304, 'open']);
    expect([t.price[1], t.tradingDay[1], t.offsetOf(1)]).toEqual([3513, 20250305, 'closeYesterday']);
    const daily = run.recorder.daily;
    expect(daily.map((d) => d.tradingDay)).toEqual([20250304, 20250305]);
    // Day one: bought 3501, settled at the last close 3510. Day two: sold 3513 against the settlement 3510.
    expect(daily[0]!.netPnl).toBeCloseTo((3510 - 3501) * 10, 9);
    expect(daily[1]!.netPnl).toBeCloseTo((3513 - 3510) * 10, 9);
    expect(daily[1]!.balance).toBeCloseTo(CAPITAL + (3513 - 3501) * 10, 9);
  });
});

describe('several contracts and strategies', () => {
  const rb = barColumns([
    [20250303, '09:00', 3500, 3501, 3499, 3500],
    [20250303, '09:01', 3501, 3502, 3500, 3501],
    [20250303, '09:02', 3502, 3503, 3501, 3502],
    [20250303, '09:03', 3503, 3504, 3502, 3503],
  ]);
  const cu = barColumns([
    [20250303, '09:00', 75000, 75010, 74990, 75000],
    [20250303, '09:01', 75010, 75020, 75000, 75010],
    [20250303, '09:02', 75020, 75030, 75010, 75020],
    [20250303, '09:03', 75030, 75040, 75020, 75030],
  ]);
  const run = runBacktest({
    contracts: noCommission,
    strategies: [
      { strategy: fixture('scripted.ts'), name: 'onRb', params: { script: '0:buy:1' } },
      { strategy: fixture('scripted.ts'), name: 'onCu', params: { script: '1:short:2', symbolIndex: 1 } },
    ],
    data: [
      { symbol: 'SHFE.rb2505', period: '1m', bars: rb },
      { symbol: 'SHFE.cu2505', period: '1m', bars: cu },
    ],
    capital: CAPITAL,
  });

  it('routes each contract’s bars and each strategy’s fills to it', () => {
    const t = run.recorder.trades;
    expect(t.length).toBe(2);
    const fills = [0, 1].map((i) => ({ source: t.sourceOf(i), symbol: t.symbolOf(i), side: t.sideOf(i), volume: t.volume[i], price: t.price[i] }));
    expect(fills).toContainEqual({ source: 'onRb', symbol: 'SHFE.rb2505', side: 'buy', volume: 1, price: 3501 });
    expect(fills).toContainEqual({ source: 'onCu', symbol: 'SHFE.cu2505', side: 'sell', volume: 2, price: 75020 });
    expect(run.instances.map((i) => i.strategy.pos(i.name === 'onRb' ? 'SHFE.rb2505' : 'SHFE.cu2505'))).toEqual([1, -2]);
    expect(run.bars).toBe(8);
  });

  it('numbers instances of the same class that are given no name', () => {
    const r = runBacktest({
      contracts: noCommission,
      strategies: [{ strategy: fixture('scripted.ts') }, { strategy: fixture('scripted.ts') }],
      data: [{ symbol: 'SHFE.rb2505', period: '1m', bars: rb }],
      capital: CAPITAL,
    });
    expect(r.instances.map((i) => i.name)).toEqual(['Scripted', 'Scripted#2']);
  });
});

describe('on ticks', () => {
  const ticks = tickColumns(
    [
      [at(20250303, 9, 0, 1), 3500, 3499, 3501],
      [at(20250303, 9, 0, 2), 3502, 3501, 3503],
      [at(20250303, 9, 0, 3), 3503, 3502, 3504],
      [at(20250303, 9, 0, 4), 3506, 3505, 3507],
      [at(20250303, 9, 0, 5), 3508, 3507, 3509],
      [at(20250303, 9, 0, 6), 3508, 3507, 3509],
    ],
    20250303,
  );
  const run = runBacktest({
    contracts: noCommission,
    strategy: fixture('tick-trader.ts'),
    params: { buyAt: 1, sellAt: 4, lots: 3 },
    data: [{ symbol: 'SHFE.rb2505', period: 'tick', ticks }],
    capital: CAPITAL,
    slippageTicks: 1,
  });

  it('matches at the opposite quote of the tick, with slippage, at once', () => {
    const t = run.recorder.trades;
    expect(t.length).toBe(2);
    expect([t.sideOf(0), t.price[0], t.volume[0], t.time[0]]).toEqual(['buy', 3504, 3, at(20250303, 9, 0, 2)]);
    expect([t.sideOf(1), t.price[1], t.volume[1], t.time[1]]).toEqual(['sell', 3506, 3, at(20250303, 9, 0, 5)]);
    expect(run.recorder.daily[0]!.netPnl).toBeCloseTo((3506 - 3504) * 10 * 3, 9);
    expect(run.bars).toBe(6);
  });
});

describe('a strategy that throws', () => {
  const bars = barColumns([
    [20250303, '09:00', 3500, 3501, 3499, 3500],
    [20250303, '09:01', 3501, 3502, 3500, 3501],
    [20250303, '09:02', 3502, 3503, 3501, 3502],
    [20250303, '09:03', 3503, 3504, 3502, 3503],
    [20250303, '09:04', 3504, 3505, 3503, 3504],
  ]);
  const run = runBacktest({
    contracts: noCommission,
    strategies: [
      { strategy: fixture('scripted.ts'), name: 'bad', params: { script: '0:buy:1', failAt: 2 } },
      { strategy: fixture('scripted.ts'), name: 'good', params: { script: '3:buy:1' } },
    ],
    data: [{ symbol: 'SHFE.rb2505', period: '1m', bars }],
    capital: CAPITAL,
  });

  it('is stopped with its file and line; the other strategy and the run go on', () => {
    const bad = run.instances.find((i) => i.name === 'bad')!;
    expect(bad.status).toBe('error');
    const problem = run.problems.find((p) => p.level === 'error' && p.source === 'bad');
    expect(problem?.message).toMatch(/scripted\.ts:\d+:\d+: scripted failure at bar 2/);
    const t = run.recorder.trades;
    expect(t.length).toBe(2);
    expect([t.sourceOf(1), t.price[1]]).toEqual(['good', 3504]);
    expect(run.bars).toBe(5);
  });
});

describe('refusals and cost overrides', () => {
  const bars = barColumns([
    [20250303, '09:00', 3500, 3501, 3499, 3500],
    [20250303, '09:01', 3500, 3502, 3500, 3501],
  ]);
  const data = [{ symbol: 'SHFE.rb2505', period: '1m' as const, bars }];

  it('refuses an order the margin cannot carry, and says so', () => {
    // 5 lots at 3500 x 10 x 9% margin = 15,750 > 10,000.
    const run = runBacktest({ contracts: noCommission, strategy: fixture('scripted.ts'), params: { script: '0:buy:5:3500' }, data, capital: 10_000 });
    expect(run.recorder.trades.length).toBe(0);
    expect(run.problems.some((p) => /委托被拒.*可用资金不足/.test(p.message))).toBe(true);
  });

  it('takes the margin rate and commission given instead of the spec’s', () => {
    const cheap = applyCosts(registry, { rb: { marginLong: 0.05, commission: { byVolume: true, open: 3, close: 3, closeToday: 3 } } });
    const run = runBacktest({ contracts: cheap, strategy: fixture('scripted.ts'), params: { script: '0:buy:5:3500' }, data, capital: 10_000 });
    const t = run.recorder.trades;
    expect(t.length).toBe(1);
    expect(t.commission[0]).toBeCloseTo(15, 9);
    expect(cheap.resolve('SHFE.rb2505').marginLong).toBe(0.05);
    // Other products keep their spec.
    expect(cheap.resolve('SHFE.cu2505').marginLong).toBe(registry.resolve('SHFE.cu2505').marginLong);
  });

  it('refuses an unknown product code in the costs', () => {
    expect(() => applyCosts(registry, { zz: { marginLong: 0.1 } })).toThrow(/unknown product "zz"/);
  });
});

describe('warm-up and history before the start', () => {
  const bars = barColumns([
    [20250303, '09:00', 1, 1, 1, 3501],
    [20250303, '09:01', 1, 1, 1, 3502],
    [20250303, '09:02', 1, 1, 1, 3503],
    [20250303, '09:03', 1, 1, 1, 3504],
    [20250303, '09:04', 3505, 3506, 3504, 3505],
    [20250303, '09:05', 3506, 3507, 3505, 3506],
  ]);
  const run = runBacktest({
    contracts: noCommission,
    strategy: fixture('warmup.ts'),
    data: [{ symbol: 'SHFE.rb2505', period: '1m', bars }],
    capital: CAPITAL,
    start: at(20250303, 9, 4),
  });

  it('feeds the declared warm-up bars with trading off, then trades from the start', () => {
    const s = run.instance.strategy as unknown as { warm: number[]; live: number[]; history: number[] };
    expect(s.warm).toEqual([3502, 3503, 3504]);
    expect(s.history).toEqual([3501, 3502, 3503, 3504]);
    expect(s.live).toEqual([3505, 3506]);
    // Orders of the warm-up were ignored: one fill, from the first live bar's order, at the next open.
    expect(run.recorder.trades.length).toBe(1);
    expect(run.recorder.trades.price[0]).toBe(3506);
    expect(run.bars).toBe(2);
  });
});

describe('cancel and progress', () => {
  const bars = readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), registry.calendar);
  const data = [{ symbol: 'SHFE.rb2005', period: '1m' as const, bars }];

  it('stops when asked and says it did', () => {
    const run = runBacktest({ contracts: noCommission, strategy: fixture('dual-ma.ts'), data, capital: CAPITAL, shouldStop: () => true });
    expect(run.cancelled).toBe(true);
    // It stops at its first look at the flag: about 1% of the rows in.
    expect(run.bars).toBeGreaterThan(0);
    expect(run.bars).toBeLessThanOrEqual(Math.ceil(bars.length / 100));
    // What ran is still settled.
    expect(run.recorder.daily.length).toBeGreaterThan(0);
  });

  it('reports progress about a hundred times, and stops when progress says false', () => {
    const seen: number[] = [];
    const full = runBacktest({ contracts: noCommission, strategy: fixture('dual-ma.ts'), data, capital: CAPITAL, onProgress: (done) => void seen.push(done) });
    expect(full.cancelled).toBe(false);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.length).toBeLessThanOrEqual(101);
    expect(seen[seen.length - 1]).toBe(bars.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const half = runBacktest({ contracts: noCommission, strategy: fixture('dual-ma.ts'), data, capital: CAPITAL, onProgress: (done, total) => done < total / 2 });
    expect(half.cancelled).toBe(true);
    expect(half.bars).toBeGreaterThanOrEqual(bars.length / 2);
    expect(half.bars).toBeLessThan(bars.length);
  });
});

describe('settings: continuous series and data ranges', () => {
  const bars = barColumns([
    [20250303, '09:00', 3500, 3501, 3499, 3500],
    [20250303, '09:01', 3501, 3502, 3500, 3501],
    [20250304, '09:00', 3510, 3511, 3509, 3510],
    [20250304, '09:01', 3511, 3512, 3510, 3511],
  ]);

  it('trades a main-contract series with its product’s spec', () => {
    const source = new ColumnsDataSource([{ symbol: 'KQ.m@SHFE.rb', period: '1m', bars }]);
    const settings = backtestSettingsSchema.parse({
      strategyFile: 'tests/backtest/fixtures/scripted.ts',
      symbols: ['rb888'],
      period: '1m',
      from: 20250304,
      to: 20250304,
      params: { script: '0:buy:1' },
      costs: { '*': { commission: ZERO_COMMISSION } },
    });
    const p = prepareBacktest(settings, { contracts: registry, source, strategy: fixture('scripted.ts') });
    expect(p.symbols).toEqual(['KQ.m@SHFE.rb']);
    const r = runToResult(p);
    // The range starts on the 4th: the strategy's bar 0 is the 4th's first bar, its order fills at the next open.
    expect(r.trades.map((t) => [t.symbol, t.price])).toEqual([['KQ.m@SHFE.rb', 3511]]);
    expect(r.daily.map((d) => d.tradingDay)).toEqual([20250304]);
    expect(r.statistics.endBalance).toBeCloseTo(1_000_000, 9);
  });

  it('names what is wrong: no data in the range, an unknown symbol, a bad parameter', () => {
    const source = new ColumnsDataSource([{ symbol: 'SHFE.rb2505', period: '1m', bars }]);
    const base = { strategyFile: 'tests/backtest/fixtures/scripted.ts', symbols: ['SHFE.rb2505'], period: '1m', from: 20250305, to: 20250310 };
    const prepare = (over: object): unknown => prepareBacktest(backtestSettingsSchema.parse({ ...base, ...over }), { contracts: registry, source });
    expect(() => prepare({})).toThrow('SHFE.rb2505 1m 在 2025-03-05 至 2025-03-10 之间没有数据');
    expect(() => prepare({ symbols: ['SHFE.xx2505'] })).toThrow(/合约代码无效：未知品种 "xx"/);
    expect(() => prepare({ from: 20250303, params: { failAt: 'x' } })).toThrow(/策略参数有误：parameter failAt must be a number/);
    expect(() => prepare({ from: 20250303, params: { nope: 1 } })).toThrow(/unknown parameter "nope"/);
    expect(() => prepare({ from: 20250310, to: 20250303 })).toThrow('开始日期 2025-03-10 晚于结束日期 2025-03-03');
  });
});

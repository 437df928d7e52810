import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCosts, ZERO_COMMISSION } from '../../src/main/backtest/costs';
import { optimize, walkForward, walkForwardWindows } from '../../src/main/backtest/optimizer';
import { buildAxes, gridSize, targetValue } from '../../src/main/backtest/param-space';
import { runToStatistics } from '../../src/main/backtest/run';
import { CsvDataSource, prepareBacktest, type PreparedBacktest } from '../../src/main/backtest/setup';
import { resourcePath } from '../../src/main/resources';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { backtestSettingsSchema, optimizationSchema, type BacktestSettings } from '../../src/shared/ipc/backtest';
import { fixture } from './helpers';
import { formatTargetValue } from '../../src/shared/ipc/backtest-figures';

const registry = ContractRegistry.load();
const zero = applyCosts(registry, { '*': { commission: ZERO_COMMISSION } });
const source = new CsvDataSource({ 'SHFE.rb2005': resourcePath('market', 'rb2005_1min.csv') }, registry);
const settings: BacktestSettings = backtestSettingsSchema.parse({
  strategyFile: path.resolve('tests/backtest/fixtures/dual-ma.ts'),
  symbols: ['SHFE.rb2005'],
  period: '1m',
  from: 20190601,
  to: 20190731,
  costs: { '*': { commission: ZERO_COMMISSION } },
});
const prepared: PreparedBacktest = prepareBacktest(settings, { contracts: registry, source });
/** The same run without workers: what every worker's answer must equal. */
const inProcess = (params: Record<string, unknown>, range: Partial<BacktestSettings> = {}) =>
  runToStatistics(prepareBacktest({ ...settings, ...range }, { contracts: zero, source, strategy: fixture('dual-ma.ts') }), { ...settings.params, ...params });

describe('parameter ranges', () => {
  const specs = fixture('dual-ma.ts').cls.params;

  it('takes min, max and step as given, or as declared', () => {
    const [fast, slow] = buildAxes(specs, [{ name: 'fast', min: 5, max: 20, step: 5 }, { name: 'slow', min: 230 }]);
    expect(fast!.values).toEqual([5, 10, 15, 20]);
    expect(slow!.values).toEqual([230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240]);
    expect(gridSize([fast!, slow!])).toBe(44);
    expect(buildAxes(specs, [{ name: 'fast', values: [3, 7, 7] }])[0]!.values).toEqual([3, 7]);
  });

  it('refuses what the declaration does not allow, naming the parameter', () => {
    expect(() => buildAxes(specs, [{ name: 'speed' }])).toThrow('优化参数 speed 有误：the strategy declares no such parameter (declared: fast, slow, lots, trade)');
    expect(() => buildAxes(specs, [{ name: 'fast', min: 1, max: 5 }])).toThrow(/value 1 must be at least 2/);
    expect(() => buildAxes(specs, [{ name: 'fast', min: 5, max: 10, step: 0.5 }])).toThrow(/needs whole min and step/);
    expect(() => buildAxes(specs, [{ name: 'fast', min: 9, max: 5 }])).toThrow(/min 9 is above max 5/);
    expect(() => buildAxes(specs, [{ name: 'fast' }, { name: 'fast' }])).toThrow(/given twice/);
  });

  it('sums float steps without drift', () => {
    const axes = buildAxes([{ name: 'k', type: 'float', default: 0.1, min: 0, max: 1, label: { zh: 'k', en: 'k' } }], [{ name: 'k', min: 0.1, max: 0.5, step: 0.1 }]);
    expect(axes[0]!.values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('counts drawdowns as better when smaller', () => {
    const s = inProcess({});
    expect(targetValue(s, 'maxDrawdown')).toBe(-s.maxDrawdown);
    expect(targetValue(s, 'totalNetPnl')).toBe(s.totalNetPnl);
  });

  it('ranks a set that never traded last, whatever the target, rather than above every losing one', () => {
    const idle = inProcess({ trade: false });
    expect(idle.totalTradeCount).toBe(0);
    expect([idle.sharpeRatio, idle.maxDrawdown, idle.totalNetPnl]).toEqual([0, 0, 0]);
    for (const target of ['sharpeRatio', 'maxDrawdown', 'totalNetPnl'] as const) expect(targetValue(idle, target)).toBe(-Infinity);
  });
});

describe('grid search on worker threads', () => {
  it('runs every combination, each exactly as a run on its own, sorted best first, with a heatmap', async () => {
    const seen: number[] = [];
    const r = await optimize(prepared, optimizationSchema.parse({ ranges: [{ name: 'fast', values: [5, 10] }, { name: 'slow', values: [20, 30, 40] }], target: 'totalNetPnl', workers: 2 }), {
      onProgress: (done) => void seen.push(done),
    });
    expect(r.runs).toBe(6);
    expect(r.workers).toBe(2);
    expect(r.cancelled).toBe(false);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    for (const row of r.rows) {
      const own = inProcess(row.params);
      expect(row.statistics).toEqual(own);
      expect(row.value).toBe(own.totalNetPnl);
    }
    expect(r.rows.map((x) => x.value)).toEqual([...r.rows.map((x) => x.value)].sort((a, b) => b - a));
    expect(r.heatmap!.x).toEqual({ name: 'fast', values: [5, 10] });
    expect(r.heatmap!.y).toEqual({ name: 'slow', values: [20, 30, 40] });
    const cell = r.rows.find((x) => x.params['fast'] === 10 && x.params['slow'] === 40)!;
    expect(r.heatmap!.values[2]![1]).toBe(cell.value);
  });

  it('ranks the sets that never traded last, with no value, below losing ones', async () => {
    const r = await optimize(prepared, optimizationSchema.parse({ ranges: [{ name: 'fast', values: [5] }, { name: 'slow', values: [10] }, { name: 'trade', values: [false, true] }], target: 'sharpeRatio', workers: 1 }));
    expect(r.rows.map((x) => [x.params['trade'], x.statistics.totalTradeCount > 0])).toEqual([
      [true, true],
      [false, false],
    ]);
    // Before, the set that never traded came first: its Sharpe ratio of 0 beat the losing set's.
    expect(r.rows[0]!.statistics.sharpeRatio).toBeLessThan(0);
    expect(r.rows[1]!.value).toBe(-Infinity);
    expect(formatTargetValue(r.rows[1]!.value, 4)).toBe('—');
  });

  it('refuses a grid larger than allowed before starting', async () => {
    await expect(optimize(prepared, optimizationSchema.parse({ ranges: [{ name: 'fast' }, { name: 'slow' }], maxRuns: 100 }))).rejects.toThrow(
      // fast 2 to 60 (59 values) by slow 5 to 240 (236), as declared.
      `参数组合 ${59 * 236} 个，超过上限 100 个`,
    );
  });

  it('stops when cancelled and says so', async () => {
    let cancel: (() => void) | undefined;
    const r = await optimize(prepared, optimizationSchema.parse({ ranges: [{ name: 'fast', min: 2, max: 30 }], workers: 2 }), {
      onCancel: (c) => (cancel = c),
      onProgress: (done) => done === 2 && cancel?.(),
    });
    expect(r.cancelled).toBe(true);
    expect(r.runs).toBeLessThan(29);
    expect(r.runs).toBeGreaterThanOrEqual(2);
  });

  it('reports a strategy file that does not load, with its file and line', async () => {
    const bad = { ...prepared, settings: { ...settings, strategyFile: path.resolve('tests/backtest/fixtures/missing.ts') } };
    await expect(optimize(bad, optimizationSchema.parse({ ranges: [{ name: 'fast', values: [5, 6] }], workers: 1 }))).rejects.toThrow(/策略文件有误：.*missing\.ts: cannot read the file: ENOENT/);
  });
});

describe('genetic search', () => {
  const spec = (seed: number) =>
    optimizationSchema.parse({
      method: 'genetic',
      ranges: [{ name: 'fast', min: 2, max: 12 }, { name: 'slow', min: 10, max: 40, step: 5 }],
      target: 'totalNetPnl',
      genetic: { population: 8, generations: 4, seed },
      workers: 2,
    });

  it('tries at most population x generations points, each run once, and finds the same with the same seed', async () => {
    const a = await optimize(prepared, spec(3));
    const b = await optimize(prepared, spec(3));
    expect(a.runs).toBeLessThanOrEqual(32);
    expect(a.runs).toBeGreaterThan(8);
    const keys = a.rows.map((r) => `${r.params['fast']}/${r.params['slow']}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(b.rows.map((r) => [r.params, r.value])).toEqual(a.rows.map((r) => [r.params, r.value]));
    // Every value is that point's own run.
    const best = a.rows[0]!;
    expect(best.value).toBe(inProcess(best.params).totalNetPnl);
  });
});

describe('walk-forward analysis', () => {
  it('cuts training and test windows that move by the test length', () => {
    const days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(walkForwardWindows(days, { trainDays: 4, testDays: 2 })).toEqual([
      { trainFrom: 1, trainTo: 4, testFrom: 5, testTo: 6 },
      { trainFrom: 3, trainTo: 6, testFrom: 7, testTo: 8 },
      { trainFrom: 5, trainTo: 8, testFrom: 9, testTo: 10 },
    ]);
    expect(walkForwardWindows(days, { trainDays: 6, testDays: 3, stepDays: 5 })).toEqual([{ trainFrom: 1, trainTo: 6, testFrom: 7, testTo: 9 }]);
    expect(walkForwardWindows(days, { trainDays: 10, testDays: 2 })).toEqual([]);
  });

  it('optimises on each training window and tests the winner on the next, chaining the test windows', async () => {
    const ranges = [{ name: 'fast', values: [5, 10] }, { name: 'slow', values: [20, 40] }];
    const r = await walkForward(prepared, optimizationSchema.parse({ ranges, target: 'totalNetPnl', workers: 2 }), { trainDays: 15, testDays: 10 });
    expect(r.windows.length).toBe(3);
    let equity = settings.capital;
    const chained: number[] = [];
    for (const w of r.windows) {
      // The winner is the best of the four combinations run on the training window alone.
      const train = [5, 10].flatMap((fast) => [20, 40].map((slow) => ({ fast, slow, v: inProcess({ fast, slow }, { from: w.trainFrom, to: w.trainTo }).totalNetPnl })));
      const best = Math.max(...train.map((t) => t.v));
      expect(w.trainValue).toBe(best);
      expect(train.find((t) => t.fast === w.params['fast'] && t.slow === w.params['slow'])!.v).toBe(best);
      const test = inProcess(w.params, { from: w.testFrom, to: w.testTo });
      expect(w.test).toEqual(test);
      expect(w.testValue).toBe(test.totalNetPnl);
      equity += test.totalNetPnl;
      chained.push(equity);
    }
    expect(r.balance[r.balance.length - 1]).toBeCloseTo(equity, 6);
    expect(r.totalNetPnl).toBeCloseTo(equity - settings.capital, 6);
    expect(r.days[0]).toBe(r.windows[0]!.testFrom);
  });

  it('refuses windows longer than the data', async () => {
    await expect(
      walkForward(prepared, optimizationSchema.parse({ ranges: [{ name: 'fast', values: [5] }] }), { trainDays: 200, testDays: 10 }),
    ).rejects.toThrow('数据只有 42 个交易日，不够一个训练窗口 200 天加测试窗口 10 天'); // June 2019: 19, July: 23
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestSettingsSchema, type BacktestResult } from '../../src/shared/ipc/backtest';
import { monthlyReturns } from '../../src/shared/ipc/backtest-figures';
import { formatShanghai } from '../../src/shared/model/time';
import { runToResult } from '../../src/main/backtest/run';
import { CsvDataSource, prepareBacktest } from '../../src/main/backtest/setup';
import { previewImport } from '../../src/main/data/import/importer';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { parseReport } from '../../src/renderer/src/backtest/report-json';
import type { ChartTheme } from '../../src/renderer/src/chart/chart-option';
import { fieldsByColumn, gapText, missingFields, withColumn } from '../../src/renderer/src/data/data-model';
import { dailyPnlOption, equityOption, monthlyHeatmapOption, optimizationHeatmapOption, pointAt, priceOption } from '../../src/renderer/src/report/report-charts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const registry = ContractRegistry.load();
const theme: ChartTheme = { up: 'red', down: 'green', text: '#fff', muted: '#999', grid: '#333', panel: '#111', lines: ['a', 'b', 'c', 'd'] };

/** The shipped dual moving average on the bundled year of rb2005 minutes: a real report to draw. */
function realResult(): BacktestResult {
  const settings = backtestSettingsSchema.parse({
    strategyFile: path.join(ROOT, 'strategies', 'dual-ma.ts'),
    symbols: ['SHFE.rb2005'],
    period: '1m',
    from: 20190601,
    to: 20191130,
    params: { fast: 5, slow: 20 },
  });
  const source = new CsvDataSource({ 'SHFE.rb2005': path.join(ROOT, 'resources', 'market', 'rb2005_1min.csv') }, registry);
  return JSON.parse(JSON.stringify(runToResult(prepareBacktest(settings, { contracts: registry, source })))) as BacktestResult;
}

type Series = { data: unknown[]; type: string };

describe('report charts of a real backtest (dual MA 5/20 on rb2005 minute bars, June to November 2019)', () => {
  const r = realResult();

  it('draw the balance and its drawdown on every trading day, and each day’s P&L in its colour', () => {
    expect(r.trades.length).toBeGreaterThan(50);
    const days = r.daily.map((d) => d.tradingDay);
    const eq = equityOption(days, r.daily.map((d) => d.balance), r.daily.map((d) => d.drawdownPercent), theme, { balance: '权益', drawdown: '回撤 %' });
    const [balance, drawdown] = eq['series'] as Series[];
    expect(balance!.data).toEqual(r.daily.map((d) => d.balance));
    expect(Math.min(...(drawdown!.data as number[]))).toBeCloseTo(-r.statistics.maxDrawdownPercent, 2);
    const daily = dailyPnlOption(days, r.daily.map((d) => d.netPnl), theme, '每日盈亏');
    const bars = (daily['series'] as Series[])[0]!.data as { value: number; itemStyle: { color: string } }[];
    expect(bars).toHaveLength(r.daily.length);
    bars.forEach((b, i) => {
      expect(b.value).toBeCloseTo(r.daily[i]!.netPnl, 2);
      expect(b.itemStyle.color).toBe(r.daily[i]!.netPnl >= 0 ? 'red' : 'green');
    });
  });

  it('lay the monthly returns out by year and month, as the offline report computes them', () => {
    const monthly = monthlyReturns(r);
    expect(monthly.map((m) => m.month)).toEqual([6, 7, 8, 9, 10, 11]);
    const opt = monthlyHeatmapOption(monthly, theme, ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']);
    const cells = (opt['series'] as Series[])[0]!.data as [number, number, number][];
    expect(cells).toEqual(monthly.map((m) => [m.month - 1, 0, Number(m.value.toFixed(2)) || 0]));
    // The legend's ends are labelled to 0.01%: months of a fraction of a percent would otherwise read -0 and 0.
    const largest = Math.max(...monthly.map((m) => Math.abs(m.value)));
    expect(opt['visualMap']).toMatchObject({ min: -largest, max: largest, precision: 2 });
    // Compounded, the months make the whole run's return.
    const total = monthly.reduce((acc, m) => acc * (1 + m.value / 100), 1) - 1;
    expect(total * 100).toBeCloseTo(r.statistics.totalReturn, 6);
  });

  it('mark every fill on the candle it happened in', () => {
    const p = r.prices[0]!;
    const opt = priceOption(p, r.trades, 1, theme, { buy: '买', sell: '卖', offsets: { open: '开仓', close: '平仓', closeToday: '平今', closeYesterday: '平昨' } });
    const marks = (opt['series'] as Series[])[1]!.data as { value: [number, number]; text: string }[];
    expect(marks).toHaveLength(r.trades.length);
    marks.forEach((m, i) => {
      const f = r.trades[i]!;
      const k = m.value[0];
      expect(p.time[k]!).toBeLessThanOrEqual(f.time);
      if (k + 1 < p.time.length) expect(p.time[k + 1]!).toBeGreaterThan(f.time);
      expect(m.value[1]).toBe(f.price);
      expect(m.text.startsWith(formatShanghai(f.time, false))).toBe(true);
    });
    expect(pointAt([10, 20, 30], 5)).toBe(-1);
    expect(pointAt([10, 20, 30], 20)).toBe(1);
    expect(pointAt([10, 20, 30], 99)).toBe(2);
  });

  it('read a saved JSON report back, and refuse a file that is not one, naming what is missing', () => {
    const back = parseReport(JSON.stringify(r));
    expect('result' in back && back.result.statistics.totalNetPnl).toBe(r.statistics.totalNetPnl);
    expect('result' in back && back.result.id).toBeUndefined();
    expect(parseReport('{"settings":{}}')).toEqual({ error: 'missing statistics, daily, trades, roundTrips, prices, strategy' });
    expect('error' in parseReport('not json')).toBe(true);
  });

  it('leave the cells of an optimisation heatmap that were not run empty', () => {
    const opt = optimizationHeatmapOption(
      { x: { name: 'fast', values: [5, 10] }, y: { name: 'slow', values: [20, 30] }, values: [[1.5, null], [-0.5, 2]] },
      'Sharpe',
      theme,
      (n) => (n === 'fast' ? '快线周期' : '慢线周期'),
    );
    expect((opt['series'] as Series[])[0]!.data).toEqual([[0, 0, 1.5], [0, 1, -0.5], [1, 1, 2]]);
    expect((opt['xAxis'] as { name: string }).name).toBe('快线周期');
    expect((opt['visualMap'] as { min: number; max: number })).toMatchObject({ min: -0.5, max: 2, precision: 2 });
  });
});

describe('the import wizard’s column mapping, on a file the importer really reads', () => {
  it('moves a field from column to column, and says what a bar still needs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-map-'));
    const file = path.join(dir, 'rb2005_1min.csv');
    fs.writeFileSync(file, fs.readFileSync(path.join(ROOT, 'resources', 'market', 'rb2005_1min.csv'), 'utf8').split('\n').slice(0, 30).join('\n'));
    const p = previewImport(registry, file);
    const m = p.mapping;
    expect([...fieldsByColumn(m)].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 'datetime'],
      [1, 'open'],
      [2, 'high'],
      [3, 'low'],
      [4, 'close'],
      [5, 'volume'],
      [6, 'openInterest'],
    ]);
    expect(missingFields(m)).toEqual([]);
    // High moved onto the close's column: the close leaves it, and a bar now lacks both.
    const moved = withColumn(m, 4, 'high');
    expect(moved.columns.high).toBe(4);
    expect(moved.columns.close).toBeUndefined();
    expect(missingFields(moved)).toEqual(['close']);
    expect(missingFields(withColumn(m, 0, ''))).toEqual(['datetime']);
    // The importer reads the corrected mapping back: the preview's first close is now the high.
    const again = previewImport(registry, file, { mapping: withColumn(withColumn(m, 4, 'close'), 2, 'high') });
    expect(again.bars[0]).toEqual(p.bars[0]);
  });

  it('says gaps the way a trader reads them', () => {
    expect(gapText({ kind: 'missingDays', from: 20190610, to: 20190611, days: 2 }, 'zh')).toBe('2019-06-10 ~ 2019-06-11 缺 2 个交易日');
    expect(gapText({ kind: 'shortDay', day: 20191223, expected: 345, actual: 120 }, 'en')).toBe('2019-12-23: 120 of 345 bars');
  });
});

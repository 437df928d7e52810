import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api/handlers';
import { Terminal } from '../../src/main/engine/terminal';
import type { Bar } from '../../src/shared/model/types';
import { shanghaiMinuteOfDay } from '../../src/shared/model/time';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { BarSeries } from '../../src/renderer/src/chart/bar-series';
import { buildOption, chartData, computeIndicators, fitWindow, INDICATOR_WARMUP, timeLabel, type ChartTheme } from '../../src/renderer/src/chart/chart-option';
import { intradayData, intradayOption, labelledMinutes } from '../../src/renderer/src/chart/intraday-option';

/** The chart's data path on real bars from the engine's market.bars: history, live forming bars, indicators. */
describe('chart model', () => {
  let terminal: Terminal;
  let bars: Bar[];
  let api: ReturnType<typeof createApi>['api'];

  beforeAll(async () => {
    terminal = new Terminal({ profileDir: fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-chart-')), autoPlay: false, demoStrategy: false });
    const created = createApi(terminal);
    api = created.api;
    created.publisher.stop();
    for (let i = 0; i < 4 * 3 * 300; i++) terminal.replay.step();
    bars = (await api.call('market.bars', { symbol: 'SHFE.rb2605', period: '1m', count: 5000 })) as Bar[];
  });
  afterAll(() => terminal.close());

  it('keeps the history and takes the forming bar: same start updates, later appends, older is ignored', () => {
    expect(bars.length).toBeGreaterThan(250);
    const s = BarSeries.from(bars);
    const last = bars[bars.length - 1]!;
    expect(s.upsert({ ...last, close: last.close + 5, high: Math.max(last.high, last.close + 5) })).toBe('updated');
    expect(s.length).toBe(bars.length);
    expect(s.close[s.length - 1]).toBe(last.close + 5);
    expect(s.upsert({ ...last, time: last.time + 60_000 })).toBe('appended');
    expect(s.length).toBe(bars.length + 1);
    expect(s.upsert({ ...last, time: last.time - 60_000 })).toBe('ignored');
    // The finished bar from the engine replaces what the forming updates left.
    s.patch([last]);
    expect(s.close[s.length - 2]).toBe(last.close);
  });

  it('finds the bar that holds a trade time', () => {
    const s = BarSeries.from(bars);
    expect(s.indexAtTime(bars[10]!.time)).toBe(10);
    expect(s.indexAtTime(bars[10]!.time + 59_000)).toBe(10);
    expect(s.indexAtTime(bars[0]!.time - 1)).toBe(-1);
    expect(s.indexAtTime(Number.MAX_SAFE_INTEGER)).toBe(bars.length - 1);
  });

  it('puts a night trade on the daily bar of its trading day, the day the night session opened', async () => {
    const night = bars.find((b) => b.tradingDay > 20260107 && shanghaiMinuteOfDay(b.time) >= 21 * 60)!;
    expect(night).toBeDefined();
    const daily = (await api.call('market.bars', { symbol: 'SHFE.rb2605', period: '1d', count: 100 })) as Bar[];
    const s = BarSeries.from(daily, true);
    const i = s.indexOfTrade({ time: night.time + 30_000, tradingDay: night.tradingDay });
    expect(daily[i]!.tradingDay).toBe(night.tradingDay);
    // By its time alone it would sit on the day before (the daily bar starts at its trading day's midnight).
    expect(daily[s.indexAtTime(night.time)]!.tradingDay).toBeLessThan(night.tradingDay);
    // Minute bars find it by time.
    const m = BarSeries.from(bars);
    expect(bars[m.indexOfTrade({ time: night.time + 30_000, tradingDay: night.tradingDay })]).toBe(night);
    expect(s.indexOfTrade({ time: night.time, tradingDay: 20300101 })).toBe(-1);
  });

  it('labels bars in exchange time and hands echarts one window of them', () => {
    expect(timeLabel(bars[0]!.time, '1m')).toBe('01-05 09:00');
    expect(timeLabel(bars[0]!.time, '1d')).toBe('2026-01-05');
    const s = BarSeries.from(bars);
    const d = chartData(s, '1m', { from: 100, to: 150 });
    expect(d.candles).toHaveLength(50);
    expect(d.candles[0]).toEqual([bars[100]!.open, bars[100]!.close, bars[100]!.low, bars[100]!.high]);
    expect(d.volumes[0]).toEqual([0, bars[100]!.volume, bars[100]!.close >= bars[100]!.open ? 1 : -1]);
    expect(d.categories[49]).toBe(timeLabel(bars[149]!.time, '1m'));
  });

  it('keeps the window while the view is well inside it, and moves it when the view nears an edge', () => {
    const total = 200_000;
    const w = fitWindow({ from: 0, to: 0 }, { start: 199_760, end: 199_999 }, total, 3000);
    expect(w).toEqual({ from: 196_760, to: 200_000 });
    // Panning a little: same window (no redraw of history).
    expect(fitWindow(w, { start: 199_000, end: 199_239 }, total, 3000)).toBe(w);
    // Near the left edge: a new window around the view.
    expect(fitWindow(w, { start: 197_000, end: 197_239 }, total, 3000)).toEqual({ from: 194_000, to: 200_000 });
    // A new bar at the live edge grows the window to include it.
    expect(fitWindow(w, { start: 199_761, end: 200_000 }, total + 1, 3000)).toEqual({ from: 196_761, to: 200_001 });
    // Whatever the history, echarts holds at most the view and two margins.
    const far = fitWindow(w, { start: 1000, end: 3999 }, total, 3000);
    expect(far.to - far.from).toBeLessThanOrEqual(3000 + 2 * 3000);
  });

  it('computes a window\'s indicators from a warm-up before it, equal to those of the whole history', () => {
    // Real rb2005 minutes: a window of 1,000 bars after 4,000 of history.
    const cols = readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), terminal.contracts.calendar);
    const s = BarSeries.from(
      Array.from({ length: 5000 }, (_, i): Bar => ({
        symbol: 'SHFE.rb2005', period: '1m', time: cols.time[i]!, tradingDay: cols.tradingDay[i]!, open: cols.open[i]!, high: cols.high[i]!,
        low: cols.low[i]!, close: cols.close[i]!, volume: cols.volume[i]!, openInterest: cols.openInterest[i]!,
      })),
    );
    const windowFrom = 4000;
    for (const sub of ['macd', 'kdj', 'rsi', 'wt'] as const) {
      const full = computeIndicators(s, new Set(['ma', 'boll']), sub);
      const part = computeIndicators(s, new Set(['ma', 'boll']), sub, windowFrom - INDICATOR_WARMUP);
      for (const [k, line] of [...full.overlays, ...full.sub].entries()) {
        const other = [...part.overlays, ...part.sub][k]!;
        for (let i = windowFrom; i < s.length; i++) {
          const a = line.values[i]!;
          const b = other.values[i - part.base]!;
          if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) throw new Error(`${sub} ${line.name} differs at ${i}: ${a} vs ${b}`);
        }
      }
    }
  });

  it('builds one option with price, volume and indicator panes and the trades as markers', () => {
    const s = BarSeries.from(bars);
    const theme: ChartTheme = { up: 'red', down: 'green', text: '#fff', muted: '#888', grid: '#333', panel: '#111', lines: ['a', 'b', 'c', 'd'] };
    const computed = computeIndicators(s, new Set(['ma', 'boll']), 'macd');
    expect(computed.overlays.map((l) => l.name)).toEqual(['MA5', 'MA10', 'MA20', 'MA60', 'BOLL', 'UB', 'LB']);
    const option = buildOption({
      data: chartData(s, '1m'),
      series: s,
      computed,
      trades: [{ index: 12, price: bars[12]!.close, side: 'buy', offset: 'open', volume: 1 }],
      positions: [
        { direction: 'long', volume: 2, price: 3186 },
        { direction: 'short', volume: 1, price: 3201 },
        { direction: 'short', volume: 0, price: 3150 },
      ],
      theme,
      labels: { long: '多', short: '空', stopLoss: '止损', takeProfit: '止盈', stop: '条件单', volume: '成交量', oi: '持仓量', open: '开', high: '高', low: '低', close: '收', buy: '买', sell: '卖', offsets: { open: '开仓', close: '平仓', closeToday: '平今', closeYesterday: '平昨' }, price: '价格', average: '均价' },
      priceTick: 1,
      zoom: { startValue: 10, endValue: 200 },
      lang: 'zh',
      maxSpan: 3000,
    }) as { series: { id: string; data: unknown[]; large?: boolean; markLine?: { data: { yAxis: number; lineStyle: { color: string }; label: { formatter: string } }[] } }[]; grid: unknown[]; dataZoom: { startValue: number }[] };
    const ids = option.series.map((x) => x.id);
    expect(ids).toEqual(['k', 'ov-MA5', 'ov-MA10', 'ov-MA20', 'ov-MA60', 'ov-BOLL', 'ov-UB', 'ov-LB', 'trades', 'vol', 'oi', 'sub-MACD', 'sub-DIF', 'sub-DEA']);
    expect(option.grid).toHaveLength(3);
    expect(option.series[0]!.large).toBe(true);
    expect(option.series[0]!.data).toHaveLength(bars.length);
    expect((option.series.find((x) => x.id === 'trades')!.data[0] as { value: number[] }).value).toEqual([12, bars[12]!.close]);
    expect(option.dataZoom[0]!.startValue).toBe(10);
    // The positions held, as lines at their open prices in their side's colour (a closed one has none).
    const lines = option.series[0]!.markLine!.data.map((l) => [l.yAxis, l.lineStyle.color, l.label.formatter]);
    expect(lines).toEqual([
      [3186, 'red', '多 2 @ 3186'],
      [3201, 'green', '空 1 @ 3201'],
    ]);
    // MA5 is not drawn before its fifth bar.
    expect(option.series[1]!.data.slice(0, 5)).toEqual(['-', '-', '-', '-', (bars.slice(0, 5).reduce((a, b) => a + b.close, 0) / 5)]);
  });

  it('draws 分时 from the last trading day\'s minutes only, with its running average, around yesterday\'s settlement', () => {
    const s = BarSeries.from(bars);
    const day = bars[bars.length - 1]!.tradingDay;
    const today = bars.filter((b) => b.tradingDay === day);
    // The replay played more than one trading day: the day before is left out.
    expect(today.length).toBeLessThan(bars.length);
    const pre = terminal.engine.market.get('SHFE.rb2605')!.preSettlement;
    expect(pre).toBeGreaterThan(0);
    const rb = terminal.contracts.resolve('SHFE.rb2605');
    const d = intradayData(s, pre, 1, rb);
    expect(d.from).toBe(bars.length - today.length);
    // The whole trading day on the axis, its night session first: rebar trades 21:00-23:00, 9:00-10:15, 10:30-11:30
    // and 13:30-15:00, 345 minutes; the minutes to come are empty.
    expect(timeLabel(today[0]!.time, '1m').slice(-5)).toBe('21:00');
    expect([d.categories.length, d.categories[0], d.categories[120], d.categories[195], d.categories.at(-1)]).toEqual([345, '21:00', '09:00', '10:30', '14:59']);
    expect(d.slots.map((k) => d.categories[k])).toEqual(today.map((b) => timeLabel(b.time, '1m').slice(-5)));
    // Labelled as terminals label it: the sessions' openings and the whole hours.
    const shown = labelledMinutes(d.categories);
    expect(d.categories.filter((_, k) => shown[k])).toEqual(['21:00', '22:00', '09:00', '10:00', '10:30', '11:00', '13:30', '14:00']);
    expect(d.slots.map((k) => d.price[k])).toEqual(today.map((b) => b.close));
    expect(d.price.slice(d.slots.at(-1)! + 1).every((p) => p === '-')).toBe(true);
    // Without the sessions, the axis is the day's bars.
    expect(intradayData(s, pre, 1).price).toEqual(today.map((b) => b.close));
    // 均价: the volume-weighted average of the closes so far.
    const amount = today.reduce((a, b) => a + b.close * b.volume, 0);
    const volume = today.reduce((a, b) => a + b.volume, 0);
    expect(d.average[d.slots.at(-1)!] as number).toBeCloseTo(amount / volume, 9);
    // The price axis is centred on the settlement and holds every high and low; the right axis says it in percent.
    const reach = Math.max(...today.map((b) => Math.max(Math.abs(b.high - pre), Math.abs(b.low - pre))));
    // In double ticks (rebar: 1 CNY), so the half-way lines are prices that can trade.
    expect(d.range).toBe(Math.ceil(reach / 2) * 2);
    expect(d.range).toBeGreaterThanOrEqual(reach);
    const theme: ChartTheme = { up: 'red', down: 'green', text: '#fff', muted: '#888', grid: '#333', panel: '#111', lines: ['a', 'b', 'c', 'd'] };
    const { option, minutes } = intradayOption({ series: s, preSettlement: pre, trades: [], theme, labels: { price: '价格', average: '均价', volume: '成交量', buy: '买', sell: '卖' }, priceTick: 1, sessions: rb });
    expect(minutes).toBe(today.length);
    const y = (option as { yAxis: { min: number; max: number }[] }).yAxis;
    expect([y[0]!.min, y[0]!.max]).toEqual([pre - d.range, pre + d.range]);
    expect(y[1]!.max).toBeCloseTo((d.range / pre) * 100, 9);
    expect(y[1]!.min).toBeCloseTo(-(d.range / pre) * 100, 9);
  });
});

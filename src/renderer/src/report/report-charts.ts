import type { Heatmap, PriceSeries, TradeRecord } from '../../../shared/ipc/backtest';
import { decimalsOf } from '../../../shared/model/price';
import { formatDay, formatShanghai } from '../../../shared/model/time';
import type { ChartTheme } from '../chart/chart-option';

/**
 * The echarts options of the reports (a backtest's, a strategy instance's analytics, a comparison, an optimisation):
 * pure functions of the figures and the theme, so they are tested without a browser. Profits are red and losses
 * green, as Chinese markets colour them.
 */

const axisStyle = (theme: ChartTheme) => ({
  axisLine: { lineStyle: { color: theme.grid } },
  axisLabel: { color: theme.muted, hideOverlap: true },
  splitLine: { lineStyle: { color: theme.grid, opacity: 0.5 } },
});

const tooltip = (theme: ChartTheme) => ({
  trigger: 'axis',
  backgroundColor: theme.panel,
  borderColor: theme.grid,
  textStyle: { color: theme.text },
});

const money = (v: number): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : '—');

export interface EquityLabels {
  readonly balance: string;
  readonly drawdown: string;
}

/** The end-of-day balance above and its drawdown (percent below the running high) below. */
export function equityOption(days: readonly number[], balance: readonly number[], drawdownPercent: readonly number[], theme: ChartTheme, labels: EquityLabels): Record<string, unknown> {
  const x = days.map(formatDay);
  const ax = axisStyle(theme);
  return {
    tooltip: tooltip(theme),
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 70, right: 16, top: 16, height: '52%' },
      { left: 70, right: 16, top: '72%', bottom: 24 },
    ],
    xAxis: [
      { type: 'category', data: x, gridIndex: 0, ...ax, axisLabel: { show: false } },
      { type: 'category', data: x, gridIndex: 1, ...ax },
    ],
    yAxis: [
      { type: 'value', scale: true, gridIndex: 0, name: labels.balance, nameTextStyle: { color: theme.muted }, ...ax },
      { type: 'value', gridIndex: 1, max: 0, splitNumber: 2, name: labels.drawdown, nameTextStyle: { color: theme.muted }, ...ax, axisLabel: { color: theme.muted, formatter: '{value}%' } },
    ],
    series: [
      { name: labels.balance, type: 'line', data: balance, showSymbol: false, lineStyle: { width: 1.5, color: theme.lines[2] }, xAxisIndex: 0, yAxisIndex: 0 },
      {
        name: labels.drawdown,
        type: 'line',
        data: drawdownPercent.map((v) => Number(v.toFixed(3))),
        showSymbol: false,
        lineStyle: { width: 1, color: theme.down },
        areaStyle: { color: theme.down, opacity: 0.25 },
        xAxisIndex: 1,
        yAxisIndex: 1,
      },
    ],
  };
}

/** Each trading day's net P&L as a bar: red above zero, green below. */
export function dailyPnlOption(days: readonly number[], pnl: readonly number[], theme: ChartTheme, label: string): Record<string, unknown> {
  const ax = axisStyle(theme);
  return {
    tooltip: { ...tooltip(theme), valueFormatter: money },
    grid: { left: 70, right: 16, top: 16, bottom: 24 },
    xAxis: { type: 'category', data: days.map(formatDay), ...ax },
    yAxis: { type: 'value', ...ax },
    series: [{ name: label, type: 'bar', data: pnl.map((v) => ({ value: Number(v.toFixed(2)), itemStyle: { color: v >= 0 ? theme.up : theme.down } })), barMaxWidth: 12 }],
  };
}

export interface MonthlyReturn {
  readonly year: number;
  readonly month: number;
  readonly value: number;
}

/** Monthly returns (percent) as a year × month heatmap, each cell labelled with its figure. */
export function monthlyHeatmapOption(monthly: readonly MonthlyReturn[], theme: ChartTheme, monthNames: readonly string[]): Record<string, unknown> {
  const years = [...new Set(monthly.map((m) => m.year))].sort((a, b) => a - b);
  const extent = Math.max(0.01, ...monthly.map((m) => Math.abs(m.value)));
  return {
    tooltip: { backgroundColor: theme.panel, borderColor: theme.grid, textStyle: { color: theme.text }, formatter: (p: { value: [number, number, number] }) => `${years[p.value[1]]}-${String(p.value[0] + 1).padStart(2, '0')}: ${p.value[2].toFixed(2)}%` },
    grid: { left: 56, right: 16, top: 8, bottom: 56 },
    xAxis: { type: 'category', data: monthNames, axisLabel: { color: theme.muted }, axisLine: { lineStyle: { color: theme.grid } }, splitArea: { show: false } },
    yAxis: { type: 'category', data: years.map(String), axisLabel: { color: theme.muted }, axisLine: { lineStyle: { color: theme.grid } } },
    visualMap: { min: -extent, max: extent, precision: 2, calculable: false, orient: 'horizontal', left: 'center', bottom: 4, itemHeight: 120, inRange: { color: [theme.down, theme.panel, theme.up] }, textStyle: { color: theme.muted } },
    series: [
      {
        type: 'heatmap',
        // To 0.01%, as the legend and the offline report; a month that rounds to nothing reads 0.00, not -0.00.
        data: monthly.map((m) => [m.month - 1, years.indexOf(m.year), Number(m.value.toFixed(2)) || 0]),
        label: { show: true, color: theme.text, formatter: (p: { value: [number, number, number] }) => `${p.value[2].toFixed(2)}%` },
      },
    ],
  };
}

/** The index of the last point at or before `time` (points are sorted by start time). */
export function pointAt(times: readonly number[], time: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (hi < 0 || time < times[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= time) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface PriceLabels {
  readonly buy: string;
  readonly sell: string;
  readonly offsets: Readonly<Record<string, string>>;
}

/** A contract's price (thinned candles) with every fill of the run marked where it happened. */
export function priceOption(p: PriceSeries, fills: readonly TradeRecord[], priceTick: number, theme: ChartTheme, labels: PriceLabels): Record<string, unknown> {
  const decimals = decimalsOf(priceTick);
  const x = p.time.map((t) => formatShanghai(t, false));
  const marks = fills
    .filter((f) => f.symbol === p.symbol)
    .map((f) => {
      const i = pointAt(p.time, f.time);
      return {
        value: [Math.max(0, i), f.price],
        symbol: 'triangle',
        symbolRotate: f.side === 'buy' ? 0 : 180,
        symbolOffset: [0, f.side === 'buy' ? 10 : -10],
        itemStyle: { color: f.side === 'buy' ? theme.up : theme.down, borderColor: theme.text, borderWidth: 1 },
        text: `${formatShanghai(f.time, false)} ${f.side === 'buy' ? labels.buy : labels.sell}${labels.offsets[f.offset] ?? f.offset} ${f.volume} @ ${f.price.toFixed(decimals)}`,
      };
    });
  const ax = axisStyle(theme);
  return {
    tooltip: { ...tooltip(theme), axisPointer: { type: 'cross' } },
    grid: { left: 70, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: x, ...ax, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...ax, axisLabel: { color: theme.muted, formatter: (v: number) => v.toFixed(decimals) } },
    dataZoom: [
      { type: 'inside', start: 0, end: 100 },
      { type: 'slider', height: 18, bottom: 8, borderColor: theme.grid, textStyle: { color: theme.muted } },
    ],
    series: [
      {
        name: p.symbol,
        type: 'candlestick',
        data: p.time.map((_, i) => [p.open[i], p.close[i], p.low[i], p.high[i]]),
        itemStyle: { color: theme.up, color0: theme.down, borderColor: theme.up, borderColor0: theme.down },
        large: true,
      },
      {
        name: 'fills',
        type: 'scatter',
        data: marks,
        symbolSize: 10,
        z: 10,
        tooltip: { trigger: 'item', formatter: (q: { data: { text: string } }) => q.data.text },
      },
    ],
  };
}

/** A P&L curve over time (a strategy instance's closed P&L after each round trip). */
export function pnlCurveOption(points: readonly { time: number; value: number }[], theme: ChartTheme, label: string): Record<string, unknown> {
  const ax = axisStyle(theme);
  return {
    tooltip: { ...tooltip(theme), valueFormatter: money },
    grid: { left: 70, right: 16, top: 16, bottom: 24 },
    xAxis: { type: 'category', data: points.map((p) => formatShanghai(p.time, false)), ...ax },
    yAxis: { type: 'value', scale: true, ...ax },
    series: [{ name: label, type: 'line', step: 'end', data: points.map((p) => Number(p.value.toFixed(2))), showSymbol: points.length < 60, lineStyle: { width: 1.5, color: theme.lines[2] } }],
  };
}

/** Two runs' balances on the union of their days. */
export function compareOption(days: readonly number[], a: readonly (number | null)[], b: readonly (number | null)[], names: readonly [string, string], theme: ChartTheme): Record<string, unknown> {
  const ax = axisStyle(theme);
  return {
    tooltip: { ...tooltip(theme), valueFormatter: (v: number | null) => (v === null ? '—' : money(v)) },
    legend: { data: [...names], textStyle: { color: theme.text }, top: 0 },
    grid: { left: 70, right: 16, top: 28, bottom: 24 },
    xAxis: { type: 'category', data: days.map(formatDay), ...ax },
    yAxis: { type: 'value', scale: true, ...ax },
    series: [
      { name: names[0], type: 'line', data: a, connectNulls: false, showSymbol: false, lineStyle: { width: 1.5, color: theme.lines[2] } },
      { name: names[1], type: 'line', data: b, connectNulls: false, showSymbol: false, lineStyle: { width: 1.5, color: theme.lines[0] } },
    ],
  };
}

/** An optimisation's target over its first two parameters; cells not run stay empty. */
export function optimizationHeatmapOption(h: Heatmap, target: string, theme: ChartTheme, labelOf: (param: string) => string = (p) => p): Record<string, unknown> {
  const cells: [number, number, number][] = [];
  let min = Infinity;
  let max = -Infinity;
  h.values.forEach((row, yi) =>
    row.forEach((v, xi) => {
      if (v === null || !Number.isFinite(v)) return;
      cells.push([xi, yi, v]);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }),
  );
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  if (min === max) max = min + 1;
  const digits = Math.abs(max) >= 1000 ? 0 : 2;
  return {
    tooltip: {
      backgroundColor: theme.panel,
      borderColor: theme.grid,
      textStyle: { color: theme.text },
      formatter: (p: { value: [number, number, number] }) => `${labelOf(h.x.name)}=${String(h.x.values[p.value[0]])}, ${labelOf(h.y.name)}=${String(h.y.values[p.value[1]])}<br/>${target}: ${p.value[2].toFixed(4)}`,
    },
    grid: { left: 64, right: 16, top: 8, bottom: 84 },
    xAxis: { type: 'category', name: labelOf(h.x.name), nameLocation: 'middle', nameGap: 26, data: h.x.values.map(String), axisLabel: { color: theme.muted }, nameTextStyle: { color: theme.muted } },
    yAxis: { type: 'category', name: labelOf(h.y.name), nameLocation: 'middle', nameGap: 40, data: h.y.values.map(String), axisLabel: { color: theme.muted }, nameTextStyle: { color: theme.muted } },
    visualMap: { min, max, precision: digits, orient: 'horizontal', left: 'center', bottom: 4, itemHeight: 160, inRange: { color: [theme.down, theme.panel, theme.up] }, textStyle: { color: theme.muted } },
    series: [{ type: 'heatmap', data: cells, label: { show: cells.length <= 60, color: theme.text, formatter: (p: { value: [number, number, number] }) => p.value[2].toFixed(digits) } }],
  };
}

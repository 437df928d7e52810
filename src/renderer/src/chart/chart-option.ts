import type { Offset, Side } from '../../../shared/model/enums';
import { decimalsOf } from '../../../shared/model/price';
import { stopKind, triggersAbove } from '../../../shared/model/stop-orders';
import { shanghaiParts } from '../../../shared/model/time';
import { boll, kdj, macd, rsi, sma, waveTrend } from '../indicators/indicators';
import type { BarSeries } from './bar-series';

export const OVERLAYS = ['ma', 'boll'] as const;
export type Overlay = (typeof OVERLAYS)[number];
export const SUB_INDICATORS = ['macd', 'kdj', 'rsi', 'wt', 'none'] as const;
export type SubIndicator = (typeof SUB_INDICATORS)[number];
/** 分时 ('intraday') draws the day's 1-minute bars as a line; the others are candles of their period. */
export const PERIODS = ['intraday', '1m', '5m', '15m', '30m', '1h', '1d'] as const;
export type ChartPeriod = (typeof PERIODS)[number];

/** The bars a chart period is drawn from. */
export function barPeriodOf(p: ChartPeriod): Exclude<ChartPeriod, 'intraday'> {
  return p === 'intraday' ? '1m' : p;
}

export const MA_PERIODS = [5, 10, 20, 60] as const;

export interface ChartTheme {
  readonly up: string;
  readonly down: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly panel: string;
  readonly lines: readonly string[];
}

export interface TradeMark {
  readonly index: number;
  readonly price: number;
  readonly side: Side;
  readonly offset: Offset;
  readonly volume: number;
  /** Who sent it: a strategy instance's name, or the manual source's label. */
  readonly source?: string;
}

/** A position held in the chart's contract: a dashed line at its average open price (开仓均价). */
export interface PositionLine {
  readonly direction: 'long' | 'short';
  readonly volume: number;
  readonly price: number;
}

/** A 条件单 waiting on the chart's contract: a dotted line at its trigger price, named for what it is. */
export interface StopLine {
  readonly kind: 'stopLoss' | 'takeProfit' | 'stop';
  readonly above: boolean;
  readonly volume: number;
  readonly price: number;
}

/** The line of a waiting stop: a 止盈止损 stop is a take-profit when it fires on the position's side of the market. */
export function stopLineOf(s: { readonly side: Side; readonly triggerPrice: number; readonly volume: number; readonly trigger?: 'above' | 'below' | undefined; readonly bracket?: string | undefined }): StopLine {
  return { kind: stopKind(s), above: triggersAbove(s), volume: s.volume, price: s.triggerPrice };
}

/** A working limit order on the chart's contract: a line at its price (买开 2 @ 3062), as 文华 draws 挂单. */
export interface OrderLine {
  readonly side: Side;
  readonly offset: Offset;
  /** Its unfilled lots. */
  readonly volume: number;
  readonly price: number;
}

export interface ChartLabels {
  readonly long: string;
  readonly short: string;
  readonly stopLoss: string;
  readonly takeProfit: string;
  readonly stop: string;
  readonly volume: string;
  readonly oi: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly buy: string;
  readonly sell: string;
  readonly offsets: Readonly<Record<Offset, string>>;
  readonly price: string;
  readonly average: string;
}

/** Indicator lines, named as the crosshair shows them; values[0] is the series' bar `base`. */
export interface Computed {
  readonly base: number;
  readonly overlays: readonly { name: string; values: Float64Array }[];
  readonly sub: readonly { name: string; values: Float64Array; kind: 'line' | 'bar' }[];
  readonly subLevels: readonly number[];
}

/**
 * Bars computed before a window so that its indicators equal those of the whole history: moving averages and BOLL
 * need 60; the recursive ones (EMA, KDJ and RSI smoothing) forget their start geometrically, by far less than a
 * price tick after 1,000 bars ((25/27)^1000 < 1e-33 for MACD's slowest EMA).
 */
export const INDICATOR_WARMUP = 1000;

/** Indicators of the bars from `base` on (0: the whole series). */
export function computeIndicators(series: BarSeries, overlays: ReadonlySet<Overlay>, sub: SubIndicator, base = 0): Computed {
  const s = base > 0
    ? { close: series.close.slice(base), high: series.high.slice(base), low: series.low.slice(base) }
    : series;
  const out: { name: string; values: Float64Array }[] = [];
  if (overlays.has('ma')) for (const n of MA_PERIODS) out.push({ name: `MA${n}`, values: sma(s.close, n) });
  if (overlays.has('boll')) {
    const b = boll(s.close);
    out.push({ name: 'BOLL', values: b.mid }, { name: 'UB', values: b.upper }, { name: 'LB', values: b.lower });
  }
  switch (sub) {
    case 'macd': {
      const m = macd(s.close);
      return { base, overlays: out, sub: [{ name: 'MACD', values: m.hist, kind: 'bar' }, { name: 'DIF', values: m.dif, kind: 'line' }, { name: 'DEA', values: m.dea, kind: 'line' }], subLevels: [0] };
    }
    case 'kdj': {
      const k = kdj(s.high, s.low, s.close);
      return { base, overlays: out, sub: [{ name: 'K', values: k.k, kind: 'line' }, { name: 'D', values: k.d, kind: 'line' }, { name: 'J', values: k.j, kind: 'line' }], subLevels: [20, 80] };
    }
    case 'rsi':
      return {
        base,
        overlays: out,
        sub: [6, 12, 24].map((n) => ({ name: `RSI${n}`, values: rsi(s.close, n), kind: 'line' as const })),
        subLevels: [20, 80],
      };
    case 'wt': {
      const w = waveTrend(s.high, s.low, s.close);
      return { base, overlays: out, sub: [{ name: 'WT1', values: w.wt1, kind: 'line' }, { name: 'WT2', values: w.wt2, kind: 'line' }], subLevels: [-60, -53, 53, 60] };
    }
    default:
      return { base, overlays: out, sub: [], subLevels: [] };
  }
}

const pad = (n: number): string => (n < 10 ? '0' + n : String(n));

export function timeLabel(t: number, period: string): string {
  const p = shanghaiParts(t);
  if (period === '1d') return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Window [from, to) of an indicator whose values[0] is bar `base`. */
const toLine = (a: Float64Array, base: number, from: number, to: number): (number | string)[] => {
  const out = new Array<number | string>(Math.max(0, to - from));
  for (let i = from; i < to; i++) {
    const v = a[i - base] ?? NaN;
    out[i - from] = Number.isFinite(v) ? v : '-';
  }
  return out;
};

/**
 * What echarts is given is a window of the bars, never the whole history: the bars in view and a margin each side.
 * Drawing, zooming and panning then cost the same for 2,000 or 2,000,000 bars of history; the chart moves the
 * window when the view nears its edge.
 */
export interface BarWindow {
  /** First bar index of the window (into the whole series). */
  readonly from: number;
  /** One past the last. */
  readonly to: number;
}

export interface ChartData {
  readonly window: BarWindow;
  readonly categories: string[];
  readonly candles: number[][];
  readonly volumes: number[][];
  readonly oi: number[];
}

/** The series data echarts draws for one window of the bars. */
export function chartData(s: BarSeries, period: string, window: BarWindow = { from: 0, to: s.length }): ChartData {
  const { from, to } = window;
  const n = Math.max(0, to - from);
  const categories = new Array<string>(n);
  const candles = new Array<number[]>(n);
  const volumes = new Array<number[]>(n);
  const oi = new Array<number>(n);
  for (let i = from; i < to; i++) {
    const k = i - from;
    categories[k] = timeLabel(s.time[i]!, period);
    candles[k] = [s.open[i]!, s.close[i]!, s.low[i]!, s.high[i]!];
    volumes[k] = [k, s.volume[i]!, s.close[i]! >= s.open[i]! ? 1 : -1];
    oi[k] = s.openInterest[i]!;
  }
  return { window, categories, candles, volumes, oi };
}

/**
 * Where the window should be for a view (absolute bar indices, inclusive): the same window while the view stays
 * well inside it, else one centred on the view with `margin` bars each side.
 */
export function fitWindow(current: BarWindow, view: { start: number; end: number }, total: number, margin: number): BarWindow {
  const inside = view.start >= current.from && view.end < current.to;
  const roomLeft = view.start - current.from;
  const roomRight = current.to - 1 - view.end;
  const nearLeft = current.from > 0 && roomLeft < margin / 4;
  const nearRight = current.to < total && roomRight < margin / 4;
  if (inside && !nearLeft && !nearRight && current.to <= total) return current;
  return { from: Math.max(0, view.start - margin), to: Math.min(total, view.end + 1 + margin) };
}

export interface OptionInput {
  readonly data: ChartData;
  readonly series: BarSeries;
  readonly computed: Computed;
  readonly trades: readonly TradeMark[];
  /** The account's positions in the contract (none on a chart of another). */
  readonly positions?: readonly PositionLine[];
  /** Its 条件单 waiting for a trigger price. */
  readonly stops?: readonly StopLine[];
  /** Its working limit orders. */
  readonly orders?: readonly OrderLine[];
  readonly theme: ChartTheme;
  readonly labels: ChartLabels;
  readonly priceTick: number;
  /** The bars in view, as indices into the whole series. */
  readonly zoom: { readonly startValue: number; readonly endValue: number };
  readonly lang: 'zh' | 'en';
  /** Most bars a view may span (zooming out stops there: longer periods show more history). */
  readonly maxSpan: number;
}

/**
 * The positions' lines at their open prices, labelled as terminals label them (多 2 @ 3186); the working orders' at
 * their prices, dash-dotted (买开 2 @ 3062); the waiting stops' at their triggers, dotted (止损 2 ≤ 3150).
 */
export function priceLines(
  lines: { readonly positions: readonly PositionLine[]; readonly orders: readonly OrderLine[]; readonly stops: readonly StopLine[] },
  theme: ChartTheme,
  labels: ChartLabels,
  decimals: number,
): Record<string, unknown> {
  const { positions, orders, stops } = lines;
  const held = positions
    .filter((p) => p.volume > 0 && p.price > 0)
    .map((p) => {
      const color = p.direction === 'long' ? theme.up : theme.down;
      return {
        yAxis: p.price,
        lineStyle: { color, type: 'dashed', width: 1 },
        label: { position: 'insideEndTop', color, formatter: `${p.direction === 'long' ? labels.long : labels.short} ${p.volume} @ ${p.price.toFixed(decimals)}` },
      };
    });
  const waiting = stops
    .filter((s) => s.price > 0)
    .map((s) => ({
      yAxis: s.price,
      lineStyle: { color: theme.muted, type: 'dotted', width: 1 },
      label: { position: 'insideStartTop', color: theme.muted, formatter: `${labels[s.kind]} ${s.volume} ${s.above ? '≥' : '≤'} ${s.price.toFixed(decimals)}` },
    }));
  const resting = orders
    .filter((o) => o.volume > 0 && o.price > 0)
    .map((o) => {
      const color = o.side === 'buy' ? theme.up : theme.down;
      return {
        yAxis: o.price,
        lineStyle: { color, type: [6, 3, 2, 3], width: 1, opacity: 0.8 },
        label: { position: 'insideMiddleTop', color, formatter: `${labels[o.side]}${labels.offsets[o.offset]} ${o.volume} @ ${o.price.toFixed(decimals)}` },
      };
    });
  return { silent: true, symbol: 'none', animation: false, data: [...held, ...resting, ...waiting] };
}

/**
 * The whole echarts option: a price grid (candles, MA/BOLL, the account's trades), a volume grid with open
 * interest, and an optional indicator grid, all on one category axis linked by the crosshair and the zoom.
 * echarts gets one window of the bars (see BarWindow); candles use its large mode and lines LTTB sampling.
 */
export function buildOption(o: OptionInput): Record<string, unknown> {
  const { data, computed, theme, labels } = o;
  const { from, to } = data.window;
  const hasSub = computed.sub.length > 0;
  const grids = hasSub
    ? [
        { left: 8, right: 64, top: 8, bottom: '46%' },
        { left: 8, right: 64, top: '56%', bottom: '32%' },
        { left: 8, right: 64, top: '70%', bottom: 46 },
      ]
    : [
        { left: 8, right: 64, top: 8, bottom: '34%' },
        { left: 8, right: 64, top: '68%', bottom: 46 },
      ];
  const gridIndices = grids.map((_, i) => i);
  const decimals = decimalsOf(o.priceTick);
  const axisLine = { lineStyle: { color: theme.grid } };
  const xAxis = grids.map((_, i) => ({
    type: 'category',
    gridIndex: i,
    data: data.categories,
    boundaryGap: true,
    axisLine,
    axisTick: { show: false },
    splitLine: { show: false },
    axisLabel: { show: i === grids.length - 1, color: theme.muted, hideOverlap: true },
    axisPointer: { label: { show: i === grids.length - 1 } },
  }));
  const yAxis: Record<string, unknown>[] = [
    {
      gridIndex: 0,
      scale: true,
      position: 'right',
      splitNumber: 4,
      axisLine,
      splitLine: { lineStyle: { color: theme.grid, opacity: 0.5 } },
      axisLabel: { color: theme.muted, showMinLabel: false, formatter: (v: number) => v.toFixed(decimals) },
      axisPointer: { label: { formatter: (p: { value: number }) => Number(p.value).toFixed(decimals) } },
    },
    { gridIndex: 1, scale: true, position: 'right', splitNumber: 1, axisLine, splitLine: { show: false }, axisLabel: { color: theme.muted, showMinLabel: false, formatter: (v: number) => compact(v, o.lang) } },
    { gridIndex: 1, scale: true, position: 'left', splitNumber: 2, axisLine: { show: false }, splitLine: { show: false }, axisLabel: { show: false } },
  ];
  if (hasSub) yAxis.push({ gridIndex: 2, scale: true, position: 'right', splitNumber: 2, axisLine, splitLine: { show: false }, axisLabel: { color: theme.muted, showMaxLabel: false } });

  const series: Record<string, unknown>[] = [
    {
      id: 'k',
      name: 'K',
      type: 'candlestick',
      data: data.candles,
      xAxisIndex: 0,
      yAxisIndex: 0,
      large: true,
      largeThreshold: 2000,
      progressive: 0,
      itemStyle: { color: theme.up, color0: theme.down, borderColor: theme.up, borderColor0: theme.down },
      barMaxWidth: 14,
      markLine: priceLines({ positions: o.positions ?? [], orders: o.orders ?? [], stops: o.stops ?? [] }, theme, labels, decimals),
    },
  ];
  computed.overlays.forEach((l, i) =>
    series.push({
      id: `ov-${l.name}`,
      name: l.name,
      type: 'line',
      data: toLine(l.values, computed.base, from, to),
      xAxisIndex: 0,
      yAxisIndex: 0,
      showSymbol: false,
      symbol: 'none',
      sampling: 'lttb',
      lineStyle: { width: 1, color: theme.lines[i % theme.lines.length] },
      silent: true,
      animation: false,
    }),
  );
  series.push({
    id: 'trades',
    name: 'trades',
    type: 'scatter',
    xAxisIndex: 0,
    yAxisIndex: 0,
    data: o.trades.filter((t) => t.index >= from && t.index < to).map((t) => ({
      value: [t.index - from, t.price],
      symbol: 'triangle',
      symbolRotate: t.side === 'buy' ? 0 : 180,
      symbolOffset: [0, t.side === 'buy' ? 10 : -10],
      itemStyle: { color: t.side === 'buy' ? theme.up : theme.down, borderColor: theme.text, borderWidth: 1 },
      tradeText: `${t.side === 'buy' ? labels.buy : labels.sell}${labels.offsets[t.offset]} ${t.volume} @ ${t.price.toFixed(decimals)}${t.source ? ` · ${t.source}` : ''}`,
    })),
    symbolSize: 11,
    z: 10,
    tooltip: { trigger: 'item', formatter: (p: { data: { tradeText: string } }) => p.data.tradeText },
  });
  series.push({
    id: 'vol',
    name: labels.volume,
    type: 'bar',
    data: data.volumes,
    xAxisIndex: 1,
    yAxisIndex: 1,
    encode: { x: 0, y: 1 },
    large: true,
    largeThreshold: 2000,
    barMaxWidth: 14,
  });
  series.push({
    id: 'oi',
    name: labels.oi,
    type: 'line',
    data: data.oi,
    xAxisIndex: 1,
    yAxisIndex: 2,
    showSymbol: false,
    symbol: 'none',
    sampling: 'lttb',
    lineStyle: { width: 1, color: theme.lines[3] },
    silent: true,
  });
  computed.sub.forEach((l, i) =>
    series.push(
      l.kind === 'bar'
        ? { id: `sub-${l.name}`, name: l.name, type: 'bar', data: toLine(l.values, computed.base, from, to), xAxisIndex: 2, yAxisIndex: 3, large: true, largeThreshold: 2000, barMaxWidth: 6 }
        : {
            id: `sub-${l.name}`,
            name: l.name,
            type: 'line',
            data: toLine(l.values, computed.base, from, to),
            xAxisIndex: 2,
            yAxisIndex: 3,
            showSymbol: false,
            symbol: 'none',
            sampling: 'lttb',
            lineStyle: { width: 1, color: theme.lines[i % theme.lines.length] },
            silent: true,
            ...(i === computed.sub.length - 1 && computed.subLevels.length
              ? { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: theme.muted, type: 'dashed', width: 1 }, data: computed.subLevels.map((y) => ({ yAxis: y })) } }
              : {}),
          },
    ),
  );

  const volIndex = series.findIndex((s) => s['id'] === 'vol');
  const histIndex = series.findIndex((s) => s['id'] === 'sub-MACD');
  const visualMap: Record<string, unknown>[] = [
    { show: false, seriesIndex: volIndex, dimension: 2, pieces: [{ value: 1, color: theme.up }, { value: -1, color: theme.down }] },
  ];
  if (histIndex >= 0) visualMap.push({ show: false, seriesIndex: histIndex, dimension: 1, pieces: [{ gte: 0, color: theme.up }, { lt: 0, color: theme.down }] });

  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: 'inherit' },
    grid: grids,
    xAxis,
    yAxis,
    series,
    visualMap,
    axisPointer: { link: [{ xAxisIndex: 'all' }], label: { backgroundColor: theme.muted } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross', lineStyle: { color: theme.muted, type: 'dashed' } },
      backgroundColor: theme.panel,
      borderColor: theme.grid,
      textStyle: { color: theme.text, fontSize: 12 },
      // A fixed corner, away from the pointer, so the box never hides the candle under it.
      position: (pt: number[], _p: unknown, _d: unknown, _r: unknown, size: { viewSize: number[]; contentSize: number[] }) =>
        pt[0]! < size.viewSize[0]! / 2 ? [size.viewSize[0]! - size.contentSize[0]! - 72, 10] : [16, 10],
      formatter: (params: { dataIndex: number; seriesId?: string }[]) => tooltipHtml(o, params[0]?.dataIndex ?? -1),
    },
    dataZoom: [
      {
        type: 'inside',
        xAxisIndex: gridIndices,
        startValue: o.zoom.startValue - from,
        endValue: o.zoom.endValue - from,
        minValueSpan: 10,
        maxValueSpan: o.maxSpan,
        zoomOnMouseWheel: true,
        moveOnMouseMove: true,
      },
      {
        type: 'slider',
        xAxisIndex: gridIndices,
        startValue: o.zoom.startValue - from,
        endValue: o.zoom.endValue - from,
        maxValueSpan: o.maxSpan,
        height: 16,
        bottom: 2,
        borderColor: theme.grid,
        textStyle: { color: theme.muted },
        showDetail: false,
        brushSelect: false,
      },
    ],
  };
}

/** Axis figures as traders read them: 4.2万 and 1.3亿 in Chinese, 42K and 130M in English. */
function compact(v: number, lang: 'zh' | 'en'): string {
  const a = Math.abs(v);
  if (lang === 'zh') {
    if (a >= 1e8) return `${(v / 1e8).toFixed(1)}亿`;
    if (a >= 1e4) return `${(v / 1e4).toFixed(1)}万`;
  } else {
    if (a >= 1e9) return `${(v / 1e9).toFixed(1)}B`;
    if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
    if (a >= 1e3) return `${(v / 1e3).toFixed(0)}K`;
  }
  return String(Math.round(v));
}

/** The crosshair's box for window index `k`. */
function tooltipHtml(o: OptionInput, k: number): string {
  const s = o.series;
  const i = o.data.window.from + k;
  if (k < 0 || i >= s.length) return '';
  const d = decimalsOf(o.priceTick);
  const { labels, theme } = o;
  const prevClose = i > 0 ? s.close[i - 1]! : s.open[i]!;
  const colour = (v: number): string => (v > prevClose ? theme.up : v < prevClose ? theme.down : theme.text);
  const cell = (label: string, v: number, colourIt = true): string =>
    `<span style="color:${theme.muted}">${label}</span> <b style="color:${colourIt ? colour(v) : theme.text}">${v.toFixed(d)}</b>`;
  const lines = [
    `<span style="color:${theme.muted}">${o.data.categories[k] ?? ''}</span>`,
    `${cell(labels.open, s.open[i]!)} ${cell(labels.high, s.high[i]!)}`,
    `${cell(labels.low, s.low[i]!)} ${cell(labels.close, s.close[i]!)}`,
    `<span style="color:${theme.muted}">${labels.volume}</span> ${Math.round(s.volume[i]!)} <span style="color:${theme.muted}">${labels.oi}</span> ${Math.round(s.openInterest[i]!)}`,
  ];
  const vals = (list: readonly { name: string; values: Float64Array }[], digits: number): string =>
    list
      .map((l, k) => {
        const v = l.values[i - o.computed.base] ?? NaN;
        return Number.isFinite(v) ? `<span style="color:${theme.lines[k % theme.lines.length]}">${l.name} ${v.toFixed(digits)}</span>` : '';
      })
      .filter(Boolean)
      .join(' ');
  if (o.computed.overlays.length) lines.push(vals(o.computed.overlays, d));
  if (o.computed.sub.length) lines.push(vals(o.computed.sub, 2));
  return lines.join('<br/>');
}

import { decimalsOf } from '../../../shared/model/price';
import { isNightMinute, shanghaiMinuteOfDay } from '../../../shared/model/time';
import type { SessionRange } from '../../../shared/model/types';
import type { BarSeries } from './bar-series';
import type { ChartTheme, TradeMark } from './chart-option';

/**
 * 分时: the trading day's minutes as a price line with its average price (均价), around yesterday's settlement, with
 * the percent change on the right axis and volume below, as Chinese terminals draw it.
 */

export interface IntradayLabels {
  readonly price: string;
  readonly average: string;
  readonly volume: string;
  readonly buy: string;
  readonly sell: string;
}

export interface IntradayInput {
  readonly series: BarSeries;
  /** Yesterday's settlement price, the chart's centre line (0 while unknown: the day's first price is used). */
  readonly preSettlement: number;
  readonly trades: readonly TradeMark[];
  readonly theme: ChartTheme;
  readonly labels: IntradayLabels;
  readonly priceTick: number;
  /** The contract's sessions: the axis spans the whole trading day. */
  readonly sessions?: Sessions | undefined;
}

export interface IntradayData {
  /** Index of the day's first minute in the series. */
  readonly from: number;
  /** Every minute of the day's sessions (HH:mm), the ones to come included, so the line fills the chart as the day goes. */
  readonly categories: string[];
  /** The close of each minute on the axis; '-' for minutes not traded yet. */
  readonly price: (number | string)[];
  /** Volume-weighted average of the day's minutes so far (the close stands for a minute's price). */
  readonly average: (number | string)[];
  /** [axis index, volume, +1 when the minute closed at or above the one before, else -1]. */
  readonly volumes: number[][];
  /** Axis index of each of the day's bars (bar `from + k` at `slots[k]`; -1 for one off the sessions). */
  readonly slots: number[];
  /** The centre line and the distance from it to the chart's top and bottom (all the day's prices, in double ticks). */
  readonly base: number;
  readonly range: number;
}

/** A contract's sessions (minutes after midnight, exchange time; a night range may end after midnight). */
export interface Sessions {
  readonly nightSession: readonly SessionRange[];
  readonly daySessions: readonly SessionRange[];
}

/** The minutes a day trades, in order: its night session first when it has one. */
export function sessionMinutes(sessions: Sessions, withNight: boolean): number[] {
  const out: number[] = [];
  for (const r of [...(withNight ? sessions.nightSession : []), ...sessions.daySessions]) {
    const end = r.end > r.start ? r.end : r.end + 24 * 60;
    for (let m = r.start; m < end; m++) out.push(m % (24 * 60));
  }
  return out;
}


/** The minutes of the last bar's trading day, on the axis of its sessions (or of its bars, without them). */
export function intradayData(s: BarSeries, preSettlement: number, priceTick: number, sessions?: Sessions): IntradayData {
  const n = s.length;
  const day = n > 0 ? s.tradingDay[n - 1]! : 0;
  let from = n;
  while (from > 0 && s.tradingDay[from - 1] === day) from--;
  const minuteOf = (i: number): number => shanghaiMinuteOfDay(s.time[i]!);
  // The day has a night session when its first minute was one (none on the eve of a holiday).
  const axis = sessions !== undefined && n > from ? sessionMinutes(sessions, isNightMinute(minuteOf(from))) : [];
  const slotOf = new Map(axis.map((m, k) => [m, k]));
  // Without sessions the axis is the bars themselves; a bar off the sessions (a feed's stray minute) is not drawn.
  const slots: number[] = [];
  for (let i = from; i < n; i++) slots.push(axis.length > 0 ? (slotOf.get(minuteOf(i)) ?? -1) : i - from);
  const categories = axis.length > 0 ? axis.map(hhmm) : slots.map((_, k) => hhmm(minuteOf(from + k)));
  const width = categories.length;
  const price = new Array<number | string>(width).fill('-');
  const average = new Array<number | string>(width).fill('-');
  const volumes: number[][] = [];
  const base = preSettlement > 0 ? preSettlement : n > from ? s.open[from]! : 0;
  let range = priceTick;
  let amount = 0;
  let volume = 0;
  for (let i = from; i < n; i++) {
    const k = slots[i - from]!;
    if (k < 0) continue;
    const close = s.close[i]!;
    price[k] = close;
    volume += s.volume[i]!;
    amount += close * s.volume[i]!;
    average[k] = volume > 0 ? amount / volume : '-';
    const prev = i > from ? s.close[i - 1]! : base;
    volumes.push([k, s.volume[i]!, close >= prev ? 1 : -1]);
    range = Math.max(range, Math.abs(s.high[i]! - base), Math.abs(s.low[i]! - base));
  }
  // A whole number of double ticks: the axis's quarter lines then fall on prices that can trade.
  const step = 2 * priceTick;
  return { from, categories, price, average, volumes, slots, base, range: Math.ceil(range / step - 1e-9) * step };
}

/**
 * Which of the axis's minutes are labelled, as trading terminals label 分时: each session's opening minute and every
 * whole hour (21:00, 22:00, 09:00, 10:00, 10:30, 11:00, 13:30, 14:00 for rebar), not echarts' even spacing.
 */
export function labelledMinutes(categories: readonly string[]): boolean[] {
  const minute = (k: number): number => Number(categories[k]!.slice(0, 2)) * 60 + Number(categories[k]!.slice(3, 5));
  return categories.map((c, k) => c.endsWith(':00') || k === 0 || (minute(k) - minute(k - 1) + 24 * 60) % (24 * 60) !== 1);
}

const hhmm = (m: number): string => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
const pad = (n: number): string => (n < 10 ? '0' + n : String(n));

/** The echarts option, and how many minutes of the day it draws. */
export function intradayOption(o: IntradayInput): { option: Record<string, unknown>; minutes: number } {
  const { theme, labels } = o;
  const d = intradayData(o.series, o.preSettlement, o.priceTick, o.sessions);
  const digits = decimalsOf(o.priceTick);
  const pct = d.base > 0 ? (d.range / d.base) * 100 : 0;
  const marks = o.trades
    .filter((t) => t.index >= d.from && d.slots[t.index - d.from]! >= 0)
    .map((t) => ({ value: [d.slots[t.index - d.from], t.price], itemStyle: { color: t.side === 'buy' ? theme.up : theme.down }, name: t.side === 'buy' ? labels.buy : labels.sell }));
  const labelled = labelledMinutes(d.categories);
  const showLabel = (k: number): boolean => labelled[k] === true;
  const option = {
    animation: false,
    backgroundColor: 'transparent',
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross' },
      backgroundColor: theme.panel,
      borderColor: theme.grid,
      textStyle: { color: theme.text },
    },
    grid: [
      { left: 8, right: 64, top: 8, bottom: '32%', containLabel: false },
      { left: 8, right: 64, top: '72%', bottom: 24 },
    ],
    xAxis: [
      {
        type: 'category',
        data: d.categories,
        boundaryGap: false,
        axisLabel: { color: theme.muted, interval: showLabel, hideOverlap: true },
        axisTick: { interval: showLabel },
        axisLine: { lineStyle: { color: theme.grid } },
      },
      { type: 'category', gridIndex: 1, data: d.categories, boundaryGap: false, axisLabel: { show: false }, axisLine: { lineStyle: { color: theme.grid } } },
    ],
    yAxis: [
      {
        type: 'value',
        position: 'right',
        min: d.base - d.range,
        max: d.base + d.range,
        interval: d.range / 2,
        axisLabel: { color: theme.muted, formatter: (v: number) => v.toFixed(digits) },
        splitLine: { lineStyle: { color: theme.grid } },
      },
      {
        type: 'value',
        position: 'left',
        min: -pct,
        max: pct,
        interval: pct / 2,
        axisLabel: { inside: true, color: theme.muted, formatter: (v: number) => `${v.toFixed(2)}%` },
        splitLine: { show: false },
      },
      { type: 'value', gridIndex: 1, position: 'right', axisLabel: { color: theme.muted }, splitLine: { lineStyle: { color: theme.grid } } },
    ],
    series: [
      {
        name: labels.price,
        type: 'line',
        data: d.price,
        showSymbol: false,
        connectNulls: true,
        lineStyle: { width: 1.2, color: theme.lines[0] },
        markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: theme.muted, type: 'dashed' }, data: [{ yAxis: d.base }] },
      },
      { name: labels.average, type: 'line', data: d.average, showSymbol: false, connectNulls: true, lineStyle: { width: 1, color: theme.lines[1] } },
      { name: `${labels.buy}/${labels.sell}`, type: 'scatter', data: marks, symbol: 'triangle', symbolSize: 9, z: 5 },
      {
        name: labels.volume,
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 2,
        data: d.volumes.map(([k, v, dir]) => ({ value: [k, v], itemStyle: { color: dir! > 0 ? theme.up : theme.down } })),
        barMaxWidth: 4,
      },
    ],
  };
  return { option, minutes: d.volumes.length };
}

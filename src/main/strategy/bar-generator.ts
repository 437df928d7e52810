import type { Period } from '../../shared/model/enums';
import { dayStartEpoch, MINUTE_MS, shanghaiMinuteOfDay } from '../../shared/model/time';
import type { Bar, Tick } from '../../shared/model/types';
import type { SessionSpec } from '../engine/sessions';
import { dayCloseMinute } from '../engine/sessions';
import { formatPeriod, parsePeriod, type PeriodSpec } from '../data/period';
import type { BarColumns } from '../gateway/feeds/bar-columns';
import { ColumnsBuilder } from '../data/series';

const DAY_MINUTES = 1440;
/** Ticks this many minutes before a session opens are its opening auction: they belong to its first bar. */
const AUCTION_MINUTES = 5;

/**
 * A product's sessions as a table over the minutes of the day, so that every question the bar generator asks
 * (is this minute trading, where does its session range start and end, which bar does a tick stamped now belong
 * to) is one array read. Ranges may run past midnight (21:00-01:00).
 */
export class SessionGrid {
  /** For each minute of the day, the index of its session range in `ranges`, or -1 outside every session. */
  private readonly rangeOf = new Int16Array(DAY_MINUTES).fill(-1);
  /** For each minute of the day, the minute of the 1-minute bar a tick stamped in it belongs to, or -1. */
  private readonly tickBar = new Int16Array(DAY_MINUTES).fill(-1);
  readonly ranges: readonly { readonly start: number; readonly end: number; readonly night: boolean }[];
  /** The minute the trading day closes: the end of the last day session (15:00, 15:15 for bond futures). */
  readonly dayClose: number;
  private readonly windowCounts = new Map<number, { day: number; night: number }>();

  constructor(spec: SessionSpec) {
    this.ranges = [
      ...spec.nightSession.map((r) => ({ start: r.start, end: r.end, night: true })),
      ...spec.daySessions.map((r) => ({ start: r.start, end: r.end, night: false })),
    ];
    this.dayClose = dayCloseMinute(spec);
    this.ranges.forEach((r, i) => {
      for (let m = r.start; m !== r.end; m = (m + 1) % DAY_MINUTES) this.rangeOf[m] = i;
    });
    for (let m = 0; m < DAY_MINUTES; m++) if (this.rangeOf[m]! >= 0) this.tickBar[m] = m;
    for (const r of this.ranges) {
      // Opening auction ticks (20:59, 08:59) go to the first bar, unless that minute trades in another range.
      for (let k = 1; k <= AUCTION_MINUTES; k++) {
        const m = (r.start - k + DAY_MINUTES) % DAY_MINUTES;
        if (this.rangeOf[m]! < 0 && this.tickBar[m]! < 0) this.tickBar[m] = r.start;
      }
    }
    // The closing tick is stamped at the session's end (15:00:00, 23:00:00): it belongs to the last bar.
    for (const r of this.ranges) if (this.rangeOf[r.end % DAY_MINUTES]! < 0) this.tickBar[r.end % DAY_MINUTES] = (r.end - 1 + DAY_MINUTES) % DAY_MINUTES;
  }

  inSession(minute: number): boolean {
    return this.rangeOf[minute]! >= 0;
  }

  isNight(minute: number): boolean {
    const i = this.rangeOf[minute]!;
    return i >= 0 && this.ranges[i]!.night;
  }

  /** The minute of the bar a tick stamped in `minute` belongs to, or -1 when it belongs to none. */
  tickBarMinute(minute: number): number {
    return this.tickBar[minute]!;
  }

  /** Minutes since the start of the session range holding `minute` (0 at its first minute); -1 outside. */
  sinceRangeStart(minute: number): number {
    const i = this.rangeOf[minute]!;
    return i < 0 ? -1 : (minute - this.ranges[i]!.start + DAY_MINUTES) % DAY_MINUTES;
  }

  /** Minutes from `minute` to the end of its session range (1 at its last minute); 0 outside. */
  toRangeEnd(minute: number): number {
    const i = this.rangeOf[minute]!;
    if (i < 0) return 0;
    return (this.ranges[i]!.end - minute + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  }

  /**
   * The N-minute window of the bar starting at `time`: windows are aligned to the clock (a 5-minute bar starts at a
   * minute divisible by 5, an hourly bar on the hour) and cut at every session break, so no bar spans the 10:15
   * pause, lunch, or the gap between night and day. Writes [start, end) epoch ms into `out`; false outside sessions.
   */
  window(time: number, minutes: number, out: Float64Array): boolean {
    const m = shanghaiMinuteOfDay(time);
    const fromStart = this.sinceRangeStart(m);
    if (fromStart < 0) return false;
    const phase = m % minutes;
    const back = Math.min(phase, fromStart);
    const ahead = Math.min(minutes - phase, this.toRangeEnd(m), DAY_MINUTES - m);
    const minuteStart = time - (time % MINUTE_MS + MINUTE_MS) % MINUTE_MS;
    out[0] = minuteStart - back * MINUTE_MS;
    out[1] = minuteStart + ahead * MINUTE_MS;
    return true;
  }

  /** How many N-minute bars a full day session and a full night session make. */
  windowsPerSession(minutes: number): { day: number; night: number } {
    let c = this.windowCounts.get(minutes);
    if (c !== undefined) return c;
    let day = 0;
    let night = 0;
    for (let m = 0; m < DAY_MINUTES; m++) {
      const i = this.rangeOf[m]!;
      if (i < 0) continue;
      // A window starts at a minute on the clock grid, or where a range opens, or at midnight.
      const starts = m % minutes === 0 || this.sinceRangeStart(m) === 0;
      if (!starts) continue;
      if (this.ranges[i]!.night) night++;
      else day++;
    }
    c = { day, night };
    this.windowCounts.set(minutes, c);
    return c;
  }

  /** Trading minutes of a full day session and a full night session. */
  get sessionMinutes(): { day: number; night: number } {
    return this.windowsPerSession(1);
  }

  /** Epoch ms at which trading day `day` closes. */
  closeTime(day: number): number {
    return dayStartEpoch(day) + this.dayClose * MINUTE_MS;
  }
}

/** A bar being built. */
interface Forming {
  time: number;
  tradingDay: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  openInterest: number;
}

function startForming(time: number, b: Omit<Forming, 'time'>): Forming {
  return { time, tradingDay: b.tradingDay, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, openInterest: b.openInterest };
}

function addInto(f: Forming, b: Omit<Forming, 'time' | 'tradingDay'>): void {
  if (b.high > f.high) f.high = b.high;
  if (b.low < f.low) f.low = b.low;
  f.close = b.close;
  f.volume += b.volume;
  f.openInterest = b.openInterest;
}

export interface BarGeneratorOptions {
  readonly symbol: string;
  /** The period to build: 1m from ticks, or N minutes, 1h, 1d from 1-minute bars (or from ticks through 1m). */
  readonly period: Period | string;
  readonly sessions: SessionSpec | SessionGrid;
  /**
   * The period of the bars given to updateBar: 1m (the default), or any shorter minute period that divides `period`
   * (5m bars make 15m, 30m, 1h and daily bars; the exchanges' session breaks all fall on five-minute marks).
   */
  readonly from?: Period | string;
  /** Called with each bar as it completes. */
  readonly onBar: (bar: Bar) => void;
}

/**
 * Builds bars the way a Chinese futures terminal shows them, one update at a time (O(1) each):
 * - ticks -> 1-minute bars: a tick belongs to the minute it is stamped in; the opening auction's tick (20:59, 08:59)
 *   goes to the session's first bar and the closing tick stamped at the end (15:00:00, 23:00:00) to its last bar;
 *   ticks outside sessions are dropped and counted. Volume is the rise in the day's cumulative volume.
 * - 1-minute bars -> N-minute and hourly bars aligned to the clock and cut at every session break (SessionGrid.window),
 *   and daily bars by trading day: the night session opens the next trading day's daily bar.
 * A bar is emitted as soon as it is known to be complete (its last minute arrived, a later bar arrived, or `flush`
 * saw the clock pass its end); `forming` shows the bar being built, for charts.
 */
export class BarGenerator {
  readonly symbol: string;
  readonly period: Period;
  /** The period of the bars given to updateBar. */
  readonly from: Period;
  readonly grid: SessionGrid;
  /** Ticks that belonged to no bar (outside sessions) or came after their bar was emitted. */
  dropped = 0;
  private readonly spec: PeriodSpec;
  private readonly onBar: (bar: Bar) => void;
  private m1: Forming | undefined;
  private lastVolume = Number.NaN;
  private lastTickDay = 0;
  private lastEmittedMinute = -Infinity;
  private win: Forming | undefined;
  private winEnd = Number.NaN;
  private readonly scratch = new Float64Array(2);
  /** How long each bar given to updateBar lasts. */
  private readonly inputMs: number;

  constructor(opts: BarGeneratorOptions) {
    const spec = parsePeriod(opts.period);
    if (spec === undefined) throw new RangeError(`unknown bar period "${opts.period}" (expected 1m, 5m, 1h, 1d ...)`);
    this.spec = spec;
    this.period = formatPeriod(spec);
    const from = parsePeriod(opts.from ?? '1m');
    if (from === undefined || from.kind === 'day') throw new RangeError(`bars cannot be built from ${opts.from} bars (expected 1m, 5m, 15m ...)`);
    if (spec.kind === 'minute' && (spec.minutes < from.minutes || spec.minutes % from.minutes !== 0)) {
      throw new RangeError(`${this.period} bars are built from bars whose period divides it, not from ${formatPeriod(from)} bars`);
    }
    this.from = formatPeriod(from);
    this.inputMs = from.minutes * MINUTE_MS;
    this.symbol = opts.symbol;
    this.grid = opts.sessions instanceof SessionGrid ? opts.sessions : new SessionGrid(opts.sessions);
    this.onBar = opts.onBar;
  }

  private get minuteOnly(): boolean {
    return this.spec.kind === 'minute' && this.spec.minutes === 1;
  }

  updateTick(tick: Tick): void {
    const price = tick.last;
    if (!(price > 0)) {
      this.dropped++;
      return;
    }
    const m = shanghaiMinuteOfDay(tick.time);
    const barMinute = this.grid.tickBarMinute(m);
    if (barMinute < 0) {
      this.dropped++;
      return;
    }
    // Signed distance in minutes from the tick's minute to its bar's (-1 for a closing tick, +k for an auction).
    const shift = ((barMinute - m + DAY_MINUTES + 720) % DAY_MINUTES) - 720;
    const barTime = tick.time - (tick.time % MINUTE_MS) + shift * MINUTE_MS;
    if (barTime <= this.lastEmittedMinute) {
      this.dropped++;
      return;
    }
    // The day's cumulative volume restarts with each trading day; the first tick seen gives no volume of its own.
    let vol = 0;
    if (tick.tradingDay !== this.lastTickDay) vol = Number.isNaN(this.lastVolume) ? 0 : tick.volume;
    else vol = Math.max(0, tick.volume - this.lastVolume);
    this.lastVolume = tick.volume;
    this.lastTickDay = tick.tradingDay;
    const f = this.m1;
    if (f !== undefined && barTime > f.time) this.finishMinute();
    const cur = this.m1;
    if (cur === undefined) {
      this.m1 = { time: barTime, tradingDay: tick.tradingDay, open: price, high: price, low: price, close: price, volume: vol, openInterest: tick.openInterest };
    } else {
      if (price > cur.high) cur.high = price;
      if (price < cur.low) cur.low = price;
      cur.close = price;
      cur.volume += vol;
      cur.openInterest = tick.openInterest;
    }
  }

  private finishMinute(): void {
    const f = this.m1;
    if (f === undefined) return;
    this.m1 = undefined;
    this.lastEmittedMinute = f.time;
    if (this.minuteOnly) this.emit(f);
    else this.aggregate(f, MINUTE_MS);
  }

  /**
   * Continues where an earlier run stopped (a restarted recorder): the trading day's cumulative volume at the last
   * tick seen, so the next tick's volume is counted, and the 1-minute bar that was forming, to be completed.
   */
  resume(state: { readonly tradingDay: number; readonly volume: number; readonly forming?: Omit<Bar, 'symbol' | 'period'> | undefined }): void {
    this.lastTickDay = state.tradingDay;
    this.lastVolume = state.volume;
    if (state.forming !== undefined) this.m1 = startForming(state.forming.time, state.forming);
  }

  /** A completed bar of the `from` period (1m by default) in, from a store or a feed. */
  updateBar(bar: Omit<Bar, 'symbol' | 'period'>): void {
    if (this.minuteOnly) {
      this.emit(startForming(bar.time, bar));
      return;
    }
    this.aggregate(bar, this.inputMs);
  }

  /** Adds a bar lasting `spanMs` (a minute built from ticks, or a bar given to updateBar) to the bar being built. */
  private aggregate(bar: Omit<Forming, never>, spanMs: number): void {
    const w = this.win;
    if (this.spec.kind === 'day') {
      if (w !== undefined && w.tradingDay !== bar.tradingDay) this.emitWindow();
      if (this.win === undefined) {
        this.win = startForming(dayStartEpoch(bar.tradingDay), bar);
        this.winEnd = this.grid.closeTime(bar.tradingDay);
      } else addInto(this.win, bar);
      if (bar.time + spanMs >= this.winEnd) this.emitWindow();
      return;
    }
    const inSession = this.grid.window(bar.time, this.spec.minutes, this.scratch);
    if (!inSession) {
      // Not in any session (a vendor's 15:00 bar): it joins the bar being built that day, or stands alone.
      if (w !== undefined && w.tradingDay === bar.tradingDay) {
        addInto(w, bar);
        return;
      }
      this.win = startForming(bar.time, bar);
      this.winEnd = bar.time + spanMs;
      this.emitWindow();
      return;
    }
    const start = this.scratch[0]!;
    const end = this.scratch[1]!;
    if (w !== undefined && (w.time !== start || w.tradingDay !== bar.tradingDay)) this.emitWindow();
    if (this.win === undefined) {
      this.win = startForming(start, bar);
      this.winEnd = end;
    } else addInto(this.win, bar);
    if (bar.time + spanMs >= end) this.emitWindow();
  }

  private emitWindow(): void {
    const w = this.win;
    if (w === undefined) return;
    this.win = undefined;
    this.emit(w);
  }

  private emit(f: Forming): void {
    this.onBar({
      symbol: this.symbol,
      period: this.period,
      time: f.time,
      tradingDay: f.tradingDay,
      open: f.open,
      high: f.high,
      low: f.low,
      close: f.close,
      volume: f.volume,
      openInterest: f.openInterest,
    });
  }

  /**
   * Emits what is complete by `now` (epoch ms; `graceMs` later, so a closing tick that arrives a moment after the
   * bell still lands in its bar), or everything still forming when `now` is omitted (end of data).
   */
  flush(now?: number, graceMs = 3000): void {
    const all = now === undefined;
    const t = all ? Infinity : now - graceMs;
    if (this.m1 !== undefined && (all || t >= this.m1.time + MINUTE_MS)) this.finishMinute();
    if (this.win !== undefined && (all || t >= this.winEnd)) this.emitWindow();
  }

  /** The bar being built, with the forming minute's ticks included; undefined between bars. */
  get forming(): Bar | undefined {
    const w = this.win;
    const m = this.m1;
    if (w === undefined && m === undefined) return undefined;
    let f: Forming;
    if (this.minuteOnly) f = m!;
    else if (w === undefined) {
      const period = this.spec;
      let start = m!.time;
      if (period.kind === 'day') start = dayStartEpoch(m!.tradingDay);
      else if (this.grid.window(m!.time, period.minutes, this.scratch)) start = this.scratch[0]!;
      f = startForming(start, m!);
    } else {
      f = startForming(w.time, w);
      if (m !== undefined && m.tradingDay === w.tradingDay) addInto(f, m);
    }
    return { symbol: this.symbol, period: this.period, ...f };
  }
}

/**
 * Aggregates stored 1-minute bars into another period in one pass, by the same rules as BarGenerator (it is run
 * through one), for loading a period the store does not hold.
 */
export function aggregateBars(cols: BarColumns, period: Period | string, sessions: SessionSpec | SessionGrid): BarColumns {
  const out = new ColumnsBuilder('bar', Math.max(16, cols.length >> 2));
  const gen = new BarGenerator({ symbol: '', period, sessions, onBar: (b) => out.pushBar(b) });
  for (let i = 0; i < cols.length; i++) {
    gen.updateBar({
      time: cols.time[i]!,
      tradingDay: cols.tradingDay[i]!,
      open: cols.open[i]!,
      high: cols.high[i]!,
      low: cols.low[i]!,
      close: cols.close[i]!,
      volume: cols.volume[i]!,
      openInterest: cols.openInterest[i]!,
    });
  }
  gen.flush();
  return out.columns();
}

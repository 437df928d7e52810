import { ceilToTick, floorToTick } from '../../../shared/model/price';
import type { Contract, Tick } from '../../../shared/model/types';
import type { TradingCalendar } from '../../engine/calendar';
import type { ManualClock } from '../../engine/clock';
import { concatColumns, sliceColumns } from '../../data/series';
import { SettlementPrice } from '../../trading/settlement-price';
import type { BarColumns } from './bar-columns';
import { nextCycleDays, shiftBars, sourceDays } from './replay-cycles';

export interface ReplaySeries {
  readonly contract: Contract;
  readonly bars: BarColumns;
}

export interface ReplayOptions {
  /** Market seconds played per real second (60: one 1-minute bar a second). */
  readonly speed?: number;
  /** Resume after this market time (a restarted terminal continues where it stopped). */
  readonly resumeAfter?: number;
  /**
   * With the calendar, the bars play again on the trading days that follow when they run out (replay-cycles.ts),
   * so the market never ends; without it the replay stops at the end of the data.
   */
  readonly calendar?: TradingCalendar;
  /**
   * Each contract's settlement price when its trading day ends (by its exchange's rule, from the day's ticks), told
   * before the first tick of the next day, as an exchange publishes it after the close.
   */
  readonly onSettlement?: (symbol: string, price: number) => void;
}

/**
 * Where a new profile's replay starts: just before the first bar of the sample's trading day number `played` (from
 * 0), the days before it counted as played, so that charts open on days of history and strategies warm up on them
 * rather than on an empty market. Undefined when the sample has no day after those.
 */
export function startAfterDays(series: readonly ReplaySeries[], played: number): number | undefined {
  if (played <= 0) return undefined;
  const day = sourceDays(series.map((s) => s.bars))[played];
  if (day === undefined) return undefined;
  let first = Infinity;
  for (const { bars } of series) {
    for (let i = 0; i < bars.length; i++) {
      if (bars.tradingDay[i]! >= day) {
        first = Math.min(first, bars.time[i]!);
        break;
      }
    }
  }
  return Number.isFinite(first) ? first - 1 : undefined;
}

/** Each 1-minute bar is played as four ticks, 15 s apart: open, the nearer extreme, the farther one, close. */
const TICKS_PER_BAR = 4;
const TICK_SPACING_MS = 15_000;
/** A jump in market time longer than this (a session break) is played at once rather than waited through. */
const MAX_WAIT_MS = 60_000;

/** Play state of one contract: which bar and which of its ticks come next, and the day's running figures. */
class SeriesCursor {
  /** The bars being played: the current cycle's, after the last cycle's (kept for charts and warm-up). */
  bars: BarColumns;
  /** Where the current cycle starts in `bars`. */
  cycleStart = 0;
  bar = 0;
  sub = 0;
  day = 0;
  dayOpen = 0;
  dayHigh = 0;
  dayLow = 0;
  dayVolume = 0;
  dayTurnover = 0;
  preSettlement = 0;
  preClose = 0;
  preOpenInterest = 0;
  limitUp = 0;
  limitDown = 0;
  lastPrice = 0;
  /** +1 when the last move was up (the ask was lifted), -1 when down (the bid was hit). */
  lean = 1;
  /** The settlement price of the day being played, from its ticks. */
  private readonly settlement: SettlementPrice;
  /** The day whose settlement closeDay gave last, and that price (the next day's 昨结算). */
  private settledDay = 0;
  private settledPrice = 0;
  /** The last tick produced, played or skipped. */
  last: Tick | undefined;

  constructor(readonly s: ReplaySeries) {
    this.bars = s.bars;
    this.settlement = new SettlementPrice(s.contract);
  }

  /** The trading day of the next tick. */
  nextDay(): number {
    return this.bars.tradingDay[this.bar]!;
  }

  /** Ends the day being played: its settlement price, once (undefined when there is none to end). */
  closeDay(): number | undefined {
    if (this.day === 0 || this.settledDay === this.day) return undefined;
    this.settledDay = this.day;
    this.settledPrice = this.settlement.price(this.lastPrice);
    return this.settledPrice;
  }

  get done(): boolean {
    return this.bar >= this.bars.length;
  }

  nextTime(): number {
    return this.bars.time[this.bar]! + this.sub * TICK_SPACING_MS;
  }

  /** The time of the last tick of the bars being played. */
  endTime(): number {
    return this.bars.length > 0 ? this.bars.time[this.bars.length - 1]! + (TICKS_PER_BAR - 1) * TICK_SPACING_MS : 0;
  }

  /** Goes on to the next cycle's bars, keeping the cycle just played before them. */
  startCycle(next: BarColumns): void {
    const last = sliceColumns('bar', this.bars, this.cycleStart, this.bars.length);
    this.bars = concatColumns('bar', [last, next]);
    this.cycleStart = last.length;
    this.bar = last.length;
    this.sub = 0;
  }

  /** The price path inside a bar: a rising bar is taken to visit its low first, a falling one its high. */
  private priceAt(i: number, sub: number): number {
    const b = this.bars;
    if (sub === 0) return b.open[i]!;
    if (sub === TICKS_PER_BAR - 1) return b.close[i]!;
    const rising = b.close[i]! >= b.open[i]!;
    const first = rising ? b.low[i]! : b.high[i]!;
    const second = rising ? b.high[i]! : b.low[i]!;
    return sub === 1 ? first : second;
  }

  /** Produces the next tick and advances. */
  advance(): Tick {
    const b = this.bars;
    const c = this.s.contract;
    const i = this.bar;
    const day = b.tradingDay[i]!;
    if (day !== this.day) this.startDay(day, i);
    const price = this.priceAt(i, this.sub);
    if (price > this.lastPrice) this.lean = 1;
    else if (price < this.lastPrice) this.lean = -1;
    this.lastPrice = price;
    if (this.dayOpen === 0) this.dayOpen = price;
    this.dayHigh = Math.max(this.dayHigh, price);
    this.dayLow = this.dayLow === 0 ? price : Math.min(this.dayLow, price);
    // The bar's volume is spread over its ticks; the last tick takes the remainder so the day's total is exact.
    const barVolume = b.volume[i]!;
    const share = Math.floor(barVolume / TICKS_PER_BAR);
    const vol = this.sub === TICKS_PER_BAR - 1 ? barVolume - share * (TICKS_PER_BAR - 1) : share;
    this.dayVolume += vol;
    this.dayTurnover += vol * price * c.multiplier;
    this.settlement.add(b.time[i]! + this.sub * TICK_SPACING_MS, price, vol);
    const tick = c.priceTick;
    const depth = Math.max(1, Math.round(barVolume / 20));
    const t: Tick = {
      symbol: c.symbol,
      time: b.time[i]! + this.sub * TICK_SPACING_MS,
      tradingDay: day,
      last: price,
      bid: this.lean > 0 ? price - tick : price,
      bidVolume: depth,
      ask: this.lean > 0 ? price : price + tick,
      askVolume: depth,
      volume: this.dayVolume,
      turnover: this.dayTurnover,
      openInterest: b.openInterest[i]!,
      open: this.dayOpen,
      high: this.dayHigh,
      low: this.dayLow,
      preSettlement: this.preSettlement,
      preClose: this.preClose,
      preOpenInterest: this.preOpenInterest,
      limitUp: this.limitUp,
      limitDown: this.limitDown,
    };
    this.last = t;
    this.sub++;
    if (this.sub === TICKS_PER_BAR) {
      this.sub = 0;
      this.bar++;
    }
    return t;
  }

  /**
   * A new trading day: 昨结算 is the settlement price of the day before, as its ticks gave it (the first day played,
   * whose day before was not, takes the last close before it), and the day's price limits follow from it.
   */
  private startDay(day: number, i: number): void {
    const b = this.bars;
    const c = this.s.contract;
    const prevClose = i > 0 ? b.close[i - 1]! : b.open[i]!;
    this.closeDay();
    const preSettlement = this.settledDay !== 0 && this.settledPrice > 0 ? this.settledPrice : prevClose;
    this.day = day;
    this.settlement.reset();
    this.preSettlement = preSettlement;
    this.preClose = prevClose;
    this.preOpenInterest = i > 0 ? b.openInterest[i - 1]! : b.openInterest[i]!;
    this.limitUp = floorToTick(preSettlement * (1 + c.limitRatio), c.priceTick);
    this.limitDown = ceilToTick(preSettlement * (1 - c.limitRatio), c.priceTick);
    this.dayOpen = 0;
    this.dayHigh = 0;
    this.dayLow = 0;
    this.dayVolume = 0;
    this.dayTurnover = 0;
    if (this.lastPrice === 0) this.lastPrice = b.open[i]!;
  }
}

/**
 * Plays stored 1-minute bars of several contracts as live quotes, merged in time order, on the engine's clock:
 * the simulated account's market in paper trading without a broker. Session breaks are skipped, not waited through.
 */
export class ReplayFeed {
  private readonly cursors: SeriesCursor[];
  private readonly calendar: TradingCalendar | undefined;
  private readonly onSettlement: ((symbol: string, price: number) => void) | undefined;
  private readonly days: readonly number[];
  /** The latest trading day a tick was played (or skipped) for. */
  private day = 0;
  private timer: NodeJS.Timeout | undefined;
  private marketTime: number;
  private speed: number;

  constructor(
    series: readonly ReplaySeries[],
    private readonly clock: ManualClock,
    private readonly sink: (tick: Tick) => void,
    options: ReplayOptions = {},
  ) {
    this.cursors = series.map((s) => new SeriesCursor(s));
    this.calendar = options.calendar;
    this.onSettlement = options.onSettlement;
    this.days = sourceDays(series.map((s) => s.bars));
    this.speed = options.speed ?? 60;
    this.marketTime = this.firstTime() - 1;
    if (options.resumeAfter !== undefined) this.skipTo(options.resumeAfter);
    if (this.marketTime > 0) this.clock.set(this.marketTime);
  }

  get symbols(): string[] {
    return this.cursors.map((c) => c.s.contract.symbol);
  }
  get finished(): boolean {
    return this.cursors.every((c) => c.done);
  }
  get time(): number {
    return this.marketTime;
  }
  get playbackSpeed(): number {
    return this.speed;
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError('replay speed must be above 0');
    this.speed = speed;
  }

  private firstTime(): number {
    let t = Infinity;
    for (const c of this.cursors) if (!c.done) t = Math.min(t, c.nextTime());
    return Number.isFinite(t) ? t : 0;
  }

  private nextCursor(): SeriesCursor | undefined {
    const best = this.earliestCursor();
    if (best !== undefined || !this.nextCycle()) return best;
    return this.earliestCursor();
  }

  /** Every contract's bars once more on the trading days after the last one played; false when not looping. */
  private nextCycle(): boolean {
    const calendar = this.calendar;
    if (calendar === undefined || this.days.length === 0) return false;
    let last = 0;
    for (const c of this.cursors) if (c.bars.length > 0) last = Math.max(last, c.bars.tradingDay[c.bars.length - 1]!);
    const days = nextCycleDays(this.days, last, calendar);
    for (const c of this.cursors) c.startCycle(shiftBars(c.s.bars, days, calendar));
    return true;
  }

  private earliestCursor(): SeriesCursor | undefined {
    let best: SeriesCursor | undefined;
    let bestTime = Infinity;
    for (const c of this.cursors) {
      if (c.done) continue;
      const t = c.nextTime();
      if (t < bestTime) {
        bestTime = t;
        best = c;
      }
    }
    return best;
  }

  /**
   * Before the first tick of a new trading day: every contract's day before it ends, its settlement price set (and
   * told, when `tell`) before anything of the new day is played, as an exchange publishes settlement prices after
   * the close and before the night session.
   */
  private enterDay(day: number, tell: boolean): void {
    if (day <= this.day) return;
    this.day = day;
    for (const c of this.cursors) {
      const price = c.closeDay();
      if (price !== undefined && tell) this.onSettlement?.(c.s.contract.symbol, price);
    }
  }

  /** Advances silently past everything up to `time` (the day's running figures are still built). */
  private skipTo(time: number): void {
    // Whole cycles played before `time` are passed over without their ticks.
    while (this.cursors.every((c) => c.endTime() < time) && this.nextCycle());
    for (;;) {
      const c = this.nextCursor();
      if (c === undefined || c.nextTime() > time) break;
      // Days passed over are settled here too, untold: the engine that resumes settled them before it stopped.
      this.enterDay(c.nextDay(), false);
      c.advance();
    }
    this.marketTime = time;
  }

  /**
   * Each contract's quote where the replay stands: after a resume, the last tick skipped, as a front's snapshot gives
   * a terminal the market as it stands before the next tick (at night, rebar's from 23:00 until 09:00).
   */
  quotes(): Tick[] {
    const out: Tick[] = [];
    for (const c of this.cursors) if (c.last !== undefined) out.push(c.last);
    return out;
  }

  /** Plays every tick up to market time `until`; returns how many were played. */
  playUntil(until: number): number {
    let n = 0;
    for (;;) {
      const c = this.nextCursor();
      if (c === undefined || c.nextTime() > until) break;
      this.enterDay(c.nextDay(), true);
      const tick = c.advance();
      this.clock.set(tick.time);
      this.marketTime = tick.time;
      this.sink(tick);
      n++;
    }
    if (until > this.marketTime) this.marketTime = until;
    return n;
  }

  /** Plays the next tick, whatever its time; returns false at the end of the data. */
  step(): boolean {
    const c = this.nextCursor();
    if (c === undefined) return false;
    return this.playUntil(c.nextTime()) > 0;
  }

  /** Starts real-time play at the current speed, ticking every `intervalMs` of wall time. */
  start(intervalMs = 100): void {
    this.stop();
    this.timer = setInterval(() => this.pump(intervalMs), intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  private pump(intervalMs: number): void {
    const next = this.nextCursor();
    if (next === undefined) {
      this.stop();
      return;
    }
    let target = this.marketTime + this.speed * intervalMs;
    const nextTime = next.nextTime();
    if (nextTime - this.marketTime > MAX_WAIT_MS && target < nextTime) target = nextTime;
    this.playUntil(target);
  }

  /** Completed bars of a contract up to the market time, for charts (index range into its columns). */
  history(symbol: string): { bars: BarColumns; end: number } | undefined {
    const c = this.cursors.find((x) => x.s.contract.symbol === symbol);
    return c === undefined ? undefined : { bars: c.bars, end: c.bar };
  }
}

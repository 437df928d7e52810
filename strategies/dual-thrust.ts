import {
  BarGenerator,
  RollingExtreme,
  Strategy,
  ceilToTick,
  floorToTick,
  minutesToDayClose,
  type Bar,
  type ParamSpec,
  type Trade,
} from '@qihuo/strategy';

/**
 * Dual Thrust (Michael Chalek), intraday.
 *
 * Range = max(HH - LC, HC - LL) over the previous `days` trading days (HH highest high, LC lowest close, HC highest
 * close, LL lowest low). Each trading day (it opens with the night session) sets
 *   buy line = day open + k1 * range,  sell line = day open - k2 * range.
 * With stop orders: flat and above the open, a buy stop at the buy line; flat and below it, a short stop at the sell
 * line; long, a stop at the sell line that closes and reverses; short, the mirror. At most one long and one short
 * entry a day. `exitMinutes` before the day's close everything is closed and nothing new is opened.
 */
export default class DualThrust extends Strategy<{ days: number; k1: number; k2: number; lots: number; exitMinutes: number }> {
  static override meta = {
    name: { zh: 'Dual Thrust 区间突破', en: 'Dual Thrust' },
    description: { zh: '开盘价加减前 N 日波幅的比例作为突破线，日内交易', en: 'Breakout of the open +- a share of the N-day range, intraday' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'days', type: 'int', default: 4, min: 1, max: 30, step: 1, label: { zh: '回看天数', en: 'Look-back days' } },
    { name: 'k1', type: 'float', default: 0.4, min: 0.05, max: 2, step: 0.05, label: { zh: '上轨系数 K1', en: 'Upper factor K1' } },
    { name: 'k2', type: 'float', default: 0.6, min: 0.05, max: 2, step: 0.05, label: { zh: '下轨系数 K2', en: 'Lower factor K2' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
    { name: 'exitMinutes', type: 'int', default: 5, min: 1, max: 60, step: 1, label: { zh: '收盘前平仓(分钟)', en: 'Flat minutes before close' } },
  ];

  private daily!: BarGenerator;
  private hh!: RollingExtreme;
  private hc!: RollingExtreme;
  private lc!: RollingExtreme;
  private ll!: RollingExtreme;
  private range = Number.NaN;
  private day = 0;
  private dayOpen = Number.NaN;
  private buyLine = Number.NaN;
  private sellLine = Number.NaN;
  /** The trading day of the last long and the last short entry: one of each a day. */
  private longEntryDay = 0;
  private shortEntryDay = 0;

  override onInit(): void {
    const n = this.params.days;
    this.hh = new RollingExtreme(n, 'max');
    this.hc = new RollingExtreme(n, 'max');
    this.lc = new RollingExtreme(n, 'min');
    this.ll = new RollingExtreme(n, 'min');
    this.daily = new BarGenerator({ symbol: this.symbol, period: '1d', sessions: this.contract(), onBar: (d) => this.onDailyBar(d) });
  }

  private onDailyBar(d: Bar): void {
    this.hh.update(d.high);
    this.hc.update(d.close);
    this.lc.update(d.close);
    this.ll.update(d.low);
    if (this.hh.ready) this.range = Math.max(this.hh.value - this.lc.value, this.hc.value - this.ll.value);
  }

  override onBar(bar: Bar): void {
    if (bar.period === '1d') throw new Error(`Dual Thrust trades inside the trading day: run it on intraday bars (1m to 1h), not on daily bars`);
    // The daily bar of the day before is complete once a bar of a new day arrives, at the latest.
    this.daily.updateBar(bar);
    this.cancelAll();
    if (bar.tradingDay !== this.day) this.startDay(bar);
    const { lots, exitMinutes } = this.params;
    const pos = this.pos();
    const longEntered = this.longEntryDay === this.day;
    const shortEntered = this.shortEntryDay === this.day;

    if (minutesToDayClose(this.contract(), bar) <= exitMinutes) {
      this.setTarget(0, bar.close, MARKET);
      return;
    }
    if (Number.isNaN(this.buyLine)) return;
    if (pos === 0) {
      if (bar.close > this.dayOpen) {
        if (!longEntered) this.buy(this.buyLine, lots, STOP);
      } else if (!shortEntered) {
        this.short(this.sellLine, lots, STOP);
      }
    } else if (pos > 0) {
      this.sell(this.sellLine, pos, STOP);
      if (!shortEntered) this.short(this.sellLine, lots, STOP);
    } else {
      this.cover(this.buyLine, -pos, STOP);
      if (!longEntered) this.buy(this.buyLine, lots, STOP);
    }
  }

  override onTrade(trade: Trade): void {
    if (trade.offset !== 'open') return;
    if (trade.side === 'buy') this.longEntryDay = trade.tradingDay;
    else this.shortEntryDay = trade.tradingDay;
  }

  private startDay(bar: Bar): void {
    const { k1, k2 } = this.params;
    const tick = this.contract().priceTick;
    this.day = bar.tradingDay;
    this.dayOpen = bar.open;
    this.buyLine = ceilToTick(this.dayOpen + k1 * this.range, tick);
    this.sellLine = floorToTick(this.dayOpen - k2 * this.range, tick);
  }
}

const MARKET = { type: 'market' } as const;
const STOP = { stop: true } as const;

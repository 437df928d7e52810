import { BarGenerator, Strategy, minutesToDayClose, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * R-Breaker (Richard Saidenberg), intraday, on each bar's close. From the previous trading day's high H, low L and
 * close C:
 *   sell setup 观察卖出价 = H + setup * (C - L)        buy setup 观察买入价 = L - setup * (H - C)
 *   sell enter 反转卖出价 = (1 + enter) / 2 * (H + L) - enter * L
 *   buy enter  反转买入价 = (1 + enter) / 2 * (H + L) - enter * H
 *   buy break  突破买入价 = sell setup + breakout * (sell setup - buy setup)
 *   sell break 突破卖出价 = buy setup - breakout * (sell setup - buy setup)
 * Flat: a close above the buy break goes long (trend), below the sell break goes short. Long: once today's high has
 * passed the sell setup, a close below the sell enter reverses to short; short: once today's low has passed the buy
 * setup, a close above the buy enter reverses to long. `exitMinutes` before the day's close everything is closed.
 */
export default class RBreaker extends Strategy<{ setup: number; enter: number; breakout: number; lots: number; exitMinutes: number }> {
  static override meta = {
    name: { zh: 'R-Breaker 日内反转突破', en: 'R-Breaker' },
    description: { zh: '前一日高低收计算六个价位，突破顺势、冲高回落反手', en: 'Six levels from the previous day: trend breakouts and reversals, intraday' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'setup', type: 'float', default: 0.35, min: 0.05, max: 1, step: 0.05, label: { zh: '观察系数', en: 'Setup factor' } },
    { name: 'enter', type: 'float', default: 0.07, min: 0.01, max: 0.5, step: 0.01, label: { zh: '反转系数', en: 'Enter factor' } },
    { name: 'breakout', type: 'float', default: 0.25, min: 0.05, max: 1, step: 0.05, label: { zh: '突破系数', en: 'Break factor' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
    { name: 'exitMinutes', type: 'int', default: 5, min: 1, max: 60, step: 1, label: { zh: '收盘前平仓(分钟)', en: 'Flat minutes before close' } },
  ];

  private daily!: BarGenerator;
  private sellSetup = Number.NaN;
  private buySetup = Number.NaN;
  private sellEnter = Number.NaN;
  private buyEnter = Number.NaN;
  private buyBreak = Number.NaN;
  private sellBreak = Number.NaN;
  private day = 0;
  private dayHigh = Number.NaN;
  private dayLow = Number.NaN;

  override onInit(): void {
    this.daily = new BarGenerator({ symbol: this.symbol, period: '1d', sessions: this.contract(), onBar: (d) => this.setLevels(d) });
  }

  private setLevels(d: Bar): void {
    const { setup, enter, breakout } = this.params;
    const { high: h, low: l, close: c } = d;
    this.sellSetup = h + setup * (c - l);
    this.buySetup = l - setup * (h - c);
    this.sellEnter = ((1 + enter) / 2) * (h + l) - enter * l;
    this.buyEnter = ((1 + enter) / 2) * (h + l) - enter * h;
    this.buyBreak = this.sellSetup + breakout * (this.sellSetup - this.buySetup);
    this.sellBreak = this.buySetup - breakout * (this.sellSetup - this.buySetup);
  }

  override onBar(bar: Bar): void {
    if (bar.period === '1d') throw new Error(`R-Breaker trades inside the trading day: run it on intraday bars (1m to 1h), not on daily bars`);
    this.daily.updateBar(bar);
    if (bar.tradingDay !== this.day) {
      this.day = bar.tradingDay;
      this.dayHigh = bar.high;
      this.dayLow = bar.low;
    } else {
      this.dayHigh = Math.max(this.dayHigh, bar.high);
      this.dayLow = Math.min(this.dayLow, bar.low);
    }
    const { lots, exitMinutes } = this.params;
    if (minutesToDayClose(this.contract(), bar) <= exitMinutes) {
      this.setTarget(0, bar.close, MARKET);
      return;
    }
    if (Number.isNaN(this.buyBreak)) return;
    const pos = this.pos();
    const c = bar.close;
    let target = pos;
    if (pos === 0) {
      if (c > this.buyBreak) target = lots;
      else if (c < this.sellBreak) target = -lots;
    } else if (pos > 0) {
      if (this.dayHigh > this.sellSetup && c < this.sellEnter) target = -lots;
    } else if (this.dayLow < this.buySetup && c > this.buyEnter) {
      target = lots;
    }
    this.setTarget(target, c, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

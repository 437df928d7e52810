import { Strategy, minutesToDayClose, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * Hans123 开盘区间突破, intraday, on each bar's close (orders fill at the next bar's open).
 *
 * The opening range is the high and low of the first `rangeMinutes` minutes of the trading day (which opens with the
 * night session where there is one). After it, a close above the range goes long `lots`, a close below it goes short
 * (reversing), each way once a day. `exitMinutes` before the day's close everything is closed.
 */
export default class Hans123 extends Strategy<{ rangeMinutes: number; lots: number; exitMinutes: number }> {
  static override meta = {
    name: { zh: 'Hans123 开盘区间突破', en: 'Hans123 opening range breakout' },
    description: { zh: '开盘后 N 分钟的高低点作为区间，突破入场，日内平仓', en: 'Breakout of the first N minutes range, intraday' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'rangeMinutes', type: 'int', default: 30, min: 5, max: 120, step: 5, label: { zh: '开盘区间(分钟)', en: 'Opening range (minutes)' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
    { name: 'exitMinutes', type: 'int', default: 5, min: 1, max: 60, step: 1, label: { zh: '收盘前平仓(分钟)', en: 'Flat minutes before close' } },
  ];

  private day = 0;
  private barsToday = 0;
  private rangeHigh = Number.NaN;
  private rangeLow = Number.NaN;
  private longDone = false;
  private shortDone = false;

  override onBar(bar: Bar): void {
    const { rangeMinutes, lots, exitMinutes } = this.params;
    if (bar.period !== '1m') throw new Error(`Hans123 measures its opening range in 1-minute bars: run it on 1m data (got ${bar.period})`);
    if (bar.tradingDay !== this.day) {
      this.day = bar.tradingDay;
      this.barsToday = 0;
      this.rangeHigh = bar.high;
      this.rangeLow = bar.low;
      this.longDone = this.shortDone = false;
    }
    // Counted in 1-minute bars of trading, so the range never stretches over a session break.
    if (++this.barsToday <= rangeMinutes) {
      this.rangeHigh = Math.max(this.rangeHigh, bar.high);
      this.rangeLow = Math.min(this.rangeLow, bar.low);
      return;
    }
    const pos = this.pos();
    if (pos > 0) this.longDone = true;
    if (pos < 0) this.shortDone = true;
    if (minutesToDayClose(this.contract(), bar) <= exitMinutes) {
      this.setTarget(0, bar.close, MARKET);
      return;
    }
    const c = bar.close;
    if (pos <= 0 && !this.longDone && c > this.rangeHigh) this.setTarget(lots, c, MARKET);
    else if (pos >= 0 && !this.shortDone && c < this.rangeLow) this.setTarget(-lots, c, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

import { BarGenerator, Strategy, minutesToDayClose, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 菲阿里四价 Fairy four prices, intraday, on each bar's close (orders fill at the next bar's open).
 *
 * The four prices: yesterday's high, low and close, and today's open (the trading day opens with the night session).
 * A close above yesterday's high goes long `lots`, below yesterday's low goes short, once each way a day. Today's
 * open is the stop: a long is closed by a close below it, a short by a close above it. `exitMinutes` before the day's
 * close everything is closed.
 */
export default class FairyFourPrice extends Strategy<{ lots: number; exitMinutes: number }> {
  static override meta = {
    name: { zh: '菲阿里四价', en: 'Fairy four prices' },
    description: { zh: '突破昨日高点做多、跌破昨日低点做空，以今日开盘价止损，日内平仓', en: "Breakout of yesterday's high or low, today's open as the stop, intraday" },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
    { name: 'exitMinutes', type: 'int', default: 5, min: 1, max: 60, step: 1, label: { zh: '收盘前平仓(分钟)', en: 'Flat minutes before close' } },
  ];

  private daily!: BarGenerator;
  private prevHigh = Number.NaN;
  private prevLow = Number.NaN;
  private day = 0;
  private dayOpen = Number.NaN;
  private longDone = false;
  private shortDone = false;

  override onInit(): void {
    this.daily = new BarGenerator({
      symbol: this.symbol,
      period: '1d',
      sessions: this.contract(),
      onBar: (d) => {
        this.prevHigh = d.high;
        this.prevLow = d.low;
      },
    });
  }

  override onBar(bar: Bar): void {
    if (bar.period === '1d') throw new Error(`The fairy four prices strategy trades inside the trading day: run it on intraday bars (1m to 1h), not on daily bars`);
    this.daily.updateBar(bar);
    if (bar.tradingDay !== this.day) {
      this.day = bar.tradingDay;
      this.dayOpen = bar.open;
      this.longDone = this.shortDone = false;
    }
    const { lots, exitMinutes } = this.params;
    const pos = this.pos();
    if (pos > 0) this.longDone = true;
    if (pos < 0) this.shortDone = true;
    if (minutesToDayClose(this.contract(), bar) <= exitMinutes) {
      this.setTarget(0, bar.close, MARKET);
      return;
    }
    if (Number.isNaN(this.prevHigh)) return;
    const c = bar.close;
    let target = pos;
    if ((pos > 0 && c < this.dayOpen) || (pos < 0 && c > this.dayOpen)) target = 0;
    if (pos <= 0 && !this.longDone && c > this.prevHigh) target = lots;
    else if (pos >= 0 && !this.shortDone && c < this.prevLow) target = -lots;
    this.setTarget(target, c, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

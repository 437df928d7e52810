import { ATR, RSI, SMA, Strategy, ceilToTick, floorToTick, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * ATR-RSI (vnpy's AtrRsiStrategy), on each bar.
 *
 * Flat, and volatility expanding (ATR above its own `atrMaLength`-bar average): RSI above 50 + `rsiEntry` buys with a
 * limit `limitTicks` above the close; RSI below 50 - `rsiEntry` shorts with a limit as far below. Long: a sell stop
 * `trailingPercent` % under the highest high since entry; short: a cover stop as far above the lowest low.
 */
export default class AtrRsi extends Strategy<{
  atrLength: number;
  atrMaLength: number;
  rsiLength: number;
  rsiEntry: number;
  trailingPercent: number;
  limitTicks: number;
  lots: number;
}> {
  static override meta = {
    name: { zh: 'ATR-RSI 波动率过滤', en: 'ATR-RSI' },
    description: { zh: '波动放大时按 RSI 方向入场，百分比移动止损', en: 'RSI entries while volatility expands, percent trailing stop' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'atrLength', type: 'int', default: 22, min: 2, max: 100, step: 1, label: { zh: 'ATR 周期', en: 'ATR length' } },
    { name: 'atrMaLength', type: 'int', default: 10, min: 2, max: 100, step: 1, label: { zh: 'ATR 均线周期', en: 'ATR average length' } },
    { name: 'rsiLength', type: 'int', default: 5, min: 2, max: 100, step: 1, label: { zh: 'RSI 周期', en: 'RSI length' } },
    { name: 'rsiEntry', type: 'float', default: 16, min: 1, max: 49, step: 1, label: { zh: 'RSI 入场偏离', en: 'RSI entry offset' } },
    { name: 'trailingPercent', type: 'float', default: 0.8, min: 0.1, max: 10, step: 0.1, label: { zh: '移动止损(%)', en: 'Trailing stop (%)' } },
    { name: 'limitTicks', type: 'int', default: 5, min: 0, max: 50, step: 1, label: { zh: '委托超价(跳)', en: 'Limit offset (ticks)' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private atr!: ATR;
  private atrMa!: SMA;
  private rsi!: RSI;
  private intraHigh = Number.NaN;
  private intraLow = Number.NaN;

  override onInit(): void {
    const p = this.params;
    this.atr = new ATR(p.atrLength);
    this.atrMa = new SMA(p.atrMaLength);
    this.rsi = new RSI(p.rsiLength);
  }

  override onBar(bar: Bar): void {
    this.cancelAll();
    const atr = this.atr.update(bar);
    const atrMa = this.atr.ready ? this.atrMa.update(atr) : Number.NaN;
    const rsi = this.rsi.update(bar.close);
    if (!this.atrMa.ready || !this.rsi.ready) return;
    const { rsiEntry, trailingPercent, limitTicks, lots } = this.params;
    const tick = this.contract().priceTick;
    const pos = this.pos();
    if (pos === 0) {
      this.intraHigh = bar.high;
      this.intraLow = bar.low;
      if (atr > atrMa) {
        if (rsi > 50 + rsiEntry) this.buy(bar.close + limitTicks * tick, lots);
        else if (rsi < 50 - rsiEntry) this.short(bar.close - limitTicks * tick, lots);
      }
    } else if (pos > 0) {
      this.intraHigh = Math.max(this.intraHigh, bar.high);
      this.sell(floorToTick(this.intraHigh * (1 - trailingPercent / 100), tick), pos, STOP);
    } else {
      this.intraLow = Math.min(this.intraLow, bar.low);
      this.cover(ceilToTick(this.intraLow * (1 + trailingPercent / 100), tick), -pos, STOP);
    }
  }
}

const STOP = { stop: true } as const;

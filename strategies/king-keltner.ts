import { Keltner, PeriodBars, Strategy, ceilToTick, floorToTick, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * King Keltner 肯特纳通道 (vnpy's KingKeltnerStrategy), on `barPeriod` bars.
 *
 * The channel is SMA(close, `kkLength`) +- `kkDev` ATR(`kkLength`). Flat: a buy stop at the upper band when the close
 * is above the middle line, else a short stop at the lower band (one side at a time, so a single wide bar cannot open
 * both ways). Long: a sell stop `trailingPercent` % under the highest high since entry; short: the mirror.
 */
export default class KingKeltner extends Strategy<{ barPeriod: string; kkLength: number; kkDev: number; trailingPercent: number; lots: number }> {
  static override meta = {
    name: { zh: '金肯特纳', en: 'King Keltner' },
    description: { zh: '肯特纳通道突破入场，百分比移动止损', en: 'Keltner channel breakout, percent trailing stop' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'barPeriod', type: 'enum', default: '5m', options: ['1m', '5m', '15m', '30m', '1h'], label: { zh: 'K线周期', en: 'Bar period' } },
    { name: 'kkLength', type: 'int', default: 11, min: 2, max: 100, step: 1, label: { zh: '通道周期', en: 'Channel length' } },
    { name: 'kkDev', type: 'float', default: 1.6, min: 0.2, max: 5, step: 0.1, label: { zh: 'ATR 倍数', en: 'ATR multiple' } },
    { name: 'trailingPercent', type: 'float', default: 0.8, min: 0.1, max: 10, step: 0.1, label: { zh: '移动止损(%)', en: 'Trailing stop (%)' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private bars!: PeriodBars;
  private kk!: Keltner;
  private intraHigh = Number.NaN;
  private intraLow = Number.NaN;

  override onInit(): void {
    const p = this.params;
    this.kk = new Keltner(p.kkLength, p.kkDev, { ma: 'sma' });
    this.bars = new PeriodBars(p.barPeriod, this.contract(), (bar) => this.onPeriodBar(bar));
  }

  override onBar(bar: Bar): void {
    this.bars.update(bar);
  }

  private onPeriodBar(bar: Bar): void {
    this.cancelAll();
    this.kk.update(bar);
    if (!this.kk.ready) return;
    const { trailingPercent, lots } = this.params;
    const tick = this.contract().priceTick;
    const pos = this.pos();
    if (pos === 0) {
      this.intraHigh = bar.high;
      this.intraLow = bar.low;
      if (bar.close >= this.kk.middle) this.buy(ceilToTick(this.kk.upper, tick), lots, STOP);
      else this.short(floorToTick(this.kk.lower, tick), lots, STOP);
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

import { ATR, Bollinger, CCI, PeriodBars, Strategy, ceilToTick, floorToTick, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 布林通道 Bollinger channel (vnpy's BollChannelStrategy), on `barPeriod` bars.
 *
 * Flat: with CCI above 0, a buy stop at the upper Bollinger band; with CCI below 0, a short stop at the lower band.
 * Long: a sell stop at the highest high since entry minus `slMultiplier` ATRs; short: a cover stop at the lowest low
 * since entry plus `slMultiplier` ATRs. Stops are renewed on each bar and fill inside the 1-minute bars that follow.
 */
export default class BollChannel extends Strategy<{
  barPeriod: string;
  bollWindow: number;
  bollDev: number;
  cciWindow: number;
  atrWindow: number;
  slMultiplier: number;
  lots: number;
}> {
  static override meta = {
    name: { zh: '布林通道', en: 'Bollinger channel' },
    description: { zh: 'CCI 定方向、布林带突破入场、ATR 移动止损', en: 'CCI for direction, Bollinger band breakout entry, ATR trailing stop' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'barPeriod', type: 'enum', default: '15m', options: ['1m', '5m', '15m', '30m', '1h'], label: { zh: 'K线周期', en: 'Bar period' } },
    { name: 'bollWindow', type: 'int', default: 18, min: 5, max: 100, step: 1, label: { zh: '布林周期', en: 'Bollinger window' } },
    { name: 'bollDev', type: 'float', default: 3.4, min: 0.5, max: 5, step: 0.1, label: { zh: '布林倍数', en: 'Bollinger deviations' } },
    { name: 'cciWindow', type: 'int', default: 10, min: 2, max: 100, step: 1, label: { zh: 'CCI 周期', en: 'CCI window' } },
    { name: 'atrWindow', type: 'int', default: 30, min: 2, max: 100, step: 1, label: { zh: 'ATR 周期', en: 'ATR window' } },
    { name: 'slMultiplier', type: 'float', default: 5.2, min: 0.5, max: 10, step: 0.1, label: { zh: '止损 ATR 倍数', en: 'Stop ATR multiple' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private bars!: PeriodBars;
  private boll!: Bollinger;
  private cci!: CCI;
  private atr!: ATR;
  private intraHigh = Number.NaN;
  private intraLow = Number.NaN;

  override onInit(): void {
    const p = this.params;
    this.boll = new Bollinger(p.bollWindow, p.bollDev);
    this.cci = new CCI(p.cciWindow);
    this.atr = new ATR(p.atrWindow);
    this.bars = new PeriodBars(p.barPeriod, this.contract(), (bar) => this.onPeriodBar(bar));
  }

  override onBar(bar: Bar): void {
    this.bars.update(bar);
  }

  private onPeriodBar(bar: Bar): void {
    this.cancelAll();
    this.boll.update(bar.close);
    const cci = this.cci.update(bar);
    const atr = this.atr.update(bar);
    if (!this.boll.ready || !this.cci.ready || !this.atr.ready) return;
    const { lots, slMultiplier } = this.params;
    const tick = this.contract().priceTick;
    const pos = this.pos();
    if (pos === 0) {
      this.intraHigh = bar.high;
      this.intraLow = bar.low;
      if (cci > 0) this.buy(ceilToTick(this.boll.upper, tick), lots, STOP);
      else if (cci < 0) this.short(floorToTick(this.boll.lower, tick), lots, STOP);
    } else if (pos > 0) {
      this.intraHigh = Math.max(this.intraHigh, bar.high);
      this.sell(floorToTick(this.intraHigh - atr * slMultiplier, tick), pos, STOP);
    } else {
      this.intraLow = Math.min(this.intraLow, bar.low);
      this.cover(ceilToTick(this.intraLow + atr * slMultiplier, tick), -pos, STOP);
    }
  }
}

const STOP = { stop: true } as const;

import { ATR, AtrTrailingStop, PeriodBars, Strategy, WaveTrend, crossedAbove, crossedBelow, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * WaveTrend 波浪趋势 (LazyBear's WaveTrend oscillator) with an ATR trailing stop.
 *
 * On each `barPeriod` bar (built from 1-minute bars on the contract's sessions):
 * - wt1 crosses above wt2 while wt2 is at or below the oversold level: go long `lots` (closing a short first);
 * - wt1 crosses below wt2 while wt2 is at or above the overbought level: go short (or only close a long when
 *   shorting is off);
 * - a long is closed when a bar closes below the highest high since entry minus `atrMult` ATRs, a short when a bar
 *   closes above the lowest low since entry plus `atrMult` ATRs (the plan's check_stop_loss).
 * Orders are market orders, filled at the next bar's open.
 */
export default class WaveTrendStrategy extends Strategy<{
  barPeriod: string;
  n1: number;
  n2: number;
  overbought: number;
  oversold: number;
  atrPeriod: number;
  atrMult: number;
  lots: number;
  allowShort: boolean;
}> {
  static override meta = {
    name: { zh: 'WaveTrend 波浪趋势', en: 'WaveTrend' },
    description: {
      zh: 'WT1 在超卖区上穿 WT2 做多、在超买区下穿做空，ATR 移动止损',
      en: 'Long on a wt1/wt2 cross up in the oversold zone, short on a cross down in the overbought zone, ATR trailing stop',
    },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'barPeriod', type: 'enum', default: '15m', options: ['1m', '5m', '15m', '30m', '1h', '1d'], label: { zh: 'K线周期', en: 'Bar period' } },
    { name: 'n1', type: 'int', default: 10, min: 2, max: 100, step: 1, label: { zh: '通道周期 n1', en: 'Channel length n1' } },
    { name: 'n2', type: 'int', default: 21, min: 2, max: 100, step: 1, label: { zh: '平均周期 n2', en: 'Average length n2' } },
    { name: 'overbought', type: 'float', default: 53, min: 0, max: 150, step: 1, label: { zh: '超买线', en: 'Overbought level' } },
    { name: 'oversold', type: 'float', default: -53, min: -150, max: 0, step: 1, label: { zh: '超卖线', en: 'Oversold level' } },
    { name: 'atrPeriod', type: 'int', default: 14, min: 2, max: 100, step: 1, label: { zh: 'ATR 周期', en: 'ATR period' } },
    { name: 'atrMult', type: 'float', default: 3, min: 0.5, max: 10, step: 0.5, label: { zh: 'ATR 止损倍数', en: 'ATR stop multiple' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
    { name: 'allowShort', type: 'bool', default: true, label: { zh: '允许做空', en: 'Allow short' } },
  ];

  private bars!: PeriodBars;
  private wt!: WaveTrend;
  private atr!: ATR;
  private stop!: AtrTrailingStop;
  private prevWt1 = Number.NaN;
  private prevWt2 = Number.NaN;

  override onInit(): void {
    const p = this.params;
    if (p.oversold >= p.overbought) throw new RangeError(`the oversold level (${p.oversold}) must be below the overbought level (${p.overbought})`);
    this.wt = new WaveTrend(p.n1, p.n2);
    this.atr = new ATR(p.atrPeriod);
    this.stop = new AtrTrailingStop(p.atrMult);
    this.bars = new PeriodBars(p.barPeriod, this.contract(), (bar) => this.onPeriodBar(bar));
  }

  override onBar(bar: Bar): void {
    this.bars.update(bar);
  }

  private onPeriodBar(bar: Bar): void {
    const { overbought, oversold, lots, allowShort } = this.params;
    const wt1 = this.wt.update(bar);
    const wt2 = this.wt.wt2;
    const atr = this.atr.update(bar);
    const buySignal = crossedAbove(this.prevWt1, this.prevWt2, wt1, wt2) && wt2 <= oversold;
    const sellSignal = crossedBelow(this.prevWt1, this.prevWt2, wt1, wt2) && wt2 >= overbought;
    this.prevWt1 = wt1;
    this.prevWt2 = wt2;

    const pos = this.pos();
    let target = pos;
    if (this.stop.update(bar, pos, atr)) target = 0;
    if (buySignal) target = lots;
    else if (sellSignal) target = allowShort ? -lots : Math.min(target, 0);
    this.setTarget(target, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

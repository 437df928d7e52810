import { KDJ, Strategy, crossedAbove, crossedBelow, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * KDJ 超买超卖交叉, on each bar's close (orders fill at the next bar's open).
 *
 * K crossing above D while D is at or below `oversold` goes long `lots` (closing a short first); K crossing below D
 * while D is at or above `overbought` goes short. Otherwise the position is held.
 */
export default class KdjCross extends Strategy<{ n: number; m1: number; m2: number; oversold: number; overbought: number; lots: number }> {
  static override meta = {
    name: { zh: 'KDJ 随机指标', en: 'KDJ' },
    description: { zh: '超卖区 K 上穿 D 做多、超买区 K 下穿 D 做空', en: 'Long on K crossing above D when oversold, short on K crossing below D when overbought' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'n', type: 'int', default: 9, min: 2, max: 100, step: 1, label: { zh: 'RSV 周期 N', en: 'RSV period N' } },
    { name: 'm1', type: 'int', default: 3, min: 1, max: 20, step: 1, label: { zh: 'K 平滑 M1', en: 'K smoothing M1' } },
    { name: 'm2', type: 'int', default: 3, min: 1, max: 20, step: 1, label: { zh: 'D 平滑 M2', en: 'D smoothing M2' } },
    { name: 'oversold', type: 'float', default: 20, min: 0, max: 50, step: 1, label: { zh: '超卖线', en: 'Oversold level' } },
    { name: 'overbought', type: 'float', default: 80, min: 50, max: 100, step: 1, label: { zh: '超买线', en: 'Overbought level' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private kdj!: KDJ;
  private prevK = Number.NaN;
  private prevD = Number.NaN;

  override onInit(): void {
    const p = this.params;
    this.kdj = new KDJ(p.n, p.m1, p.m2);
  }

  override onBar(bar: Bar): void {
    this.kdj.update(bar);
    // Until N bars are in, K and D are still settling from their starting value of 50: no crosses then.
    const k = this.kdj.ready ? this.kdj.k : Number.NaN;
    const d = this.kdj.ready ? this.kdj.d : Number.NaN;
    const { oversold, overbought, lots } = this.params;
    if (crossedAbove(this.prevK, this.prevD, k, d) && d <= oversold) this.setTarget(lots, bar.close, MARKET);
    else if (crossedBelow(this.prevK, this.prevD, k, d) && d >= overbought) this.setTarget(-lots, bar.close, MARKET);
    this.prevK = k;
    this.prevD = d;
  }
}

const MARKET = { type: 'market' } as const;

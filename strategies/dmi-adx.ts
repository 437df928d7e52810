import { ADX, Strategy, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * DMI/ADX 趋向指标, on each bar's close (orders fill at the next bar's open).
 *
 * While ADX is above `threshold` (a trend), hold `lots` in the direction of the stronger DI: long when +DI > -DI,
 * short when -DI > +DI. When ADX falls to the threshold or below, be flat.
 */
export default class DmiAdx extends Strategy<{ period: number; threshold: number; lots: number }> {
  static override meta = {
    name: { zh: 'DMI/ADX 趋向', en: 'DMI/ADX trend' },
    description: { zh: 'ADX 高于阈值时顺着较强的 DI 方向持仓', en: 'With ADX above the threshold, follow the stronger DI' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'period', type: 'int', default: 14, min: 2, max: 100, step: 1, label: { zh: 'DMI 周期', en: 'DMI period' } },
    { name: 'threshold', type: 'float', default: 25, min: 5, max: 60, step: 1, label: { zh: 'ADX 阈值', en: 'ADX threshold' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private adx!: ADX;

  override onInit(): void {
    this.adx = new ADX(this.params.period);
  }

  override onBar(bar: Bar): void {
    const adx = this.adx.update(bar);
    if (!this.adx.ready) return;
    const { threshold, lots } = this.params;
    const { plusDI, minusDI } = this.adx;
    let target = 0;
    if (adx > threshold && plusDI > minusDI) target = lots;
    else if (adx > threshold && minusDI > plusDI) target = -lots;
    this.setTarget(target, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

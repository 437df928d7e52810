import { Bollinger, Strategy, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * Aberration (Keith Fitschen), on each bar's close (orders fill at the next bar's open).
 *
 * Bands: SMA(`period`) +- `dev` standard deviations. A close above the upper band goes long `lots`, below the lower
 * band short (reversing any position). A long is closed by a close below the middle line, a short by a close above.
 */
export default class Aberration extends Strategy<{ period: number; dev: number; lots: number }> {
  static override meta = {
    name: { zh: 'Aberration 布林突破', en: 'Aberration' },
    description: { zh: '收盘突破布林上轨做多、下轨做空，回到中轨平仓', en: 'Close beyond the bands to enter, back through the middle line to exit' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'period', type: 'int', default: 35, min: 5, max: 200, step: 1, label: { zh: '均线周期', en: 'Average period' } },
    { name: 'dev', type: 'float', default: 2, min: 0.5, max: 5, step: 0.1, label: { zh: '标准差倍数', en: 'Deviations' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private bands!: Bollinger;

  override onInit(): void {
    this.bands = new Bollinger(this.params.period, this.params.dev);
  }

  override onBar(bar: Bar): void {
    this.bands.update(bar.close);
    if (!this.bands.ready) return;
    const { upper, middle, lower } = this.bands;
    const c = bar.close;
    const pos = this.pos();
    let target = pos;
    if (c > upper) target = this.params.lots;
    else if (c < lower) target = -this.params.lots;
    else if ((pos > 0 && c < middle) || (pos < 0 && c > middle)) target = 0;
    this.setTarget(target, c, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

import { CCI, Strategy, crossedAbove, crossedBelow, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * CCI 顺势指标, on each bar's close (orders fill at the next bar's open).
 *
 * CCI crossing above +`level` goes long `lots`, crossing below -`level` goes short (reversing any position). A long is
 * closed when CCI crosses below 0, a short when it crosses above 0.
 */
export default class CciTrend extends Strategy<{ period: number; level: number; lots: number }> {
  static override meta = {
    name: { zh: 'CCI 顺势', en: 'CCI trend' },
    description: { zh: 'CCI 上穿 +100 做多、下穿 -100 做空，穿越零轴平仓', en: 'Long above +100, short below -100, exit at the zero line' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'period', type: 'int', default: 20, min: 5, max: 100, step: 1, label: { zh: 'CCI 周期', en: 'CCI period' } },
    { name: 'level', type: 'float', default: 100, min: 10, max: 300, step: 10, label: { zh: '入场阈值', en: 'Entry level' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private cci!: CCI;
  private prev = Number.NaN;

  override onInit(): void {
    this.cci = new CCI(this.params.period);
  }

  override onBar(bar: Bar): void {
    const { level, lots } = this.params;
    const cci = this.cci.update(bar);
    const prev = this.prev;
    this.prev = cci;
    const pos = this.pos();
    let target = pos;
    if (pos > 0 && crossedBelow(prev, 0, cci, 0)) target = 0;
    else if (pos < 0 && crossedAbove(prev, 0, cci, 0)) target = 0;
    if (crossedAbove(prev, level, cci, level)) target = lots;
    else if (crossedBelow(prev, -level, cci, -level)) target = -lots;
    this.setTarget(target, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

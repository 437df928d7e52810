import { MACD, Strategy, crossedAbove, crossedBelow, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * MACD 金叉死叉, on each bar's close (orders fill at the next bar's open).
 *
 * DIF = EMA(fast) - EMA(slow), DEA = EMA(DIF, signal). DIF crossing above DEA goes long `lots` (closing a short
 * first); crossing below goes short. With `zeroFilter` a long needs DIF above 0 at the cross and a short DIF below 0;
 * a cross against the filter only closes the position it goes against.
 */
export default class MacdCross extends Strategy<{ fast: number; slow: number; signal: number; zeroFilter: boolean; lots: number }> {
  static override meta = {
    name: { zh: 'MACD 金叉死叉', en: 'MACD cross' },
    description: { zh: 'DIF 上穿 DEA 做多、下穿做空', en: 'Long when DIF crosses above DEA, short when below' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'fast', type: 'int', default: 12, min: 2, max: 100, step: 1, label: { zh: '快线 EMA', en: 'Fast EMA' } },
    { name: 'slow', type: 'int', default: 26, min: 3, max: 200, step: 1, label: { zh: '慢线 EMA', en: 'Slow EMA' } },
    { name: 'signal', type: 'int', default: 9, min: 2, max: 100, step: 1, label: { zh: 'DEA 周期', en: 'Signal (DEA) period' } },
    { name: 'zeroFilter', type: 'bool', default: false, label: { zh: '零轴过滤', en: 'Zero-line filter' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private macd!: MACD;
  private prevDif = Number.NaN;
  private prevDea = Number.NaN;

  override onInit(): void {
    const p = this.params;
    this.macd = new MACD(p.fast, p.slow, p.signal);
  }

  override onBar(bar: Bar): void {
    this.macd.update(bar.close);
    const { dif, dea } = this.macd;
    const up = crossedAbove(this.prevDif, this.prevDea, dif, dea);
    const down = crossedBelow(this.prevDif, this.prevDea, dif, dea);
    this.prevDif = dif;
    this.prevDea = dea;
    const { zeroFilter, lots } = this.params;
    const pos = this.pos();
    if (up) this.setTarget(!zeroFilter || dif > 0 ? lots : Math.max(pos, 0), bar.close, MARKET);
    else if (down) this.setTarget(!zeroFilter || dif < 0 ? -lots : Math.min(pos, 0), bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

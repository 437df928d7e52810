import { RSI, Strategy, crossedAbove, crossedBelow, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * RSI 超买超卖反转, on each bar's close (orders fill at the next bar's open).
 *
 * RSI climbing back above `oversold` goes long `lots`; falling back below `overbought` goes short. A long is closed
 * once RSI reaches `exitLevel`, a short once it falls to 100 - `exitLevel` (50 and 50 by default: the midline).
 */
export default class RsiReversal extends Strategy<{ period: number; oversold: number; overbought: number; exitLevel: number; lots: number }> {
  static override meta = {
    name: { zh: 'RSI 反转', en: 'RSI reversal' },
    description: { zh: 'RSI 从超卖区回升做多、从超买区回落做空，回到中线平仓', en: 'Long as RSI leaves oversold, short as it leaves overbought, exit at the midline' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'period', type: 'int', default: 14, min: 2, max: 100, step: 1, label: { zh: 'RSI 周期', en: 'RSI period' } },
    { name: 'oversold', type: 'float', default: 30, min: 1, max: 49, step: 1, label: { zh: '超卖线', en: 'Oversold level' } },
    { name: 'overbought', type: 'float', default: 70, min: 51, max: 99, step: 1, label: { zh: '超买线', en: 'Overbought level' } },
    { name: 'exitLevel', type: 'float', default: 50, min: 1, max: 99, step: 1, label: { zh: '多头平仓线', en: 'Long exit level' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private rsi!: RSI;
  private prev = Number.NaN;

  override onInit(): void {
    this.rsi = new RSI(this.params.period);
  }

  override onBar(bar: Bar): void {
    const { oversold, overbought, exitLevel, lots } = this.params;
    const rsi = this.rsi.update(bar.close);
    const prev = this.prev;
    this.prev = rsi;
    const pos = this.pos();
    let target = pos;
    if (pos > 0 && rsi >= exitLevel) target = 0;
    else if (pos < 0 && rsi <= 100 - exitLevel) target = 0;
    if (crossedAbove(prev, oversold, rsi, oversold)) target = lots;
    else if (crossedBelow(prev, overbought, rsi, overbought)) target = -lots;
    this.setTarget(target, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

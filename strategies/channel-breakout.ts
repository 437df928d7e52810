import { Donchian, Strategy, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 通道突破 Channel breakout, always in the market, on each bar's close (orders fill at the next bar's open).
 *
 * A close above the highest high of the previous `period` bars goes long `lots`; a close below their lowest low goes
 * short (reversing any position).
 */
export default class ChannelBreakout extends Strategy<{ period: number; lots: number }> {
  static override meta = {
    name: { zh: '通道突破', en: 'Channel breakout' },
    description: { zh: '收盘突破前 N 根 K 线最高价做多、跌破最低价做空', en: 'Close above the prior N-bar high goes long, below the N-bar low short' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'period', type: 'int', default: 20, min: 2, max: 500, step: 1, label: { zh: '通道周期', en: 'Channel period' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private channel!: Donchian;

  override onInit(): void {
    this.channel = new Donchian(this.params.period);
  }

  override onBar(bar: Bar): void {
    // The channel of the bars BEFORE this one: read it first, then add this bar.
    const { upper, lower } = this.channel;
    const ready = this.channel.ready;
    this.channel.update(bar);
    if (!ready) return;
    const { lots } = this.params;
    if (bar.close > upper) this.setTarget(lots, bar.close, MARKET);
    else if (bar.close < lower) this.setTarget(-lots, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

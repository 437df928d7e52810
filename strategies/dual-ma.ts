import { EMA, SMA, Strategy, crossedAbove, crossedBelow, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 双均线 Dual moving average.
 *
 * Rules, on each bar's close (orders fill at the next bar's open):
 * - the fast average crosses above the slow one: go long `lots` (closing a short first);
 * - it crosses below: go short `lots` (closing a long first), or only close the long when shorting is off.
 * A cross needs the averages of the bar before, so the first trade comes at the first cross after warm-up; from then
 * on the strategy is always in the market (long exactly while fast > slow at the last cross).
 * With the defaults (SMA 10 / 30) and no costs this is the reference backtest of ../shared/data/market/SOURCES.md.
 */
export default class DualMa extends Strategy<{ fast: number; slow: number; maType: string; lots: number; allowShort: boolean }> {
  static override meta = {
    name: { zh: '双均线', en: 'Dual moving average' },
    description: { zh: '快慢均线金叉做多、死叉做空', en: 'Long when the fast average crosses above the slow one, short when below' },
    // As many bars as the longest slow average allowed: it starts trading with its averages already formed.
    warmupBars: 500,
  };
  static override params: readonly ParamSpec[] = [
    { name: 'fast', type: 'int', default: 10, min: 2, max: 200, step: 1, label: { zh: '快线周期', en: 'Fast period' } },
    { name: 'slow', type: 'int', default: 30, min: 3, max: 500, step: 5, label: { zh: '慢线周期', en: 'Slow period' } },
    { name: 'maType', type: 'enum', default: 'sma', options: ['sma', 'ema'], label: { zh: '均线类型', en: 'Average type' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
    { name: 'allowShort', type: 'bool', default: true, label: { zh: '允许做空', en: 'Allow short' } },
  ];

  private fastMa!: SMA | EMA;
  private slowMa!: SMA | EMA;
  private prevFast = Number.NaN;
  private prevSlow = Number.NaN;

  override onInit(): void {
    const { fast, slow, maType } = this.params;
    if (fast >= slow) throw new RangeError(`the fast period (${fast}) must be shorter than the slow one (${slow})`);
    this.fastMa = maType === 'ema' ? new EMA(fast) : new SMA(fast);
    this.slowMa = maType === 'ema' ? new EMA(slow) : new SMA(slow);
  }

  override onBar(bar: Bar): void {
    const fast = this.fastMa.update(bar.close);
    const slow = this.slowMa.update(bar.close);
    const up = crossedAbove(this.prevFast, this.prevSlow, fast, slow);
    const down = crossedBelow(this.prevFast, this.prevSlow, fast, slow);
    this.prevFast = fast;
    this.prevSlow = slow;
    const { lots, allowShort } = this.params;
    if (up) this.setTarget(lots, bar.close, MARKET);
    else if (down) this.setTarget(allowShort ? -lots : 0, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

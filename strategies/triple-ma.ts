import { EMA, SMA, Strategy, WMA, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 三均线 Triple moving average, on each bar's close (orders fill at the next bar's open).
 *
 * Long `lots` while short > mid > long average (bullish alignment, 多头排列), short while short < mid < long
 * (空头排列), flat otherwise.
 */
export default class TripleMa extends Strategy<{ short: number; mid: number; long: number; maType: string; lots: number }> {
  static override meta = {
    name: { zh: '三均线', en: 'Triple moving average' },
    description: { zh: '多头排列做多、空头排列做空、其余空仓', en: 'Long when the averages line up upwards, short when downwards, else flat' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'short', type: 'int', default: 5, min: 2, max: 100, step: 1, label: { zh: '短期均线', en: 'Short average' } },
    { name: 'mid', type: 'int', default: 20, min: 3, max: 200, step: 1, label: { zh: '中期均线', en: 'Middle average' } },
    { name: 'long', type: 'int', default: 60, min: 4, max: 500, step: 5, label: { zh: '长期均线', en: 'Long average' } },
    { name: 'maType', type: 'enum', default: 'sma', options: ['sma', 'ema', 'wma'], label: { zh: '均线类型', en: 'Average type' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private averages!: (SMA | EMA | WMA)[];

  override onInit(): void {
    const { short, mid, long, maType } = this.params;
    if (!(short < mid && mid < long)) throw new RangeError(`the periods must grow: short ${short} < mid ${mid} < long ${long}`);
    const make = (n: number): SMA | EMA | WMA => (maType === 'ema' ? new EMA(n) : maType === 'wma' ? new WMA(n) : new SMA(n));
    this.averages = [make(short), make(mid), make(long)];
  }

  override onBar(bar: Bar): void {
    const [s, m, l] = this.averages.map((a) => a.update(bar.close)) as [number, number, number];
    if (!this.averages[2]!.ready) return;
    const { lots } = this.params;
    const target = s > m && m > l ? lots : s < m && m < l ? -lots : 0;
    this.setTarget(target, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

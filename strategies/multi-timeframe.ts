import { PeriodBars, RSI, SMA, Strategy, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 多周期共振 Multi-timeframe (vnpy's MultiTimeframeStrategy): the trend from slower bars, the entry from faster ones.
 *
 * Trend, on `trendPeriod` bars: up while SMA(fast) > SMA(slow), down otherwise. Entry, on `signalPeriod` bars: flat,
 * with the trend up and RSI at or above 50 + `rsiSignal`, go long `lots`; with the trend down and RSI at or below
 * 50 - `rsiSignal`, go short. A long is closed when the trend turns down or RSI falls below 50; a short when the trend
 * turns up or RSI rises above 50. When one minute ends a bar of both periods, the trend is updated first.
 */
export default class MultiTimeframe extends Strategy<{
  signalPeriod: string;
  trendPeriod: string;
  rsiWindow: number;
  rsiSignal: number;
  fastWindow: number;
  slowWindow: number;
  lots: number;
}> {
  static override meta = {
    name: { zh: '多周期共振', en: 'Multi-timeframe' },
    description: { zh: '大周期均线定趋势，小周期 RSI 择时入场', en: 'Trend from a slower period, RSI entries on a faster one' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'signalPeriod', type: 'enum', default: '5m', options: ['1m', '5m', '15m', '30m'], label: { zh: '信号周期', en: 'Signal period' } },
    { name: 'trendPeriod', type: 'enum', default: '15m', options: ['5m', '15m', '30m', '1h', '1d'], label: { zh: '趋势周期', en: 'Trend period' } },
    { name: 'rsiWindow', type: 'int', default: 14, min: 2, max: 100, step: 1, label: { zh: 'RSI 周期', en: 'RSI window' } },
    { name: 'rsiSignal', type: 'float', default: 20, min: 1, max: 49, step: 1, label: { zh: 'RSI 入场偏离', en: 'RSI entry offset' } },
    { name: 'fastWindow', type: 'int', default: 5, min: 2, max: 100, step: 1, label: { zh: '趋势快线', en: 'Trend fast average' } },
    { name: 'slowWindow', type: 'int', default: 20, min: 3, max: 200, step: 1, label: { zh: '趋势慢线', en: 'Trend slow average' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private signalBars!: PeriodBars;
  private trendBars!: PeriodBars;
  private rsi!: RSI;
  private fast!: SMA;
  private slow!: SMA;
  /** +1 up, -1 down, 0 not known yet. */
  private trend = 0;

  override onInit(): void {
    const p = this.params;
    if (p.fastWindow >= p.slowWindow) throw new RangeError(`the fast window (${p.fastWindow}) must be shorter than the slow one (${p.slowWindow})`);
    this.rsi = new RSI(p.rsiWindow);
    this.fast = new SMA(p.fastWindow);
    this.slow = new SMA(p.slowWindow);
    this.trendBars = new PeriodBars(p.trendPeriod, this.contract(), (bar) => this.onTrendBar(bar));
    this.signalBars = new PeriodBars(p.signalPeriod, this.contract(), (bar) => this.onSignalBar(bar));
  }

  override onBar(bar: Bar): void {
    this.trendBars.update(bar);
    this.signalBars.update(bar);
  }

  private onTrendBar(bar: Bar): void {
    const fast = this.fast.update(bar.close);
    const slow = this.slow.update(bar.close);
    if (this.slow.ready) this.trend = fast > slow ? 1 : -1;
  }

  private onSignalBar(bar: Bar): void {
    const rsi = this.rsi.update(bar.close);
    if (this.trend === 0 || !this.rsi.ready) return;
    const { rsiSignal, lots } = this.params;
    const pos = this.pos();
    let target = pos;
    if (pos === 0) {
      if (this.trend > 0 && rsi >= 50 + rsiSignal) target = lots;
      else if (this.trend < 0 && rsi <= 50 - rsiSignal) target = -lots;
    } else if (pos > 0) {
      if (this.trend < 0 || rsi < 50) target = 0;
    } else if (this.trend > 0 || rsi > 50) {
      target = 0;
    }
    this.setTarget(target, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

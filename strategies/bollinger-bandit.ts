import { ArrayManager, Strategy, ceilToTick, floorToTick, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 布林强盗 Bollinger Bandit (Pruitt and Hill), on each bar, written with the vnpy-style ArrayManager.
 *
 * Bands: SMA(`bollWindow`) +- `bollDev` standard deviations. Flat: when the close is above the close `rocWindow` bars
 * ago, a buy stop at the upper band; when below, a short stop at the lower band. In a position, the exit is a
 * liquidation average that starts at `liqStart` bars and shortens by one each bar held, down to `liqMin`: a long is
 * sold by a stop at that average (while it is below the upper band), a short covered by a stop at it (while it is
 * above the lower band).
 */
export default class BollingerBandit extends Strategy<{ bollWindow: number; bollDev: number; rocWindow: number; liqStart: number; liqMin: number; lots: number }> {
  static override meta = {
    name: { zh: '布林强盗', en: 'Bollinger Bandit' },
    description: { zh: '布林带突破入场、动量过滤、逐步收紧的均线离场', en: 'Bollinger breakout with a momentum filter and a tightening exit average' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'bollWindow', type: 'int', default: 50, min: 5, max: 200, step: 5, label: { zh: '布林周期', en: 'Bollinger window' } },
    { name: 'bollDev', type: 'float', default: 1, min: 0.5, max: 4, step: 0.1, label: { zh: '标准差倍数', en: 'Deviations' } },
    { name: 'rocWindow', type: 'int', default: 30, min: 1, max: 200, step: 1, label: { zh: '动量周期', en: 'Momentum window' } },
    { name: 'liqStart', type: 'int', default: 50, min: 2, max: 200, step: 1, label: { zh: '离场均线起始周期', en: 'Exit average start' } },
    { name: 'liqMin', type: 'int', default: 10, min: 2, max: 100, step: 1, label: { zh: '离场均线最短周期', en: 'Exit average minimum' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每次手数', en: 'Lots per trade' } },
  ];

  private am!: ArrayManager;
  private liqDays = 0;

  override onInit(): void {
    const p = this.params;
    if (p.liqMin > p.liqStart) throw new RangeError(`the shortest exit average (${p.liqMin}) must not be longer than its start (${p.liqStart})`);
    this.am = new ArrayManager(Math.max(p.bollWindow, p.rocWindow + 1, p.liqStart));
  }

  override onBar(bar: Bar): void {
    this.cancelAll();
    const am = this.am;
    am.updateBar(bar);
    if (!am.inited) return;
    const { bollWindow, bollDev, rocWindow, liqStart, liqMin, lots } = this.params;
    const tick = this.contract().priceTick;
    const { upper, lower } = am.boll(bollWindow, bollDev);
    const close = am.close;
    const momentum = close[close.length - 1]! - close[close.length - 1 - rocWindow]!;
    const pos = this.pos();
    if (pos === 0) {
      this.liqDays = liqStart;
      if (momentum > 0) this.buy(ceilToTick(upper, tick), lots, STOP);
      else if (momentum < 0) this.short(floorToTick(lower, tick), lots, STOP);
      return;
    }
    this.liqDays = Math.max(this.liqDays - 1, liqMin);
    const liq = am.sma(this.liqDays);
    if (pos > 0 && liq < upper) this.sell(floorToTick(liq, tick), pos, STOP);
    else if (pos < 0 && liq > lower) this.cover(ceilToTick(liq, tick), -pos, STOP);
  }
}

const STOP = { stop: true } as const;

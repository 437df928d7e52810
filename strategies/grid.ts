import { Strategy, type Bar, type ParamSpec } from '@qihuo/strategy';

/**
 * 网格交易 Grid, mean reversion around a centre price, on each bar's close (orders fill at the next bar's open).
 *
 * The grid lines are `stepTicks` ticks apart around the centre (`center`, or the first close when 0). Holding L
 * layers long (L < 0: short), one more layer is bought when the close reaches the line L + 1 steps below the centre,
 * and one layer is sold when the close reaches the line L - 1 steps below it (so a long is sold back one step up, and
 * above the centre the grid sells short). At most `maxLayers` layers of `lots` lots either way.
 */
export default class Grid extends Strategy<{ center: number; stepTicks: number; maxLayers: number; lots: number }> {
  static override meta = {
    name: { zh: '网格交易', en: 'Grid trading' },
    description: { zh: '围绕中心价每跌一格加多、每涨一格减多或加空', en: 'Buy a layer each step down from the centre, sell one each step up' },
  };
  static override params: readonly ParamSpec[] = [
    { name: 'center', type: 'float', default: 0, min: 0, max: 10_000_000, step: 1, label: { zh: '中心价(0=首根收盘)', en: 'Centre (0: first close)' } },
    { name: 'stepTicks', type: 'int', default: 20, min: 1, max: 1000, step: 1, label: { zh: '网格间距(跳)', en: 'Step (ticks)' } },
    { name: 'maxLayers', type: 'int', default: 3, min: 1, max: 20, step: 1, label: { zh: '最多层数', en: 'Max layers' } },
    { name: 'lots', type: 'int', default: 1, min: 1, max: 100, step: 1, label: { zh: '每层手数', en: 'Lots per layer' } },
  ];

  /** The centre price, kept across restarts so the grid does not move under an open position. */
  gridCenter = 0;
  static override state = ['gridCenter'];

  override onBar(bar: Bar): void {
    const { center, stepTicks, maxLayers, lots } = this.params;
    if (this.gridCenter === 0) this.gridCenter = center > 0 ? center : bar.close;
    const step = stepTicks * this.contract().priceTick;
    const layers = Math.trunc(this.pos() / lots);
    let target = layers;
    // Move as many lines as the close has passed, one step at a time.
    while (target < maxLayers && bar.close <= this.gridCenter - (target + 1) * step) target++;
    while (target > -maxLayers && bar.close >= this.gridCenter - (target - 1) * step) target--;
    if (target !== layers) this.setTarget(target * lots, bar.close, MARKET);
  }
}

const MARKET = { type: 'market' } as const;

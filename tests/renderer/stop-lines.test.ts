// The K线's lines for waiting 条件单: a 止盈止损 pair is named take-profit and stop-loss by where it fires.
import { describe, expect, it } from 'vitest';
import { priceLines, stopLineOf, type ChartLabels, type ChartTheme } from '../../src/renderer/src/chart/chart-option';

const theme: ChartTheme = { up: 'red', down: 'green', text: '#fff', muted: 'gray', grid: '#333', panel: '#000', lines: [] };
const labels = { long: '多', short: '空', stopLoss: '止损', takeProfit: '止盈', stop: '条件单', buy: '买', sell: '卖', offsets: { open: '开', close: '平', closeToday: '平今', closeYesterday: '平昨' } } as ChartLabels;

describe('price lines on the chart: positions, working orders, stops', () => {
  it('names a long’s pair, a short’s pair and a plain stop, and labels each line at its trigger', () => {
    const longStop = stopLineOf({ side: 'sell', triggerPrice: 3150, volume: 2, trigger: 'below', bracket: 'B1' });
    const longProfit = stopLineOf({ side: 'sell', triggerPrice: 3250, volume: 2, trigger: 'above', bracket: 'B1' });
    const shortStop = stopLineOf({ side: 'buy', triggerPrice: 3250, volume: 1, trigger: 'above', bracket: 'B2' });
    const shortProfit = stopLineOf({ side: 'buy', triggerPrice: 3100, volume: 1, trigger: 'below', bracket: 'B2' });
    const plain = stopLineOf({ side: 'buy', triggerPrice: 3300, volume: 3 });
    expect([longStop, longProfit, shortStop, shortProfit, plain].map((l) => [l.kind, l.above])).toEqual([
      ['stopLoss', false],
      ['takeProfit', true],
      ['stopLoss', true],
      ['takeProfit', false],
      ['stop', true],
    ]);
    const marks = priceLines(
      { positions: [{ direction: 'long', volume: 2, price: 3200 }], orders: [{ side: 'sell', offset: 'closeToday', volume: 1, price: 3230 }], stops: [longProfit, longStop, plain] },
      theme,
      labels,
      0,
    ) as {
      data: { yAxis: number; label: { formatter: string }; lineStyle: { type: string | number[] } }[];
    };
    expect(marks.data.map((d) => [d.yAxis, d.label.formatter, d.lineStyle.type])).toEqual([
      [3200, '多 2 @ 3200', 'dashed'],
      [3230, '卖平今 1 @ 3230', [6, 3, 2, 3]],
      [3250, '止盈 2 ≥ 3250', 'dotted'],
      [3150, '止损 2 ≤ 3150', 'dotted'],
      [3300, '条件单 3 ≥ 3300', 'dotted'],
    ]);
  });
});

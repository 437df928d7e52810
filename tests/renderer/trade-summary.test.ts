// 成交汇总: fills taken together by contract, side and offset.
import { describe, expect, it } from 'vitest';
import { summarizeTrades } from '../../src/renderer/src/panels/trade-summary';
import type { Trade } from '../../src/shared/model/types';

const fill = (id: string, side: Trade['side'], offset: Trade['offset'], price: number, volume: number, time: number, closeProfit = 0): Trade => ({
  id,
  orderId: id,
  symbol: 'SHFE.rb2605',
  side,
  offset,
  price,
  volume,
  time,
  tradingDay: 20260106,
  commission: volume * 1.5,
  closeProfit,
  source: 'manual',
});

describe('the summary of the day’s fills', () => {
  it('sums lots, fees and close P&L, and averages the price by volume, per contract, side and offset', () => {
    const rows = summarizeTrades([
      fill('T1', 'buy', 'open', 3100, 1, 1),
      fill('T2', 'buy', 'open', 3104, 3, 3),
      fill('T3', 'sell', 'closeToday', 3110, 2, 5, 120),
      { ...fill('T4', 'buy', 'open', 100000, 1, 2), symbol: 'SHFE.cu2603' },
      fill('T5', 'sell', 'closeToday', 3090, 2, 4, -40),
    ]);
    expect(rows.map((r) => [r.symbol, r.side, r.offset, r.fills, r.volume, r.avgPrice, r.commission, r.closeProfit, r.time])).toEqual([
      ['SHFE.rb2605', 'buy', 'open', 2, 4, 3103, 6, 0, 3],
      ['SHFE.rb2605', 'sell', 'closeToday', 2, 4, 3100, 6, 80, 5],
      ['SHFE.cu2603', 'buy', 'open', 1, 1, 100000, 1.5, 0, 2],
    ]);
    expect(summarizeTrades([])).toEqual([]);
  });
});

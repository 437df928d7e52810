import { describe, expect, it } from 'vitest';
import { StopOrderBook } from '../../src/main/trading/stop-orders';
import type { Bar, StopOrder } from '../../src/shared/model/types';

const RB = 'SHFE.rb2605';
const OPEN = Date.UTC(2026, 0, 7, 1, 0); // 09:00 in Shanghai

function stop(id: string, over: Partial<StopOrder>): StopOrder {
  return { id, symbol: RB, side: 'buy', offset: 'open', volume: 1, triggerPrice: 0, limitPrice: undefined, status: 'waiting', orderIds: [], createdAt: 0, source: 'manual', ...over };
}

const bar = (time: number, open: number, high: number, low: number): Bar => ({ symbol: RB, period: '1m', time, tradingDay: 20260107, open, high, low, close: open, volume: 1, openInterest: 1 });

describe('the stop order book', () => {
  it('fires a buy stop at its trigger and a parked order at its open, whatever the price', () => {
    const book = new StopOrderBook();
    book.add(stop('S1', { triggerPrice: 3200 }));
    book.add(stop('S2', { side: 'sell', openAt: OPEN }));
    // Before the open: the parked order waits even at a price that would fire any stop; the buy stop waits below 3200.
    expect(book.onPrice(RB, 3199, OPEN - 1)).toEqual([]);
    expect(book.onPrice(RB, 1, OPEN - 1)).toEqual([]);
    // The open's first tick: the parked order goes, at the tick's price; the stop still waits.
    expect(book.onPrice(RB, 3150, OPEN).map((t) => [t.stop.id, t.price, t.stop.status])).toEqual([['S2', 3150, 'triggered']]);
    expect(book.onPrice(RB, 3201, OPEN + 15_000).map((t) => [t.stop.id, t.price])).toEqual([['S1', 3201]]);
    expect(book.hasWaiting(RB)).toBe(false);
  });

  it('fires a parked order in the first bar at or after its open, at the bar’s open', () => {
    const book = new StopOrderBook();
    book.add(stop('S1', { openAt: OPEN }));
    expect(book.onBar(bar(OPEN - 60_000, 3100, 3300, 3000))).toEqual([]);
    expect(book.onBar(bar(OPEN, 3150, 3160, 3140)).map((t) => [t.stop.id, t.price])).toEqual([['S1', 3150]]);
  });
});

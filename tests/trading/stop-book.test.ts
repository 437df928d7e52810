import { describe, expect, it } from 'vitest';
import { StopOrderBook } from '../../src/main/trading/stop-orders';
import { FINISHED_STOPS_SHOWN } from '../../src/shared/model/stop-orders';
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

  it('fires a take-profit the other way: a sell when the price rises to it, at the open where it gapped through', () => {
    const book = new StopOrderBook();
    book.add(stop('S1', { side: 'sell', offset: 'close', triggerPrice: 3250, trigger: 'above', bracket: 'B1' }));
    book.add(stop('S2', { side: 'sell', offset: 'close', triggerPrice: 3150, bracket: 'B1' }));
    expect(book.bracketed(RB, { bracket: 'B1' }).map((s) => s.id)).toEqual(['S1', 'S2']);
    // A sell stop (S2) waits above 3150, the take-profit (S1) below 3250.
    expect(book.onPrice(RB, 3249, OPEN)).toEqual([]);
    expect(book.onPrice(RB, 3151, OPEN)).toEqual([]);
    expect(book.onPrice(RB, 3250, OPEN).map((t) => [t.stop.id, t.price])).toEqual([['S1', 3250]]);
    expect(book.bracketed(RB, {}).map((s) => s.id)).toEqual(['S2']);

    book.add(stop('S3', { side: 'buy', offset: 'close', triggerPrice: 3100, trigger: 'below' }));
    expect(book.onBar(bar(OPEN, 3160, 3170, 3151))).toEqual([]);
    // Gapped down through both: each at the bar's open.
    expect(book.onBar(bar(OPEN + 60_000, 3090, 3095, 3080)).map((t) => [t.stop.id, t.price])).toEqual([
      ['S2', 3090],
      ['S3', 3090],
    ]);
    book.add(stop('S4', { side: 'buy', offset: 'close', triggerPrice: 3100, trigger: 'below' }));
    expect(book.onBar(bar(OPEN + 120_000, 3120, 3125, 3095)).map((t) => [t.stop.id, t.price])).toEqual([['S4', 3100]]);
  });

  it('keeps every waiting stop and the latest finished ones a screen shows, and lets older ones go', () => {
    const book = new StopOrderBook();
    book.add(stop('W', { side: 'sell', triggerPrice: 1 }));
    // A strategy trailing its stop: each bar one cancelled, one placed.
    let previous: string | undefined;
    for (let i = 0; i < 1000; i++) {
      if (previous !== undefined) expect(book.cancel(previous)?.status).toBe('cancelled');
      const s = stop(book.nextId(), { side: 'sell', triggerPrice: 3000 + i });
      book.add(s);
      previous = s.id;
    }
    const kept = [...book.stops.values()];
    expect(kept.filter((s) => s.status === 'waiting').map((s) => s.id)).toEqual(['W', previous]);
    const finished = kept.filter((s) => s.status !== 'waiting');
    expect(finished).toHaveLength(FINISHED_STOPS_SHOWN);
    // The latest ones, in the order they were placed.
    expect(finished.map((s) => s.triggerPrice)).toEqual(Array.from({ length: FINISHED_STOPS_SHOWN }, (_, k) => 3000 + 999 - FINISHED_STOPS_SHOWN + k));
    // A triggered one counts as finished too; the waiting one it fires is still found by its id until then.
    expect(book.onPrice(RB, 5000, OPEN)).toEqual([]);
    expect(book.onPrice(RB, 1, OPEN).map((t) => t.stop.id).sort()).toEqual(['W', previous].sort());
    expect(book.hasWaiting(RB)).toBe(false);
    expect([...book.stops.values()].filter((s) => s.status !== 'waiting')).toHaveLength(FINISHED_STOPS_SHOWN);
  });
});

import { describe, expect, it } from 'vitest';
import type { Position, Tick } from '../../src/shared/model/types';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { priceFor, resolveOrder, resolveStop, stepPrice, type TicketInput } from '../../src/renderer/src/ticket/ticket-model';
import { closableOf, closeRequest, reverseOpenRequest } from '../../src/renderer/src/panels/position-actions';

const registry = ContractRegistry.load();
const rb = registry.resolve('SHFE.rb2605', 20260106);
const au = registry.resolve('SHFE.au2606', 20260106);

function tick(over: Partial<Tick> = {}): Tick {
  return {
    symbol: 'SHFE.rb2605', time: 0, tradingDay: 20260106, last: 3100, bid: 3099, bidVolume: 10, ask: 3100, askVolume: 10, volume: 0, turnover: 0,
    openInterest: 0, open: 3100, high: 3100, low: 3100, preSettlement: 3100, preClose: 3100, preOpenInterest: 0, limitUp: 3255, limitDown: 2945, ...over,
  };
}
const input = (over: Partial<TicketInput> = {}): TicketInput => ({
  symbol: 'SHFE.rb2605', side: 'buy', offset: 'open', priceKind: 'limit', limitPrice: '3101', overTicks: '2', tif: 'gfd', volume: '1', ...over,
});

describe('order ticket prices (real contract specs: rb tick 1, au tick 0.02)', () => {
  it('对手价 takes the opposite side, 排队价 its own, 最新价 the last', () => {
    const t = tick();
    expect(priceFor('opponent', 'buy', t, rb, '', 0)).toBe(3100);
    expect(priceFor('opponent', 'sell', t, rb, '', 0)).toBe(3099);
    expect(priceFor('queue', 'buy', t, rb, '', 0)).toBe(3099);
    expect(priceFor('queue', 'sell', t, rb, '', 0)).toBe(3100);
    expect(priceFor('last', 'sell', t, rb, '', 0)).toBe(3100);
    expect(priceFor('opponent', 'buy', undefined, rb, '', 0)).toBeUndefined();
  });

  it('超价 goes N ticks beyond the opposite price, never past the limit price, on the tick', () => {
    expect(priceFor('over', 'buy', tick(), rb, '', 3)).toBe(3103);
    expect(priceFor('over', 'sell', tick(), rb, '', 3)).toBe(3096);
    expect(priceFor('over', 'buy', tick({ ask: 3254 }), rb, '', 5)).toBe(3255);
    expect(priceFor('over', 'sell', tick({ bid: 2946 }), rb, '', 5)).toBe(2945);
    const g = tick({ symbol: 'SHFE.au2606', bid: 600.1, ask: 600.12, limitUp: 660, limitDown: 540 });
    expect(priceFor('over', 'buy', g, au, '', 3)).toBe(600.18);
  });

  it('builds the request: limit, FAK, FOK, market; keeps what was typed for the engine to judge', () => {
    expect(resolveOrder(input(), tick(), rb)).toEqual({ ok: true, req: { symbol: 'SHFE.rb2605', side: 'buy', offset: 'open', type: 'limit', price: 3101, volume: 1 } });
    expect(resolveOrder(input({ tif: 'fak' }), tick(), rb)).toMatchObject({ ok: true, req: { type: 'fak' } });
    expect(resolveOrder(input({ tif: 'fok', priceKind: 'opponent', side: 'sell' }), tick(), rb)).toMatchObject({ ok: true, req: { type: 'fok', price: 3099 } });
    expect(resolveOrder(input({ priceKind: 'market' }), tick(), rb)).toMatchObject({ ok: true, req: { type: 'market', price: 0 } });
    // Off the tick and zero volume are sent: the engine refuses them with its reason.
    expect(resolveOrder(input({ limitPrice: '3100.5' }), tick(), rb)).toMatchObject({ ok: true, req: { price: 3100.5 } });
    expect(resolveOrder(input({ volume: '0' }), tick(), rb)).toMatchObject({ ok: true, req: { volume: 0 } });
  });

  it('refuses what is not an order at all, naming it', () => {
    expect(resolveOrder(input({ symbol: ' ' }), tick(), rb)).toEqual({ ok: false, error: 'ticket.noContract' });
    expect(resolveOrder(input({ volume: '1.5' }), tick(), rb)).toEqual({ ok: false, error: 'ticket.badVolume' });
    expect(resolveOrder(input({ volume: 'abc' }), tick(), rb)).toEqual({ ok: false, error: 'ticket.badVolume' });
    expect(resolveOrder(input({ limitPrice: '' }), tick(), rb)).toEqual({ ok: false, error: 'ticket.badPrice' });
    expect(resolveOrder(input({ priceKind: 'over', overTicks: '101' }), tick(), rb)).toEqual({ ok: false, error: 'ticket.badOver' });
    expect(resolveOrder(input({ priceKind: 'opponent' }), undefined, rb)).toMatchObject({ ok: false, error: 'ticket.noQuote' });
  });

  it('builds a 条件单: a stop-limit at the typed price or a stop at the market, never from a stale quote price', () => {
    expect(resolveStop(input({ limitPrice: '3205', tif: 'fak' }), '3200', tick(), rb)).toEqual({
      ok: true,
      req: { symbol: 'SHFE.rb2605', side: 'buy', offset: 'open', volume: 1, triggerPrice: 3200, limitPrice: 3205 },
    });
    expect(resolveStop(input({ side: 'sell', offset: 'close', priceKind: 'market', volume: '2' }), '3050', tick(), rb)).toEqual({
      ok: true,
      req: { symbol: 'SHFE.rb2605', side: 'sell', offset: 'close', volume: 2, triggerPrice: 3050 },
    });
    expect(resolveStop(input({ priceKind: 'opponent' }), '3200', tick(), rb)).toEqual({ ok: false, error: 'ticket.stopPriceKind' });
    expect(resolveStop(input(), '', tick(), rb)).toEqual({ ok: false, error: 'ticket.badTrigger' });
    expect(resolveStop(input(), '-5', tick(), rb)).toEqual({ ok: false, error: 'ticket.badTrigger' });
    expect(resolveStop(input({ volume: 'x' }), '3200', tick(), rb)).toEqual({ ok: false, error: 'ticket.badVolume' });
    // The trader's condition: a sell when the price rises to the trigger (a take-profit); the stop's own way is not sent.
    expect(resolveStop(input({ side: 'sell', offset: 'close', priceKind: 'market' }), '3300', tick(), rb, 'above')).toMatchObject({ ok: true, req: { side: 'sell', trigger: 'above' } });
    expect(resolveStop(input({ side: 'sell', offset: 'close', priceKind: 'market' }), '3000', tick(), rb, 'below')).toEqual({
      ok: true,
      req: { symbol: 'SHFE.rb2605', side: 'sell', offset: 'close', volume: 1, triggerPrice: 3000 },
    });
  });

  it('steps the typed price by one tick, snapping a price off the tick first', () => {
    expect(stepPrice('3100', 1, rb, undefined)).toBe('3101');
    expect(stepPrice('3100', -1, rb, undefined)).toBe('3099');
    expect(stepPrice('600.10', 1, au, undefined)).toBe('600.12');
    expect(stepPrice('', 1, rb, 3050)).toBe('3051');
    expect(stepPrice('x', 1, rb, undefined)).toBe('x');
  });
});

describe('one-click close and reverse', () => {
  const pos = (over: Partial<Position> = {}): Position => ({
    symbol: 'SHFE.rb2605', direction: 'long', volume: 3, todayVolume: 1, ydVolume: 2, frozen: 1, frozenToday: 0, frozenYd: 1,
    avgOpenPrice: 3000, avgPrice: 3000, lastPrice: 3100, floatProfit: 3000, positionProfit: 3000, margin: 9000, multiplier: 10, ...over,
  });

  it('closes what is not frozen, at the opposite price, with the offset the engine splits for SHFE', () => {
    expect(closableOf(pos())).toBe(2);
    expect(closeRequest(pos(), tick())).toEqual({ symbol: 'SHFE.rb2605', side: 'sell', offset: 'close', type: 'limit', price: 3099, volume: 2 });
    expect(closeRequest(pos({ direction: 'short' }), tick())).toMatchObject({ side: 'buy', price: 3100 });
    expect(closeRequest(pos({ frozen: 3 }), tick())).toBeUndefined();
    expect(closeRequest(pos(), undefined)).toMatchObject({ type: 'market', price: 0 });
  });

  it('reverses with an open of the same side and size as the close', () => {
    const close = closeRequest(pos(), tick())!;
    expect(reverseOpenRequest(close)).toEqual({ ...close, offset: 'open' });
  });
});

import { describe, expect, it } from 'vitest';
import type { LogEntry, Order } from '../../src/shared/model/types';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { formatReason, type Reason } from '../../src/shared/i18n/reasons';
import { FINISHED_STOPS_SHOWN, stopsShown } from '../../src/shared/model/stop-orders';
import { CENT, makeEngine, tick } from '../helpers/engine';

/** A buy at the ask fills at once in tick mode: the usual way to open a position in these tests. */
function fillAt(t: ReturnType<typeof makeEngine>, symbol: string, side: 'buy' | 'sell', offset: Order['offset'] | 'auto', price: number, volume: number): Order[] {
  t.engine.onTick(tick(symbol, price, { bid: price, ask: price, bidVolume: 1000, askVolume: 1000 }));
  return t.engine.sendOrder({ symbol, side, offset, type: 'limit', price, volume });
}

function settleAt(t: ReturnType<typeof makeEngine>, symbol: string, price: number, nextDay = 20250304): void {
  t.engine.onTick(tick(symbol, price, { bid: price, ask: price }));
  t.clock.set(shanghaiToEpoch(2025, 3, 3, 15, 30));
  t.engine.rollTradingDay(nextDay);
  t.clock.set(shanghaiToEpoch(2025, 3, 4, 9, 30));
}

function accountAddsUp(t: ReturnType<typeof makeEngine>): void {
  const a = t.engine.accountSnapshot();
  expect(a.balance).toBeCloseTo(a.staticBalance + a.closeProfit + a.positionProfit - a.commission, 6);
  expect(a.available).toBeCloseTo(a.balance - a.margin - a.frozenMargin - a.frozenCommission, 6);
  expect(a.staticBalance).toBeCloseTo(a.preBalance + a.deposit - a.withdraw, 6);
}

describe('orders on SHFE: close today and close yesterday', () => {
  it('splits a close into close-yesterday first, then close-today', () => {
    const t = makeEngine();
    fillAt(t, 'rb2505', 'buy', 'open', 3500, 3);
    settleAt(t, 'rb2505', 3510);
    fillAt(t, 'rb2505', 'buy', 'open', 3520, 2);
    const pos = t.engine.portfolio.position(t.engine.contracts.resolve('rb2505'), 'long');
    expect([pos.ydVolume, pos.todayVolume]).toEqual([3, 2]);

    t.engine.onTick(tick('rb2505', 3530, { bid: 3530, ask: 3531 }, shanghaiToEpoch(2025, 3, 4, 9, 31)));
    const orders = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'close', type: 'limit', price: 3530, volume: 4 });
    expect(orders.map((o) => [o.offset, o.volume, o.status])).toEqual([
      ['closeYesterday', 3, 'filled'],
      ['closeToday', 1, 'filled'],
    ]);
    expect(orders[0]!.parentId).toBeDefined();
    expect(orders[0]!.parentId).toBe(orders[1]!.parentId);
    expect([pos.ydVolume, pos.todayVolume]).toEqual([0, 1]);
    // Yesterday's lots close against the settlement (3510), today's against their open price (3520): 盯市.
    const trades = t.recorder.trades.slice(-2);
    expect(trades[0]!.closeProfit).toBeCloseTo((3530 - 3510) * 10 * 3, 6);
    expect(trades[1]!.closeProfit).toBeCloseTo((3530 - 3520) * 10 * 1, 6);
    accountAddsUp(t);
  });

  it('refuses close-today and close-yesterday beyond what each bucket holds', () => {
    const t = makeEngine();
    fillAt(t, 'rb2505', 'buy', 'open', 3500, 2);
    const ct = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'closeToday', type: 'limit', price: 3500, volume: 3 });
    expect(ct[0]!.status).toBe('rejected');
    expect(ct[0]!.statusReason?.code).toBe('CLOSE_EXCEEDS_POSITION');
    expect(ct[0]!.statusMsg).toContain('可平量 2');
    const cy = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'closeYesterday', type: 'limit', price: 3500, volume: 1 });
    expect(cy[0]!.statusReason?.code).toBe('CLOSE_EXCEEDS_POSITION');
  });

  it('charges SHFE gold close-today at its own (2021: free) rate', () => {
    const t = makeEngine();
    const au = t.engine.contracts.resolve('au2506');
    expect(au.commission).toMatchObject({ byVolume: true, open: 10, closeToday: 0 });
    fillAt(t, 'au2506', 'buy', 'open', 680, 2);
    settleAt(t, 'au2506', 682);
    fillAt(t, 'au2506', 'buy', 'open', 683, 1);
    const before = t.engine.portfolio.account.commission;
    fillAt(t, 'au2506', 'sell', 'close', 684, 3);
    // 2 yesterday lots at 10 per lot, 1 today lot free.
    expect(t.engine.portfolio.account.commission - before).toBeCloseTo(2 * au.commission.close + 0, 6);
    accountAddsUp(t);
  });
});

describe('orders on other exchanges: first in, first out', () => {
  it('DCE: a close closes yesterday first and prices the today part at the close-today rate', () => {
    const t = makeEngine();
    const pp = t.engine.contracts.resolve('pp2505');
    expect(pp.commission.closeToday).not.toBe(pp.commission.close);
    fillAt(t, 'pp2505', 'buy', 'open', 7500, 1);
    settleAt(t, 'pp2505', 7500);
    fillAt(t, 'pp2505', 'buy', 'open', 7510, 1);
    const before = t.engine.portfolio.account.commission;
    const orders = fillAt(t, 'pp2505', 'sell', 'close', 7520, 2);
    expect(orders.map((o) => o.offset)).toEqual(['close']);
    const fee = 7520 * pp.multiplier * pp.commission.close + 7520 * pp.multiplier * pp.commission.closeToday;
    expect(t.engine.portfolio.account.commission - before).toBeCloseTo(fee, 8);
  });

  it('DCE: close-today is sent as a close and closes the older lot', () => {
    const t = makeEngine();
    fillAt(t, 'i2505', 'buy', 'open', 800, 1);
    settleAt(t, 'i2505', 800);
    fillAt(t, 'i2505', 'buy', 'open', 801, 1);
    const orders = fillAt(t, 'i2505', 'sell', 'closeToday', 802, 1);
    expect(orders[0]!.offset).toBe('close');
    const pos = t.engine.portfolio.position(t.engine.contracts.resolve('i2505'), 'long');
    expect([pos.ydVolume, pos.todayVolume]).toEqual([0, 1]);
  });

  it('CZCE PTA: per-lot fees, close-today free (2021 rates)', () => {
    const t = makeEngine();
    const ta = t.engine.contracts.resolve('TA505');
    expect(ta.commission).toMatchObject({ byVolume: true, open: 3, close: 3, closeToday: 0 });
    fillAt(t, 'TA505', 'sell', 'open', 5000, 4);
    expect(t.engine.portfolio.account.commission).toBeCloseTo(12, 6);
    fillAt(t, 'TA505', 'buy', 'close', 4990, 4);
    expect(t.engine.portfolio.account.commission).toBeCloseTo(12, 6);
    // Short 4 from 5000 covered at 4990: 10 points * 5 * 4.
    expect(t.engine.portfolio.account.closeProfit).toBeCloseTo(200, 6);
    accountAddsUp(t);
  });

  it('CFFEX IF: turnover fees with the higher close-today rate', () => {
    const t = makeEngine();
    const iF = t.engine.contracts.resolve('IF2506');
    t.clock.set(shanghaiToEpoch(2025, 3, 3, 10, 0));
    fillAt(t, 'IF2506', 'buy', 'open', 3900.2, 1);
    fillAt(t, 'IF2506', 'sell', 'close', 3910.4, 1);
    const expected = 3900.2 * 300 * iF.commission.open + 3910.4 * 300 * iF.commission.closeToday;
    expect(t.engine.portfolio.account.commission).toBeCloseTo(expected, 6);
    expect(t.engine.portfolio.account.closeProfit).toBeCloseTo((3910.4 - 3900.2) * 300, 6);
  });
});

describe('price and volume checks', () => {
  it.each([
    ['rb2505', 3500.5, 1, 'PRICE_OFF_TICK'],
    ['IF2506', 3900.1, 1, 'PRICE_OFF_TICK'],
    ['rb2505', 0, 1, 'PRICE_NOT_POSITIVE'],
    ['rb2505', 3500, 0, 'VOLUME_NOT_POSITIVE'],
    ['rb2505', 3500, -2, 'VOLUME_NOT_POSITIVE'],
    ['rb2505', 3500, 501, 'VOLUME_TOO_LARGE'],
    ['IF2506', 3900.2, 21, 'VOLUME_TOO_LARGE'],
    ['xx2505', 3500, 1, 'UNKNOWN_CONTRACT'],
  ] as const)('%s at %s x %s is refused: %s', (symbol, price, volume, code) => {
    const t = makeEngine();
    const [o] = t.engine.sendOrder({ symbol, side: 'buy', offset: 'open', type: 'limit', price, volume });
    expect(o!.status).toBe('rejected');
    expect(o!.statusReason?.code).toBe(code);
    expect(o!.statusMsg.length).toBeGreaterThan(0);
    expect(t.engine.accountSnapshot().frozenMargin).toBe(0);
  });

  it('accepts a price that is a multiple of a fractional tick despite binary rounding', () => {
    const t = makeEngine();
    t.clock.set(shanghaiToEpoch(2025, 3, 3, 10, 0));
    t.engine.onTick(tick('IF2506', 3900, { bid: 3899.8, ask: 3900.2 }));
    const [o] = t.engine.sendOrder({ symbol: 'IF2506', side: 'buy', offset: 'open', type: 'limit', price: 3899.6, volume: 1 });
    expect(o!.status).toBe('submitted');
  });

  it('refuses prices outside the limit-up / limit-down band', () => {
    const t = makeEngine();
    t.engine.onTick(tick('rb2505', 3500, { limitUp: 3745, limitDown: 3255, preSettlement: 3500 }));
    const [up] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3746, volume: 1 });
    expect(up!.statusReason).toEqual({ code: 'PRICE_ABOVE_LIMIT_UP', params: { price: 3746, limitUp: 3745 } });
    const [down] = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'open', type: 'limit', price: 3254, volume: 1 });
    expect(down!.statusReason?.code).toBe('PRICE_BELOW_LIMIT_DOWN');
    const [at] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3745, volume: 1 });
    expect(at!.status).toBe('filled');
  });

  it('derives the next day limit band from the settlement price', () => {
    const t = makeEngine();
    fillAt(t, 'rb2505', 'buy', 'open', 3500, 1);
    settleAt(t, 'rb2505', 3500);
    const q = t.engine.market.get('SHFE.rb2505')!;
    const ratio = t.engine.contracts.resolve('rb2505').limitRatio;
    expect(q.preSettlement).toBe(3500);
    expect(q.limitUp).toBe(Math.floor(3500 * (1 + ratio)));
    expect(q.limitDown).toBe(Math.ceil(3500 * (1 - ratio)));
  });

  it('refuses orders outside trading hours', () => {
    const t = makeEngine();
    t.engine.onTick(tick('rb2505', 3500));
    t.clock.set(shanghaiToEpoch(2025, 3, 3, 10, 20));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3500, volume: 1 });
    expect(o!.status).toBe('rejected');
    // It says when the contract trades next: here after the morning break.
    expect(o!.statusReason?.code).toBe('OUT_OF_SESSION_UNTIL');
    expect(o!.statusMsg).toBe('非交易时段：rb2505 下一交易时段 2025-03-03 10:30 开始');
    expect(formatReason(o!.statusReason as Reason, 'en')).toBe('Outside trading hours: rb2505 next trades from 2025-03-03 10:30');
    expect(t.engine.accountSnapshot().frozenMargin).toBe(0);
    // After the day's close, the night session; after Friday night's, Monday morning; before the Spring Festival,
    // the first day after it (no night session on its eve).
    const next = (y: number, mo: number, d: number, h: number, mi: number): string | undefined => {
      t.clock.set(shanghaiToEpoch(y, mo, d, h, mi));
      return t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3500, volume: 1 })[0]!.statusReason?.params['next'] as string | undefined;
    };
    expect(next(2025, 3, 3, 15, 30)).toBe('2025-03-03 21:00');
    expect(next(2025, 3, 7, 23, 30)).toBe('2025-03-10 09:00');
    expect(next(2025, 1, 27, 15, 30)).toBe('2025-02-05 09:00');
  });
});

describe('frozen volume and money', () => {
  it('freezes what a working order needs and releases it on cancel', () => {
    const t = makeEngine();
    const rb = t.engine.contracts.resolve('rb2505');
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3490, volume: 2 });
    expect(o!.status).toBe('submitted');
    const a = t.engine.accountSnapshot();
    expect(a.frozenMargin).toBeCloseTo(3490 * 10 * 2 * rb.marginLong, 6);
    expect(a.frozenCommission).toBeCloseTo(3490 * 10 * 2 * rb.commission.open, 6);
    accountAddsUp(t);
    expect(t.engine.cancelOrder(o!.id)).toBeUndefined();
    expect(o!.status).toBe('cancelled');
    expect(t.engine.accountSnapshot().frozenMargin).toBe(0);
    expect(t.engine.accountSnapshot().available).toBeCloseTo(1_000_000, 6);
  });

  it('a pending close holds its lots: a second close beyond the rest is refused', () => {
    const t = makeEngine();
    fillAt(t, 'rb2505', 'buy', 'open', 3500, 3);
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [c1] = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'closeToday', type: 'limit', price: 3520, volume: 2 });
    expect(c1!.status).toBe('submitted');
    const pos = t.engine.portfolio.position(t.engine.contracts.resolve('rb2505'), 'long');
    expect([pos.frozenToday, pos.available]).toEqual([2, 1]);
    const [c2] = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'closeToday', type: 'limit', price: 3520, volume: 2 });
    expect(c2!.statusReason?.code).toBe('CLOSE_EXCEEDS_POSITION');
    t.engine.cancelOrder(c1!.id);
    expect(pos.frozenToday).toBe(0);
  });

  it('refuses an open the available funds cannot carry', () => {
    const t = makeEngine({ capital: 10_000 });
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 5 });
    expect(o!.statusReason?.code).toBe('INSUFFICIENT_MARGIN');
    const [ok] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 2 });
    expect(ok!.status).toBe('filled');
  });
});

describe('order types against ticks', () => {
  it('market order on DCE fills at the ask; with no ask it is cancelled', () => {
    const t = makeEngine();
    t.engine.onTick(tick('m2505', 3000, { bid: 3000, ask: 3001 }));
    const [o] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'market', price: 0, volume: 2 });
    expect([o!.status, o!.avgPrice]).toEqual(['filled', 3001]);
    t.engine.onTick(tick('m2505', 3100, { bid: 3100, ask: 0, askVolume: 0 }));
    const [n] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'market', price: 0, volume: 1 });
    expect(n!.status).toBe('cancelled');
    expect(n!.statusReason?.code).toBe('NO_COUNTERPARTY');
  });

  it('market order on SHFE is sent as FAK at the limit price and fills at the ask', () => {
    const t = makeEngine();
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501, limitUp: 3745, limitDown: 3255 }));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'market', price: 0, volume: 1 });
    expect([o!.type, o!.price, o!.status, o!.avgPrice]).toEqual(['fak', 3745, 'filled', 3501]);
  });

  it('FAK fills what it can and cancels the rest; FOK fills all or nothing', () => {
    const t = makeEngine();
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501, askVolume: 3 }));
    const [fak] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'fak', price: 3502, volume: 5 });
    expect([fak!.status, fak!.traded, fak!.statusReason?.code]).toEqual(['cancelled', 3, 'FAK_REMAINDER']);
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501, askVolume: 3 }));
    const [fok] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'fok', price: 3502, volume: 5 });
    expect([fok!.status, fok!.traded, fok!.statusReason?.code]).toEqual(['cancelled', 0, 'FOK_NOT_FILLED']);
    const pos = t.engine.portfolio.position(t.engine.contracts.resolve('rb2505'), 'long');
    expect(pos.volume).toBe(3);
  });

  it('a limit order larger than the ask volume fills partly, rests, and fills at its own price later', () => {
    const t = makeEngine();
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501, askVolume: 2 }));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 5 });
    expect([o!.status, o!.traded]).toEqual(['partFilled', 2]);
    t.engine.onTick(tick('rb2505', 3499, { bid: 3498, ask: 3499, askVolume: 100 }));
    expect([o!.status, o!.traded, o!.avgPrice]).toEqual(['filled', 5, 3501]);
  });

  it('a resting order does not fill until the market reaches it', () => {
    const t = makeEngine();
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'open', type: 'limit', price: 3510, volume: 1 });
    t.engine.onTick(tick('rb2505', 3505, { bid: 3505, ask: 3506 }));
    expect(o!.status).toBe('submitted');
    t.engine.onTick(tick('rb2505', 3510, { bid: 3510, ask: 3511 }));
    expect([o!.status, o!.avgPrice]).toEqual(['filled', 3510]);
  });

  it('slippage makes market fills worse by N ticks, never past a limit', () => {
    const t = makeEngine({ sim: { slippageTicks: 2 } });
    t.engine.onTick(tick('m2505', 3000, { bid: 3000, ask: 3001 }));
    const [m] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'market', price: 0, volume: 1 });
    expect(m!.avgPrice).toBe(3003);
    const [l] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'limit', price: 3002, volume: 1 });
    expect(l!.avgPrice).toBe(3002);
  });

  it('refuses a stop order off the price tick, saying why in Chinese and in English', () => {
    const t = makeEngine();
    // Soybean meal moves by 1 CNY: 3010.5 is between two ticks.
    const refused = t.engine.sendStopOrder({ symbol: 'm2505', side: 'buy', offset: 'open', volume: 1, triggerPrice: 3010.5 }) as Reason;
    expect(refused.code).toBe('STOP_INVALID');
    expect(formatReason(refused)).toBe('条件单无效：触发价 3010.5 不是最小变动价位 1 的整数倍');
    expect(formatReason(refused, 'en')).toMatch(/^Invalid stop order: [\x20-\x7e]*3010\.5[\x20-\x7e]*$/);
    expect(t.engine.stops.waiting()).toHaveLength(0);
    const zero = t.engine.sendStopOrder({ symbol: 'm2505', side: 'sell', offset: 'open', volume: 1, triggerPrice: 0 }) as Reason;
    expect(formatReason(zero, 'en')).toBe('Invalid stop order: The trigger price must be above 0 (got 0)');
  });

  it('a stop order triggers on the last price and sends a market order', () => {
    const t = makeEngine();
    t.engine.onTick(tick('m2505', 3000, { bid: 3000, ask: 3001 }));
    const stop = t.engine.sendStopOrder({ symbol: 'm2505', side: 'buy', offset: 'open', volume: 1, triggerPrice: 3010 });
    expect('code' in stop).toBe(false);
    t.engine.onTick(tick('m2505', 3009, { bid: 3009, ask: 3010 }));
    expect(t.engine.stops.waiting()).toHaveLength(1);
    t.engine.onTick(tick('m2505', 3010, { bid: 3010, ask: 3011 }));
    expect(t.engine.stops.waiting()).toHaveLength(0);
    const order = t.engine.oms.get((stop as { orderIds: string[] }).orderIds[0]!)!;
    expect([order.type, order.status, order.avgPrice, order.stopPrice]).toEqual(['market', 'filled', 3011, 3010]);
  });

  it('shows every waiting stop and the latest finished ones of a strategy trailing its stop all day', () => {
    const t = makeEngine();
    t.engine.onTick(tick('m2505', 3000, { bid: 3000, ask: 3001 }));
    const keep = t.engine.sendStopOrder({ symbol: 'm2505', side: 'buy', offset: 'open', volume: 1, triggerPrice: 3100, source: 'breakout' }) as { id: string };
    // A trailing stop moved 300 times: each move cancels the last one and places the next.
    for (let i = 0; i < 300; i++) {
      const s = t.engine.sendStopOrder({ symbol: 'm2505', side: 'sell', offset: 'open', volume: 1, triggerPrice: 2900 + (i % 50), source: 'trail' }) as { id: string };
      if (i < 299) t.engine.cancelStopOrder(s.id);
    }
    const shown = stopsShown(t.engine.stops.stops.values());
    expect(shown.filter((s) => s.status === 'waiting').map((s) => s.source)).toEqual(['breakout', 'trail']);
    const finished = shown.filter((s) => s.status !== 'waiting');
    expect(finished).toHaveLength(FINISHED_STOPS_SHOWN);
    // The latest: the oldest shown is the 100th of the 299 cancelled.
    expect(finished[0]!.id).toBe(`S${2 + 299 - FINISHED_STOPS_SHOWN}`);
    expect(shown[0]!.id).toBe(keep.id);
  });
});

describe('cancel all', () => {
  it('cancels every working order, or those of one contract, and leaves finished ones alone', () => {
    const t = makeEngine();
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    t.engine.onTick(tick('m2505', 3000, { bid: 3000, ask: 3001 }));
    const [r1] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3490, volume: 1 });
    const [r2] = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'open', type: 'limit', price: 3510, volume: 1 });
    const [m1] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'limit', price: 2990, volume: 1 });
    const [done] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3501, volume: 1 });
    expect(done!.status).toBe('filled');
    expect(t.engine.cancelAll('SHFE.rb2505')).toBe(2);
    expect([r1!.status, r2!.status, m1!.status, done!.status]).toEqual(['cancelled', 'cancelled', 'submitted', 'filled']);
    expect(t.engine.cancelAll()).toBe(1);
    expect(m1!.status).toBe('cancelled');
    expect(t.engine.accountSnapshot().frozenMargin).toBe(0);
  });
});

describe('the order manager keeps to the state machine', () => {
  it('ignores and reports a fill for an order that is already cancelled', () => {
    const t = makeEngine();
    const logs: LogEntry[] = [];
    t.engine.bus.on('log', (l) => logs.push(l));
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3490, volume: 1 });
    t.engine.cancelOrder(o!.id);
    t.engine.orderFilled(o!.id, 3490, 1, t.clock.now());
    expect([o!.status, o!.traded]).toEqual(['cancelled', 0]);
    expect(t.engine.portfolio.openPositions()).toHaveLength(0);
    expect(logs.some((l) => l.level === 'warn' && l.message.includes('invalid transition cancelled -> filled'))).toBe(true);
  });

  it('applies a trade reported twice only once', () => {
    const t = makeEngine();
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3490, volume: 2 });
    t.engine.orderFilled(o!.id, 3490, 1, t.clock.now(), 'X1');
    t.engine.orderFilled(o!.id, 3490, 1, t.clock.now(), 'X1');
    expect(o!.traded).toBe(1);
  });

  it('cancelling a finished or unknown order says why', () => {
    const t = makeEngine();
    expect(t.engine.cancelOrder('nope')?.code).toBe('ORDER_NOT_FOUND');
    const [o] = fillAt(t, 'rb2505', 'buy', 'open', 3500, 1);
    expect(t.engine.cancelOrder(o!.id)?.code).toBe('ORDER_NOT_CANCELLABLE');
  });
});

describe('daily settlement', () => {
  it('marks to the settlement price, carries the balance and expires day orders', () => {
    const t = makeEngine();
    const perf: number[] = [];
    t.engine.bus.on('settlement', (p) => perf.push(p.netPnl));
    fillAt(t, 'rb2505', 'buy', 'open', 3500, 2);
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [resting] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3400, volume: 1 });
    const before = t.engine.accountSnapshot();
    settleAt(t, 'rb2505', 3520);
    expect(resting!.status).toBe('cancelled');
    expect(resting!.statusReason?.code).toBe('EXPIRED');
    const a = t.engine.accountSnapshot();
    const fee = before.commission;
    // The day made (3520 - 3500) * 10 * 2 less the commission; that is now in the static balance.
    expect(a.preBalance).toBeCloseTo(1_000_000 + 400 - fee, 6);
    expect(a.positionProfit).toBeCloseTo(0, 6);
    expect(a.closeProfit).toBe(0);
    expect(a.commission).toBe(0);
    expect(a.tradingDay).toBe(20250304);
    expect(perf[0]).toBeCloseTo(400 - fee, 6);
    const pos = t.engine.portfolio.position(t.engine.contracts.resolve('rb2505'), 'long').snapshot();
    expect([pos.ydVolume, pos.todayVolume, pos.avgPrice, pos.avgOpenPrice]).toEqual([2, 0, 3520, 3500]);
    const rb = t.engine.contracts.resolve('rb2505');
    expect(pos.margin).toBeCloseTo(3520 * 10 * 2 * rb.marginLong, 6);
    expect(pos.floatProfit).toBeCloseTo(400, 6);
    expect(Math.abs(a.balance - a.preBalance)).toBeLessThan(CENT);
    accountAddsUp(t);
  });
});

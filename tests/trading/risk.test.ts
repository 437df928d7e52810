import { describe, expect, it } from 'vitest';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { makeEngine, tick } from '../helpers/engine';

const limit = (price: number, volume = 1, side: 'buy' | 'sell' = 'buy', offset: 'open' | 'close' = 'open') =>
  ({ symbol: 'rb2505', side, offset, type: 'limit', price, volume }) as const;

describe('risk rules', () => {
  it('max position per contract counts held and pending lots', () => {
    const t = makeEngine({ risk: { maxPositionPerContract: 3 } });
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    expect(t.engine.sendOrder(limit(3501, 2))[0]!.status).toBe('filled');
    expect(t.engine.sendOrder(limit(3490, 1))[0]!.status).toBe('submitted');
    const [o] = t.engine.sendOrder(limit(3490, 1));
    expect(o!.statusReason).toEqual({ code: 'MAX_POSITION', params: { limit: 3 } });
    // Closing is never limited by it.
    expect(t.engine.sendOrder(limit(3500, 1, 'sell', 'close'))[0]!.status).not.toBe('rejected');
  });

  it('max working orders per contract', () => {
    const t = makeEngine({ risk: { maxOpenOrdersPerContract: 2 } });
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    t.engine.sendOrder(limit(3400));
    t.engine.sendOrder(limit(3401));
    expect(t.engine.sendOrder(limit(3402))[0]!.statusReason?.code).toBe('MAX_OPEN_ORDERS');
  });

  it('order rate per second, on the engine clock', () => {
    const t = makeEngine({ risk: { maxOrdersPerSecond: 3 } });
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    for (let i = 0; i < 3; i++) expect(t.engine.sendOrder(limit(3400 + i))[0]!.status).toBe('submitted');
    expect(t.engine.sendOrder(limit(3410))[0]!.statusReason?.code).toBe('ORDER_RATE');
    t.clock.set(t.clock.now() + 1000);
    expect(t.engine.sendOrder(limit(3411))[0]!.status).toBe('submitted');
  });

  it('cancels per contract per day, counted again on a new day', () => {
    const t = makeEngine({ risk: { maxCancelsPerContractPerDay: 2 } });
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const ids = [3400, 3401, 3402].map((p) => t.engine.sendOrder(limit(p))[0]!.id);
    expect(t.engine.cancelOrder(ids[0]!)).toBeUndefined();
    expect(t.engine.cancelOrder(ids[1]!)).toBeUndefined();
    expect(t.engine.cancelOrder(ids[2]!)?.code).toBe('CANCEL_LIMIT');
    t.engine.rollTradingDay(20250304);
    t.clock.set(shanghaiToEpoch(2025, 3, 4, 9, 30));
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501, tradingDay: 20250304 }, shanghaiToEpoch(2025, 3, 4, 9, 30)));
    const id = t.engine.sendOrder(limit(3400))[0]!.id;
    expect(t.engine.cancelOrder(id)).toBeUndefined();
  });

  it('self-trade: an order that would cross the account own working order is refused', () => {
    const t = makeEngine({ risk: { selfTradeCheck: true } });
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [sell] = t.engine.sendOrder(limit(3505, 1, 'sell'));
    expect(sell!.status).toBe('submitted');
    const [buy] = t.engine.sendOrder(limit(3505));
    expect(buy!.statusReason).toEqual({ code: 'SELF_TRADE', params: { orderId: sell!.id, price: 3505 } });
    expect(t.engine.sendOrder(limit(3504))[0]!.status).not.toBe('rejected');
  });

  it('daily loss limit: after it only closing orders pass', () => {
    const t = makeEngine({ capital: 100_000, risk: { maxDailyLossRatio: 0.01 } });
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    t.engine.sendOrder(limit(3501, 2));
    // Down 60 points on 2 lots of 10: a 1,200 loss, over 1% of 100,000.
    t.engine.onTick(tick('rb2505', 3441, { bid: 3441, ask: 3442 }));
    expect(t.engine.sendOrder(limit(3442))[0]!.statusReason?.code).toBe('DAILY_LOSS_LIMIT');
    expect(t.engine.sendOrder(limit(3441, 2, 'sell', 'close'))[0]!.status).toBe('filled');
  });

  it('drawdown limit from the highest end-of-day equity', () => {
    const t = makeEngine({ capital: 100_000, risk: { maxDrawdownRatio: 0.005 } });
    t.engine.portfolio.account.maxBalance = 101_000;
    t.engine.onTick(tick('rb2505', 3500, { bid: 3500, ask: 3501 }));
    const [o] = t.engine.sendOrder(limit(3501));
    expect(o!.statusReason?.code).toBe('DRAWDOWN_LIMIT');
  });

  it('rules can be changed at run time and are validated', () => {
    const t = makeEngine();
    expect(() => t.engine.risk.configure({ maxOrdersPerSecond: -1 })).toThrow();
    t.engine.risk.configure({ maxOrdersPerSecond: 1 });
    expect(t.engine.risk.settings.maxOrdersPerSecond).toBe(1);
  });
});

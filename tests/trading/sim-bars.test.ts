import { describe, expect, it } from 'vitest';
import type { Bar } from '../../src/shared/model/types';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { bar, makeEngine } from '../helpers/engine';

const T = (h: number, m: number, d = 3): number => shanghaiToEpoch(2025, 3, d, h, m);

/** Feeds a bar as the backtest driver does: the clock at the bar's end, then the engine. */
function feed(t: ReturnType<typeof makeEngine>, b: Bar): void {
  t.clock.set(b.time + 60_000);
  t.engine.onBar(b);
}

function setup(opts: Parameters<typeof makeEngine>[0] = {}) {
  const t = makeEngine({ mode: 'bar', ...opts });
  feed(t, bar('m2505', 3000, 3005, 2995, 3000, T(9, 30)));
  return t;
}

describe('bar fill rules (docs/fill-rules.md)', () => {
  it('an order sent on a bar close waits for the next bar', () => {
    const t = setup();
    const [o] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'limit', price: 3000, volume: 1 });
    expect(o!.status).toBe('submitted');
    expect(o!.traded).toBe(0);
  });

  it('limit: the market opening through the price fills at the open', () => {
    const t = setup();
    const [o] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'limit', price: 3000, volume: 1 });
    feed(t, bar('m2505', 2990, 2995, 2985, 2992, T(9, 31)));
    expect([o!.status, o!.avgPrice]).toEqual(['filled', 2990]);
    expect(t.recorder.trades[0]!.time).toBe(T(9, 31));
  });

  it('limit: reached inside the bar fills at the limit price', () => {
    const t = setup();
    const [o] = t.engine.sendOrder({ symbol: 'm2505', side: 'sell', offset: 'open', type: 'limit', price: 3010, volume: 1 });
    feed(t, bar('m2505', 3002, 3012, 3001, 3005, T(9, 31)));
    expect([o!.status, o!.avgPrice]).toEqual(['filled', 3010]);
  });

  it('limit: touched but not traded through fills by default, and not when fillAtTouch is off', () => {
    const touch = setup();
    const [a] = touch.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'limit', price: 2995, volume: 1 });
    feed(touch, bar('m2505', 3000, 3004, 2995, 3001, T(9, 31)));
    expect(a!.status).toBe('filled');
    const strict = setup({ sim: { fillAtTouch: false } });
    const [b] = strict.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'limit', price: 2995, volume: 1 });
    feed(strict, bar('m2505', 3000, 3004, 2995, 3001, T(9, 31)));
    expect(b!.status).toBe('submitted');
    feed(strict, bar('m2505', 3000, 3004, 2994, 3001, T(9, 32)));
    expect([b!.status, b!.avgPrice]).toEqual(['filled', 2995]);
  });

  it('limit: not reached keeps resting', () => {
    const t = setup();
    const [o] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'limit', price: 2980, volume: 1 });
    feed(t, bar('m2505', 3000, 3004, 2990, 3001, T(9, 31)));
    expect(o!.status).toBe('submitted');
  });

  it('market: fills at the next open, slippage added', () => {
    const t = setup({ sim: { slippageTicks: 1 } });
    const [o] = t.engine.sendOrder({ symbol: 'm2505', side: 'sell', offset: 'open', type: 'market', price: 0, volume: 2 });
    feed(t, bar('m2505', 2990, 2999, 2980, 2985, T(9, 31)));
    expect([o!.status, o!.avgPrice]).toEqual(['filled', 2989]);
  });

  it('FAK and FOK live only for the next open', () => {
    const t = setup();
    const [fak] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'fak', price: 2995, volume: 1 });
    const [fok] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'fok', price: 3001, volume: 1 });
    feed(t, bar('m2505', 3000, 3004, 2990, 3001, T(9, 31)));
    expect([fak!.status, fak!.statusReason?.code]).toEqual(['cancelled', 'FAK_REMAINDER']);
    expect([fok!.status, fok!.avgPrice]).toEqual(['filled', 3000]);
  });

  it('a bar volume share caps fills and leaves the rest resting', () => {
    const t = setup({ sim: { barVolumeShare: 0.01 } });
    const [o] = t.engine.sendOrder({ symbol: 'm2505', side: 'buy', offset: 'open', type: 'limit', price: 3000, volume: 15 });
    feed(t, bar('m2505', 2999, 3003, 2995, 3001, T(9, 31), 20250303, 1000));
    expect([o!.status, o!.traded]).toEqual(['partFilled', 10]);
    feed(t, bar('m2505', 2999, 3003, 2995, 3001, T(9, 32), 20250303, 1000));
    expect([o!.status, o!.traded]).toEqual(['filled', 15]);
  });

  it('stop: gapped through fills at the open, reached inside the bar fills at the trigger', () => {
    const t = setup();
    const gap = t.engine.sendStopOrder({ symbol: 'm2505', side: 'buy', offset: 'open', volume: 1, triggerPrice: 3003 });
    const inside = t.engine.sendStopOrder({ symbol: 'm2505', side: 'sell', offset: 'open', volume: 1, triggerPrice: 2990 });
    feed(t, bar('m2505', 3006, 3008, 2985, 2987, T(9, 31)));
    const g = t.engine.oms.get((gap as { orderIds: string[] }).orderIds[0]!)!;
    const s = t.engine.oms.get((inside as { orderIds: string[] }).orderIds[0]!)!;
    expect([g.status, g.avgPrice]).toEqual(['filled', 3006]);
    expect([s.status, s.avgPrice]).toEqual(['filled', 2990]);
  });

  it('stop-limit: fills at the trigger when its limit allows, else rests as a limit', () => {
    const t = setup();
    const ok = t.engine.sendStopOrder({ symbol: 'm2505', side: 'buy', offset: 'open', volume: 1, triggerPrice: 3004, limitPrice: 3005 });
    const low = t.engine.sendStopOrder({ symbol: 'm2505', side: 'buy', offset: 'open', volume: 1, triggerPrice: 3004, limitPrice: 3002 });
    feed(t, bar('m2505', 3000, 3008, 2999, 3007, T(9, 31)));
    const a = t.engine.oms.get((ok as { orderIds: string[] }).orderIds[0]!)!;
    const b = t.engine.oms.get((low as { orderIds: string[] }).orderIds[0]!)!;
    expect([a.status, a.avgPrice]).toEqual(['filled', 3004]);
    expect(b.status).toBe('submitted');
    feed(t, bar('m2505', 3006, 3007, 3001, 3003, T(9, 32)));
    expect([b.status, b.avgPrice]).toEqual(['filled', 3002]);
  });

  it("an order sent on the day's last close meets the night session's open, across the settlement", () => {
    const t = makeEngine({ mode: 'bar' });
    feed(t, bar('rb2505', 3500, 3505, 3495, 3500, T(14, 59)));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'market', price: 0, volume: 1 });
    expect(o!.tradingDay).toBe(20250304);
    feed(t, bar('rb2505', 3510, 3512, 3508, 3511, T(21, 0), 20250304));
    expect(t.engine.tradingDay).toBe(20250304);
    expect([o!.status, o!.avgPrice]).toEqual(['filled', 3510]);
  });

  it('an order of the day that did not fill expires at the settlement', () => {
    const t = makeEngine({ mode: 'bar' });
    feed(t, bar('rb2505', 3500, 3505, 3495, 3500, T(14, 0)));
    const [o] = t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3400, volume: 1 });
    feed(t, bar('rb2505', 3500, 3505, 3495, 3500, T(14, 59)));
    feed(t, bar('rb2505', 3510, 3512, 3508, 3511, T(21, 0), 20250304));
    expect([o!.status, o!.statusReason?.code]).toEqual(['cancelled', 'EXPIRED']);
    expect(t.engine.accountSnapshot().frozenMargin).toBe(0);
  });

  it("a close for the next day closes today's lots as yesterday's after the settlement (SHFE)", () => {
    const t = makeEngine({ mode: 'bar' });
    feed(t, bar('rb2505', 3500, 3505, 3495, 3500, T(14, 58)));
    t.engine.sendOrder({ symbol: 'rb2505', side: 'buy', offset: 'open', type: 'market', price: 0, volume: 2 });
    feed(t, bar('rb2505', 3500, 3505, 3495, 3502, T(14, 59)));
    const [close] = t.engine.sendOrder({ symbol: 'rb2505', side: 'sell', offset: 'close', type: 'market', price: 0, volume: 2 });
    expect(close!.offset).toBe('closeYesterday');
    feed(t, bar('rb2505', 3510, 3512, 3508, 3511, T(21, 0), 20250304));
    expect(close!.status).toBe('filled');
    expect(t.engine.portfolio.openPositions()).toHaveLength(0);
    expect(t.recorder.trades.at(-1)!.closeProfit).toBeCloseTo((3510 - 3502) * 10 * 2, 6);
  });
});

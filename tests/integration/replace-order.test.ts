// 改单: a working limit order at another price. Before, the trader had to cancel it and type the order again, and a
// fill between the two was easy to double.
import { describe, expect, it } from 'vitest';
import { apiOf, terminals } from '../helpers/terminals';
import { ManualClock } from '../../src/main/engine/clock';
import { MemoryRecorder } from '../../src/main/engine/recorder';
import { TradingEngine } from '../../src/main/engine/trading-engine';
import type { Gateway, GatewayListener } from '../../src/main/gateway/gateway';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { BACKTEST_RISK_CONFIG } from '../../src/main/trading/risk';
import { reason } from '../../src/shared/i18n/reasons';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { logText } from '../../src/shared/i18n/journal-messages';
import type { Order } from '../../src/shared/model/types';

const RB = 'SHFE.rb2605';
const terminal = terminals({ demoStrategy: false });

describe('改单 (replacing a working order)', () => {
  it('cancels the order and sends its remaining lots again at the new price, the same contract, side and offset', async () => {
    const t = terminal();
    const api = apiOf(t, 30);
    const q = t.engine.market.get(RB)!;
    const [resting] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: q.bid - 20, volume: 3 });
    expect(resting!.status).toBe('submitted');
    const frozen = t.engine.accountSnapshot().frozenMargin;

    await api.call('order.replace', { orderId: resting!.id, price: q.bid - 30 });
    expect(resting!.status).toBe('cancelled');
    const working = t.engine.oms.allWorking();
    expect(working.map((o) => [o.symbol, o.side, o.offset, o.type, o.price, o.volume, o.source])).toEqual([[RB, 'buy', 'open', 'limit', q.bid - 30, 3, 'manual']]);
    // What the order holds back moved with it, at the new price.
    expect(t.engine.accountSnapshot().frozenMargin).toBeCloseTo((frozen * (q.bid - 30)) / (q.bid - 20), 6);
    const line = t.recentLogs().find((l) => l.messageKey?.code === 'ORDER_REPLACED')!;
    expect(line.message).toBe(`改单：委托 #${resting!.id} 已撤，以 ${q.bid - 30} 重发 3 手，委托 #${working[0]!.id}`);
    expect(logText(line, 'en')).toBe(`Order #${resting!.id} replaced: 3 sent again at ${q.bid - 30} as order #${working[0]!.id}`);

    // Fewer lots; then at a price that crosses the market, it fills at once.
    await api.call('order.replace', { orderId: working[0]!.id, price: q.bid - 25, volume: 1 });
    const [one] = t.engine.oms.allWorking();
    expect([one!.price, one!.volume]).toEqual([q.bid - 25, 1]);
    await api.call('order.replace', { orderId: one!.id, price: t.engine.market.get(RB)!.ask });
    expect(t.engine.oms.allWorking()).toEqual([]);
    expect(t.engine.portfolio.positions.get(RB)!.long.volume).toBe(1);

    // A close today on SHFE stays a close today.
    const [close] = t.engine.sendOrder({ symbol: RB, side: 'sell', offset: 'close', type: 'limit', price: t.engine.market.get(RB)!.ask + 50, volume: 1 });
    expect(close!.offset).toBe('closeToday');
    await api.call('order.replace', { orderId: close!.id, price: t.engine.market.get(RB)!.ask + 40 });
    expect(t.engine.oms.allWorking().map((o) => [o.side, o.offset, o.price])).toEqual([['sell', 'closeToday', t.engine.market.get(RB)!.ask + 40]]);
  });

  it('refuses what cannot be replaced, saying why, and leaves the order as it was', async () => {
    const t = terminal();
    const api = apiOf(t, 30);
    const q = t.engine.market.get(RB)!;
    const [resting] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: q.bid - 20, volume: 2 });
    const [filled] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: q.ask, volume: 1 });
    const [fak] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'fak', price: q.bid - 20, volume: 1 });
    expect([filled!.status, fak!.status]).toEqual(['filled', 'cancelled']);

    const refused = (orderId: string, price: number, volume?: number) => api.call('order.replace', { orderId, price, ...(volume !== undefined ? { volume } : {}) });
    await expect(refused('999', q.bid)).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND', field: 'orderId' });
    await expect(refused(filled!.id, q.bid)).rejects.toMatchObject({ code: 'ORDER_NOT_CANCELLABLE', field: 'orderId' });
    await expect(refused(resting!.id, q.bid - 20.5)).rejects.toMatchObject({ code: 'PRICE_OFF_TICK', field: 'price' });
    await expect(refused(resting!.id, q.limitUp + 1)).rejects.toMatchObject({ code: 'PRICE_ABOVE_LIMIT_UP', field: 'price' });
    await expect(refused(resting!.id, q.bid, 0)).rejects.toMatchObject({ code: 'VOLUME_NOT_POSITIVE', field: 'volume' });
    await expect(api.call('order.replace', { orderId: resting!.id, price: q.bid, volume: 1.5 })).rejects.toMatchObject({ code: 'INVALID_PARAMS', field: 'volume' });
    expect([resting!.status, resting!.price]).toEqual(['submitted', q.bid - 20]);

    // A market order (an SHFE FAK) and a FOK rest nowhere: nothing to replace.
    const [market] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'market', price: 0, volume: 1 });
    expect(market!.type).toBe('fak');
    const [fok] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'fok', price: q.bid - 20, volume: 1 });
    expect(t.engine.replaceOrder(fok!.id, q.bid)).toMatchObject({ code: 'ORDER_NOT_CANCELLABLE' });
    const orders: Order[] = t.engine.oms.allWorking();
    expect(orders.map((o) => o.id)).toEqual([resting!.id]);
  });
});

describe('改单 at a venue that answers later', () => {
  it('leaves the order as it was when the venue refuses the cancel, and sends nothing in its stead', () => {
    const clock = new ManualClock(shanghaiToEpoch(2025, 3, 3, 9, 30));
    const registry = ContractRegistry.load();
    let listener: GatewayListener | undefined;
    const cancels: string[] = [];
    // A venue that takes every order and refuses every cancel (the order filled there a moment before, say).
    const venue: Gateway = {
      name: 'venue',
      connect: (l) => (listener = l),
      disconnect: () => {},
      sendOrder: (o) => listener!.orderAccepted(o.id, `X${o.id}`, clock.now()),
      cancelOrder: (o) => cancels.push(o.id),
    };
    const engine = new TradingEngine({ accountId: 'v', initialBalance: 1_000_000, contracts: registry, clock, gateway: venue, recorder: new MemoryRecorder(), risk: BACKTEST_RISK_CONFIG });
    engine.rollTradingDay(20250303);
    const events: { refused?: string; sent: number }[] = [];
    engine.bus.on('replaced', (r) => events.push({ ...(r.refused !== undefined ? { refused: r.refused.code } : {}), sent: r.to.length }));
    const [order] = engine.sendOrder({ symbol: 'SHFE.rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3300, volume: 2 });
    expect(engine.replaceOrder(order!.id, 3310)).toBeUndefined();
    expect(cancels).toEqual([order!.id]);
    // Asked again before the venue answers: it says so rather than cancel twice.
    expect(engine.replaceOrder(order!.id, 3320)).toMatchObject({ code: 'REPLACE_PENDING' });
    listener!.cancelRefused(order!.id, reason('CANCEL_REFUSED', { message: 'CTP:报单已全部成交' }), clock.now());
    expect(events).toEqual([{ refused: 'CANCEL_REFUSED', sent: 0 }]);
    expect([order!.status, order!.price, engine.oms.allWorking().length]).toEqual(['submitted', 3300, 1]);
    // A later cancel of it (the day's end, the trader) sends nothing either.
    listener!.orderCancelled(order!.id, undefined, clock.now());
    expect(engine.oms.allWorking()).toEqual([]);
    expect(events).toHaveLength(1);

    // An order that fills while its cancel is on the way is not sent again.
    const [other] = engine.sendOrder({ symbol: 'SHFE.rb2505', side: 'buy', offset: 'open', type: 'limit', price: 3300, volume: 1 });
    expect(engine.replaceOrder(other!.id, 3305)).toBeUndefined();
    listener!.orderFilled(other!.id, 3300, 1, clock.now(), 'T1');
    listener!.orderCancelled(other!.id, undefined, clock.now());
    expect([other!.status, engine.oms.allWorking().length, events.length]).toEqual(['filled', 0, 1]);
  });
});

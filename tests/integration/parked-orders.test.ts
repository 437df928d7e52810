// 预埋单: an order entered while its contract does not trade (rebar after 23:00), held by the terminal and sent when the
// contract's next session opens. Before, such an order was only refused (非交易时段).
import { describe, expect, it } from 'vitest';
import { logText } from '../../src/shared/i18n/journal-messages';
import { formatShanghai, shanghaiMinuteOfDay } from '../../src/shared/model/time';
import type { Order, StopOrder, Trade } from '../../src/shared/model/types';
import { apiOf, terminals } from '../helpers/terminals';

const RB = 'SHFE.rb2605';
const terminal = terminals({ demoStrategy: false });

describe('parked orders (预埋单)', () => {
  it('holds an order while rebar is closed, sends it when its session opens, and keeps it across a restart', async () => {
    const t = terminal();
    const api = apiOf(t);
    // Past rebar's night close: copper and nickel trade on until 01:00.
    while (shanghaiMinuteOfDay(t.replay.time) !== 23 * 60 + 15) t.replay.step();
    const last = t.engine.market.get(RB)!.last;

    const limit = (await api.call('order.park', { symbol: 'rb2605', side: 'buy', offset: 'open', volume: 2, limitPrice: last + 50 })) as StopOrder;
    const market = (await api.call('order.park', { symbol: 'rb2605', side: 'sell', offset: 'open', volume: 1 })) as StopOrder;
    // It opens at 09:00 on the trading day the night belongs to.
    expect([limit.status, limit.triggerPrice, shanghaiMinuteOfDay(limit.openAt!)]).toEqual(['waiting', 0, 9 * 60]);
    expect(market.openAt).toBe(limit.openAt);
    // The ticket's estimate says it too: rebar is closed until then, copper trades.
    const est = (symbol: string) => api.call('order.estimate', { symbol, side: 'buy', price: 0 }) as Promise<{ trading: boolean; nextOpen?: number }>;
    expect(await est('rb2605')).toMatchObject({ trading: false, nextOpen: limit.openAt });
    expect((await est('cu2603')).trading).toBe(true);
    // Refused with reasons: a bad price, and an order for a contract that is trading now.
    await expect(api.call('order.park', { symbol: 'rb2605', side: 'buy', offset: 'open', volume: 1, limitPrice: last + 0.5 })).rejects.toMatchObject({ code: 'PRICE_OFF_TICK' });
    await expect(api.call('order.park', { symbol: 'cu2603', side: 'buy', offset: 'open', volume: 1 })).rejects.toMatchObject({ code: 'PARK_IN_SESSION' });
    expect(t.engine.oms.allWorking()).toHaveLength(0);

    // A restart keeps them waiting.
    const profile = t.options.profileDir;
    t.close();
    const again = terminal(profile);
    expect(again.engine.stops.waiting(RB).map((s) => [s.id, s.openAt])).toEqual([
      [limit.id, limit.openAt],
      [market.id, market.openAt],
    ]);

    // Nothing goes out before the open; at the open's first tick both are sent, and trade there.
    const orders: Order[] = [];
    const trades: Trade[] = [];
    again.engine.bus.on('order', (o) => orders.push(o));
    again.engine.bus.on('trade', (x) => trades.push(x));
    let firstRb: number | undefined;
    again.engine.bus.on('tick', (x) => {
      if (x.symbol === RB) firstRb ??= x.time;
    });
    while (again.engine.stops.hasWaiting(RB)) {
      expect(orders).toHaveLength(0);
      again.replay.step();
    }
    expect(firstRb).toBe(limit.openAt);
    const sent = again.engine.stops.stops;
    const [a, b] = [sent.get(limit.id)!, sent.get(market.id)!];
    expect([a.status, b.status]).toEqual(['triggered', 'triggered']);
    const byId = new Map(orders.map((o) => [o.id, o]));
    const buy = byId.get(a.orderIds[0]!)!;
    expect([buy.side, buy.offset, buy.type, buy.price, buy.volume, buy.source, buy.stopPrice]).toEqual(['buy', 'open', 'limit', last + 50, 2, 'manual', undefined]);
    // SHFE takes no market orders: the parked market sell goes as a FAK at the day's limit-down price.
    const sell = byId.get(b.orderIds[0]!)!;
    expect([sell.side, sell.type, sell.volume]).toEqual(['sell', 'fak', 1]);
    expect(trades.map((x) => x.time)).toEqual([limit.openAt, limit.openAt]);
    // 日志 says when each was parked (before the restart) and what it sent at the open.
    const lines = again.recentLogs().filter((l) => l.messageKey?.code.startsWith('PARK'));
    expect(lines.map((l) => l.message)).toEqual([
      `预埋单 ${limit.id} rb2605：买开 2 手 @ ${last + 50}，${formatShanghai(limit.openAt!, false)} 开盘时发出`,
      `预埋单 ${market.id} rb2605：卖开 1 手 @ 市价，${formatShanghai(limit.openAt!, false)} 开盘时发出`,
      `预埋单 ${limit.id} 开盘发出委托 #${a.orderIds[0]}`,
      `预埋单 ${market.id} 开盘发出委托 #${b.orderIds[0]}`,
    ]);
    expect(logText(lines[3]!, 'en')).toBe(`Parked ${market.id} sent at the open: order #${b.orderIds[0]}`);
  });
});

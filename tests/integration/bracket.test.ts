// 止盈止损 on a position: a stop-loss and a take-profit that close it at the market, one cancelling the other. Before,
// a stop could only fire the stop's way (a sell when the price falls), so a take-profit could not be held at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiOf, terminals } from '../helpers/terminals';
import { logText } from '../../src/shared/i18n/journal-messages';
import type { StopOrder } from '../../src/shared/model/types';
import type { Terminal } from '../../src/main/engine/terminal';

const RB = 'SHFE.rb2605';
const terminal = terminals({ demoStrategy: false });

function buy(t: Terminal, volume: number): void {
  const [o] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: t.engine.market.get(RB)!.ask, volume });
  expect(o!.status).toBe('filled');
}

const long = (t: Terminal): number => t.engine.portfolio.positions.get(RB)?.long.volume ?? 0;

describe('止盈止损 (take-profit and stop-loss on a position)', () => {
  it('closes the position at whichever price is reached first and cancels the other', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-bracket-'));
    const t = terminal(profile);
    const api = apiOf(t, 30);

    // Refused, each saying why: nothing held, no price, a stop-loss above the market, a take-profit below it, off the tick.
    await expect(api.call('position.bracket', { symbol: RB, direction: 'long', stopLoss: 3000 })).rejects.toMatchObject({
      code: 'BRACKET_NO_POSITION',
      message: 'rb2605 没有可平的多仓，无法设止盈止损',
    });
    buy(t, 2);
    const last = t.engine.market.get(RB)!.last;
    await expect(api.call('position.bracket', { symbol: RB, direction: 'long' })).rejects.toMatchObject({ code: 'BRACKET_NO_PRICE' });
    await expect(api.call('position.bracket', { symbol: RB, direction: 'long', stopLoss: last })).rejects.toMatchObject({
      code: 'BRACKET_STOP_SIDE',
      message: `止损价 ${last} 须低于最新价 ${last}`,
    });
    await expect(api.call('position.bracket', { symbol: RB, direction: 'long', takeProfit: last - 1 })).rejects.toMatchObject({ code: 'BRACKET_PROFIT_SIDE' });
    await expect(api.call('position.bracket', { symbol: RB, direction: 'long', stopLoss: last - 0.5 })).rejects.toMatchObject({ code: 'STOP_INVALID' });
    await expect(api.call('position.bracket', { symbol: RB, direction: 'long', takeProfit: Number.NaN })).rejects.toMatchObject({ code: 'INVALID_PARAMS', field: 'takeProfit' });
    expect(t.engine.stops.waiting()).toEqual([]);

    // Set, then set again: the new pair replaces the first.
    const first = (await api.call('position.bracket', { symbol: RB, direction: 'long', stopLoss: last - 30, takeProfit: last + 30 })) as StopOrder[];
    const pair = (await api.call('position.bracket', { symbol: RB, direction: 'long', stopLoss: last - 3, takeProfit: last + 3 })) as StopOrder[];
    expect(first.map((s) => t.engine.stops.stops.get(s.id)!.cancelledBy)).toEqual(['replaced', 'replaced']);
    expect(pair.map((s) => [s.side, s.offset, s.volume, s.trigger, s.triggerPrice, s.limitPrice])).toEqual([
      ['sell', 'close', 2, 'below', last - 3, undefined],
      ['sell', 'close', 2, 'above', last + 3, undefined],
    ]);
    expect(pair[0]!.bracket).toBe(pair[1]!.bracket);

    // Kept across a restart.
    t.close();
    const again = terminal(profile);
    expect(again.engine.stops.waiting().map((s) => [s.id, s.trigger, s.bracket])).toEqual(pair.map((s) => [s.id, s.trigger, s.bracket]));

    // The market moves to one of them: that one closes both lots, the other is cancelled.
    const prices: number[] = [];
    again.engine.bus.on('tick', (tick) => {
      if (tick.symbol === RB) prices.push(tick.last);
    });
    while (long(again) > 0) again.replay.step();
    const reached = prices.find((p) => p <= last - 3 || p >= last + 3)!;
    const [fired, other] = reached <= last - 3 ? [pair[0]!, pair[1]!] : [pair[1]!, pair[0]!];
    const firedNow = again.engine.stops.stops.get(fired.id)!;
    expect([firedNow.status, again.engine.stops.stops.get(other.id)!.status, again.engine.stops.stops.get(other.id)!.cancelledBy]).toEqual(['triggered', 'cancelled', 'pair']);
    const close = again.store.tradesSince(0).filter((tr) => tr.side === 'sell');
    expect(close.map((tr) => [tr.volume, tr.orderId])).toEqual([[2, firedNow.orderIds[0]]]);
    const cancelled = again.recentLogs().filter((l) => l.messageKey?.code === 'BRACKET_CANCELLED');
    expect(cancelled.map((l) => l.message).slice(0, 2)).toEqual(first.map((s) => `止盈止损 ${s.id} 已撤销：已重新设置`));
    const line = cancelled[cancelled.length - 1]!;
    expect(line.message).toBe(`止盈止损 ${other.id} 已撤销：另一单已触发`);
    expect(logText(line, 'en')).toBe(`Take-profit/stop-loss ${other.id} cancelled: its pair fired`);
  });

  it('goes when the position is closed by hand, and closes only what is left when part was', async () => {
    const t = terminal();
    const api = apiOf(t, 30);
    buy(t, 3);
    const sell = (volume: number): void => {
      t.engine.sendOrder({ symbol: RB, side: 'sell', offset: 'close', type: 'limit', price: t.engine.market.get(RB)!.bid, volume });
    };
    const last = t.engine.market.get(RB)!.last;
    const pair = (await api.call('position.bracket', { symbol: RB, direction: 'long', stopLoss: last - 200, takeProfit: last + 200 })) as StopOrder[];
    sell(3);
    expect(long(t)).toBe(0);
    expect(pair.map((s) => [t.engine.stops.stops.get(s.id)!.status, t.engine.stops.stops.get(s.id)!.cancelledBy])).toEqual([
      ['cancelled', 'flat'],
      ['cancelled', 'flat'],
    ]);

    // 3 lots again, a take-profit just above the market, 2 closed by hand: it closes the 1 left.
    buy(t, 3);
    const now = t.engine.market.get(RB)!.last;
    const [tp] = (await api.call('position.bracket', { symbol: RB, direction: 'long', takeProfit: now + 1 })) as StopOrder[];
    expect(tp!.volume).toBe(3);
    sell(2);
    while (t.engine.stops.stops.get(tp!.id)!.status === 'waiting') t.replay.step();
    const sent = t.engine.stops.stops.get(tp!.id)!.orderIds.map((id) => t.engine.oms.get(id)!);
    expect(sent.map((o) => [o.side, o.volume])).toEqual([['sell', 1]]);
  });
});

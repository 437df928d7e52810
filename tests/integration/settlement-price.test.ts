// The simulated market settles each day at the exchange's settlement price (the day's volume-weighted average for
// SHFE), not at the close: positions are marked at it, and the next day's 昨结算 and price limits follow from it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminals } from '../helpers/terminals';
import { floorToTick, ceilToTick } from '../../src/shared/model/price';
import type { Tick } from '../../src/shared/model/types';

const RB = 'SHFE.rb2605';
const terminal = terminals({ demoStrategy: false });

describe('the simulated market’s settlement price', () => {
  it('is the day’s volume-weighted average: positions are marked at it, and the next day’s 昨结算 and limits follow', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-settle-'));
    const t = terminal(profile);
    const ticks: Tick[] = [];
    t.engine.bus.on('tick', (tick) => {
      if (tick.symbol === RB) ticks.push(tick);
    });
    for (let i = 0; i < 30; i++) t.replay.step();
    const day1 = t.engine.tradingDay;
    const [order] = t.engine.sendOrder({ symbol: RB, side: 'buy', offset: 'open', type: 'limit', price: t.engine.market.get(RB)!.ask, volume: 1 });
    expect(order!.status).toBe('filled');
    while (t.engine.tradingDay === day1) t.replay.step();

    // The day's average from its ticks, each weighted by the volume traded since the one before (volume is the day's
    // running total): the exchange's rule, worked out here independently of the feed.
    const day = ticks.filter((x) => x.tradingDay === day1);
    let amount = 0;
    let lots = 0;
    let before = 0;
    for (const x of day) {
      amount += x.last * (x.volume - before);
      lots += x.volume - before;
      before = x.volume;
    }
    const settlement = Math.round(amount / lots);
    const close = day[day.length - 1]!.last;
    expect(settlement).not.toBe(close);

    // Marked at the settlement price: the day's balance holds the position at it, not at the close.
    const s = t.store.statement().body!;
    expect(s.holdings.map((h) => [h.symbol, h.longVolume, h.settlement])).toEqual([[RB, 1, settlement]]);
    expect(s.funds.positionProfit).toBeCloseTo((settlement - order!.avgPrice) * 10, 6);
    expect(t.engine.portfolio.account.preBalance).toBeCloseTo(100_000 + (settlement - order!.avgPrice) * 10 - s.funds.commission, 6);

    // The next day: 昨结算 is that price, in the quotes and the engine, and the limits are the product's ratio off it.
    const next = ticks[ticks.length - 1]!;
    expect(next.tradingDay).toBeGreaterThan(day1);
    const rb = t.contracts.resolve(RB);
    expect([next.preSettlement, next.preClose]).toEqual([settlement, close]);
    expect([next.limitUp, next.limitDown]).toEqual([floorToTick(settlement * (1 + rb.limitRatio), 1), ceilToTick(settlement * (1 - rb.limitRatio), 1)]);
    const q = t.engine.market.get(RB)!;
    expect([q.preSettlement, q.limitUp, q.limitDown]).toEqual([settlement, next.limitUp, next.limitDown]);

    // A terminal restarted during that day resumes with the same 昨结算.
    for (let i = 0; i < 10; i++) t.replay.step();
    t.close();
    const again = terminal(profile);
    const resumed: Tick[] = [];
    again.engine.bus.on('tick', (tick) => {
      if (tick.symbol === RB) resumed.push(tick);
    });
    while (resumed.length === 0) again.replay.step();
    expect([resumed[0]!.tradingDay, resumed[0]!.preSettlement]).toEqual([next.tradingDay, settlement]);
    expect(again.engine.market.get(RB)!.preSettlement).toBe(settlement);
  });
});

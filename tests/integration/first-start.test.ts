// A new profile's first minutes. Before, the simulated market opened on the very first bar of the bundled data: the
// K线 showed a handful of wide candles and nothing before them, and the demo strategy stood idle for its first half
// hour while its averages formed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminals } from '../helpers/terminals';
import { HISTORY_DAYS } from '../../src/main/engine/terminal';
import { sourceDays } from '../../src/main/gateway/feeds/replay-cycles';
import { shanghaiMinuteOfDay } from '../../src/shared/model/time';
import type { Tick, Trade } from '../../src/shared/model/types';

const RB = 'SHFE.rb2605';
const terminal = terminals();

/** Simple moving averages of the closes, NaN until `n` closes are in. */
function sma(closes: Float64Array, n: number): number[] {
  let sum = 0;
  return Array.from(closes, (c, i) => {
    sum += c - (i >= n ? closes[i - n]! : 0);
    return i >= n - 1 ? sum / n : Number.NaN;
  });
}

describe('a new profile', () => {
  it('opens the market on the sample’s fourth trading day with the days before it in the chart', () => {
    const t = terminal();
    const bars = t.data.store.load(RB, '1m');
    const days = sourceDays([bars]);
    expect(HISTORY_DAYS).toBe(3);
    expect(t.engine.tradingDay).toBe(days[3]);
    const history = t.minuteHistory(RB, 'paper')!;
    const before = bars.tradingDay.filter((d) => d < days[3]!).length;
    expect(history.length).toBe(before);
    expect(new Set(history.tradingDay)).toEqual(new Set(days.slice(0, 3)));
    // Daily bars for the chart's 日线 too: one per day played.
    expect(t.history(RB, '1d', 100).map((b) => b.tradingDay)).toEqual(days.slice(0, 3));
  });

  it('has the demo strategy trade at the first cross after the open, its averages formed on the days before', () => {
    const t = terminal();
    const bars = t.data.store.load(RB, '1m');
    const start = t.minuteHistory(RB, 'paper')!.length;
    // The demo's rule (SMA 10 over SMA 30 of the closes) over every bar from the sample's first: the first cross at or
    // after the open. A strategy that had not warmed up could not see a cross before its 31st bar.
    const fast = sma(bars.close, 10);
    const slow = sma(bars.close, 30);
    let cross = -1;
    for (let i = start; i < bars.length && cross < 0; i++) {
      if ((fast[i - 1]! <= slow[i - 1]! && fast[i]! > slow[i]!) || (fast[i - 1]! >= slow[i - 1]! && fast[i]! < slow[i]!)) cross = i;
    }
    expect(cross).toBeGreaterThanOrEqual(start);
    expect(cross).toBeLessThan(start + 30);
    const long = fast[cross]! > slow[cross]!;

    const trades: Trade[] = [];
    t.engine.bus.on('trade', (x) => trades.push(x));
    for (let n = 0; trades.length === 0; n++) {
      if (n > 4 * 3 * 120 || !t.replay.step()) throw new Error('the demo strategy did not trade in its first two hours');
    }
    // Sent on that bar's close, filled on the next bar's first tick.
    const [first] = trades;
    expect(first!.source).toBe('双均线演示');
    expect(first!.time).toBe(bars.time[cross + 1]);
    expect([first!.side, first!.offset, first!.volume]).toEqual([long ? 'buy' : 'sell', 'open', 1]);
  });

  it('resumes a profile where its market stopped, not on the fourth day again', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-first-'));
    const t = terminal(profile);
    for (let i = 0; i < 400; i++) t.replay.step();
    const time = t.replay.time;
    t.close();
    expect(terminal(profile).replay.time).toBe(time);
  });

  it('shows each contract’s last quote after a restart while its market is closed, without playing it again', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-first-'));
    const t = terminal(profile);
    // Past rebar's night close (23:00): copper and nickel trade on until 01:00.
    let rb: Tick | undefined;
    t.engine.bus.on('tick', (x) => {
      if (x.symbol === RB) rb = x;
    });
    while (shanghaiMinuteOfDay(t.replay.time) !== 23 * 60 + 30) t.replay.step();
    expect(rb).toBeDefined();
    t.close();

    const again = terminal(profile);
    const heard: Tick[] = [];
    again.engine.bus.on('tick', (x) => heard.push(x));
    const quote = again.engine.market.get(RB)!;
    expect(quote.tick).toEqual(rb);
    expect([quote.last, quote.bid, quote.ask]).toEqual([rb!.last, rb!.bid, rb!.ask]);
    // Shown, not played: no strategy hears it again.
    expect(heard).toEqual([]);
    // Before, the quote stayed empty (— across the market watch) until its next session. A new profile, too, shows the
    // quotes its days of history ended on.
    const fresh = terminal(fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-first-')));
    expect(fresh.engine.market.get(RB)?.tick?.tradingDay).toBe(sourceDays([fresh.data.store.load(RB, '1m')])[2]);
  });
});

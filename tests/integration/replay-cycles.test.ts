// The simulated account's market after the bundled bars run out: the same bars play again on the trading days that
// follow, with the exchanges' sessions and holidays, and the demo strategy trades on. Before, the quotes stopped for
// good about an hour and a half after the first start (and stayed stopped after a restart).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../src/main/engine/terminal';
import { terminals } from '../helpers/terminals';
import { isTradingTime } from '../../src/main/engine/sessions';
import { shanghaiDate, shanghaiMinuteOfDay } from '../../src/shared/model/time';
import type { Tick } from '../../src/shared/model/types';

/** The bundled bars' last trading day (resources/market/*_2026-01.csv). */
const DATA_END = 20260126;

const terminal = terminals();

/** Plays until the engine's trading day is past `day`; returns the ticks seen. */
function playPast(t: Terminal, day: number): Tick[] {
  const ticks: Tick[] = [];
  const off = t.engine.bus.on('tick', (x) => ticks.push(x));
  for (let n = 0; t.engine.tradingDay <= day; n++) {
    if (n > 200_000 || !t.replay.step()) throw new Error(`the replay stopped on ${t.engine.tradingDay}`);
  }
  off();
  return ticks;
}

describe('the simulated market after its bundled bars', () => {
  it('goes on over the next trading days, inside their sessions, with prices carried over, and the demo strategy trading', () => {
    const t = terminal(fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-cycle-')));
    const ticks = playPast(t, 20260130);
    const cal = t.contracts.calendar;

    const days = [...new Set(ticks.map((x) => x.tradingDay))];
    expect(days.filter((d) => d > DATA_END)).toEqual([20260127, 20260128, 20260129, 20260130, 20260202]);
    for (const x of ticks) {
      const c = t.contracts.resolve(x.symbol);
      if (!isTradingTime(c, cal, x.time)) throw new Error(`${x.symbol} tick at ${new Date(x.time).toISOString()} is outside its sessions`);
    }
    for (const symbol of t.replay.symbols) {
      const own = ticks.filter((x) => x.symbol === symbol);
      for (let i = 1; i < own.length; i++) expect(own[i]!.time).toBeGreaterThanOrEqual(own[i - 1]!.time);
      // The first day played again opens against the last close played: its limits follow from that close.
      const lastOld = own.filter((x) => x.tradingDay === DATA_END).at(-1)!;
      const firstNew = own.find((x) => x.tradingDay === 20260127)!;
      expect(firstNew.preClose).toBe(lastOld.last);
      expect(firstNew.limitUp).toBeGreaterThan(lastOld.last);
      // It plays the first bundled day, which had no night session (a holiday before it): it opens at 09:00.
      expect([shanghaiDate(firstNew.time), shanghaiMinuteOfDay(firstNew.time)]).toEqual([20260127, 9 * 60]);
      // The next one's night session is on the evening before, from 21:00; Monday's on the Friday before.
      const night = own.find((x) => x.tradingDay === 20260128)!;
      expect([shanghaiDate(night.time), shanghaiMinuteOfDay(night.time)]).toEqual([20260127, 21 * 60]);
      const monday = own.find((x) => x.tradingDay === 20260202)!;
      expect([shanghaiDate(monday.time), shanghaiMinuteOfDay(monday.time)]).toEqual([20260130, 21 * 60]);
    }
    // The engine settled each day: the account's trading day and the demo strategy's trades follow the market.
    const trades = t.store.tradesSince(0);
    expect(trades.some((x) => x.tradingDay > DATA_END && x.source === '双均线演示')).toBe(true);
    expect(t.engine.portfolio.account.tradingDay).toBe(20260202);
  });

  it('holds no night session on the eve of the Spring Festival, and resumes after a restart where it was', () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-cycle-'));
    const t = terminal(profile);
    const ticks = playPast(t, 20260224);
    // 2026-02-13 (Friday) is the last trading day before the holiday: nothing after its 15:00 close until the 24th.
    const close = ticks.findLast((y) => y.tradingDay === 20260213)!;
    expect([shanghaiDate(close.time), shanghaiMinuteOfDay(close.time)]).toEqual([20260213, 14 * 60 + 59]);
    const reopen = ticks.find((x) => x.time > close.time)!;
    expect([reopen.tradingDay, shanghaiDate(reopen.time), shanghaiMinuteOfDay(reopen.time)]).toEqual([20260224, 20260224, 9 * 60]);
    const time = t.replay.time;
    const last = ticks.at(-1)!;
    t.close();

    const again = terminal(profile);
    expect(again.replay.time).toBe(time);
    const next: Tick[] = [];
    again.engine.bus.on('tick', (x) => next.push(x));
    expect(again.replay.step()).toBe(true);
    expect(next[0]!.time).toBeGreaterThan(last.time);
    expect(next[0]!.tradingDay).toBe(last.tradingDay);
    // The chart's history on the simulated account is the bars played, up to now.
    const history = again.minuteHistory('SHFE.rb2605', 'paper')!;
    expect(history.tradingDay[history.length - 1]).toBeGreaterThanOrEqual(20260224);
    expect(history.time[history.length - 1]).toBeLessThanOrEqual(again.replay.time);
  });
});

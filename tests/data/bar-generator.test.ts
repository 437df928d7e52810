import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../src/main/data/series';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { aggregateBars, BarGenerator, SessionGrid } from '../../src/main/strategy/bar-generator';
import { formatShanghai, formatShanghaiTime, shanghaiMinuteOfDay, shanghaiToEpoch } from '../../src/shared/model/time';
import type { Bar } from '../../src/shared/model/types';
import { contracts, realRb2005, rowsOf, ticksFromBars } from './helpers';

const rb = () => contracts().resolve('SHFE.rb2005');
const hhmm = (t: number): string => formatShanghaiTime(t).slice(0, 5);

function barsOfDay(c: BarColumns, day: number): { time: string; o: number; h: number; l: number; c: number; v: number }[] {
  return rowsOf(c, day, day).map((r) => ({ time: hhmm(r.time), o: r.o, h: r.h, l: r.l, c: r.c, v: r.v }));
}

/** The 1-minute bars of one trading day with start time in [from, to), aggregated by hand. */
function sumMinutes(m1: BarColumns, day: number, from: string, to: string): { o: number; h: number; l: number; c: number; v: number } {
  const rows = rowsOf(m1, day, day).filter((r) => {
    const t = formatShanghai(r.time);
    return t >= from && t < to;
  });
  return {
    o: rows[0]!.o,
    h: Math.max(...rows.map((r) => r.h)),
    l: Math.min(...rows.map((r) => r.l)),
    c: rows.at(-1)!.c,
    v: rows.reduce((n, r) => n + r.v, 0),
  };
}

describe('BarGenerator: N-minute bars never span a session break (real rb2005)', () => {
  const m1 = realRb2005();

  it('30-minute bars of a trading day: night, then the day cut at 10:15, lunch and the close', () => {
    const b30 = aggregateBars(m1, '30m', rb());
    expect(barsOfDay(b30, 20190604).map((b) => b.time)).toEqual(['21:00', '21:30', '22:00', '22:30', '09:00', '09:30', '10:00', '10:30', '11:00', '13:30', '14:00', '14:30']);
    // The 10:00 bar holds 10:00-10:14 only; the 10:30 bar starts after the pause.
    const ten = barsOfDay(b30, 20190604).find((b) => b.time === '10:00')!;
    expect(ten).toMatchObject(sumMinutes(m1, 20190604, '2019-06-04 10:00', '2019-06-04 10:15'));
    const night = barsOfDay(b30, 20190604).find((b) => b.time === '22:30')!;
    expect(night).toMatchObject(sumMinutes(m1, 20190604, '2019-06-03 22:30', '2019-06-03 23:00'));
  });

  it('hourly bars are aligned to the hour and cut at each break', () => {
    const h1 = aggregateBars(m1, '1h', rb());
    expect(barsOfDay(h1, 20190604).map((b) => b.time)).toEqual(['21:00', '22:00', '09:00', '10:00', '10:30', '11:00', '13:30', '14:00']);
    const b1030 = barsOfDay(h1, 20190604).find((b) => b.time === '10:30')!;
    expect(b1030).toMatchObject(sumMinutes(m1, 20190604, '2019-06-04 10:30', '2019-06-04 11:00'));
  });

  it.each(['5m', '15m', '30m', '1h', '90m'])('%s bars: every minute lands in one bar of its own session range, volume conserved', (period) => {
    const grid = new SessionGrid(rb());
    const agg = aggregateBars(m1, period, grid);
    const minutes = period === '1h' ? 60 : Number(period.slice(0, -1));
    let j = 0;
    const wrong: string[] = [];
    for (let i = 0; i < m1.length; i++) {
      while (j + 1 < agg.length && agg.time[j + 1]! <= m1.time[i]!) j++;
      const start = agg.time[j]!;
      // Same session range: every minute from the bar's start to this one is a trading minute of one range.
      const offset = (m1.time[i]! - start) / 60_000;
      const startMinute = shanghaiMinuteOfDay(start);
      const sameRange = grid.sinceRangeStart((startMinute + offset) % 1440) - grid.sinceRangeStart(startMinute) === offset;
      if (offset >= minutes || !sameRange) wrong.push(formatShanghai(m1.time[i]!));
    }
    expect(wrong).toEqual([]);
    const vol = (c: BarColumns): number => c.volume.reduce((a, b) => a + b, 0);
    expect(vol(agg)).toBe(vol(m1));
  });

  it('daily bars: the night session opens the next trading day', () => {
    const d1 = aggregateBars(m1, '1d', rb());
    expect(d1.length).toBe(151);
    const mon = rowsOf(d1, 20190603, 20190603)[0]!;
    expect(formatShanghai(mon.time)).toBe('2019-06-03 00:00:00');
    // Monday's daily bar opens with Friday night's first bar and closes with Monday's 14:59 bar.
    expect({ o: mon.o, h: mon.h, l: mon.l, c: mon.c, v: mon.v }).toEqual(sumMinutes(m1, 20190603, '2019-05-31 21:00', '2019-06-03 15:00'));
  });

  it('emits a bar as soon as its last minute arrives, without waiting for the next bar', () => {
    const out: Bar[] = [];
    const gen = new BarGenerator({ symbol: 'SHFE.rb2005', period: '15m', sessions: rb(), onBar: (b) => out.push(b) });
    const day = rowsOf(m1, 20190604, 20190604);
    for (const r of day) {
      gen.updateBar({ time: r.time, tradingDay: r.tradingDay, open: r.o, high: r.h, low: r.l, close: r.c, volume: r.v, openInterest: r.oi });
      if (formatShanghai(r.time) === '2019-06-04 10:14:00') break;
    }
    expect(hhmm(out.at(-1)!.time)).toBe('10:00');
    expect(gen.forming).toBeUndefined();
  });
});

describe('BarGenerator: night sessions past midnight (real cu and ni, January 2026)', () => {
  it.each([
    ['SHFE.cu2603', 'cu_main_1min_2026-01.csv'],
    ['SHFE.ni2603', 'ni_main_1min_2026-01.csv'],
  ])('%s: hourly bars 23:00 and 00:00, and the after-midnight bars in the next trading day', (symbol, file) => {
    const c = contracts().resolve(symbol);
    const m1 = readSampleCsv(resourcePath('market', file), contracts().calendar);
    const h1 = aggregateBars(m1, '1h', c);
    expect(barsOfDay(h1, 20260106).map((b) => b.time)).toEqual(['21:00', '22:00', '23:00', '00:00', '09:00', '10:00', '10:30', '11:00', '13:30', '14:00']);
    expect(barsOfDay(h1, 20260106).find((b) => b.time === '00:00')).toMatchObject(sumMinutes(m1, 20260106, '2026-01-06 00:00', '2026-01-06 01:00'));
    const d1 = rowsOf(aggregateBars(m1, '1d', c), 20260106, 20260106)[0]!;
    expect({ o: d1.o, h: d1.h, l: d1.l, c: d1.c, v: d1.v }).toEqual(sumMinutes(m1, 20260106, '2026-01-05 21:00', '2026-01-06 15:00'));
  });
});

describe('BarGenerator: ticks to 1-minute bars', () => {
  const m1 = realRb2005();

  it('rebuilds the real bars from their ticks, auction and closing ticks included; stray ticks are dropped', () => {
    const ticks = ticksFromBars(m1, 20190603, 20190605);
    // A stray tick between sessions (16:00) must not make a bar.
    ticks.splice(400, 0, { ...ticks[399]!, time: shanghaiToEpoch(2019, 6, 3, 16, 0), last: 9999 });
    const out: Bar[] = [];
    const gen = new BarGenerator({ symbol: 'SHFE.rb2005', period: '1m', sessions: rb(), onBar: (b) => out.push(b) });
    for (const t of ticks) gen.updateTick(t);
    gen.flush();
    expect(gen.dropped).toBe(1);
    const want = rowsOf(m1, 20190603, 20190605);
    const got = out.map((b) => ({ time: b.time, tradingDay: b.tradingDay, o: b.open, h: b.high, l: b.low, c: b.close, v: b.volume, oi: b.openInterest }));
    // The very first tick seen carries no volume of its own (its cumulative figure may include earlier trading).
    const share = Math.floor(want[0]!.v / 4);
    expect(got).toEqual([{ ...want[0]!, v: want[0]!.v - share }, ...want.slice(1)]);
  });

  it('shows the forming bar, and closes a quiet minute only after the grace period', () => {
    const ticks = ticksFromBars(m1, 20190603, 20190603);
    const out: Bar[] = [];
    const gen = new BarGenerator({ symbol: 'SHFE.rb2005', period: '1m', sessions: rb(), onBar: (b) => out.push(b) });
    gen.updateTick(ticks[0]!);
    gen.updateTick(ticks[1]!);
    expect(gen.forming).toMatchObject({ time: shanghaiToEpoch(2019, 5, 31, 21, 0), open: ticks[0]!.last, close: ticks[1]!.last });
    for (const t of ticks.slice(2)) gen.updateTick(t);
    const n = out.length;
    const close = shanghaiToEpoch(2019, 6, 3, 15, 0);
    gen.flush(close + 2_000);
    expect(out.length).toBe(n);
    gen.flush(close + 3_100);
    expect(out.length).toBe(n + 1);
    expect(hhmm(out.at(-1)!.time)).toBe('14:59');
    expect(out.at(-1)!.close).toBe(rowsOf(m1, 20190603, 20190603).at(-1)!.c);
  });

  it('ticks straight to daily bars: the night session opens the next trading day', () => {
    const ticks = ticksFromBars(m1, 20190603, 20190605);
    const out: Bar[] = [];
    const gen = new BarGenerator({ symbol: 'SHFE.rb2005', period: '1d', sessions: rb(), onBar: (b) => out.push(b) });
    for (const t of ticks) gen.updateTick(t);
    // The last day's 14:59 minute closes when the clock passes 15:00 (plus the grace for a late closing tick).
    expect(out.map((b) => b.tradingDay)).toEqual([20190603, 20190604]);
    gen.flush(shanghaiToEpoch(2019, 6, 5, 15, 0, 5));
    expect(out.map((b) => b.tradingDay)).toEqual([20190603, 20190604, 20190605]);
    const daily = rowsOf(aggregateBars(m1, '1d', rb()), 20190604, 20190605);
    expect(out.slice(1).map((b) => ({ o: b.open, h: b.high, l: b.low, c: b.close, v: b.volume }))).toEqual(daily.map((d) => ({ o: d.o, h: d.h, l: d.l, c: d.c, v: d.v })));
  });
});

import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../../src/main/engine/calendar';
import { readResourceJson } from '../../src/main/resources';
import { shanghaiToEpoch } from '../../src/shared/model/time';

/**
 * The calendar answers from lookup tables; these tests hold it to the plain definition, walked day by day with
 * Date over the real calendar's whole range (1990-2026) and past both of its ends, where weekdays count.
 */
const tradingDays = readResourceJson<number[]>('calendar', 'trading-days.json');
const known = new Set(tradingDays);
const first = Math.min(...tradingDays);
const last = Math.max(...tradingDays);

function dateOf(day: number): Date {
  return new Date(Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100));
}
function plainAddDays(day: number, n: number): number {
  const d = dateOf(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}
function plainIsTradingDay(day: number): boolean {
  if (day >= first && day <= last) return known.has(day);
  const wd = dateOf(day).getUTCDay();
  return wd !== 0 && wd !== 6;
}
function plainNext(day: number): number {
  let d = plainAddDays(day, 1);
  while (!plainIsTradingDay(d)) d = plainAddDays(d, 1);
  return d;
}
function plainPrev(day: number): number {
  let d = plainAddDays(day, -1);
  while (!plainIsTradingDay(d)) d = plainAddDays(d, -1);
  return d;
}

describe('trading calendar lookups', () => {
  const cal = new TradingCalendar(tradingDays);
  const days: number[] = [];
  for (let d = 19901101; d <= 20270301; d = plainAddDays(d, 1)) days.push(d);

  it('gives the same trading days, next and previous days as a walk day by day', () => {
    const wrong: string[] = [];
    for (const d of days) {
      if (cal.isTradingDay(d) !== plainIsTradingDay(d)) wrong.push(`isTradingDay ${d}`);
      if (cal.next(d) !== plainNext(d)) wrong.push(`next ${d}: ${cal.next(d)} not ${plainNext(d)}`);
      if (cal.prev(d) !== plainPrev(d)) wrong.push(`prev ${d}: ${cal.prev(d)} not ${plainPrev(d)}`);
      const onOrAfter = plainIsTradingDay(d) ? d : plainNext(d);
      if (cal.onOrAfter(d) !== onOrAfter) wrong.push(`onOrAfter ${d}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(cal.next(20250930)).toBe(20251009); // over National Day
    expect(cal.prev(20251009)).toBe(20250930);
    expect(cal.next(20261231)).toBe(20270101); // past the known range: the next weekday
    expect(cal.prev(19901219)).toBe(19901218);
  });

  it('puts every hour of every day into the trading day a night session belongs to', () => {
    const wrong: string[] = [];
    for (const d of days) {
      const y = Math.floor(d / 10000);
      const m = Math.floor(d / 100) % 100;
      const dd = d % 100;
      for (const [h, mi] of [[0, 0], [2, 30], [5, 59], [6, 0], [9, 0], [15, 0], [17, 59], [18, 0], [21, 0], [23, 59]] as const) {
        // Evenings belong to the next trading day; the small hours to the first trading day after the evening before.
        const expected = h >= 18 ? plainNext(d) : h < 6 ? plainNext(plainAddDays(d, -1)) : plainIsTradingDay(d) ? d : plainNext(d);
        const got = cal.tradingDayOf(shanghaiToEpoch(y, m, dd, h, mi));
        if (got !== expected) wrong.push(`${d} ${h}:${mi}: ${got} not ${expected}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('has a night session only when the next trading day is the next weekday', () => {
    const wrong: string[] = [];
    for (const d of days) {
      const nextWeekday = plainAddDays(d, dateOf(d).getUTCDay() === 5 ? 3 : 1);
      const expected = plainIsTradingDay(d) && plainNext(d) === nextWeekday;
      if (cal.hasNightSession(d) !== expected) wrong.push(`${d}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('lists a range of trading days, and works on a calendar with no known days', () => {
    expect(cal.range(20250929, 20251010)).toEqual([20250929, 20250930, 20251009, 20251010]);
    const empty = new TradingCalendar([]);
    expect(empty.isTradingDay(20250301)).toBe(false); // a Saturday
    expect(empty.next(20250228)).toBe(20250303);
    expect(empty.prev(20250303)).toBe(20250228);
    expect(empty.tradingDayOf(shanghaiToEpoch(2025, 2, 28, 21, 0))).toBe(20250303);
  });
});

import { describe, expect, it } from 'vitest';
import { isTradingTime } from '../../src/main/engine/sessions';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { contracts } from '../helpers/engine';

describe('trading calendar and sessions', () => {
  const cal = contracts().calendar;

  it('knows holidays and weekends', () => {
    expect(cal.isTradingDay(20251001)).toBe(false); // National Day
    expect(cal.isTradingDay(20250301)).toBe(false); // Saturday
    expect(cal.isTradingDay(20250303)).toBe(true);
    expect(cal.next(20250930)).toBe(20251009);
  });

  it('puts a night session into the next trading day', () => {
    // Friday 2025-02-28 21:30 and Saturday 00:30 both belong to Monday 2025-03-03.
    expect(cal.tradingDayOf(shanghaiToEpoch(2025, 2, 28, 21, 30))).toBe(20250303);
    expect(cal.tradingDayOf(shanghaiToEpoch(2025, 3, 1, 0, 30))).toBe(20250303);
    expect(cal.tradingDayOf(shanghaiToEpoch(2025, 3, 3, 10, 0))).toBe(20250303);
    // Tuesday evening belongs to Wednesday.
    expect(cal.tradingDayOf(shanghaiToEpoch(2025, 3, 4, 22, 0))).toBe(20250305);
  });

  it('has no night session before a holiday break', () => {
    expect(cal.hasNightSession(20250930)).toBe(false); // before National Day
    expect(cal.hasNightSession(20250929)).toBe(true);
    expect(cal.hasNightSession(20250228)).toBe(true); // Friday night, Monday next
  });

  it('tells trading time by product sessions', () => {
    const rb = contracts().resolve('rb2505');
    const cu = contracts().resolve('cu2505');
    const iF = contracts().resolve('IF2506');
    expect(isTradingTime(rb, cal, shanghaiToEpoch(2025, 3, 3, 10, 20))).toBe(false); // 10:15-10:30 break
    expect(isTradingTime(rb, cal, shanghaiToEpoch(2025, 3, 3, 10, 35))).toBe(true);
    expect(isTradingTime(rb, cal, shanghaiToEpoch(2025, 3, 3, 22, 30))).toBe(true);
    expect(isTradingTime(rb, cal, shanghaiToEpoch(2025, 3, 3, 23, 30))).toBe(false); // rb's night ends 23:00
    expect(isTradingTime(cu, cal, shanghaiToEpoch(2025, 3, 4, 0, 30))).toBe(true); // cu's runs to 01:00
    expect(isTradingTime(cu, cal, shanghaiToEpoch(2025, 10, 1, 0, 30))).toBe(false); // none on the eve of the holiday
    expect(isTradingTime(iF, cal, shanghaiToEpoch(2025, 3, 3, 9, 15))).toBe(false); // CFFEX opens 09:30
    expect(isTradingTime(iF, cal, shanghaiToEpoch(2025, 3, 3, 13, 10))).toBe(true);
    expect(isTradingTime(rb, cal, shanghaiToEpoch(2025, 3, 1, 10, 0))).toBe(false); // Saturday
  });
});

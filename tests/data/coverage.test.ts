import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coverage } from '../../src/main/data/coverage';
import { importFile } from '../../src/main/data/import/importer';
import { pickRows } from '../../src/main/data/series';
import { formatShanghai } from '../../src/shared/model/time';
import { fixture, realRb2005, tempStore, type TempStore } from './helpers';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.close());

describe('coverage and gaps', () => {
  it('the real rb2005 year: first and last bar, count, every trading day present, the last day a night only', () => {
    t.store.writeBars('SHFE.rb2005', '1m', realRb2005());
    const [c] = coverage(t.store, { gaps: true });
    expect(c).toMatchObject({
      symbol: 'SHFE.rb2005',
      period: '1m',
      count: 51_510,
      firstDay: 20190516,
      lastDay: 20191223,
      tradingDays: 151,
      daysWithData: 151,
      missingDays: 0,
      shortDays: 1,
    });
    expect(formatShanghai(c!.firstTime)).toBe('2019-05-15 21:00:00');
    expect(formatShanghai(c!.lastTime)).toBe('2019-12-20 22:59:00');
    // The file ends with Friday night, the first session of Monday 2019-12-23's trading day.
    expect(c!.gaps).toEqual([{ kind: 'shortDay', day: 20191223, expected: 345, actual: 120 }]);
  });

  it('a trading day after a holiday has no night session, and is not reported short', () => {
    t.store.writeBars('SHFE.rb2005', '1m', realRb2005());
    // National Day 2019: no night session on 2019-09-30, so 2019-10-08 holds the day session's 225 bars only.
    expect(t.store.loadBars('SHFE.rb2005', '1m', 20191008, 20191008).length).toBe(225);
    const [c] = coverage(t.store, { gaps: true });
    expect(c!.gaps!.some((g) => g.kind === 'shortDay' && g.day === 20191008)).toBe(false);
  });

  it('reports missing trading days as ranges and days with missing minutes', () => {
    const src = realRb2005();
    const keep: number[] = [];
    for (let i = 0; i < src.length; i++) {
      const d = src.tradingDay[i]!;
      const t0 = formatShanghai(src.time[i]!);
      if (d >= 20190603 && d <= 20190605) continue;
      if (d === 20190611 && t0 >= '2019-06-11 10:30' && t0 < '2019-06-11 10:40') continue;
      keep.push(i);
    }
    t.store.writeBars('SHFE.rb2005', '1m', pickRows('bar', src, keep));
    const [c] = coverage(t.store, { gaps: true });
    expect(c).toMatchObject({ missingDays: 3, shortDays: 2 });
    expect(c!.gaps).toEqual([
      { kind: 'missingDays', from: 20190603, to: 20190605, days: 3 },
      { kind: 'shortDay', day: 20190611, expected: 345, actual: 335 },
      { kind: 'shortDay', day: 20191223, expected: 345, actual: 120 },
    ]);
  });

  it('daily bars: the real Sina PTA series has the source’s own missing days', async () => {
    await importFile(t.store, fixture('TA888_1d_sina.csv'));
    const [c] = coverage(t.store, { symbol: 'KQ.m@CZCE.TA', gaps: true });
    expect(c).toMatchObject({ period: '1d', count: 2218, firstDay: 20061218, lastDay: 20160205, missingDays: 5, shortDays: 0 });
    expect(c!.gaps).toEqual([
      { kind: 'missingDays', from: 20070717, to: 20070717, days: 1 },
      { kind: 'missingDays', from: 20070719, to: 20070719, days: 1 },
      { kind: 'missingDays', from: 20080917, to: 20080919, days: 3 },
    ]);
  });

  it('filters by symbol and period, and lists no gaps unless asked', async () => {
    t.store.writeBars('SHFE.rb2005', '1m', realRb2005());
    await importFile(t.store, fixture('TA888_1d_sina.csv'));
    expect(coverage(t.store).map((c) => `${c.symbol} ${c.period}`)).toEqual(['KQ.m@CZCE.TA 1d', 'SHFE.rb2005 1m']);
    expect(coverage(t.store, { period: '1m' }).map((c) => c.symbol)).toEqual(['SHFE.rb2005']);
    expect(coverage(t.store)[0]!.gaps).toBeUndefined();
  });
});

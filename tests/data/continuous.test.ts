import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeRolls, DEFAULT_ROLL_RULE, loadMain, productContracts, rebuildContinuous, storedRolls, type ContractDays } from '../../src/main/data/continuous';
import { ColumnsBuilder, pickRows, type BarColumns } from '../../src/main/data/series';
import { aggregateBars } from '../../src/main/strategy/bar-generator';
import { dayStartEpoch, parseDay } from '../../src/shared/model/time';
import { contracts, fixture, realRb2005, rowsOf, tempStore, type TempStore } from './helpers';

/**
 * Two real contract series around the rebar roll of December 2019: rb2001's daily figures from RiceQuant's file
 * (the rows where RB2001 was RiceQuant's dominant contract, 2019-08-22 to 2019-12-05; prices as RiceQuant adjusted
 * them, open interest and volume as traded) and rb2005's real 1-minute bars. RiceQuant switched its dominant
 * contract to RB2005 on 2019-12-06.
 */
function rb2001Daily(toDay = 99999999): BarColumns {
  const b = new ColumnsBuilder('bar');
  for (const line of fs.readFileSync(fixture('RB_1d_rq_2019.csv'), 'utf8').trim().split('\n').slice(1)) {
    const f = line.split(',');
    if (f[2] !== 'RB2001') continue;
    const day = parseDay(f[1]!)!;
    if (day > toDay) continue;
    b.pushBar({ time: dayStartEpoch(day), tradingDay: day, open: +f[3]!, close: +f[4]!, high: +f[5]!, low: +f[6]!, volume: +f[8]!, openInterest: +f[12]! });
  }
  return b.columns();
}

function rb2005Minutes(fromDay: number, toDay = 99999999): BarColumns {
  const src = realRb2005();
  const keep: number[] = [];
  for (let i = 0; i < src.length; i++) if (src.tradingDay[i]! >= fromDay && src.tradingDay[i]! <= toDay) keep.push(i);
  return pickRows('bar', src, keep);
}

const rb = () => contracts().resolve('SHFE.rb2005');

function days(toDay = 99999999): ContractDays[] {
  return [
    { symbol: 'SHFE.rb2001', delivery: 202001, daily: rb2001Daily(toDay) },
    { symbol: 'SHFE.rb2005', delivery: 202005, daily: aggregateBars(rb2005Minutes(20190822, toDay), '1d', rb()) },
  ];
}

describe('main-contract roll rule on real rebar contracts', () => {
  it('rolls from rb2001 to rb2005 on 2019-12-06, the day RiceQuant switched its dominant contract', () => {
    const rolls = computeRolls(days());
    expect(rolls.map((r) => [r.tradingDay, r.from, r.to])).toEqual([
      [20190822, '', 'SHFE.rb2001'],
      [20191206, 'SHFE.rb2001', 'SHFE.rb2005'],
    ]);
    // The closes of both contracts on 2019-12-05, the last day before the roll.
    const last2001 = rowsOf(rb2001Daily(), 20191205, 20191205)[0]!;
    const last2005 = rowsOf(aggregateBars(rb2005Minutes(20191205, 20191205), '1d', rb()))[0]!;
    expect(rolls[1]).toMatchObject({ fromClose: last2001.c, toClose: last2005.c });
  });

  it('does not roll on a single day of lead: the confirmation rule', () => {
    // rb2005's open interest first passed rb2001's at the close of 2019-12-04 (1,908,660 against 1,882,538) and
    // again on 2019-12-05 (1,987,348 against 1,779,604). In data ending 2019-12-05:
    const upTo1205 = days(20191205);
    // one day of lead is not enough under the default rule (two days: the roll would start on 2019-12-06);
    expect(computeRolls(upTo1205).map((r) => r.tradingDay)).toEqual([20190822]);
    // a one-day rule rolls on the first lead, from the next trading day;
    expect(computeRolls(upTo1205, { ...DEFAULT_ROLL_RULE, confirmDays: 1 }).map((r) => r.tradingDay)).toEqual([20190822, 20191205]);
    // asking for a 10% margin, 2019-12-04's lead of 1.4% does not count.
    expect(computeRolls(upTo1205, { ...DEFAULT_ROLL_RULE, confirmDays: 1, threshold: 1.1 }).map((r) => r.tradingDay)).toEqual([20190822]);
  });

  it('never rolls back to an earlier delivery month', () => {
    // rb2005 alone from May, then rb2001 appears with more open interest: the main stays on rb2005.
    const rolls = computeRolls([
      { symbol: 'SHFE.rb2001', delivery: 202001, daily: rb2001Daily() },
      { symbol: 'SHFE.rb2005', delivery: 202005, daily: aggregateBars(realRb2005(), '1d', rb()) },
    ]);
    expect(rolls.map((r) => r.to)).toEqual(['SHFE.rb2005']);
  });
});

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.close());

describe('continuous series in the store', () => {
  beforeEach(() => {
    t.store.writeBars('SHFE.rb2001', '1d', rb2001Daily());
    t.store.writeBars('SHFE.rb2005', '1m', rb2005Minutes(20190822));
  });

  it('finds the product’s contracts, daily figures built from minutes where only minutes are stored', () => {
    const found = productContracts(t.store, contracts().product('SHFE', 'rb')!);
    expect(found.map((c) => [c.symbol, c.delivery, c.daily.length])).toEqual([
      ['SHFE.rb2001', 202001, rb2001Daily().length],
      ['SHFE.rb2005', 202005, aggregateBars(rb2005Minutes(20190822), '1d', rb()).length],
    ]);
  });

  it('stores the main series, its roll dates and the open-interest-weighted index', () => {
    const r = rebuildContinuous(t.store, contracts().product('SHFE', 'rb')!);
    expect(r.main).toBe('KQ.m@SHFE.rb');
    expect(r.index).toBe('KQ.i@SHFE.rb');
    expect(storedRolls(t.store, 'KQ.m@SHFE.rb').map((x) => [x.tradingDay, x.to])).toEqual([
      [20190822, 'SHFE.rb2001'],
      [20191206, 'SHFE.rb2005'],
    ]);
    const main = t.store.loadBars('KQ.m@SHFE.rb', '1d');
    const d2005 = aggregateBars(rb2005Minutes(20190822), '1d', rb());
    expect(rowsOf(main, 0, 20191205)).toEqual(rowsOf(rb2001Daily()));
    expect(rowsOf(main, 20191206)).toEqual(rowsOf(d2005, 20191206));
    // The 1-minute main series starts with rb2005 at the roll: rb2001 has no minutes stored.
    const m1 = t.store.loadBars('KQ.m@SHFE.rb', '1m');
    expect(rowsOf(m1)).toEqual(rowsOf(rb2005Minutes(20191206)));

    // The index on 2019-12-04: both contracts weighted by their open interest.
    const a = rowsOf(rb2001Daily(), 20191204, 20191204)[0]!;
    const b = rowsOf(d2005, 20191204, 20191204)[0]!;
    const idx = rowsOf(t.store.loadBars('KQ.i@SHFE.rb', '1d'), 20191204, 20191204)[0]!;
    expect(idx.c).toBeCloseTo((a.c * a.oi + b.c * b.oi) / (a.oi + b.oi), 2);
    expect(idx.oi).toBe(a.oi + b.oi);
    expect(idx.v).toBe(a.v + b.v);
    expect(idx.c).toBeGreaterThan(Math.min(a.c, b.c));
    expect(idx.c).toBeLessThan(Math.max(a.c, b.c));
  });

  it('back-adjusts by difference or ratio so the roll shows no jump; the latest contract keeps its prices', () => {
    rebuildContinuous(t.store, contracts().product('SHFE', 'rb')!);
    const [, roll] = storedRolls(t.store, 'KQ.m@SHFE.rb');
    const raw = loadMain(t.store, 'KQ.m@SHFE.rb', '1d', 'none');
    const diff = loadMain(t.store, 'KQ.m@SHFE.rb', '1d', 'diff');
    const ratio = loadMain(t.store, 'KQ.m@SHFE.rb', '1d', 'ratio');
    const at = (c: BarColumns, day: number) => rowsOf(c, day, day)[0]!;
    // On the day before the roll the adjusted close is the new contract's close that day.
    expect(at(diff, 20191205).c).toBeCloseTo(roll!.toClose, 6);
    expect(at(ratio, 20191205).c).toBeCloseTo(roll!.toClose, 6);
    expect(at(diff, 20190822).c - at(raw, 20190822).c).toBeCloseTo(roll!.toClose - roll!.fromClose, 6);
    expect(at(ratio, 20190822).c / at(raw, 20190822).c).toBeCloseTo(roll!.toClose / roll!.fromClose, 9);
    expect(rowsOf(diff, 20191206)).toEqual(rowsOf(raw, 20191206));
    expect(rowsOf(loadMain(t.store, 'KQ.m@SHFE.rb', '1d', 'diff', 20191201, 20191210))).toEqual(rowsOf(diff, 20191201, 20191210));
  });
});

import { describe, expect, it } from 'vitest';
import {
  ArrayManager,
  AtrTrailingStop,
  PeriodBars,
  crossedAbove,
  crossedBelow,
  minutesToDayClose,
} from '../../src/main/strategy/indicators';
import type { Bar } from '../../src/shared/model/types';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import * as ref from './support/reference';
import { RB2005, contracts, sampleBars } from './support/sample';

const rb = sampleBars(RB2005.file);
const rbContract = () => contracts().resolve(RB2005.symbol);

function minuteBar(i: number): Bar {
  return {
    symbol: RB2005.symbol,
    period: '1m',
    time: rb.time[i]!,
    tradingDay: rb.tradingDay[i]!,
    open: rb.open[i]!,
    high: rb.high[i]!,
    low: rb.low[i]!,
    close: rb.close[i]!,
    volume: rb.volume[i]!,
    openInterest: rb.openInterest[i]!,
  };
}

describe('ArrayManager (vnpy-style window)', () => {
  const SIZE = 100;
  const END = 5000;
  const am = new ArrayManager(SIZE);
  for (let i = 0; i < END; i++) am.updateBar(minuteBar(i));
  const from = END - SIZE;
  const win = {
    close: Array.from(rb.close.subarray(from, END)),
    high: Array.from(rb.high.subarray(from, END)),
    low: Array.from(rb.low.subarray(from, END)),
  };
  const last = (xs: number[]) => xs[xs.length - 1]!;

  it('holds the last `size` bars oldest first, and is inited only once it has them', () => {
    const young = new ArrayManager(3);
    young.updateBar(minuteBar(0));
    expect(young.inited).toBe(false);
    expect(Array.from(young.close)).toEqual([rb.close[0]]);
    expect(am.inited).toBe(true);
    expect(Array.from(am.close)).toEqual(win.close);
    expect(Array.from(am.high)).toEqual(win.high);
    expect(Array.from(am.openInterest)).toEqual(Array.from(rb.openInterest.subarray(from, END)));
  });

  it('computes the indicators over its window as vnpy does over its arrays', () => {
    expect(am.sma(20)).toBeCloseTo(last(ref.sma(win.close, 20)), 9);
    expect(am.std(20, 2)).toBeCloseTo(2 * last(ref.stddev(win.close, 20)), 9);
    expect(am.ema(12)).toBeCloseTo(last(ref.ema(win.close, 12)), 9);
    expect(am.wma(10)).toBeCloseTo(last(ref.wma(win.close, 10)), 9);
    expect(am.rsi(14)).toBeCloseTo(last(ref.rsi(win.close, 14)), 9);
    expect(am.atr(14)).toBeCloseTo(last(ref.atr(win, 14)), 9);
    expect(am.cci(20)).toBeCloseTo(last(ref.cci(win, 20)), 9);
    expect(am.adx(14)).toBeCloseTo(last(ref.adx(win, 14).adx), 9);
    const boll = am.boll(20, 2);
    expect(boll.upper).toBeCloseTo(last(ref.bollinger(win.close, 20, 2).upper), 9);
    expect(am.donchian(20)).toEqual({ upper: last(ref.highest(win.high, 20)), lower: last(ref.lowest(win.low, 20)) });
    const kk = am.keltner(20, 2);
    expect(kk.lower).toBeCloseTo(last(ref.keltner(win, 20, 2, 'sma').lower), 9);
    const macd = am.macd(12, 26, 9);
    expect(macd.hist).toBeCloseTo(last(ref.macd(win.close, 12, 26, 9).hist), 9);
  });

  it('answers NaN while it holds fewer bars than asked for, and refuses a window longer than itself', () => {
    const young = new ArrayManager(50);
    for (let i = 0; i < 10; i++) young.updateBar(minuteBar(i));
    expect(young.sma(20)).toBeNaN();
    expect(() => am.sma(101)).toThrow(/ArrayManager.sma: n \(101\) is longer than the window \(size 100\)/);
  });
});

describe('crosses', () => {
  it('a cross needs the line below (or touching) before and above after; NaN never crosses', () => {
    expect(crossedAbove(1, 2, 3, 2)).toBe(true);
    expect(crossedAbove(2, 2, 3, 2)).toBe(true);
    expect(crossedAbove(3, 2, 4, 2)).toBe(false);
    expect(crossedAbove(Number.NaN, 2, 3, 2)).toBe(false);
    expect(crossedBelow(3, 2, 1, 2)).toBe(true);
    expect(crossedBelow(1, 2, 0, 2)).toBe(false);
  });
});

describe('AtrTrailingStop (the plan’s check_stop_loss)', () => {
  it('trails the highest high since entry by multiplier ATRs and is hit by a close below it', () => {
    const stop = new AtrTrailingStop(3);
    expect(stop.update({ high: 101, low: 99, close: 100 }, 1, 2)).toBe(false);
    expect(stop.level).toBe(101 - 6);
    expect(stop.update({ high: 110, low: 104, close: 108 }, 1, 2)).toBe(false);
    expect(stop.level).toBe(104);
    // The high falls back: the stop does not.
    expect(stop.update({ high: 107, low: 104.5, close: 105 }, 1, 2)).toBe(false);
    expect(stop.level).toBe(104);
    expect(stop.update({ high: 105, low: 103, close: 103.5 }, 1, 2)).toBe(true);
  });

  it('for a short, trails the lowest low upwards; a new entry starts over', () => {
    const stop = new AtrTrailingStop(2);
    stop.update({ high: 101, low: 99, close: 100 }, 1, 1);
    expect(stop.update({ high: 100, low: 95, close: 96 }, -1, 1)).toBe(false);
    expect(stop.extreme).toBe(95);
    expect(stop.level).toBe(97);
    expect(stop.update({ high: 98, low: 96, close: 97.5 }, -1, 1)).toBe(true);
    expect(stop.update({ high: 98, low: 96, close: 97.5 }, 0, 1)).toBe(false);
    expect(stop.level).toBeNaN();
  });
});

describe('minutesToDayClose (intraday strategies flat before the close)', () => {
  const at = (h: number, m: number, period = '1m') => ({ time: shanghaiToEpoch(2019, 6, 19, h, m), period });
  it('counts from the end of the bar to 15:00 for day-session bars of rebar', () => {
    expect(minutesToDayClose(rbContract(), at(14, 54))).toBe(5);
    expect(minutesToDayClose(rbContract(), at(14, 59))).toBe(0);
    expect(minutesToDayClose(rbContract(), at(9, 0))).toBe(359);
    expect(minutesToDayClose(rbContract(), at(14, 50, '5m'))).toBe(5);
  });
  it('is Infinity in the night session, whose trading day still has its day session to come', () => {
    expect(minutesToDayClose(rbContract(), at(22, 59))).toBe(Infinity);
    expect(minutesToDayClose(rbContract(), at(21, 0))).toBe(Infinity);
  });
});

describe('PeriodBars', () => {
  it('builds 15-minute bars from the sample’s 1-minute bars and passes 15-minute bars straight through', () => {
    const got: Bar[] = [];
    const pb = new PeriodBars('15m', rbContract(), (b) => got.push(b));
    for (let i = 0; i < 120; i++) pb.update(minuteBar(i));
    expect(got.length).toBe(8);
    expect(got[0]!.period).toBe('15m');
    expect(got[0]!.open).toBe(rb.open[0]);
    expect(got[0]!.close).toBe(rb.close[14]);
    expect(got[0]!.high).toBe(Math.max(...Array.from(rb.high.subarray(0, 15))));
    const passed: Bar[] = [];
    const direct = new PeriodBars('15m', rbContract(), (b) => passed.push(b));
    direct.update(got[1]!);
    expect(passed).toEqual([got[1]]);
  });

  it('builds the same 15-minute, hourly and daily bars from 5-minute bars as from the 1-minute bars they were made of', () => {
    // The whole sample: night sessions, the 10:15 break, lunch and the trading days' ends.
    const fiveMinute: Bar[] = [];
    const five = new PeriodBars('5m', rbContract(), (b) => fiveMinute.push(b));
    for (let i = 0; i < rb.length; i++) five.update(minuteBar(i));
    for (const period of ['15m', '1h', '1d']) {
      const fromMinutes: Bar[] = [];
      const fromFives: Bar[] = [];
      const a = new PeriodBars(period, rbContract(), (b) => fromMinutes.push(b));
      const b = new PeriodBars(period, rbContract(), (x) => fromFives.push(x));
      for (let i = 0; i < rb.length; i++) a.update(minuteBar(i));
      for (const bar of fiveMinute) b.update(bar);
      expect(fromFives.length, period).toBeGreaterThan(period === '1d' ? 100 : 1000);
      expect(fromFives, period).toEqual(fromMinutes);
    }
  });

  it('refuses bars it cannot build from, saying what to run it on', () => {
    const pb = new PeriodBars('15m', rbContract(), () => {});
    const refusal = (given: string) => `this strategy builds 15m bars from 15m bars or shorter ones whose period divides it, but it was given ${given} bars: run it on 1m or 15m data`;
    for (const given of ['10m', '30m', '1d'] as const) expect(() => pb.update({ ...minuteBar(0), period: given })).toThrow(refusal(given));
  });
});

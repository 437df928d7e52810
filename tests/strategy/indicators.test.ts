import { describe, expect, it } from 'vitest';
import {
  ADX,
  ATR,
  Bollinger,
  CCI,
  Donchian,
  EMA,
  KDJ,
  Keltner,
  MACD,
  OBV,
  RSI,
  RollingExtreme,
  SMA,
  WaveTrend,
  WMA,
} from '../../src/main/strategy/indicators';
import * as ref from './support/reference';
import { CU2603, RB2005, sampleBars } from './support/sample';

const rb = sampleBars(RB2005.file);
const cu = sampleBars(CU2603.file);
const bar = (c: typeof rb, i: number) => ({ high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, volume: c.volume[i]! });

/** Same warm-up (NaN at the same bars) and the same values to a relative 1e-9. */
function expectSameSeries(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length).toBe(expected.length);
  let defined = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) throw new Error(`${what}: bar ${i} is ${a}, expected ${e}`);
      continue;
    }
    defined++;
    if (Math.abs(a - e) > 1e-9 * Math.max(1, Math.abs(e))) throw new Error(`${what}: bar ${i} is ${a}, expected ${e}`);
  }
  expect(defined, `${what} has values`).toBeGreaterThan(expected.length / 2);
}

function run<T>(n: number, f: (i: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(f(i));
  return out;
}

describe('moving averages against their plain formulas on the rb2005 sample (51,510 bars)', () => {
  it.each([1, 10, 30, 120])('SMA(%i)', (n) => {
    const ind = new SMA(n);
    expectSameSeries(
      run(rb.length, (i) => ind.update(rb.close[i]!)),
      ref.sma(rb.close, n),
      `SMA(${n})`,
    );
  });

  it('SMA is exact with whole-tick prices, however long it runs: SMA(10) and SMA(30) equal fresh sums at every bar', () => {
    const a = new SMA(10);
    const b = new SMA(30);
    for (let i = 0; i < rb.length; i++) {
      a.update(rb.close[i]!);
      b.update(rb.close[i]!);
      if (i >= 29) {
        let s10 = 0;
        let s30 = 0;
        for (let k = i - 9; k <= i; k++) s10 += rb.close[k]!;
        for (let k = i - 29; k <= i; k++) s30 += rb.close[k]!;
        if (a.value !== s10 / 10 || b.value !== s30 / 30) throw new Error(`bar ${i}: ${a.value} / ${b.value}`);
      }
    }
  });

  it.each([
    [12, 'sma'],
    [26, 'sma'],
    [12, 'first'],
  ] as const)('EMA(%i) seeded with %s', (n, seed) => {
    const ind = new EMA(n, { seed });
    expectSameSeries(
      run(rb.length, (i) => ind.update(rb.close[i]!)),
      ref.ema(rb.close, n, seed),
      `EMA(${n})`,
    );
  });

  it.each([5, 20])('WMA(%i)', (n) => {
    const ind = new WMA(n);
    expectSameSeries(
      run(rb.length, (i) => ind.update(rb.close[i]!)),
      ref.wma(rb.close, n),
      `WMA(${n})`,
    );
  });

  it('WMA weighs the newest value most: WMA(3) of 1..5 ends at (3*1 + 4*2 + 5*3) / 6', () => {
    const w = new WMA(3);
    const out = [1, 2, 3, 4, 5].map((x) => w.update(x));
    expect(out.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(out[2]).toBeCloseTo((1 + 4 + 9) / 6, 12);
    expect(out[4]).toBeCloseTo(26 / 6, 12);
  });

  it('MACD(12, 26, 9): DIF, DEA and histogram', () => {
    const m = new MACD(12, 26, 9);
    const dif: number[] = [];
    const dea: number[] = [];
    const hist: number[] = [];
    for (let i = 0; i < rb.length; i++) {
      m.update(rb.close[i]!);
      dif.push(m.dif);
      dea.push(m.dea);
      hist.push(m.hist);
    }
    const e = ref.macd(rb.close, 12, 26, 9);
    expectSameSeries(dif, e.dif, 'DIF');
    expectSameSeries(dea, e.dea, 'DEA');
    expectSameSeries(hist, e.hist, 'MACD histogram');
    expect(m.bar).toBeCloseTo(2 * m.hist, 12);
  });
});

describe('oscillators and volatility against their plain formulas on real bars', () => {
  it('RSI(14) on the closes of StockCharts’ worked example (Wilder smoothing)', () => {
    // The closes of ChartSchool's RSI table. Its own column reads 70.53 first because it rounds the averages it
    // carries; unrounded, Wilder's formula gives these values (as other open-source test suites have them too).
    const closes = [
      44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03, 46.41, 46.22, 45.64, 46.21,
      46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57, 43.42, 42.66, 43.13,
    ];
    const published = [
      70.46, 66.25, 66.48, 69.35, 66.29, 57.92, 62.88, 63.21, 56.01, 62.34, 54.67, 50.39, 40.02, 41.49, 41.9, 45.5, 37.32, 33.09, 37.79,
    ];
    const r = new RSI(14);
    const out = closes.map((c) => r.update(c));
    expect(out.slice(0, 14).every(Number.isNaN)).toBe(true);
    out.slice(14).forEach((v, k) => expect(v, `RSI at close ${15 + k}`).toBeCloseTo(published[k]!, 2));
    expect(out[14]).toBeCloseTo(70.4641, 4);
  });

  it.each([6, 14])('RSI(%i) on rb2005', (n) => {
    const ind = new RSI(n);
    expectSameSeries(
      run(rb.length, (i) => ind.update(rb.close[i]!)),
      ref.rsi(rb.close, n),
      `RSI(${n})`,
    );
  });

  it('RSI of a market that never moves reads 50, not 0', () => {
    const r = new RSI(5);
    for (let i = 0; i < 10; i++) r.update(3500);
    expect(r.value).toBe(50);
  });

  it.each([14, 22])('ATR(%i)', (n) => {
    const ind = new ATR(n);
    expectSameSeries(
      run(rb.length, (i) => ind.update(bar(rb, i))),
      ref.atr(rb, n),
      `ATR(${n})`,
    );
  });

  it('Bollinger(20, 2) on rb2005 and on copper at 100,000 CNY a ton (no precision lost to squares)', () => {
    for (const [name, c] of [
      ['rb', rb],
      ['cu', cu],
    ] as const) {
      const b = new Bollinger(20, 2);
      const upper: number[] = [];
      const middle: number[] = [];
      const lower: number[] = [];
      for (let i = 0; i < c.length; i++) {
        b.update(c.close[i]!);
        upper.push(b.upper);
        middle.push(b.middle);
        lower.push(b.lower);
      }
      const e = ref.bollinger(c.close, 20, 2);
      expectSameSeries(middle, e.middle, `${name} middle`);
      expectSameSeries(upper, e.upper, `${name} upper`);
      expectSameSeries(lower, e.lower, `${name} lower`);
    }
  });

  it('KDJ(9, 3, 3) as 通达信 draws it', () => {
    const k = new KDJ(9, 3, 3);
    const ks: number[] = [];
    const ds: number[] = [];
    const js: number[] = [];
    for (let i = 0; i < rb.length; i++) {
      k.update(bar(rb, i));
      ks.push(k.k);
      ds.push(k.d);
      js.push(k.j);
    }
    const e = ref.kdj(rb, 9, 3, 3);
    expectSameSeries(ks, e.k, 'K');
    expectSameSeries(ds, e.d, 'D');
    expectSameSeries(js, e.j, 'J');
  });

  it('KDJ of bars that never move stays at 50', () => {
    const k = new KDJ();
    for (let i = 0; i < 20; i++) k.update({ high: 10, low: 10, close: 10 });
    expect([k.k, k.d, k.j]).toEqual([50, 50, 50]);
  });

  it.each([14, 20])('CCI(%i)', (n) => {
    const ind = new CCI(n);
    expectSameSeries(
      run(rb.length, (i) => ind.update(bar(rb, i))),
      ref.cci(rb, n),
      `CCI(${n})`,
    );
  });

  it('ADX(14) with +DI and -DI, as Wilder wrote it', () => {
    const a = new ADX(14);
    const adx: number[] = [];
    const p: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < rb.length; i++) {
      adx.push(a.update(bar(rb, i)));
      p.push(a.plusDI);
      m.push(a.minusDI);
    }
    const e = ref.adx(rb, 14);
    expectSameSeries(p, e.plusDI, '+DI');
    expectSameSeries(m, e.minusDI, '-DI');
    expectSameSeries(adx, e.adx, 'ADX');
    // Wilder: DI from bar 14, ADX from bar 27.
    expect(Number.isNaN(adx[26]!) && !Number.isNaN(adx[27]!)).toBe(true);
  });

  it('OBV adds the volume of up bars and subtracts that of down bars', () => {
    const o = new OBV();
    const closes = [10, 11, 10, 10, 12];
    const vols = [100, 200, 300, 400, 500];
    expect(closes.map((c, i) => o.update({ close: c, volume: vols[i]! }))).toEqual([0, 200, -100, -100, 400]);
    const full = new OBV();
    expectSameSeries(
      run(rb.length, (i) => full.update(bar(rb, i))),
      ref.obv(rb.close, rb.volume),
      'OBV',
    );
  });

  it('WaveTrend(10, 21): wt1 and wt2 by the formula of the issue', () => {
    const w = new WaveTrend(10, 21);
    const wt1: number[] = [];
    const wt2: number[] = [];
    for (let i = 0; i < rb.length; i++) {
      w.update(bar(rb, i));
      wt1.push(w.wt1);
      wt2.push(w.wt2);
    }
    const e = ref.wavetrend(rb, 10, 21);
    expectSameSeries(wt1, e.wt1, 'wt1');
    expectSameSeries(wt2, e.wt2, 'wt2');
    expect(Math.max(...wt1.filter((x) => !Number.isNaN(x)))).toBeGreaterThan(53);
    expect(Math.min(...wt1.filter((x) => !Number.isNaN(x)))).toBeLessThan(-53);
  });
});

describe('channels', () => {
  it('Donchian(20): highest high and lowest low of the last 20 bars', () => {
    const d = new Donchian(20);
    const up: number[] = [];
    const lo: number[] = [];
    for (let i = 0; i < rb.length; i++) {
      d.update(bar(rb, i));
      up.push(d.upper);
      lo.push(d.lower);
    }
    expectSameSeries(up, ref.highest(rb.high, 20), 'upper');
    expectSameSeries(lo, ref.lowest(rb.low, 20), 'lower');
  });

  it('a rolling maximum over a window of 1 is the value itself, and over a falling series the window’s first', () => {
    const one = new RollingExtreme(1, 'max');
    expect([5, 3, 8].map((x) => one.update(x))).toEqual([5, 3, 8]);
    const three = new RollingExtreme(3, 'max');
    expect([9, 8, 7, 6, 5].map((x) => three.update(x))).toEqual([9, 9, 9, 8, 7]);
  });

  it.each([
    ['ema', 20, 2],
    ['sma', 11, 1.6],
  ] as const)('Keltner with a %s middle line (%i, %f)', (ma, n, mult) => {
    const k = new Keltner(n, mult, { ma });
    const up: number[] = [];
    const mid: number[] = [];
    const lo: number[] = [];
    for (let i = 0; i < rb.length; i++) {
      k.update(bar(rb, i));
      up.push(k.upper);
      mid.push(k.middle);
      lo.push(k.lower);
    }
    const e = ref.keltner(rb, n, mult, ma);
    expectSameSeries(mid, e.middle, 'middle');
    expectSameSeries(up, e.upper, 'upper');
    expectSameSeries(lo, e.lower, 'lower');
  });
});

describe('bad input is refused with the indicator named', () => {
  it('periods must be whole numbers of bars', () => {
    expect(() => new SMA(0)).toThrow(/SMA: period must be a whole number of bars, at least 1 \(got 0\)/);
    expect(() => new EMA(2.5)).toThrow(/EMA: period/);
    expect(() => new MACD(26, 12)).toThrow(/MACD: fast \(26\) must be shorter than slow \(12\)/);
    expect(() => new Bollinger(20, -1)).toThrow(/Bollinger: dev must be a positive number/);
  });

  it('a NaN fed to an average is an error, not a silently poisoned series', () => {
    const s = new SMA(3);
    s.update(1);
    expect(() => s.update(Number.NaN)).toThrow(/SMA.update: the value must be a finite number \(got NaN\)/);
    expect(s.count).toBe(1);
  });

  it('reset starts an indicator over', () => {
    const w = new WaveTrend(10, 21);
    const first = run(200, (i) => w.update(bar(rb, i)));
    w.reset();
    expect(run(200, (i) => w.update(bar(rb, i)))).toEqual(first);
  });
});

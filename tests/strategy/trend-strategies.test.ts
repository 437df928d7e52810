import { describe, expect, it } from 'vitest';
import * as ref from './support/reference';
import { RB2005, changes, expectPositionFollows, expectSaneRun, runShipped, sampleBars } from './support/sample';

const rb = sampleBars(RB2005.file);
const closes = Array.from(rb.close);
const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

describe('dual moving average (strategies/dual-ma.ts)', () => {
  const r = runShipped('dual-ma');
  const net = r.series.get(RB2005.symbol)!.net;

  it('loads, trades on rb2005 and never holds more than 1 lot', () => {
    expectSaneRun(r, 1);
  });

  it('with its defaults (SMA 10/30) and no costs it is the reference backtest of SOURCES.md', () => {
    // 2,081 fills in the reference count a reversal as one fill of 2 lots: here, 2,081 changes of position.
    expect(changes(net).length).toBe(2081);
    const first = r.trades[0]!;
    expect(first).toMatchObject({ side: 'buy', offset: 'open', price: 3268, volume: 1 });
    expect(first.time).toBe(Date.parse('2019-05-15T22:04:00+08:00'));
    // Price P&L of every fill, with the last position marked at the last close, multiplier 10.
    let cash = 0;
    for (const t of r.trades) cash += (t.side === 'sell' ? 1 : -1) * t.price * t.volume;
    const last = rb.length - 1;
    expect((cash + net[last]! * rb.close[last]!) * 10).toBeCloseTo(4030, 6);
    expect(r.run.instance.realizedPnl).toBeCloseTo(3770, 6);
  });

  it('from its first trade on it is long exactly when SMA10 > SMA30 at the close before, short when below', () => {
    const fast = ref.sma(closes, 10);
    const slow = ref.sma(closes, 30);
    const start = changes(net)[0]!.i;
    for (let i = start; i + 1 < rb.length; i++) {
      const d = fast[i]! - slow[i]!;
      if (d !== 0 && net[i + 1] !== sign(d)) throw new Error(`bar ${i + 1}: position ${net[i + 1]}, SMA10 - SMA30 at the close before ${d}`);
    }
  });

  it('with EMAs, 3 lots and no shorting it is long 3 after a cross up and flat after a cross down', () => {
    const e = runShipped('dual-ma', { params: { maType: 'ema', lots: 3, allowShort: false, fast: 12, slow: 26 } });
    expectSaneRun(e, 3);
    const fast = ref.ema(closes, 12);
    const slow = ref.ema(closes, 26);
    expectPositionFollows(e.series.get(RB2005.symbol)!.net, (i, held) => {
      const d = fast[i]! - slow[i]!;
      const p = fast[i - 1]! - slow[i - 1]!;
      if (p <= 0 && d > 0) return 3;
      if (p >= 0 && d < 0) return 0;
      return held;
    });
  });
});

describe('triple moving average (strategies/triple-ma.ts)', () => {
  it('is long while SMA5 > SMA20 > SMA60, short while SMA5 < SMA20 < SMA60, flat otherwise', () => {
    const r = runShipped('triple-ma');
    expectSaneRun(r, 1);
    const [s, m, l] = [ref.sma(closes, 5), ref.sma(closes, 20), ref.sma(closes, 60)];
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (Number.isNaN(l[i]!)) return held;
      return s[i]! > m[i]! && m[i]! > l[i]! ? 1 : s[i]! < m[i]! && m[i]! < l[i]! ? -1 : 0;
    });
  });

  it('with weighted averages, by the same rule', () => {
    const r = runShipped('triple-ma', { params: { maType: 'wma', short: 10, mid: 30, long: 90, lots: 2 } });
    expectSaneRun(r, 2);
    const [s, m, l] = [ref.wma(closes, 10), ref.wma(closes, 30), ref.wma(closes, 90)];
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (Number.isNaN(l[i]!)) return held;
      return s[i]! > m[i]! && m[i]! > l[i]! ? 2 : s[i]! < m[i]! && m[i]! < l[i]! ? -2 : 0;
    });
  });
});

describe('MACD cross (strategies/macd.ts)', () => {
  it('after its first trade is long exactly while DIF > DEA at the close before, short while below', () => {
    const r = runShipped('macd');
    expectSaneRun(r, 1);
    const net = r.series.get(RB2005.symbol)!.net;
    const { hist } = ref.macd(closes, 12, 26, 9);
    const start = changes(net)[0]!.i;
    for (let i = start; i + 1 < rb.length; i++) {
      if (hist[i] !== 0 && net[i + 1] !== sign(hist[i]!)) throw new Error(`bar ${i + 1}: position ${net[i + 1]}, DIF - DEA ${hist[i]}`);
    }
  });

  it('with the zero-line filter, goes long only with DIF above zero and short only below', () => {
    const r = runShipped('macd', { params: { zeroFilter: true } });
    expectSaneRun(r, 1);
    const { dif, hist } = ref.macd(closes, 12, 26, 9);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      const up = hist[i - 1]! <= 0 && hist[i]! > 0;
      const down = hist[i - 1]! >= 0 && hist[i]! < 0;
      if (up) return dif[i]! > 0 ? 1 : Math.max(held, 0);
      if (down) return dif[i]! < 0 ? -1 : Math.min(held, 0);
      return held;
    });
  });
});

describe('channel breakout (strategies/channel-breakout.ts)', () => {
  it('goes long on a close above the previous 20 bars’ high and short on a close below their low', () => {
    const r = runShipped('channel-breakout');
    expectSaneRun(r, 1);
    const hi = ref.highest(rb.high, 20);
    const lo = ref.lowest(rb.low, 20);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (i < 20) return held;
      if (rb.close[i]! > hi[i - 1]!) return 1;
      if (rb.close[i]! < lo[i - 1]!) return -1;
      return held;
    });
  });
});

describe('DMI/ADX trend (strategies/dmi-adx.ts)', () => {
  it('follows the stronger DI while ADX is above 25 and is flat otherwise', () => {
    const r = runShipped('dmi-adx');
    expectSaneRun(r, 1);
    const { adx, plusDI, minusDI } = ref.adx(rb, 14);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (Number.isNaN(adx[i]!)) return held;
      if (adx[i]! > 25 && plusDI[i]! > minusDI[i]!) return 1;
      if (adx[i]! > 25 && minusDI[i]! > plusDI[i]!) return -1;
      return 0;
    });
  });
});

describe('Aberration (strategies/aberration.ts)', () => {
  it('enters on a close beyond SMA35 +- 2 sd and leaves on a close back through the middle', () => {
    const r = runShipped('aberration');
    expectSaneRun(r, 1);
    const b = ref.bollinger(closes, 35, 2);
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      if (Number.isNaN(b.middle[i]!)) return held;
      const c = closes[i]!;
      if (c > b.upper[i]!) return 1;
      if (c < b.lower[i]!) return -1;
      if ((held > 0 && c < b.middle[i]!) || (held < 0 && c > b.middle[i]!)) return 0;
      return held;
    });
  });
});

describe('grid trading (strategies/grid.ts)', () => {
  it('adds a layer each 20 ticks down from the first close, sells one each 20 ticks up, 3 layers at most', () => {
    const r = runShipped('grid');
    expectSaneRun(r, 3);
    const center = closes[0]!;
    expectPositionFollows(r.series.get(RB2005.symbol)!.net, (i, held) => {
      let t = held;
      while (t < 3 && closes[i]! <= center - (t + 1) * 20) t++;
      while (t > -3 && closes[i]! >= center - (t - 1) * 20) t--;
      return t;
    });
    expect(r.run.instance.strategy).toMatchObject({ gridCenter: center });
  });
});

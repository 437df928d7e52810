import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChunkFormatError, decodeChunkInto, encodeChunk } from '../../src/main/data/chunk-codec';
import { allocColumns, asRecord, ColumnsBuilder, sliceColumns, type TickColumns } from '../../src/main/data/series';
import { aggregateBars } from '../../src/main/strategy/bar-generator';
import { formatShanghai, shanghaiToEpoch } from '../../src/shared/model/time';
import { contracts, realRb2005, rowsOf, tempStore, type TempStore } from './helpers';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.close());

describe('market store: round trips', () => {
  it('stores and loads the real rb2005 year exactly, as columns with trading days', () => {
    const src = realRb2005();
    const stats = t.store.writeBars('SHFE.rb2005', '1m', src);
    expect(stats).toEqual({ added: 51_510, replaced: 0, unchanged: 0 });
    const got = t.store.loadBars('SHFE.rb2005', '1m');
    expect(got.time).toBeInstanceOf(Float64Array);
    expect(got.tradingDay).toBeInstanceOf(Int32Array);
    expect(rowsOf(got)).toEqual(rowsOf(src));
    // One chunk per trading day.
    expect(t.store.chunks('SHFE.rb2005', '1m').length).toBe(151);
  });

  it('keeps decimal prices, NaN and large figures bit for bit (index futures, bond futures, ticks)', () => {
    const b = new ColumnsBuilder('bar');
    const prices = [3850.2, 3850.4, 3849.8, 101.065, 101.07, 0.1 + 0.2, 1e15 + 0.5];
    prices.forEach((p, i) => {
      b.pushBar({ time: shanghaiToEpoch(2025, 6, 3, 9, 30 + i), tradingDay: 20250603, open: p, high: p, low: p, close: p, volume: i * 1e10, openInterest: i === 2 ? Number.NaN : i });
    });
    t.store.writeBars('CFFEX.IF2506', '1m', b.columns());
    const got = t.store.loadBars('CFFEX.IF2506', '1m');
    expect(Array.from(got.close)).toEqual(prices);
    expect(Array.from(got.volume)).toEqual(prices.map((_, i) => i * 1e10));
    expect(Number.isNaN(got.openInterest[2]!)).toBe(true);

    const ticks = new ColumnsBuilder('tick');
    for (let i = 0; i < 5; i++) {
      ticks.pushTick({
        symbol: 'SHFE.rb2505', time: shanghaiToEpoch(2025, 3, 3, 21, 0, i, 500), tradingDay: 20250304, last: 3300 + i, bid: 3299 + i, bidVolume: 10, ask: 3300 + i, askVolume: 12,
        volume: 100 * i, turnover: 3300 * 10 * 100 * i + 0.5, openInterest: 1_500_000 + i, open: 3300, high: 3304, low: 3298, preSettlement: 3301, preClose: 3302, preOpenInterest: 1_499_000, limitUp: 3565, limitDown: 3037,
      });
    }
    t.store.writeTicks('SHFE.rb2505', ticks.columns());
    const tg = t.store.loadTicks('SHFE.rb2505');
    for (const f of ['time', 'last', 'bid', 'ask', 'turnover', 'openInterest', 'limitUp'] as const) {
      expect(Array.from(tg[f] as TickColumns['last'])).toEqual(Array.from(ticks.columns()[f] as TickColumns['last']));
    }
    expect(formatShanghai(tg.time[1]!)).toBe('2025-03-03 21:00:01');
  });

  it('loads ranges by trading day (night included) or by time', () => {
    t.store.writeBars('SHFE.rb2005', '1m', realRb2005());
    const mon = t.store.loadBars('SHFE.rb2005', '1m', 20190603, 20190603);
    expect(formatShanghai(mon.time[0]!)).toBe('2019-05-31 21:00:00');
    expect(formatShanghai(mon.time[mon.length - 1]!)).toBe('2019-06-03 14:59:00');
    expect(mon.length).toBe(345);
    const hour = t.store.loadBars('SHFE.rb2005', '1m', shanghaiToEpoch(2019, 6, 3, 9, 0), shanghaiToEpoch(2019, 6, 3, 9, 59));
    expect(hour.length).toBe(60);
    expect(t.store.loadBars('SHFE.rb2005', '1m', 20200101).length).toBe(0);
  });

  it('builds any period from the stored 1-minute bars, or serves it as stored', () => {
    t.store.writeBars('SHFE.rb2005', '1m', realRb2005());
    const h1 = t.store.load('SHFE.rb2005', '1h', 20190603, 20190605);
    expect(rowsOf(h1)).toEqual(rowsOf(aggregateBars(realRb2005(), '1h', contracts().resolve('SHFE.rb2005')), 20190603, 20190605));
    // A period stored as imported is served as it is.
    const daily = aggregateBars(realRb2005(), '1d', contracts().resolve('SHFE.rb2005'));
    const doctored = sliceColumns('bar', daily, 0, 10);
    t.store.writeBars('SHFE.rb2005', '1d', doctored);
    expect(t.store.load('SHFE.rb2005', '1d').length).toBe(10);
  });
});

describe('market store: idempotent writes and merges', () => {
  it('writing the same bars twice leaves one copy', () => {
    const src = sliceColumns('bar', realRb2005(), 0, 5000);
    t.store.writeBars('SHFE.rb2005', '1m', src);
    expect(t.store.writeBars('SHFE.rb2005', '1m', src)).toEqual({ added: 0, replaced: 0, unchanged: 5000 });
    expect(t.store.loadBars('SHFE.rb2005', '1m').length).toBe(5000);
  });

  it('overlapping writes merge, the newer row winning at the same time', () => {
    const src = realRb2005();
    t.store.writeBars('SHFE.rb2005', '1m', sliceColumns('bar', src, 0, 3000));
    const second = sliceColumns('bar', src, 2000, 6000);
    const corrected = allocColumns('bar', second.length);
    for (const f of Object.keys(asRecord(second))) if (f !== 'length') asRecord(corrected)[f]!.set(asRecord(second)[f]!);
    corrected.close[0] = corrected.close[0]! + 1;
    corrected.high[0] = Math.max(corrected.high[0]!, corrected.close[0]!);
    expect(t.store.writeBars('SHFE.rb2005', '1m', corrected)).toEqual({ added: 3000, replaced: 1, unchanged: 999 });
    const got = t.store.loadBars('SHFE.rb2005', '1m');
    expect(got.length).toBe(6000);
    expect(got.close[2000]).toBe(src.close[2000]! + 1);
    expect(got.close[1999]).toBe(src.close[1999]);
  });

  it('appended parts (the recorder) stay few, and load as one series', () => {
    const src = sliceColumns('bar', realRb2005(), 0, 345 * 2);
    for (let i = 0; i < src.length; i += 3) t.store.appendPart('bar', 'SHFE.rb2005', '1m', sliceColumns('bar', src, i, Math.min(src.length, i + 3)));
    const chunks = t.store.chunks('SHFE.rb2005', '1m');
    expect(chunks.length).toBe(2);
    for (const c of chunks) expect(c.parts).toBeLessThan(16);
    expect(rowsOf(t.store.loadBars('SHFE.rb2005', '1m'))).toEqual(rowsOf(src));
  });

  it('a part that overlaps stored rows (a recording restarted over an import) wins at equal times', () => {
    const src = sliceColumns('bar', realRb2005(), 0, 100);
    t.store.writeBars('SHFE.rb2005', '1m', src);
    const redo = new ColumnsBuilder('bar');
    redo.pushBar({ time: src.time[50]!, tradingDay: src.tradingDay[50]!, open: 1, high: 2, low: 1, close: 2, volume: 3, openInterest: 4 });
    t.store.appendPart('bar', 'SHFE.rb2005', '1m', redo.columns());
    const got = t.store.loadBars('SHFE.rb2005', '1m');
    expect(got.length).toBe(100);
    expect(got.close[50]).toBe(2);
  });

  it('deletes a series or some of its days', () => {
    t.store.writeBars('SHFE.rb2005', '1m', realRb2005());
    expect(t.store.deleteSeries('SHFE.rb2005', '1m', 20190603, 20190605)).toBe(3);
    expect(t.store.loadBars('SHFE.rb2005', '1m', 20190603, 20190605).length).toBe(0);
    t.store.deleteSeries('SHFE.rb2005', '1m');
    expect(t.store.series()).toEqual([]);
  });
});

describe('chunk codec', () => {
  it('packs a day of real bars in well under 64 bytes a bar and unpacks it exactly', () => {
    const day = sliceColumns('bar', realRb2005(), 345, 690);
    const blob = encodeChunk('bar', day);
    expect(blob.length / day.length).toBeLessThan(32);
    const out = allocColumns('bar', day.length);
    decodeChunkInto('bar', blob, asRecord(out), 0);
    expect(rowsOf(out)).toEqual(rowsOf(day));
  });

  it('reports a damaged blob instead of reading garbage', () => {
    const blob = encodeChunk('bar', sliceColumns('bar', realRb2005(), 0, 100));
    const out = allocColumns('bar', 100);
    expect(() => decodeChunkInto('bar', blob.subarray(0, blob.length - 40), asRecord(out), 0)).toThrow(ChunkFormatError);
    expect(() => decodeChunkInto('tick', blob, asRecord(allocColumns('tick', 100)), 0)).toThrow(/columns/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCsv } from '../../src/main/data/export';
import { importFile } from '../../src/main/data/import/importer';
import { MarketRecorder } from '../../src/main/data/market-recorder';
import { EventBus } from '../../src/main/engine/bus';
import type { Tick } from '../../src/shared/model/types';
import { realRb2005, rowsOf, tempStore, ticksFromBars, type TempStore } from './helpers';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.close());

/** Plays ticks on a bus as a live feed would, flushing the recorder every ten market seconds. */
function play(bus: EventBus<{ tick: Tick }>, ticks: readonly Tick[], clock: { now: number }, rec: MarketRecorder): void {
  let nextFlush = ticks[0]!.time + 10_000;
  for (const tick of ticks) {
    clock.now = tick.time;
    bus.emit('tick', tick);
    if (tick.time >= nextFlush) {
      rec.flush();
      nextFlush = tick.time + 10_000;
    }
  }
}

describe('recording a live feed', () => {
  it('writes the ticks and the 1-minute bars built from them, which load back as the real bars', () => {
    const ticks = ticksFromBars(realRb2005(), 20190603, 20190605);
    const bus = new EventBus<{ tick: Tick }>();
    const clock = { now: 0 };
    const rec = new MarketRecorder(t.store, { now: () => clock.now, flushIntervalMs: 3_600_000 });
    const detach = rec.attach(bus);
    play(bus, ticks, clock, rec);
    detach();
    rec.close();

    const stored = t.store.loadTicks('SHFE.rb2005');
    expect(stored.length).toBe(ticks.length);
    expect(Array.from(stored.time)).toEqual(ticks.map((x) => x.time));
    expect(Array.from(stored.last)).toEqual(ticks.map((x) => x.last));
    expect(Array.from(stored.volume)).toEqual(ticks.map((x) => x.volume));
    expect(Array.from(stored.tradingDay)).toEqual(ticks.map((x) => x.tradingDay));

    const want = rowsOf(realRb2005(), 20190603, 20190605);
    const got = rowsOf(t.store.loadBars('SHFE.rb2005', '1m'));
    const firstShare = Math.floor(want[0]!.v / 4);
    expect(got).toEqual([{ ...want[0]!, v: want[0]!.v - firstShare }, ...want.slice(1)]);
    expect(rec.recordedTicks).toBe(ticks.length);
    expect(rec.recordedBars).toBe(want.length);
    // Each trading day was written in hundreds of flushes, and is kept in a handful of parts.
    for (const c of t.store.chunks('SHFE.rb2005', 'tick')) expect(c.parts).toBeLessThan(16);
  });

  it('ignores ticks of contracts it does not know, and keeps recording the others', () => {
    const bus = new EventBus<{ tick: Tick }>();
    const rec = new MarketRecorder(t.store, { now: () => 0 });
    rec.attach(bus);
    const ticks = ticksFromBars(realRb2005(), 20190603, 20190603).slice(0, 8);
    bus.emit('tick', { ...ticks[0]!, symbol: 'XYZ' });
    for (const x of ticks) bus.emit('tick', x);
    rec.close();
    expect(rec.unknown).toBe(1);
    expect(t.store.loadTicks('SHFE.rb2005').length).toBe(8);
    expect(t.store.series().map((s) => s.symbol)).toEqual(['SHFE.rb2005', 'SHFE.rb2005']);
  });

  it('a restarted recorder continues the same day: the cut minute and the day’s volume carry on', () => {
    const ticks = ticksFromBars(realRb2005(), 20190603, 20190603);
    // Stop in the middle of a minute (after its second tick).
    const half = Math.floor(ticks.length / 2) + 2;
    for (const part of [ticks.slice(0, half), ticks.slice(half)]) {
      const bus = new EventBus<{ tick: Tick }>();
      const clock = { now: 0 };
      const rec = new MarketRecorder(t.store, { now: () => clock.now });
      rec.attach(bus);
      play(bus, part, clock, rec);
      rec.close();
    }
    expect(t.store.loadTicks('SHFE.rb2005').length).toBe(ticks.length);
    const want = rowsOf(realRb2005(), 20190603, 20190603);
    const firstShare = Math.floor(want[0]!.v / 4);
    expect(rowsOf(t.store.loadBars('SHFE.rb2005', '1m'))).toEqual([{ ...want[0]!, v: want[0]!.v - firstShare }, ...want.slice(1)]);
  });
});

describe('recorded ticks leave through CSV and come back', () => {
  it('exports ticks and imports them into another profile unchanged', async () => {
    const ticks = ticksFromBars(realRb2005(), 20190603, 20190603).map((x) => ({ ...x, turnover: x.volume * x.last * 10 }));
    const bus = new EventBus<{ tick: Tick }>();
    const rec = new MarketRecorder(t.store, { bars: false });
    rec.attach(bus);
    for (const x of ticks) bus.emit('tick', x);
    rec.close();
    const file = `${t.dir}/ticks.csv`;
    expect((await exportCsv(t.store, { symbol: 'SHFE.rb2005', period: 'tick', file })).rows).toBe(ticks.length);

    const other = tempStore();
    try {
      const r = await importFile(other.store, file, { symbol: 'SHFE.rb2005' });
      expect(r).toMatchObject({ format: 'plain', badRows: 0, series: [{ symbol: 'SHFE.rb2005', period: 'tick', rows: ticks.length }] });
      const back = other.store.loadTicks('SHFE.rb2005');
      for (const f of ['time', 'tradingDay', 'last', 'bid', 'ask', 'bidVolume', 'askVolume', 'volume', 'turnover', 'openInterest'] as const) {
        expect(Array.from(back[f])).toEqual(ticks.map((x) => x[f]));
      }
    } finally {
      other.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api/handlers';
import type { UpdatePublisher } from '../../src/main/api/publisher';
import { Terminal } from '../../src/main/engine/terminal';
import type { StrategyAnalytics } from '../../src/shared/ipc/strategy';

const FLIP = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'e2e', 'fixtures', 'flip.ts'), 'utf8');
const open: { t: Terminal; publisher: UpdatePublisher }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.publisher.stop();
    o.t.close();
  }
});

function start() {
  const t = new Terminal({ profileDir: fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-analytics-')), autoPlay: false, demoStrategy: false });
  const { api, publisher } = createApi(t);
  open.push({ t, publisher });
  return { t, api };
}

/** Plays the replay for `minutes` of market time (four ticks a minute per contract). */
function play(t: Terminal, minutes: number): void {
  for (let i = 0; i < minutes * 4 * t.replay.symbols.length; i++) t.replay.step();
}

describe('strategy.analytics: an instance’s live trades as a backtest reads them', () => {
  it('pairs the fills of a strategy trading rebar on the replay into round trips with the backtester’s statistics', async () => {
    const { t, api } = start();
    const file = (await api.call('strategy.upload', { fileName: 'flip.ts', source: FLIP })) as { id: string };
    await api.call('strategy.add', { name: 'flipper', fileId: file.id, symbols: ['rb2605'], params: { every: 3, lots: 1 } });
    await api.call('strategy.start', { name: 'flipper' });
    play(t, 120);
    const a = (await api.call('strategy.analytics', { name: 'flipper' })) as StrategyAnalytics;
    const info = t.strategies.instances().find((i) => i.name === 'flipper')!;
    const fills = t.store.tradesSince(0).filter((x) => x.source === 'flipper');

    expect(a.trades).toBe(fills.length);
    expect(a.trades).toBe(info.tradeCount);
    // It reverses one lot every 3 bars: every reversal closes the lot before, so there is one round trip per close.
    const closes = fills.filter((f) => f.offset !== 'open').length;
    expect(closes).toBeGreaterThan(10);
    expect(a.roundTrips).toHaveLength(closes);
    for (const trip of a.roundTrips) {
      expect(trip.symbol).toBe('SHFE.rb2605');
      expect(trip.volume).toBe(1);
      // Rebar is 10 t a lot.
      expect(trip.pnl).toBeCloseTo((trip.exitPrice - trip.entryPrice) * 10 * (trip.direction === 'long' ? 1 : -1), 6);
      expect(trip.mae).toBeLessThanOrEqual(0);
      expect(trip.mfe).toBeGreaterThanOrEqual(0);
      expect(trip.mae).toBeLessThanOrEqual(Math.min(0, trip.pnl));
      expect(trip.bars).toBeGreaterThan(0);
    }
    // Whole-lot reversals: first in, first out is the runtime's average cost, so both realised P&Ls agree.
    expect(a.roundTrips.reduce((s, x) => s + x.pnl, 0)).toBeCloseTo(info.realizedPnl, 6);
    // Every fee once: in a round trip (entry and exit shares) or with the lot still open.
    expect(a.roundTrips.reduce((s, x) => s + x.commission, 0) + a.openCommission).toBeCloseTo(info.commission, 6);
    expect(a.netPnl).toBeCloseTo(a.roundTrips.reduce((s, x) => s + x.netPnl, 0), 6);
    expect(a.equity.at(-1)!.value).toBeCloseTo(a.netPnl, 6);
    expect(a.equity).toHaveLength(a.roundTrips.length + 1);

    const wins = a.roundTrips.filter((x) => x.netPnl > 0).length;
    expect(a.statistics.roundTrips).toBe(a.roundTrips.length);
    expect(a.statistics.winRate).toBeCloseTo((wins / a.roundTrips.length) * 100, 9);
    let high = 0;
    let dd = 0;
    for (const p of a.equity) {
      high = Math.max(high, p.value);
      dd = Math.max(dd, high - p.value);
    }
    expect(a.maxDrawdown).toBeCloseTo(dd, 9);
    expect(a.daily.reduce((s, d) => s + d.netPnl, 0)).toBeCloseTo(a.netPnl, 6);
    // By the trading day of the closing fills.
    expect(a.daily.map((d) => d.tradingDay)).toEqual([...new Set(fills.filter((f) => f.offset !== 'open').map((f) => f.tradingDay))].sort());
  });

  it('says so for an instance that does not exist, and reports no trips for one that has not traded', async () => {
    const { api } = start();
    await expect(api.call('strategy.analytics', { name: 'ghost' })).rejects.toMatchObject({ code: 'STRATEGY', message: 'no strategy instance named "ghost"' });
    await api.call('strategy.add', { name: 'idle', fileId: 'builtin:dual-ma.ts', symbols: ['rb2605'] });
    const a = (await api.call('strategy.analytics', { name: 'idle' })) as StrategyAnalytics;
    expect(a).toMatchObject({ trades: 0, roundTrips: [], equity: [], netPnl: 0, maxDrawdown: 0 });
    expect(a.statistics.winRate).toBe(0);
  });
});

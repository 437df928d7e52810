import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BacktestHistory } from '../../src/main/backtest/history';
import { runToResult } from '../../src/main/backtest/run';
import { CsvDataSource, prepareBacktest } from '../../src/main/backtest/setup';
import { openDatabase } from '../../src/main/data/db';
import { resourcePath } from '../../src/main/resources';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { backtestSettingsSchema } from '../../src/shared/ipc/backtest';
import { fixture } from './helpers';

const registry = ContractRegistry.load();
const source = new CsvDataSource({ 'SHFE.rb2005': resourcePath('market', 'rb2005_1min.csv') }, registry);
const base = { strategyFile: path.resolve('tests/backtest/fixtures/dual-ma.ts'), symbols: ['SHFE.rb2005'], period: '1m', from: 20190601, to: 20190731 };
const run = (over: object) =>
  runToResult(prepareBacktest(backtestSettingsSchema.parse({ ...base, ...over }), { contracts: registry, source, strategy: fixture('dual-ma.ts') }));

describe('the history of runs in the profile database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-history-'));
  const file = path.join(dir, 'terminal.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const a = run({ params: { fast: 10, slow: 30 } });
  const b = run({ params: { fast: 5, slow: 20 }, to: 20190830, name: '快线 5' });

  it('keeps runs, lists them newest first, and gives each back whole after the database is reopened', () => {
    let db = openDatabase(file);
    const h = new BacktestHistory(db);
    const ida = h.save(a);
    const idb = h.save({ ...b, createdAt: a.createdAt + 1000 });
    db.close();

    db = openDatabase(file);
    const again = new BacktestHistory(db);
    const list = again.list();
    expect(list.map((r) => r.id)).toEqual([idb, ida]);
    expect(list[0]).toMatchObject({ name: '快线 5', strategy: 'DualMa', symbols: ['SHFE.rb2005'], period: '1m', from: 20190601, to: 20190830, params: { fast: 5, slow: 20 } });
    expect(list[1]!.name).toBe('双均线（增量） SHFE.rb2005 1m 2019-06-01~2019-07-31');
    expect(list[1]!.statistics.totalNetPnl).toBeCloseTo(a.statistics.totalNetPnl, 9);

    const back = again.get(ida)!;
    expect(back.id).toBe(ida);
    expect(back.trades).toEqual(a.trades);
    expect(back.daily).toEqual(a.daily);
    expect(back.roundTrips).toEqual(a.roundTrips);
    expect(back.statistics).toEqual(a.statistics);
    db.close();
  });

  it('filters by strategy or name and by contract, and pages', () => {
    const db = openDatabase(file);
    const h = new BacktestHistory(db);
    expect(h.list({ strategy: '快线' }).map((r) => r.name)).toEqual(['快线 5']);
    expect(h.list({ symbol: 'SHFE.rb2005' })).toHaveLength(2);
    expect(h.list({ symbol: 'SHFE.cu2005' })).toHaveLength(0);
    expect(h.list({ limit: 1, offset: 1 }).map((r) => r.params['fast'])).toEqual([10]);
    db.close();
  });

  it('compares two runs: differences of each statistic and both equity curves on their days', () => {
    const db = openDatabase(file);
    const h = new BacktestHistory(db);
    const [rb, ra] = h.list();
    const c = h.compare(ra!.id, rb!.id);
    if ('missing' in c) throw new Error('missing run');
    expect(c.difference.totalNetPnl).toBeCloseTo(b.statistics.totalNetPnl - a.statistics.totalNetPnl, 9);
    expect(c.difference.totalDays).toBe(b.statistics.totalDays - a.statistics.totalDays);
    // b runs a month longer: a has no balance on August's days.
    expect(c.days).toEqual(b.daily.map((d) => d.tradingDay));
    expect(c.balanceB).toEqual(b.daily.map((d) => d.balance));
    expect(c.balanceA.filter((x) => x === null)).toHaveLength(b.daily.length - a.daily.length);
    expect(c.balanceA.slice(0, a.daily.length)).toEqual(a.daily.map((d) => d.balance));
    expect(h.compare(ra!.id, 9999)).toEqual({ missing: 9999 });
    db.close();
  });

  it('deletes a run', () => {
    const db = openDatabase(file);
    const h = new BacktestHistory(db);
    const id = h.list()[0]!.id;
    expect(h.delete(id)).toBe(true);
    expect(h.delete(id)).toBe(false);
    expect(h.get(id)).toBeUndefined();
    expect(h.list()).toHaveLength(1);
    db.close();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backtestHandlers } from '../../src/main/backtest/handlers';
import { BacktestService } from '../../src/main/backtest/service';
import { ApiService, type HandlerMap } from '../../src/main/api/service';
import { openDatabase } from '../../src/main/data/db';
import { MarketStore } from '../../src/main/data/market-store';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { ContractRegistry } from '../../src/main/trading/contracts';
import { requests } from '../../src/shared/ipc/contract';
import type { BacktestProgress, BacktestSettingsInput } from '../../src/shared/ipc/backtest';
import { shanghaiToEpoch } from '../../src/shared/model/time';
import { tickColumns } from './helpers';

const registry = ContractRegistry.load();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-service-'));
const db = openDatabase(path.join(dir, 'terminal.db'));
new MarketStore(db, registry).writeBars('SHFE.rb2005', '1m', readSampleCsv(resourcePath('market', 'rb2005_1min.csv'), registry.calendar));
const service = new BacktestService({ db, contracts: registry, workers: 2 });
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const settings: BacktestSettingsInput = {
  strategyFile: path.resolve('tests/fixtures/strategies/reference-dual-ma.ts'),
  symbols: ['SHFE.rb2005'],
  period: '1m',
  from: 20190516,
  to: 20191223,
  costs: { '*': { commission: { byVolume: true, open: 0, close: 0, closeToday: 0 } } },
};
/** Params as the API hands them to the service: parsed by the contract's schema. */
const parse = <K extends keyof typeof requests>(name: K, params: unknown) => requests[name].params.parse(params) as never;

describe('BacktestService over the profile’s bar store', () => {
  it('runs on a worker with progress, keeps the run, and gives it back', async () => {
    const progress: BacktestProgress[] = [];
    const r = await service.run(parse('backtest.run', { jobId: 'j1', settings }), (p) => progress.push(p));
    // The reference result, through the store, a worker thread and the history.
    expect(r.statistics.totalNetPnl).toBeCloseTo(4030, 6);
    expect(r.trades).toHaveLength(4161);
    expect(r.id).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.jobId === 'j1' && p.job === 'run' && p.total === 51_510)).toBe(true);
    expect(progress[progress.length - 1]!.done).toBe(51_510);

    const listed = service.list(parse('backtest.list', {}));
    expect(listed.map((x) => x.id)).toContain(r.id);
    const back = service.get(parse('backtest.get', { id: r.id }));
    expect(back.statistics).toEqual(r.statistics);
    const html = service.report(parse('backtest.report', { id: r.id, format: 'html' }));
    expect(html.fileName).toMatch(/\.html$/);
    expect(html.content).toContain('回测报告');
    const csv = service.report(parse('backtest.report', { id: r.id, format: 'daily.csv' }));
    expect(csv.content.trim().split('\r\n')).toHaveLength(r.daily.length + 1);
  });

  it('does not keep a run asked not to, and compares two kept runs', async () => {
    const before = service.list(parse('backtest.list', {})).length;
    const loose = await service.run(parse('backtest.run', { settings, keep: false }));
    expect(loose.id).toBeUndefined();
    expect(service.list(parse('backtest.list', {}))).toHaveLength(before);
    const other = await service.run(parse('backtest.run', { settings: { ...settings, to: 20190830, name: 'summer' } }));
    const first = service.list(parse('backtest.list', {})).find((x) => x.name !== 'summer')!;
    const c = service.compare(parse('backtest.compare', { a: first.id, b: other.id! }));
    expect(c.difference.totalNetPnl).toBeCloseTo(other.statistics.totalNetPnl - 4030, 6);
    expect(() => service.compare(parse('backtest.compare', { a: first.id, b: 999 }))).toThrow('回测记录 999 不存在');
    expect(service.delete(parse('backtest.delete', { id: other.id! }))).toEqual({ deleted: true });
    expect(() => service.get(parse('backtest.get', { id: other.id! }))).toThrow(`回测记录 ${other.id} 不存在`);
  });

  it('cancels a run by its job id, and refuses a job id already running', async () => {
    const running = service.run(parse('backtest.run', { jobId: 'c1', settings }));
    await expect(service.run(parse('backtest.run', { jobId: 'c1', settings }))).rejects.toThrow('任务 c1 正在运行');
    expect(service.cancel(parse('backtest.cancel', { jobId: 'c1' }))).toEqual({ cancelled: true });
    await expect(running).rejects.toThrow('回测已取消');
    expect(service.cancel(parse('backtest.cancel', { jobId: 'c1' }))).toEqual({ cancelled: false });
  });

  it('says what is wrong before starting: no data in the range, an unknown symbol', async () => {
    await expect(service.run(parse('backtest.run', { settings: { ...settings, from: 20200101, to: 20200131 } }))).rejects.toThrow(
      'SHFE.rb2005 1m 在 2020-01-01 至 2020-01-31 之间没有数据',
    );
    await expect(service.run(parse('backtest.run', { settings: { ...settings, symbols: ['SHFE.rb2005x'] } }))).rejects.toThrow(/合约代码无效/);
  });

  it('runs on stored ticks, matching each order at the quote it meets', async () => {
    const t = (s: number): number => shanghaiToEpoch(2025, 3, 3, 9, 0, s);
    const ticks = tickColumns([[t(1), 3500, 3499, 3501], [t(2), 3502, 3501, 3503], [t(3), 3504, 3503, 3505], [t(4), 3503, 3502, 3504], [t(5), 3506, 3505, 3507]], 20250303);
    new MarketStore(db, registry).writeTicks('SHFE.rb2505', ticks);
    const r = await service.run(
      parse('backtest.run', {
        keep: false,
        settings: { ...settings, strategyFile: path.resolve('tests/backtest/fixtures/tick-trader.ts'), symbols: ['SHFE.rb2505'], period: 'tick', from: 20250303, to: 20250303, params: { buyAt: 1, sellAt: 3 } },
      }),
    );
    expect(r.trades.map((x) => [x.side, x.price, x.time])).toEqual([
      ['buy', 3503, t(2)],
      ['sell', 3502, t(4)],
    ]);
    expect(r.statistics.totalNetPnl).toBeCloseTo(-10, 6);
    expect(r.statistics.bars).toBe(5);
  });

  it('optimises with progress', async () => {
    const progress: BacktestProgress[] = [];
    const r = await service.optimize(
      parse('backtest.optimize', {
        jobId: 'o1',
        settings: { ...settings, strategyFile: path.resolve('tests/backtest/fixtures/dual-ma.ts'), to: 20190731 },
        optimization: { ranges: [{ name: 'fast', values: [5, 10] }, { name: 'slow', values: [30] }], target: 'sharpeRatio' },
      }),
      (p) => progress.push(p),
    );
    expect(r.runs).toBe(2);
    expect(progress.map((p) => [p.job, p.done, p.total])).toEqual([
      ['optimize', 1, 2],
      ['optimize', 2, 2],
    ]);
    expect(progress[1]!.best).toBe(r.rows[0]!.value);
  });
});

describe('through the API service', () => {
  const progress: BacktestProgress[] = [];
  const api = new ApiService(backtestHandlers(service, (p) => progress.push(p)) as HandlerMap);

  it('validates a request, runs it and pushes its progress', async () => {
    const r = (await api.call('backtest.run', { jobId: 'api1', settings, keep: false })) as { statistics: { totalNetPnl: number } };
    expect(r.statistics.totalNetPnl).toBeCloseTo(4030, 6);
    expect(progress.some((p) => p.jobId === 'api1' && p.done === p.total)).toBe(true);
  });

  it('answers a malformed request with the field named, and a failed one with its reason', async () => {
    await expect(api.call('backtest.run', { settings: { ...settings, capital: -5 } })).rejects.toMatchObject({ code: 'INVALID_PARAMS', field: 'settings.capital' });
    await expect(api.call('backtest.get', { id: 424242 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '回测记录 424242 不存在' });
    await expect(api.call('backtest.run', { settings: { ...settings, strategyFile: '/nope/x.ts' } })).rejects.toMatchObject({ code: 'STRATEGY' });
  });
});

describe('the requests’ schemas', () => {
  it('refuse malformed settings with the field named', () => {
    const bad = requests['backtest.run'].params.safeParse({ settings: { ...settings, from: 20191340 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['settings', 'from']);
    const period = requests['backtest.run'].params.safeParse({ settings: { ...settings, period: '7x' } });
    expect(period.error!.issues[0]!.message).toMatch(/period such as 1m/);
    const target = requests['backtest.optimize'].params.safeParse({ settings, optimization: { ranges: [{ name: 'fast' }], target: 'luck' } });
    expect(target.error!.issues[0]!.path).toEqual(['optimization', 'target']);
  });
});

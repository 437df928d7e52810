import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BacktestHistory } from '../../src/main/backtest/history';
import { openDatabase } from '../../src/main/data/db';
import { MarketStore } from '../../src/main/data/market-store';
import { readSampleCsv } from '../../src/main/gateway/feeds/bar-columns';
import { resourcePath } from '../../src/main/resources';
import { ContractRegistry } from '../../src/main/trading/contracts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const SAMPLE = resourcePath('market', 'rb2005_1min.csv');
const REFERENCE = 'tests/fixtures/strategies/reference-dual-ma.ts';

/** `npm run cli -- ...` from the sources, its output not a terminal. */
function cli(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, QIHUO_PROFILE: path.join(dir, 'no-profile') } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('npm run cli -- backtest', () => {
  it('runs a strategy over a bar file, prints the statistics and writes the report and exports', () => {
    const report = path.join(dir, 'out', 'rb.html');
    const trades = path.join(dir, 'out', 'rb-trades.csv');
    const r = cli('backtest', '--strategy', REFERENCE, '--symbol', 'SHFE.rb2005', '--data', SAMPLE, '--commission', 'zero', '--from', '2019-05-16', '--to', '2019-12-23', '--report', report, '--trades-csv', trades);
    expect(r.err).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/总盈亏 Total net P&L\s+4,030\.00/);
    expect(r.out).toMatch(/总成交笔数 Trades\s+4,161/);
    // Not a terminal: plain progress lines, the last at 100%.
    expect(r.err.trim().split('\n').pop()).toMatch(/^回测 backtest SHFE\.rb2005 1m 2019-05-16 ~ 2019-12-23 100\.0% /);
    expect(fs.readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/);
    expect(fs.readFileSync(trades, 'utf8').trim().split('\r\n')).toHaveLength(4162);
  });

  it('says where a strategy file is wrong: file:line: message', () => {
    const bad = path.join(dir, 'bad.ts');
    fs.writeFileSync(bad, "import { Strategy } from '@qihuo/strategy';\nexport default class Bad extends Strategy {\n  override onBar(): void { const x = ; }\n}\n");
    const r = cli('backtest', '--strategy', bad, '--symbol', 'SHFE.rb2005', '--data', SAMPLE);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`策略文件有误：${bad}:3:38: syntax error: Unexpected ";"`);
  });

  it('refuses an unknown symbol and a range with no data, by name', () => {
    const unknown = cli('backtest', '--strategy', REFERENCE, '--symbol', 'SHFE.zz2005', '--data', SAMPLE, '--from', '2019-06-01', '--to', '2019-06-30');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('合约代码无效：未知品种 "zz"');
    const empty = cli('backtest', '--strategy', REFERENCE, '--symbol', 'SHFE.rb2005', '--data', SAMPLE, '--from', '2020-01-01', '--to', '2020-02-01');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('SHFE.rb2005 1m 在 2020-01-01 至 2020-02-01 之间没有数据');
    expect(empty.err).toContain('No 1m data for SHFE.rb2005 from 2020-01-01 to 2020-02-01');
  });

  it('shows its usage for a bad command line', () => {
    const r = cli('backtest', '--symbol', 'SHFE.rb2005');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--strategy FILE is required');
    expect(r.err).toContain('Usage: npm run cli -- backtest');
    expect(cli('backtest', '--from', 'yesterday', '--strategy', REFERENCE, '--symbol', 'rb2005').err).toContain('--from must be a date such as 2019-05-15');
  });

  it('answers --help after a command with that command’s usage, as help <command> does', () => {
    for (const args of [['backtest', '--help'], ['optimize', '-h'], ['help', 'backtest']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out).toContain(`Usage: npm run cli -- ${args[0] === 'help' ? args[1] : args[0]}`);
      expect(r.err).toBe('');
    }
  });

  it('reads the profile’s bar store and keeps the run in its history', () => {
    const profile = path.join(dir, 'profile');
    const registry = ContractRegistry.load();
    let db = openDatabase(path.join(profile, 'terminal.db'));
    new MarketStore(db, registry).writeBars('SHFE.rb2005', '1m', readSampleCsv(SAMPLE, registry.calendar));
    db.close();
    const r = cli('backtest', '--strategy', REFERENCE, '--symbol', 'rb2005', '--profile', profile, '--commission', 'zero', '--keep');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/总盈亏 Total net P&L\s+4,030\.00/);
    expect(r.out).toContain('kept in the history as run 1');
    db = openDatabase(path.join(profile, 'terminal.db'));
    expect(new BacktestHistory(db).list().map((x) => [x.id, x.statistics.totalNetPnl])).toEqual([[1, 4030]]);
    db.close();
  });
});

describe('npm run cli -- optimize', () => {
  it('runs a grid on worker threads and prints the best runs', () => {
    const json = path.join(dir, 'opt.json');
    const r = cli(
      'optimize',
      '--strategy',
      'tests/backtest/fixtures/dual-ma.ts',
      '--symbol',
      'SHFE.rb2005',
      '--data',
      SAMPLE,
      '--commission',
      'zero',
      '--to',
      '2019-07-31',
      '--range',
      'fast=5:10:5',
      '--range',
      'slow=20,30',
      '--target',
      'totalNetPnl',
      '--workers',
      '2',
      '--json',
      json,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('4 次回测 runs on 2 线程 workers');
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as { rows: { params: Record<string, number>; value: number }[] };
    expect(result.rows).toHaveLength(4);
    const best = result.rows[0]!;
    expect(r.out).toContain(`fast=${best.params['fast']} slow=${best.params['slow']}`);
  });

  it('refuses a range the strategy does not declare', () => {
    const r = cli('optimize', '--strategy', 'tests/backtest/fixtures/dual-ma.ts', '--symbol', 'SHFE.rb2005', '--data', SAMPLE, '--range', 'speed=1:3');
    expect(r.code).toBe(1);
    expect(r.err).toContain('优化参数 speed 有误');
  });
});

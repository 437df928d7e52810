import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coverageCommand } from '../../src/main/cli/coverage';
import { exportCommand } from '../../src/main/cli/export';
import { importCommand } from '../../src/main/cli/import';
import { fixture } from './helpers';

let profile: string;
let out: string[];
let err: string[];
beforeEach(() => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qihuo-cli-'));
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(profile, { recursive: true, force: true });
});

describe('data commands of the CLI', () => {
  it('import, coverage and export on a profile', async () => {
    expect(await importCommand.run([fixture('tdx_rb2005_1m.txt'), fixture('TA888_1d_sina.csv'), '--profile', profile])).toBe(0);
    expect(out.join('\n')).toContain('SHFE.rb2005 1m: 1,035 rows 2019-05-31 21:00 .. 2019-06-05 14:59; new 1,035');
    expect(out.join('\n')).toContain('KQ.m@CZCE.TA 1d: 2,218 rows');

    out.length = 0;
    expect(await coverageCommand.run(['--gaps', '--profile', profile])).toBe(0);
    expect(out[1]).toMatch(/^KQ\.m@CZCE\.TA\s+1d\s+2,218\s+2006-12-18 00:00\s+2016-02-05 00:00\s+2218\s+5\s+0$/);
    expect(out).toContain('    missing 2008-09-17 .. 2008-09-19 (3 trading days)');

    const file = path.join(profile, 'rb_1h.csv');
    expect(await exportCommand.run(['rb2005', '1h', file, '--from', '2019-06-04', '--to', '2019-06-04', '--profile', profile])).toBe(0);
    const hours = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.slice(11, 16));
    expect(hours).toEqual(['21:00', '22:00', '09:00', '10:00', '10:30', '11:00', '13:30', '14:00']);
  });

  it('previews without writing, and refuses a file that is not market data in Chinese and English', async () => {
    expect(await importCommand.run([fixture('wh6_rb2005_1m.csv'), '--preview', '--profile', profile])).toBe(0);
    expect(out[0]).toBe(`${fixture('wh6_rb2005_1m.csv')}: wh6, gb18030, SHFE.rb2005 1m, times are bar ends`);
    expect(out.join('\n')).toContain('2019-05-31 21:00 20190603 O 3350 H 3353 L 3345 C 3352 V 2044 OI 204492');
    out.length = 0;
    expect(await coverageCommand.run(['--profile', profile])).toBe(0);
    expect(out).toEqual(['No market data stored.']);

    const notes = path.join(profile, 'notes.txt');
    fs.writeFileSync(notes, '今天的交易计划：\n观望为主\n');
    expect(await importCommand.run([notes, '--symbol', 'rb2505', '--profile', profile])).toBe(1);
    expect(err[0]).toMatch(/^错误：不是行情数据：/);
    expect(err[1]).toMatch(/^Error: Not market data: /);
  });

  it('names a usage error', async () => {
    await expect(importCommand.run(['--profile', profile])).rejects.toThrow('name at least one file');
    await expect(exportCommand.run(['rb2005', '1m', 'x.csv', '--from', 'soon', '--profile', profile])).rejects.toThrow('--from must be a date');
  });
});

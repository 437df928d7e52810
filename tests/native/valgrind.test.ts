// Releasing the CTP addon while ctp-sim's threads call back, and leaving JS with API objects still running, under
// valgrind: no invalid read or write, no use after free, no memory definitely lost.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeModulePath } from '../../src/main/gateway/ctp/native';

const addon = nativeModulePath('QIHUO_CTP_ADDON', 'ctp.node', path.join('native', 'ctp', 'build', 'Release', 'ctp.node'));
const control = nativeModulePath('QIHUO_CTPSIM_CONTROL', 'ctpsim_control.node', path.join('native', 'ctp-sim', 'control', 'build', 'Release', 'ctpsim_control.node'));
const fixture = path.join(import.meta.dirname, 'fixtures', 'release-under-load.mjs');

/** Valgrind's error reports (the first lines of each), so that a failure shows what went wrong where. */
function reports(out: string): string[] {
  const blocks = out.split(/\n==\d+== \n/).filter((b) => /==\d+== (Invalid|Conditional|Use of|Mismatched|Syscall|Source and destination|Process terminating|\d+ bytes in \d+ blocks are definitely)/.test(b));
  return blocks.map((b) => b.split('\n').slice(0, 8).join('\n'));
}

function underValgrind(scenario: string): { status: number | null; out: string } {
  const r = spawnSync(
    'valgrind',
    ['--error-exitcode=99', `--suppressions=${path.join(import.meta.dirname, 'fixtures', 'valgrind.supp')}`, '--leak-check=full', '--errors-for-leak-kinds=definite', '--show-leak-kinds=definite', process.execPath, fixture, addon, control, scenario],
    { encoding: 'utf8', timeout: 240_000 },
  );
  if (r.error) throw new Error(`valgrind could not run: ${r.error.message} (CI installs it with apt-get install valgrind)`);
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('release and shutdown under valgrind', () => {
  it('releases market-data and trader APIs in the middle of their callbacks without an error or a leak', { timeout: 300_000 }, () => {
    const r = underValgrind('release');
    expect(r.out).toContain('released under load');
    expect(reports(r.out)).toEqual([]);
    expect(r.out).toMatch(/ERROR SUMMARY: 0 errors/);
    expect(r.out).toMatch(/definitely lost: 0 bytes|no leaks are possible/);
    expect(r.status).toBe(0);
  });

  it('ends a process that leaves API objects running during a burst without an error or a leak', { timeout: 300_000 }, () => {
    const r = underValgrind('exit');
    expect(r.out).toContain('leaving with live API objects');
    expect(reports(r.out)).toEqual([]);
    expect(r.out).not.toContain('FATAL ERROR');
    expect(r.out).toMatch(/ERROR SUMMARY: 0 errors/);
    expect(r.out).toMatch(/definitely lost: 0 bytes|no leaks are possible/);
    expect(r.status).toBe(0);
  });
});

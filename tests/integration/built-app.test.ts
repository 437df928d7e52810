import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, wsUrl } from '../helpers/ws-client';

/**
 * The built app, as `npm start` runs it where Electron is not installed (`node out/main/cli.js serve`) and as
 * `npm run cli` runs it: the bundles in out/, not the TypeScript sources the other tests load. A bundling mistake
 * (two modules of one chunk declaring the same name) breaks only these.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(root, 'out', 'main', 'cli.js');

let server: ChildProcess | undefined;
const dirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Starts the built headless server on a fresh profile; resolves with the URL it prints. */
function serve(profile: string): Promise<string> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--profile', profile, '--speed', '600'], { cwd: root });
  server = child;
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`the server stopped with code ${code}: ${err}`)));
  });
}

/** Two months of the bundled real rb2005 bars, read from their file (a new profile's store is empty). */
const SAMPLE_RUN = ['--symbol', 'SHFE.rb2005', '--data', path.join(root, 'resources', 'market', 'rb2005_1min.csv'), '--from', '2019-06-01', '--to', '2019-07-31'];

function builtCli(...args: string[]): string {
  const profile = tempDir('qihuo-built-cli-');
  return execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, QIHUO_PROFILE: profile } });
}

beforeAll(() => {
  // CI builds before it tests; a developer's `npm test` after an edit gets the bundles rebuilt here.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale', '--quiet'], { cwd: root, stdio: 'inherit' });
}, 300_000);

afterAll(() => {
  server?.kill('SIGTERM');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the built app', () => {
  it('serves the UI headless on a new profile, with quotes moving and the demo strategy running', async () => {
    const url = await serve(tempDir('qihuo-built-'));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);

    const client = await TestClient.connect(wsUrl(url));
    const batch = await client.waitFor((u) => (u.ticks?.length ?? 0) > 0);
    expect(batch.ticks!.map((t) => t.symbol)).toContain('SHFE.rb2605');
    const instances = await client.call('strategy.instances', {});
    expect(instances.map((i) => [i.name, i.status])).toContainEqual(['双均线演示', 'running']);
  }, 60_000);

  it('runs a backtest from the command line and writes its offline report', () => {
    const report = path.join(tempDir('qihuo-built-report-'), 'report.html');
    const out = builtCli('backtest', '--strategy', 'strategies/dual-ma.ts', ...SAMPLE_RUN, '--report', report);
    expect(out).toMatch(/SHFE\.rb2005/);
    const html = fs.readFileSync(report, 'utf8');
    // Self-contained: the charts library is inlined, nothing is fetched from the network.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html.length).toBeGreaterThan(500_000);
  }, 120_000);

  it('optimises on its worker threads (the worker bundle beside the CLI)', () => {
    const json = path.join(tempDir('qihuo-built-opt-'), 'opt.json');
    builtCli('optimize', '--strategy', 'tests/backtest/fixtures/dual-ma.ts', ...SAMPLE_RUN, '--range', 'fast=5:10:5', '--range', 'slow=20,30', '--json', json);
    const r = JSON.parse(fs.readFileSync(json, 'utf8')) as { runs: number; rows: { statistics: { totalTradeCount: number } }[] };
    expect(r.runs).toBe(4);
    expect(r.rows).toHaveLength(4);
    for (const row of r.rows) expect(row.statistics.totalTradeCount).toBeGreaterThan(0);
  }, 120_000);
});

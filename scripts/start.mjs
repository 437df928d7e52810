#!/usr/bin/env node
// `npm start`: builds, then opens the desktop window where Electron's binary is installed (a trader's PC), or runs
// the same engine headless and serves the same UI on http://127.0.0.1:PORT where it is not (servers, this kind of
// machine). Extra arguments go to the headless server (e.g. npm start -- --port 9000).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const electron = electronBinary();
const child = electron
  ? spawn(electron, [root], { cwd: root, stdio: 'inherit' })
  : spawn(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (!electron) console.log('Electron is not installed here: running headless. Open the URL below in a browser.');
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

#!/usr/bin/env node
// Builds main, preload and renderer with electron-vite. Where Electron's binary is not installed (servers, CI),
// electron-vite is told the Electron major version so it can still pick its build targets.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');

function electronMajor() {
  try {
    return require('electron/package.json').version.split('.')[0];
  } catch {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const v = lock.packages?.['node_modules/electron']?.version;
    if (!v) throw new Error('cannot tell the Electron version: neither node_modules/electron nor package-lock.json names it');
    return v.split('.')[0];
  }
}

/** Newest modification time under the given paths. */
function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else t = Math.max(t, st.mtimeMs);
  };
  for (const p of paths) walk(path.join(root, p));
  return t;
}

if (args.includes('--if-stale')) {
  const built = path.join(root, 'out', 'main', 'cli.js');
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest(['src', 'electron.vite.config.ts', 'package.json'])) process.exit(0);
}

process.env.ELECTRON_MAJOR_VER ??= electronMajor();
execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', ...(quiet ? ['--logLevel', 'warn'] : [])], {
  cwd: root,
  stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  env: process.env,
});

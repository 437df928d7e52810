#!/usr/bin/env node
// Where Electron's binary cannot be downloaded (servers, CI), npm drops the optional `electron` package, and with it
// Electron's type declarations. The Electron shell and preload must still type-check there, so this fetches only
// electron.d.ts from the same version's npm tarball into node_modules/.electron-types (tsconfig.node.json includes it
// when present). Where Electron is installed, nothing is done.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const installed = path.join(root, 'node_modules', 'electron', 'electron.d.ts');
const target = path.join(root, 'node_modules', '.electron-types', 'electron.d.ts');
if (fs.existsSync(installed)) {
  fs.rmSync(path.dirname(target), { recursive: true, force: true });
  process.exit(0);
}
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const version = lock.packages?.['node_modules/electron']?.version;
if (!version) {
  console.error('electron-types: package-lock.json does not name an electron version');
  process.exit(1);
}
if (fs.existsSync(target) && fs.readFileSync(target, 'utf8').includes(`Type definitions for Electron ${version}`)) process.exit(0);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-types-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', `electron@${version}`, '--pack-destination', tmp, '--silent'], { cwd: tmp, encoding: 'utf8', shell: process.platform === 'win32' });
  const tgz = path.join(tmp, out.trim().split(/\r?\n/).pop());
  execFileSync('tar', ['-xzf', tgz, '-C', tmp, 'package/electron.d.ts']);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(tmp, 'package', 'electron.d.ts'), target);
  console.log(`electron-types: type declarations of Electron ${version} in node_modules/.electron-types`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

#!/usr/bin/env node
// Builds the native parts of live trading (see docs/ctp.md):
//   1. ctp-sim, the simulated CTP front, as an SDK folder shaped like a broker's: native/ctp-sim/build/sdk/ holds
//      ThostFtdc*.h and libthosttraderapi_se / libthostmduserapi_se (skipped when CTP_SDK_DIR names a real SDK);
//   2. the CTP addon (native/ctp, node-gyp) against CTP_SDK_DIR, ctp-sim's folder unless set;
//   3. ctp-sim's control addon (native/ctp-sim/control), which tests use to play the exchange.
// Incremental: only what changed is compiled again; --force rebuilds everything.
//
//   npm run native:build                         against ctp-sim (Linux, macOS)
//   CTP_SDK_DIR=C:\ctp\v6.7.11 npm run native:build   against the broker's SDK (Windows: required)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildTables } from '../native/tools/gen-ctp.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const force = process.argv.includes('--force');
const simDir = path.join(root, 'native', 'ctp-sim');
const simSdk = path.join(simDir, 'build', 'sdk');
const addonDir = path.join(root, 'native', 'ctp');
const controlDir = path.join(simDir, 'control');
const jobs = String(Math.max(1, Math.min(os.cpus().length, 4)));

const realSdk = process.env.CTP_SDK_DIR ? path.resolve(process.env.CTP_SDK_DIR) : undefined;
const sdkDir = realSdk ?? simSdk;
const lib = (name) => (process.platform === 'win32' ? `${name}.lib` : process.platform === 'darwin' ? `lib${name}.dylib` : `lib${name}.so`);

function fail(message) {
  console.error(`native-build: ${message}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) fail(`${cmd} could not be started: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.slice(0, 3).join(' ')} ... failed (exit ${r.status})`);
}

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

function newest(dir, filter = () => true) {
  let t = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, filter));
    else if (filter(p)) t = Math.max(t, mtime(p));
  }
  return t;
}

// ---- 1. ctp-sim ----------------------------------------------------------------------------------------------------

function buildSim() {
  if (process.platform === 'win32') fail('ctp-sim builds with g++ or clang++ (Linux, macOS); on Windows set CTP_SDK_DIR to the broker\'s SDK (docs/ctp.md)');
  const cxx = process.env.CXX || (process.platform === 'darwin' ? 'clang++' : 'g++');
  const genDir = path.join(simDir, 'build', 'gen');
  const objDir = path.join(simDir, 'build', 'obj');
  fs.mkdirSync(objDir, { recursive: true });
  fs.mkdirSync(simSdk, { recursive: true });
  buildTables(genDir);
  const headersTime = Math.max(
    newest(path.join(simDir, 'include')),
    newest(path.join(simDir, 'src'), (p) => p.endsWith('.h')),
    newest(genDir),
  );
  const flags = ['-std=c++17', '-O2', '-fPIC', '-pthread', '-Wall', '-Wextra', '-isystem', path.join(simDir, 'include'), '-I', path.join(simDir, 'src'), '-I', genDir];
  const units = { world: 'src/world.cpp', trader_api: 'src/trader_api.cpp', control: 'src/control.cpp', md_api: 'src/md_api.cpp', layout_check: 'src/gen/layout_check.gen.cpp' };
  const stale = Object.entries(units).filter(([name, src]) => {
    const obj = path.join(objDir, `${name}.o`);
    return force || mtime(obj) < Math.max(mtime(path.join(simDir, src)), headersTime);
  });
  // Two compilers at a time at most: the machines this runs on are shared.
  const queue = [...stale];
  const running = [];
  const width = Math.min(2, Number(jobs));
  const compile = ([name, src]) => runAsync(cxx, [...flags, '-c', path.join(simDir, src), '-o', path.join(objDir, `${name}.o`)]);
  return (async () => {
    if (stale.length) console.log(`native-build: compiling ctp-sim (${stale.map(([n]) => n).join(', ')})`);
    while (queue.length || running.length) {
      while (queue.length && running.length < width) {
        const p = compile(queue.shift()).then((code) => {
          running.splice(running.indexOf(p), 1);
          if (code !== 0) fail('ctp-sim did not compile');
        });
        running.push(p);
      }
      if (running.length) await Promise.race(running);
    }
    const objs = (names) => names.map((n) => path.join(objDir, `${n}.o`));
    const trader = path.join(simSdk, lib('thosttraderapi_se'));
    const md = path.join(simSdk, lib('thostmduserapi_se'));
    const soname = (n) => (process.platform === 'darwin' ? ['-install_name', `@rpath/${n}`] : [`-Wl,-soname,${n}`]);
    const origin = process.platform === 'darwin' ? '@loader_path' : '$ORIGIN';
    const traderObjs = objs(['world', 'trader_api', 'control', 'layout_check']);
    if (force || stale.length || !fs.existsSync(trader) || Math.max(...traderObjs.map(mtime)) > mtime(trader)) {
      run(cxx, ['-shared', '-pthread', '-o', trader, ...traderObjs, ...soname(lib('thosttraderapi_se'))]);
    }
    if (force || stale.length || !fs.existsSync(md) || Math.max(mtime(trader), mtime(path.join(objDir, 'md_api.o'))) > mtime(md)) {
      run(cxx, ['-shared', '-pthread', '-o', md, ...objs(['md_api']), '-L', simSdk, '-lthosttraderapi_se', `-Wl,-rpath,${origin}`, ...soname(lib('thostmduserapi_se'))]);
    }
    for (const h of ['ThostFtdcTraderApi.h', 'ThostFtdcMdApi.h', 'ThostFtdcUserApiStruct.h', 'ThostFtdcUserApiDataType.h']) {
      fs.copyFileSync(path.join(simDir, 'include', h), path.join(simSdk, h));
    }
  })();
}

function runAsync(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', (e) => fail(`${cmd} could not be started: ${e.message}`));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

// ---- 2 and 3. the addons -------------------------------------------------------------------------------------------

function checkSdk(dir) {
  const need = ['ThostFtdcTraderApi.h', 'ThostFtdcMdApi.h', 'ThostFtdcUserApiStruct.h', 'ThostFtdcUserApiDataType.h'];
  if (process.platform === 'win32') need.push('thosttraderapi_se.lib', 'thostmduserapi_se.lib', 'thosttraderapi_se.dll', 'thostmduserapi_se.dll');
  else need.push(lib('thosttraderapi_se'), lib('thostmduserapi_se'));
  const missing = need.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) fail(`CTP_SDK_DIR=${dir} lacks ${missing.join(', ')}: it must be the folder that holds the SDK's headers and libraries (docs/ctp.md)`);
}

function nodeGyp(dir, sdk) {
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const env = { ...process.env, CTP_SDK_DIR: sdk };
  const args = [];
  // Offline machines: use the headers of the Node that runs this script instead of downloading them.
  const prefix = path.dirname(path.dirname(process.execPath));
  if (process.platform !== 'win32' && fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
  const stampFile = path.join(dir, 'build', 'sdk-dir.txt');
  const configured = fs.existsSync(path.join(dir, 'build', 'config.gypi')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === sdk;
  if (force || !configured || mtime(path.join(dir, 'binding.gyp')) > mtime(stampFile)) {
    run(process.execPath, [gyp, 'configure', '--loglevel=warn', ...args], { cwd: dir, env });
    fs.writeFileSync(stampFile, sdk);
  }
  run(process.execPath, [gyp, 'build', `--jobs=${jobs}`, '--loglevel=warn', ...args], { cwd: dir, env });
}

async function main() {
  const started = Date.now();
  if (!realSdk) await buildSim();
  checkSdk(sdkDir);
  console.log(`native-build: CTP addon against ${realSdk ? `CTP_SDK_DIR=${realSdk}` : 'ctp-sim'}`);
  nodeGyp(addonDir, sdkDir);
  if (!realSdk) {
    console.log('native-build: ctp-sim control addon');
    nodeGyp(controlDir, simSdk);
  }
  console.log(`native-build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

await main();

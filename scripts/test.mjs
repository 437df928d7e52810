#!/usr/bin/env node
// `npm test`: builds what the tests run (the native CTP parts against ctp-sim and the app, each only if out of date),
// type-checks, lints, then every test (unit, integration, native, browser end-to-end), and one last line
// `N passed, N failed` that counts the tests and those steps. Exits non-zero if anything failed. It is all CI runs
// after `npm ci`: what a newcomer runs is what CI checks.
//   npm test                 everything
//   npm test -- tests/trading  only the given test paths (type-check and lint still run)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);

let passed = 0;
let failed = 0;
const failures = [];

function check(label, cmd, args) {
  process.stdout.write(`\n== ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

check('build (native: CTP addon against ctp-sim)', process.execPath, [path.join(root, 'scripts', 'native-build.mjs')]);
check('build (app)', process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale']);
check('type-check (node: main, preload, tests)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
check('type-check (web: renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings', '0']);

process.stdout.write('\n== tests\n');
const report = path.join(results, 'vitest.json');
fs.rmSync(report, { force: true });
const r = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...only], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that fails to load has no test to count: count it as one failure.
  for (const f of json.testResults ?? []) {
    if (f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed')) {
      failed++;
      failures.push(`${path.relative(root, f.name)}: ${String(f.message).split('\n')[0]}`);
    }
    for (const a of f.assertionResults ?? []) if (a.status === 'failed') failures.push(`${path.relative(root, f.name)} > ${a.fullName}`);
  }
  if (json.numPendingTests + json.numTodoTests > 0) {
    failed += json.numPendingTests + json.numTodoTests;
    failures.push(`${json.numPendingTests + json.numTodoTests} skipped or todo tests: every test must run`);
  }
} else {
  failed++;
  failures.push(`vitest wrote no report (exit ${r.status})`);
}
if (r.status !== 0 && failed === 0) {
  failed++;
  failures.push(`vitest exited with ${r.status}`);
}

if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures.slice(0, 50)) console.log(`  ${f}`);
}
const summary = `${passed} passed, ${failed} failed`;
fs.writeFileSync(path.join(results, 'summary.txt'), summary + '\n');
console.log(`\n${summary}`);
process.exit(failed === 0 ? 0 : 1);

// ctp-sim and the addon against the CTP API specification (native/spec/ctp-api-spec.json, the real SDK v6.7.11 as
// data): generated files current, every vtable slot and exported symbol as the real SDK's, and an addon that uses
// nothing a real SDK lacks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const spec = JSON.parse(fs.readFileSync(path.join(root, 'native', 'spec', 'ctp-api-spec.json'), 'utf8')) as {
  symbols: { linux_exported_symbols_expected: { statics: string[] } };
};
const sdk = path.join(root, 'native', 'ctp-sim', 'build', 'sdk');
const addon = path.join(root, 'native', 'ctp', 'build', 'Release', 'ctp.node');

function dynamicSymbols(file: string, undefinedOnly = false): string[] {
  const out = execFileSync('nm', ['-D', ...(undefinedOnly ? ['--undefined-only'] : ['--defined-only']), file], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim().split(/\s+/).at(-1)!).filter(Boolean);
}

describe('the CTP API as specified', () => {
  it('has its generated headers, tables and types up to date with the spec', () => {
    const r = execFileSync(process.execPath, [path.join(root, 'native', 'tools', 'gen-ctp.mjs'), '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r).toBe('');
  });

  it('puts all 325 virtual methods of the four classes in the spec\'s vtable slots', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctp-abi-'));
    const exe = path.join(dir, 'abi_check');
    execFileSync('g++', ['-std=c++17', '-I', path.join(root, 'native', 'ctp-sim', 'include'), path.join(root, 'native', 'ctp-sim', 'test', 'abi_check.gen.cpp'), '-o', exe]);
    expect(execFileSync(exe, { encoding: 'utf8' }).trim()).toBe('325 virtual methods checked, 0 mismatches');
  });

  it('exports the static entry points of the real libraries under their mangled names', () => {
    const exported = [...dynamicSymbols(path.join(sdk, 'libthosttraderapi_se.so')), ...dynamicSymbols(path.join(sdk, 'libthostmduserapi_se.so'))];
    for (const s of spec.symbols.linux_exported_symbols_expected.statics) expect(exported).toContain(s);
  });

  it('builds an addon that calls only what a real SDK has: no ctp-sim hook, only the SDK\'s factories', () => {
    const wanted = dynamicSymbols(addon, true);
    expect(wanted.filter((s) => s.startsWith('ctpsim_'))).toEqual([]);
    const fromSdk = wanted.filter((s) => /CThostFtdc/.test(s)).sort();
    expect(fromSdk).toEqual(
      [
        '_ZN15CThostFtdcMdApi13GetApiVersionEv',
        '_ZN15CThostFtdcMdApi15CreateFtdcMdApiEPKcbbb',
        '_ZN19CThostFtdcTraderApi13GetApiVersionEv',
        '_ZN19CThostFtdcTraderApi19CreateFtdcTraderApiEPKcb',
      ].sort(),
    );
  });
});

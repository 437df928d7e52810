import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestSettingsSchema } from '../../src/shared/ipc/backtest';
import { ctpAccountInputSchema } from '../../src/shared/ipc/accounts';
import { CTP_PRESETS } from '../../src/shared/ipc/account-presets';
import { riskConfigSchema, DEFAULT_RISK_CONFIG } from '../../src/shared/ipc/risk';
import type { StrategyFileInfo, StrategyParam } from '../../src/shared/ipc/strategy';
import { buildAxes, gridSize } from '../../src/main/backtest/param-space';
import { loadStrategyFile, resolveParams } from '../../src/main/strategy/loader';
import { buildRanges, buildSettings, defaultRange, emptyForm, isRangeable, rangeValues } from '../../src/renderer/src/backtest/backtest-model';
import { initialInputs, parseParam, parseParams, rangeHint } from '../../src/renderer/src/strategy/param-model';
import { RISK_RULES, riskInputs, riskPatch } from '../../src/renderer/src/settings/risk-model';
import { formOf, newForm, saveInput, withPreset } from '../../src/renderer/src/settings/account-model';

const STRATEGIES = path.resolve(import.meta.dirname, '..', '..', 'strategies');
const shipped = fs
  .readdirSync(STRATEGIES)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, loaded: loadStrategyFile(path.join(STRATEGIES, f)) }));
const params = (name: string): readonly StrategyParam[] => shipped.find((s) => s.file === name)!.loaded.cls.params as readonly StrategyParam[];

describe('parameter forms from the shipped strategies’ schemas', () => {
  it('start every shipped strategy at its declared defaults, which the engine accepts as they are', () => {
    expect(shipped).toHaveLength(22);
    for (const s of shipped) {
      const specs = s.loaded.cls.params as readonly StrategyParam[];
      const { values, problems } = parseParams(specs, initialInputs(specs));
      expect(problems, s.file).toEqual({});
      expect(resolveParams(s.loaded.cls.params, values), s.file).toEqual(resolveParams(s.loaded.cls.params));
    }
  });

  it('names what the engine would refuse, beside the field, before anything is sent', () => {
    const dualMa = params('dual-ma.ts');
    const fast = dualMa.find((p) => p.name === 'fast')!;
    expect(parseParam(fast, '1')).toEqual({ problem: { kind: 'belowMin', min: 2 } });
    expect(parseParam(fast, '201')).toEqual({ problem: { kind: 'aboveMax', max: 200 } });
    expect(parseParam(fast, '5.5')).toEqual({ problem: { kind: 'notInteger' } });
    expect(parseParam(fast, 'abc')).toEqual({ problem: { kind: 'notNumber' } });
    expect(parseParam(fast, ' ')).toEqual({ problem: { kind: 'empty' } });
    expect(parseParam(fast, ' 12 ')).toEqual({ value: 12 });
    expect(parseParam(dualMa.find((p) => p.name === 'maType')!, 'wma')).toEqual({ problem: { kind: 'notOption', options: 'sma / ema' } });
    expect(parseParam(dualMa.find((p) => p.name === 'allowShort')!, false)).toEqual({ value: false });
    // Each of these the engine refuses too.
    for (const bad of [1, 201, 5.5]) expect(() => resolveParams(dualMa as never, { fast: bad })).toThrow(/parameter fast/);
    // The slow period's step (5) is the optimiser's grid, not a rule: 33 is a valid value.
    expect(parseParam(dualMa.find((p) => p.name === 'slow')!, '33')).toEqual({ value: 33 });
    expect(rangeHint(fast, 'zh')).toBe('2 – 200，步长 1');
    expect(rangeHint(fast, 'en')).toBe('2 – 200, step 1');
  });
});

const dualMaFile: StrategyFileInfo = { id: 'builtin:dual-ma.ts', fileName: 'dual-ma.ts', path: path.join(STRATEGIES, 'dual-ma.ts'), builtin: true, symbols: 1, params: params('dual-ma.ts') };

describe('backtest settings from the workspace form', () => {
  it('become settings the engine’s schema takes, with the costs and parameters as typed', () => {
    const form = {
      ...emptyForm(),
      fileId: dualMaFile.id,
      symbols: ['SHFE.rb2605'],
      from: '2026-01-05',
      to: '2026-01-26',
      capital: '500000',
      slippageTicks: '2',
      params: { ...initialInputs(dualMaFile.params!), fast: '5', slow: '20' },
      costs: { commissionOn: true, byVolume: true, open: '3', close: '3', closeToday: '0', marginOn: true, margin: '12' },
      name: ' 双均线 5/20 ',
    };
    const r = buildSettings(form, dualMaFile);
    if (!('settings' in r)) throw new Error(JSON.stringify(r.problems));
    const parsed = backtestSettingsSchema.parse(r.settings);
    expect(parsed).toMatchObject({
      strategyFile: dualMaFile.path,
      symbols: ['SHFE.rb2605'],
      from: 20260105,
      to: 20260126,
      capital: 500000,
      slippageTicks: 2,
      name: '双均线 5/20',
      params: { fast: 5, slow: 20, maType: 'sma', lots: 1, allowShort: true },
    });
    expect(parsed.costs?.['*']).toEqual({ commission: { byVolume: true, open: 3, close: 3, closeToday: 0 }, marginLong: 0.12, marginShort: 0.12 });
  });

  it('name each field that keeps a run from starting', () => {
    const r = buildSettings({ ...emptyForm(), fileId: dualMaFile.id, symbols: [], from: '2026-02-01', to: '2026-01-05', capital: '0', slippageTicks: '-1', params: { fast: '1' } }, dualMaFile);
    expect('problems' in r && r.problems).toEqual({
      fields: { symbols: { kind: 'symbols', need: 1 }, to: { kind: 'fromAfterTo' }, capital: { kind: 'positive' }, slippageTicks: { kind: 'nonNegative' } },
      params: { fast: { kind: 'belowMin', min: 2 } },
    });
    const noFile = buildSettings({ ...emptyForm(), symbols: ['rb2605'], from: '2026-01-05', to: 'x' }, undefined);
    expect('problems' in noFile && noFile.problems.fields).toEqual({ fileId: { kind: 'required' }, to: { kind: 'badDay' } });
  });

  it('count the combinations of an optimisation as the optimiser builds its grid, on every shipped strategy', () => {
    for (const s of shipped) {
      const specs = (s.loaded.cls.params as readonly StrategyParam[]).filter(isRangeable).slice(0, 3);
      const forms = Object.fromEntries(specs.map((p) => [p.name, { ...defaultRange(p), on: true }]));
      // Declared ranges can be large: narrow the numeric ones to a handful of steps, as a trader would.
      for (const p of specs) {
        if (p.type !== 'int' && p.type !== 'float') continue;
        const f = forms[p.name]!;
        const step = Number(f.step);
        forms[p.name] = { ...f, max: String(Math.min(Number(f.max), Number(f.min) + step * 4)) };
      }
      const built = buildRanges(specs, forms);
      expect(built.bad, s.file).toEqual([]);
      const axes = buildAxes(s.loaded.cls.params, built.ranges);
      expect(built.combinations, s.file).toBe(gridSize(axes));
      for (const a of axes) expect(rangeValues(specs.find((p) => p.name === a.name)!, forms[a.name]!), `${s.file} ${a.name}`).toEqual(a.values);
    }
    // Float steps land on the grid: 0.1 + 0.2 is 0.3.
    expect(rangeValues({ name: 'k', type: 'float', default: 0.1, label: { zh: 'k', en: 'k' } }, { on: true, min: '0.1', max: '0.5', step: '0.1' })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    const bad = buildRanges(params('dual-ma.ts'), { fast: { on: true, min: '20', max: '5', step: '1' } });
    expect(bad).toMatchObject({ bad: ['fast'], combinations: undefined });
  });
});

describe('risk rules on the settings screen', () => {
  it('show ratios in percent and send back only what changed, as risk.set takes it', () => {
    const inputs = riskInputs({ ...DEFAULT_RISK_CONFIG, maxDailyLossRatio: 0.05 });
    expect(inputs.maxDailyLossRatio).toBe('5');
    expect(inputs.checkMargin).toBe(true);
    expect(RISK_RULES.map((r) => r.key).sort()).toEqual(Object.keys(DEFAULT_RISK_CONFIG).sort());
    const r = riskPatch(DEFAULT_RISK_CONFIG, { ...riskInputs(DEFAULT_RISK_CONFIG), maxPositionPerContract: '10', maxDrawdownRatio: '12.5', selfTradeCheck: false });
    if (!('patch' in r)) throw new Error('refused');
    expect(r.patch).toEqual({ maxPositionPerContract: 10, maxDrawdownRatio: 0.125, selfTradeCheck: false });
    expect(riskConfigSchema.partial().strict().parse(r.patch)).toEqual(r.patch);
    expect(riskPatch(DEFAULT_RISK_CONFIG, riskInputs(DEFAULT_RISK_CONFIG))).toEqual({ patch: {} });
    expect(riskPatch(DEFAULT_RISK_CONFIG, { ...riskInputs(DEFAULT_RISK_CONFIG), maxOrdersPerSecond: '2.5', maxDailyLossRatio: '101' })).toEqual({
      problems: { maxOrdersPerSecond: 'wholeNumber', maxDailyLossRatio: 'percentRange' },
    });
  });
});

describe('the CTP account form', () => {
  it('fills SimNow and the local front from the presets and never sends a secret left empty', () => {
    const f = { ...newForm('simnow-7x24'), id: 'sn', name: 'SimNow', userId: '123456', password: 'secret-1' };
    expect(f.tradeFronts).toBe(CTP_PRESETS[0]!.tradeFronts.join('\n'));
    const first = saveInput(f, undefined);
    expect(ctpAccountInputSchema.parse(first)).toMatchObject({ brokerId: '9999', appId: 'simnow_client_test', password: 'secret-1', authCode: '0000000000000000', tradeFronts: ['tcp://182.254.243.31:40001'] });
    // Editing: the form starts with empty secrets, and an empty one is left out so the stored one stays.
    const summary = { ...first, password: undefined, authCode: undefined, preset: 'simnow-7x24' as const, hasPassword: true, hasAuthCode: true };
    const edit = formOf({ id: 'sn', name: 'SimNow', preset: 'simnow-7x24', brokerId: '9999', userId: '123456', appId: 'simnow_client_test', productInfo: '', tradeFronts: ['tcp://182.254.243.31:40001'], marketFronts: ['tcp://182.254.243.31:40011'], hasPassword: true, hasAuthCode: true });
    expect([edit.password, edit.authCode]).toEqual(['', '']);
    const again = saveInput({ ...edit, name: 'SimNow 2' }, { ...summary, tradeFronts: ['tcp://182.254.243.31:40001'], marketFronts: ['tcp://182.254.243.31:40011'] });
    expect('password' in again || 'authCode' in again).toBe(false);
    expect(ctpAccountInputSchema.parse(again).name).toBe('SimNow 2');
    // A broker's own fronts, typed one a line (or with commas).
    const custom = saveInput({ ...withPreset(edit, 'custom'), tradeFronts: 'tcp://10.0.0.1:41205,\ntcp://10.0.0.2:41205', marketFronts: 'tcp://10.0.0.1:41213' }, undefined);
    expect(custom.tradeFronts).toEqual(['tcp://10.0.0.1:41205', 'tcp://10.0.0.2:41205']);
    expect(custom.authCode).toBeUndefined();
  });
});

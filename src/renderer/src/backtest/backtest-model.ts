import type { BacktestSettingsInput, ParamRange } from '../../../shared/ipc/backtest';
import type { StrategyFileInfo, StrategyParam } from '../../../shared/ipc/strategy';
import { parseDay } from '../../../shared/model/time';
import { parseParams, type ParamInputs, type ParamProblem, type ParamValue } from '../strategy/param-model';

/**
 * The backtest workspace's forms as plain data, and what they become: the BacktestSettings of backtest.run, the
 * ranges of an optimisation. Checked here the way the engine checks them, so a bad field is named beside itself.
 */
export const BACKTEST_PERIODS = ['1m', '5m', '15m', '30m', '1h', '1d'] as const;

export interface CostForm {
  /** Override the contract specs' commission (else the specs' own). */
  readonly commissionOn: boolean;
  readonly byVolume: boolean;
  readonly open: string;
  readonly close: string;
  readonly closeToday: string;
  readonly marginOn: boolean;
  /** Margin rate in percent, e.g. "10" for 10%. */
  readonly margin: string;
}

export interface BacktestForm {
  readonly fileId: string;
  readonly symbols: readonly string[];
  readonly period: string;
  /** yyyy-mm-dd, as a date field gives it. */
  readonly from: string;
  readonly to: string;
  readonly capital: string;
  readonly slippageTicks: string;
  readonly fillAtTouch: boolean;
  readonly costs: CostForm;
  readonly params: ParamInputs;
  readonly name: string;
}

export const DEFAULT_COSTS: CostForm = { commissionOn: false, byVolume: true, open: '', close: '', closeToday: '', marginOn: false, margin: '' };

export function emptyForm(): BacktestForm {
  return { fileId: '', symbols: [], period: '1m', from: '', to: '', capital: '1000000', slippageTicks: '1', fillAtTouch: false, costs: DEFAULT_COSTS, params: {}, name: '' };
}

/** Why a field of the form cannot be sent, by field name (params by parameter name under `params`). */
export type FormProblem =
  | { readonly kind: 'required' }
  | { readonly kind: 'badDay' }
  | { readonly kind: 'fromAfterTo' }
  | { readonly kind: 'positive' }
  | { readonly kind: 'nonNegative' }
  | { readonly kind: 'ratio' }
  | { readonly kind: 'symbols'; readonly need: number };

export interface FormProblems {
  readonly fields: Readonly<Record<string, FormProblem>>;
  readonly params: Readonly<Record<string, ParamProblem>>;
}

const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

/** The form as backtest.run's settings, or the problems that keep it from being one. */
export function buildSettings(form: BacktestForm, file: StrategyFileInfo | undefined): { settings: BacktestSettingsInput } | { problems: FormProblems } {
  const fields: Record<string, FormProblem> = {};
  if (file === undefined) fields['fileId'] = { kind: 'required' };
  const need = Math.max(1, file?.symbols ?? 1);
  const symbols = form.symbols.slice(0, need).filter((s) => s.trim() !== '');
  if (symbols.length < need) fields['symbols'] = { kind: 'symbols', need };
  const from = parseDay(form.from);
  const to = parseDay(form.to);
  if (from === undefined) fields['from'] = form.from.trim() === '' ? { kind: 'required' } : { kind: 'badDay' };
  if (to === undefined) fields['to'] = form.to.trim() === '' ? { kind: 'required' } : { kind: 'badDay' };
  if (from !== undefined && to !== undefined && from > to) fields['to'] = { kind: 'fromAfterTo' };
  const capital = num(form.capital);
  if (!(capital > 0)) fields['capital'] = { kind: 'positive' };
  const slippage = num(form.slippageTicks);
  if (!(slippage >= 0)) fields['slippageTicks'] = { kind: 'nonNegative' };
  const c = form.costs;
  const commission = { open: num(c.open), close: num(c.close), closeToday: num(c.closeToday) };
  if (c.commissionOn) for (const [k, v] of Object.entries(commission)) if (!(v >= 0)) fields[`costs.${k}`] = { kind: 'nonNegative' };
  const margin = num(c.margin) / 100;
  if (c.marginOn && !(margin > 0 && margin <= 1)) fields['costs.margin'] = { kind: 'ratio' };
  const parsed = parseParams(file?.params ?? [], form.params);
  if (Object.keys(fields).length > 0 || Object.keys(parsed.problems).length > 0 || file === undefined) return { problems: { fields, params: parsed.problems } };
  const override = {
    ...(c.commissionOn ? { commission: { byVolume: c.byVolume, ...commission } } : {}),
    ...(c.marginOn ? { marginLong: margin, marginShort: margin } : {}),
  };
  return {
    settings: {
      strategyFile: file.path,
      symbols,
      period: form.period,
      from: from!,
      to: to!,
      capital,
      slippageTicks: slippage,
      params: parsed.values,
      ...(Object.keys(override).length > 0 ? { costs: { '*': override } } : {}),
      ...(form.fillAtTouch ? { fillAtTouch: true } : {}),
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
    },
  };
}

/** One parameter's row in the optimisation form: varied or fixed, and its range. */
export interface RangeForm {
  readonly on: boolean;
  readonly min: string;
  readonly max: string;
  readonly step: string;
}

export function defaultRange(p: StrategyParam): RangeForm {
  const d = typeof p.default === 'number' ? p.default : 0;
  return { on: false, min: String(p.min ?? d), max: String(p.max ?? d), step: String(p.step ?? (p.type === 'int' ? 1 : 0.1)) };
}

export const isRangeable = (p: StrategyParam): boolean => p.type !== 'string';

/** The values a range takes: min, min + step ... up to max (summed on a fine grid, as the optimiser does), or the options. */
export function rangeValues(p: StrategyParam, r: RangeForm): ParamValue[] | undefined {
  if (p.type === 'bool') return [false, true];
  if (p.type === 'enum') return [...(p.options ?? [])];
  const min = num(r.min);
  const max = num(r.max);
  const step = num(r.step);
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(step > 0) || max < min) return undefined;
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const v = Math.round((min + k * step) * 1e9) / 1e9;
    if (v > max + 1e-9 || out.length > 100_000) break;
    out.push(v);
  }
  return out;
}

/** The ranges to send, and the number of combinations a grid makes (undefined while a range is unreadable). */
export function buildRanges(params: readonly StrategyParam[], ranges: Readonly<Record<string, RangeForm>>): { ranges: ParamRange[]; combinations: number | undefined; bad: string[] } {
  const out: ParamRange[] = [];
  const bad: string[] = [];
  let combinations: number | undefined = 1;
  for (const p of params) {
    const r = ranges[p.name];
    if (r === undefined || !r.on || !isRangeable(p)) continue;
    const values = rangeValues(p, r);
    if (values === undefined) {
      bad.push(p.name);
      combinations = undefined;
      continue;
    }
    if (combinations !== undefined) combinations *= values.length;
    out.push(p.type === 'bool' || p.type === 'enum' ? { name: p.name, values } : { name: p.name, min: num(r.min), max: num(r.max), step: num(r.step) });
  }
  return { ranges: out, combinations: bad.length > 0 ? undefined : out.length === 0 ? 0 : combinations, bad };
}

/** yyyymmdd as a date field's value (yyyy-mm-dd). */
export function dayInput(day: number): string {
  const s = String(day);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

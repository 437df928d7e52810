import type { BacktestStatistics, OptimizationTarget, ParamRange } from '../../shared/ipc/backtest';
import { checkParamValue } from '../strategy/loader';
import type { ParamSpec, ParamValue } from '../strategy/strategy';
import { BacktestError } from './errors';

/** One varied parameter and the values it takes. */
export interface Axis {
  readonly name: string;
  readonly values: readonly ParamValue[];
}

/** Float steps are summed in integers of this resolution, so 0.1 + 0.2 lands on 0.3. */
const DECIMALS = 1e9;

/**
 * The values of each varied parameter: explicit values, or min to max by step (the declared ones where not given;
 * a bool takes both values, an enum all its options). Each value is checked against the declaration.
 */
export function buildAxes(specs: readonly ParamSpec[], ranges: readonly ParamRange[]): Axis[] {
  const seen = new Set<string>();
  return ranges.map((r) => {
    const spec = specs.find((s) => s.name === r.name);
    const fail = (detail: string): never => {
      throw new BacktestError('RANGE', { name: r.name, detail }, 'ranges');
    };
    if (spec === undefined) return fail(`the strategy declares no such parameter (declared: ${specs.map((s) => s.name).join(', ') || 'none'})`);
    if (seen.has(r.name)) return fail('given twice');
    seen.add(r.name);
    let values: ParamValue[];
    if (r.values !== undefined) values = [...new Set(r.values)];
    else if (spec.type === 'bool') values = [false, true];
    else if (spec.type === 'enum') values = [...(spec.options ?? [])];
    else if (spec.type === 'string') return fail('a text parameter needs explicit values');
    else {
      const min = r.min ?? spec.min;
      const max = r.max ?? spec.max;
      const step = r.step ?? spec.step ?? (spec.type === 'int' ? 1 : undefined);
      if (min === undefined || max === undefined) return fail('no min and max given or declared');
      if (step === undefined) return fail('no step given or declared');
      if (min > max) return fail(`min ${min} is above max ${max}`);
      if (spec.type === 'int' && (!Number.isInteger(min) || !Number.isInteger(step))) return fail('an int parameter needs whole min and step');
      const count = Math.floor((max - min) / step + 1e-9) + 1;
      if (count > 100_000) return fail(`${count} values from ${min} to ${max} by ${step}: too many`);
      values = [];
      for (let k = 0; k < count; k++) values.push(Math.round((min + k * step) * DECIMALS) / DECIMALS);
    }
    if (values.length === 0) return fail('no values');
    for (const v of values) {
      const problem = checkParamValue(spec, v);
      if (problem !== undefined) return fail(`value ${JSON.stringify(v)} ${problem}`);
    }
    return { name: r.name, values };
  });
}

export function gridSize(axes: readonly Axis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** The value indices of grid point `index` (the first axis varies slowest). */
export function gridIndices(axes: readonly Axis[], index: number): number[] {
  const out = new Array<number>(axes.length);
  for (let k = axes.length - 1; k >= 0; k--) {
    const n = axes[k]!.values.length;
    out[k] = index % n;
    index = Math.floor(index / n);
  }
  return out;
}

/** The parameters of a point: the fixed ones overlaid with each axis' value. */
export function paramsAt(axes: readonly Axis[], indices: readonly number[], fixed: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  const p: Record<string, ParamValue> = { ...fixed };
  axes.forEach((a, k) => (p[a.name] = a.values[indices[k]!]!));
  return p;
}

const SMALLER_IS_BETTER = new Set<OptimizationTarget>(['maxDrawdown', 'maxDrawdownPercent']);

/**
 * A run's value for sorting: larger is better (a drawdown counts negative). A run that never traded (fast and slow
 * averages of one length, say) is worst, as is one whose value is not a number: their zero P&L, drawdown and Sharpe
 * say nothing of the parameters, and would otherwise beat every losing set.
 */
export function targetValue(s: BacktestStatistics, target: OptimizationTarget): number {
  const v = s[target];
  if (s.totalTradeCount === 0 || Number.isNaN(v)) return -Infinity;
  return SMALLER_IS_BETTER.has(target) ? -v : v;
}

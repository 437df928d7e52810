import type { Lang } from '../../../shared/ipc/settings';
import type { StrategyParam } from '../../../shared/ipc/strategy';

/**
 * The parameter form's pure part: a strategy's declared parameters (ParamSpec) as form fields, and what the trader
 * typed back into values, checked against the declaration the way the engine checks them, so a bad value is named
 * beside its field before anything is sent.
 */
export type ParamValue = number | boolean | string;
/** What each field holds: text for numbers and strings (kept as typed), a boolean for switches. */
export type ParamInputs = Record<string, string | boolean>;

export type ParamProblem =
  | { readonly kind: 'notNumber' }
  | { readonly kind: 'notInteger' }
  | { readonly kind: 'belowMin'; readonly min: number }
  | { readonly kind: 'aboveMax'; readonly max: number }
  | { readonly kind: 'notOption'; readonly options: string }
  | { readonly kind: 'empty' };

export function paramLabel(p: StrategyParam, lang: Lang): string {
  return p.label[lang] || p.label.zh || p.name;
}

export function inputOf(p: StrategyParam, value: ParamValue | undefined): string | boolean {
  const v = value ?? p.default;
  if (p.type === 'bool') return v === true || v === 'true';
  return String(v);
}

/** The form's starting inputs: the given values (an instance being edited), else the declared defaults. */
export function initialInputs(params: readonly StrategyParam[], values: Readonly<Record<string, ParamValue>> = {}): ParamInputs {
  const out: ParamInputs = {};
  for (const p of params) out[p.name] = inputOf(p, values[p.name]);
  return out;
}

/** One field's value, or why it cannot be one. */
export function parseParam(p: StrategyParam, input: string | boolean): { value: ParamValue } | { problem: ParamProblem } {
  if (p.type === 'bool') return { value: input === true || input === 'true' };
  const text = String(input).trim();
  if (p.type === 'string') return { value: String(input) };
  if (p.type === 'enum') {
    const options = p.options ?? [];
    return options.includes(text) ? { value: text } : { problem: { kind: 'notOption', options: options.join(' / ') } };
  }
  if (text === '') return { problem: { kind: 'empty' } };
  const n = Number(text);
  if (!Number.isFinite(n)) return { problem: { kind: 'notNumber' } };
  if (p.type === 'int' && !Number.isInteger(n)) return { problem: { kind: 'notInteger' } };
  if (p.min !== undefined && n < p.min) return { problem: { kind: 'belowMin', min: p.min } };
  if (p.max !== undefined && n > p.max) return { problem: { kind: 'aboveMax', max: p.max } };
  return { value: n };
}

/** Every field parsed: the values to send, and the problems by parameter name (empty when all are good). */
export function parseParams(params: readonly StrategyParam[], inputs: ParamInputs): { values: Record<string, ParamValue>; problems: Record<string, ParamProblem> } {
  const values: Record<string, ParamValue> = {};
  const problems: Record<string, ParamProblem> = {};
  for (const p of params) {
    const r = parseParam(p, inputs[p.name] ?? inputOf(p, undefined));
    if ('value' in r) values[p.name] = r.value;
    else problems[p.name] = r.problem;
  }
  return { values, problems };
}

/** The declared range as a hint beside the field: "2 – 200，步长 1" / "2 – 200, step 1". */
export function rangeHint(p: StrategyParam, lang: Lang): string {
  if (p.type === 'bool' || p.type === 'string' || p.type === 'enum') return '';
  const parts: string[] = [];
  if (p.min !== undefined || p.max !== undefined) parts.push(`${p.min ?? '−∞'} – ${p.max ?? '∞'}`);
  if (p.step !== undefined) parts.push(lang === 'zh' ? `步长 ${p.step}` : `step ${p.step}`);
  return parts.join(lang === 'zh' ? '，' : ', ');
}

/** A parameter set as one line: "快线周期=5 慢线周期=20". */
export function describeParams(params: readonly StrategyParam[] | undefined, values: Readonly<Record<string, ParamValue>>, lang: Lang): string {
  const specs = new Map((params ?? []).map((p) => [p.name, p]));
  return Object.entries(values)
    .map(([k, v]) => {
      const p = specs.get(k);
      const label = p === undefined ? k : paramLabel(p, lang);
      const text = typeof v === 'boolean' ? (lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no') : String(v);
      return `${label}=${text}`;
    })
    .join(' ');
}

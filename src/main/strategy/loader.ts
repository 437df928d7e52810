import crypto from 'node:crypto';
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { transformSync, type Message } from 'esbuild';
import { z } from 'zod';
import * as api from './api';
import { Strategy, type ParamSpec, type Params, type ParamValue, type StrategyClass } from './strategy';

/** The module name strategy files import the API from. */
export const STRATEGY_API_MODULE = '@qihuo/strategy';

/** Where a strategy file is wrong: its file, line and message, as the UI and CLI show it. */
export interface StrategyProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export class StrategyError extends Error {
  constructor(readonly problem: StrategyProblem) {
    super(formatProblem(problem));
    this.name = 'StrategyError';
  }
}

export function formatProblem(p: StrategyProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : p.file;
  return `${where}: ${p.message}`;
}

export interface LoadedStrategy {
  readonly file: string;
  readonly cls: StrategyClass;
  readonly className: string;
  /** A hash of the source: the same file loaded twice is the same strategy. */
  readonly hash: string;
  /** Maps a thrown error's stack back to the strategy file's own line. */
  locate(error: unknown): StrategyProblem;
}

const bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const paramSpecSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier'),
    type: z.enum(['int', 'float', 'bool', 'enum', 'string']),
    default: z.union([z.number(), z.boolean(), z.string()]),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().positive().optional(),
    options: z.array(z.string()).min(1).optional(),
    label: bilingual,
    description: bilingual.optional(),
  })
  .superRefine((p, ctx) => {
    const problem = checkParamValue(p as ParamSpec, p.default);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['default'] });
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) ctx.addIssue({ code: 'custom', message: 'min is above max', path: ['min'] });
    if (p.type === 'enum' && !p.options) ctx.addIssue({ code: 'custom', message: 'an enum parameter needs options', path: ['options'] });
  });
const metaSchema = z.strictObject({
  name: bilingual,
  description: bilingual.optional(),
  symbols: z.number().int().min(1).max(10).optional(),
  warmupBars: z.number().int().min(0).max(1_000_000).optional(),
});

/** Why a value does not fit a parameter, or undefined if it does. */
export function checkParamValue(spec: ParamSpec, v: unknown): string | undefined {
  switch (spec.type) {
    case 'int':
    case 'float':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a number (got ${JSON.stringify(v)})`;
      if (spec.type === 'int' && !Number.isInteger(v)) return `must be a whole number (got ${v})`;
      if (spec.min !== undefined && v < spec.min) return `must be at least ${spec.min} (got ${v})`;
      if (spec.max !== undefined && v > spec.max) return `must be at most ${spec.max} (got ${v})`;
      return undefined;
    case 'bool':
      return typeof v === 'boolean' ? undefined : `must be true or false (got ${JSON.stringify(v)})`;
    case 'enum':
      return typeof v === 'string' && spec.options?.includes(v) ? undefined : `must be one of ${spec.options?.join(', ')} (got ${JSON.stringify(v)})`;
    case 'string':
      return typeof v === 'string' ? undefined : `must be text (got ${JSON.stringify(v)})`;
  }
}

/** The declared defaults overlaid with the given values; every value checked, unknown names refused. */
export function resolveParams(specs: readonly ParamSpec[], given: Readonly<Record<string, unknown>> = {}): Params {
  const out: Record<string, ParamValue> = {};
  for (const s of specs) out[s.name] = s.default;
  for (const [k, v] of Object.entries(given)) {
    const spec = specs.find((s) => s.name === k);
    if (!spec) throw new Error(`unknown parameter "${k}" (declared: ${specs.map((s) => s.name).join(', ') || 'none'})`);
    const problem = checkParamValue(spec, v);
    if (problem) throw new Error(`parameter ${k} ${problem}`);
    out[k] = v as ParamValue;
  }
  return out;
}

/**
 * Loads a strategy file: transpiles it (esbuild), runs it in this process with only the strategy API importable,
 * and checks its default export and declared schema. Problems come back as a StrategyError naming file and line.
 */
export function loadStrategyFile(file: string): LoadedStrategy {
  const abs = path.resolve(file);
  let source: string;
  try {
    source = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    throw new StrategyError({ file: abs, message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
  }
  return loadStrategySource(source, abs);
}

export function loadStrategySource(source: string, file: string): LoadedStrategy {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.ts' && ext !== '.js' && ext !== '.mjs' && ext !== '.cjs') {
    throw new StrategyError({ file, message: 'a strategy file must be .ts or .js' });
  }
  let code: string;
  let map: string;
  try {
    const out = transformSync(source, { loader: ext === '.ts' ? 'ts' : 'js', format: 'cjs', sourcemap: 'external', sourcefile: file, target: 'node20' });
    code = out.code;
    map = out.map;
  } catch (e) {
    const first = (e as { errors?: Message[] }).errors?.[0];
    throw new StrategyError({
      file,
      ...(first?.location ? { line: first.location.line, column: first.location.column + 1 } : {}),
      message: `syntax error: ${first?.text ?? (e as Error).message}`,
    });
  }
  const sourceMap = new SourceMap(JSON.parse(map));
  const locate = (error: unknown): StrategyProblem => locateInFile(error, file, sourceMap);
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  const requireFn = (name: string): unknown => {
    if (name === STRATEGY_API_MODULE) return api;
    throw new Error(`a strategy may import only "${STRATEGY_API_MODULE}" (it imports "${name}")`);
  };
  try {
    const wrapper = new vm.Script(`(function (exports, require, module) {${code}\n})`, { filename: file });
    (wrapper.runInThisContext() as (e: unknown, r: unknown, m: unknown) => void)(mod.exports, requireFn, mod);
  } catch (e) {
    throw new StrategyError(locate(e));
  }
  const cls = mod.exports['default'];
  if (typeof cls !== 'function') {
    throw new StrategyError({ file, ...lineOf(source, /\bclass\b/), message: 'the file has no default export: it must `export default class ... extends Strategy`' });
  }
  if (!(cls.prototype instanceof Strategy)) {
    throw new StrategyError({
      file,
      ...lineOf(source, /\bexport\s+default\b/),
      message: `the default export ${cls.name || '(anonymous)'} does not extend Strategy from "${STRATEGY_API_MODULE}"`,
    });
  }
  const klass = cls as StrategyClass;
  checkSchema(klass, file, source);
  return {
    file,
    cls: klass,
    className: klass.name,
    hash: crypto.createHash('sha256').update(source).digest('hex').slice(0, 16),
    locate,
  };
}

function checkSchema(cls: StrategyClass, file: string, source: string): void {
  const meta = metaSchema.safeParse(cls.meta);
  if (!meta.success) throw new StrategyError({ file, ...lineOf(source, staticField('meta')), message: `static meta: ${issueText(meta.error)}` });
  if (!Array.isArray(cls.params)) {
    throw new StrategyError({ file, ...lineOf(source, staticField('params')), message: 'static params must be an array of parameter declarations' });
  }
  const names = new Set<string>();
  cls.params.forEach((p, i) => {
    const r = paramSpecSchema.safeParse(p);
    const label = typeof (p as { name?: unknown }).name === 'string' ? (p as { name: string }).name : `#${i}`;
    const at = lineOf(source, new RegExp(`\\bname\\s*:\\s*['"\`]${label.replace(/[^A-Za-z0-9_]/g, '')}['"\`]`), staticField('params'));
    if (!r.success) throw new StrategyError({ file, ...at, message: `parameter ${label}: ${issueText(r.error)}` });
    if (names.has(r.data.name)) throw new StrategyError({ file, ...at, message: `parameter ${r.data.name} is declared twice` });
    names.add(r.data.name);
  });
  if (!Array.isArray(cls.state) || cls.state.some((s) => typeof s !== 'string')) {
    throw new StrategyError({ file, ...lineOf(source, staticField('state')), message: 'static state must be an array of field names' });
  }
}

function staticField(name: string): RegExp {
  return new RegExp(`\\bstatic\\s+(override\\s+)?(readonly\\s+)?${name}\\b`);
}

/**
 * Problems found after the file ran (its export, its declarations) have no stack to map: they point at the first
 * source line that matches (then at the fallback's), so the editor still opens where the fix goes.
 */
function lineOf(source: string, ...patterns: RegExp[]): { line?: number } {
  const lines = source.split(/\r?\n/);
  for (const re of patterns) {
    const i = lines.findIndex((l) => re.test(l));
    if (i >= 0) return { line: i + 1 };
  }
  return {};
}

function issueText(error: z.ZodError): string {
  const i = error.issues[0]!;
  return `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`;
}

/** Finds the first stack frame in the strategy file and maps it back through the source map. */
function locateInFile(error: unknown, file: string, map: SourceMap): StrategyProblem {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : error.name + ': '}${error.message}` : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const line of stack.split('\n')) {
    const i = line.lastIndexOf(file + ':');
    if (i < 0) continue;
    const m = /^:(\d+):(\d+)/.exec(line.slice(i + file.length));
    if (!m) continue;
    const entry = map.findEntry(Number(m[1]) - 1, Number(m[2]) - 1) as { originalLine?: number; originalColumn?: number };
    if (entry.originalLine !== undefined) return { file, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1, message };
  }
  return { file, message };
}

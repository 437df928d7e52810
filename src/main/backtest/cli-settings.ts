import path from 'node:path';
import { formatDay, parseDay } from '../../shared/model/time';
import { backtestSettingsSchema, type BacktestSettings, type CostOverride } from '../../shared/ipc/backtest';
import { openDatabase, type Db } from '../data/db';
import { MarketStore } from '../data/market-store';
import { resolveSeries } from '../data/series-id';
import { ZERO_COMMISSION } from './costs';
import { CsvDataSource, StoreDataSource, type DataSource } from './setup';
import { defaultProfileDir } from '../engine/terminal';
import type { ContractRegistry } from '../trading/contracts';
import { UsageError } from '../cli/command';

/** Options shared by `backtest` and `optimize`, for parseArgs. */
export const SETTINGS_OPTIONS = {
  strategy: { type: 'string' },
  symbol: { type: 'string', multiple: true },
  period: { type: 'string', default: '1m' },
  from: { type: 'string' },
  to: { type: 'string' },
  capital: { type: 'string', default: '1000000' },
  slippage: { type: 'string', default: '0' },
  param: { type: 'string', multiple: true },
  commission: { type: 'string', default: 'spec' },
  margin: { type: 'string' },
  data: { type: 'string' },
  profile: { type: 'string' },
} as const;

export const SETTINGS_USAGE = `  --strategy FILE   the strategy file (.ts or .js)
  --symbol S        the contract: SHFE.rb2505, rb2505, or a main-contract series KQ.m@SHFE.rb / rb888
                    (repeat for a strategy that trades several)
  --period P        1m, 5m, 15m, 30m, 1h, 1d or tick (default 1m)
  --from DATE       first trading day, 2019-05-15 or 20190515 (default: the first day of the data)
  --to DATE         last trading day (default: the last day of the data)
  --capital N       initial capital in CNY (default 1000000)
  --slippage N      ticks of slippage on fills at the market (default 0)
  --param K=V       a strategy parameter (repeat), e.g. --param fast=10 --param slow=30
  --commission C    spec (the contract specs' rates, default) or zero
  --margin R        margin rate for every product instead of the specs', e.g. 0.1
  --data FILE       bars from a CSV file in the sample layout (datetime,open,high,low,close,volume,open_interest)
                    instead of the profile's bar store (import files with the import command first)
  --profile DIR     the profile (its bar store and history; default $QIHUO_PROFILE or ~/.qihuo-terminal/profiles/default)`;

export interface SettingsValues {
  strategy?: string | undefined;
  symbol?: string[] | undefined;
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  capital?: string | undefined;
  slippage?: string | undefined;
  param?: string[] | undefined;
  commission?: string | undefined;
  margin?: string | undefined;
  data?: string | undefined;
  profile?: string | undefined;
}

export function parseValue(text: string): number | boolean | string {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

function day(name: string, text: string): number {
  const d = parseDay(text);
  if (d === undefined) throw new UsageError(`--${name} must be a date such as 2019-05-15 (got "${text}")`);
  return d;
}

export interface CliContext {
  readonly source: DataSource;
  readonly db: Db | undefined;
  readonly store: MarketStore | undefined;
  close(): void;
}

/** The data the command reads: a CSV file, or the profile's bar store (opened only when needed). */
export function openSource(v: SettingsValues, contracts: ContractRegistry, needDb: boolean): CliContext {
  const symbols = v.symbol ?? [];
  let db: Db | undefined;
  if (needDb || v.data === undefined) db = openDatabase(path.join(v.profile ?? defaultProfileDir(), 'terminal.db'));
  const store = db === undefined ? undefined : new MarketStore(db, contracts);
  const source =
    v.data !== undefined
      ? new CsvDataSource(Object.fromEntries(symbols.map((s) => [s, path.resolve(v.data!)])), contracts)
      : new StoreDataSource(store!);
  return { source, db, store, close: () => db?.close() };
}

/** The run's settings from the command line, every value checked; a missing date range is the data's own. */
export function settingsFrom(v: SettingsValues, contracts: ContractRegistry, ctx: CliContext): BacktestSettings {
  if (v.strategy === undefined) throw new UsageError('--strategy FILE is required');
  const symbols = v.symbol ?? [];
  if (symbols.length === 0) throw new UsageError('--symbol is required (e.g. --symbol SHFE.rb2505)');
  const params: Record<string, number | boolean | string> = {};
  for (const p of v.param ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param must be NAME=VALUE (got "${p}")`);
    params[p.slice(0, eq).trim()] = parseValue(p.slice(eq + 1).trim());
  }
  const capital = Number(v.capital);
  if (!(capital > 0)) throw new UsageError(`--capital must be a positive number (got ${v.capital})`);
  const slippage = Number(v.slippage);
  if (!(slippage >= 0)) throw new UsageError(`--slippage must be 0 or more ticks (got ${v.slippage})`);
  const costs: CostOverride = {};
  if (v.commission === 'zero') costs.commission = ZERO_COMMISSION;
  else if (v.commission !== 'spec') throw new UsageError(`--commission must be spec or zero (got ${v.commission})`);
  if (v.margin !== undefined) {
    const m = Number(v.margin);
    if (!(m > 0 && m <= 1)) throw new UsageError(`--margin must be a rate above 0 and at most 1 (got ${v.margin})`);
    costs.marginLong = m;
    costs.marginShort = m;
  }
  let from = v.from === undefined ? undefined : day('from', v.from);
  let to = v.to === undefined ? undefined : day('to', v.to);
  if (from === undefined || to === undefined) {
    const range = dataRange(symbols[0]!, v.period ?? '1m', contracts, ctx);
    from ??= range?.from ?? 19900101;
    to ??= range?.to ?? 20991231;
  }
  const parsed = backtestSettingsSchema.safeParse({
    strategyFile: path.resolve(v.strategy),
    symbols,
    period: v.period,
    from,
    to,
    capital,
    slippageTicks: slippage,
    params,
    ...(Object.keys(costs).length > 0 ? { costs: { '*': costs } } : {}),
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new UsageError(`${i.path.join('.') || 'settings'}: ${i.message}`);
  }
  return parsed.data;
}

/** The first and last trading day of a series in the store or the CSV file. */
function dataRange(symbol: string, period: string, contracts: ContractRegistry, ctx: CliContext): { from: number; to: number } | undefined {
  const id = resolveSeries(contracts, symbol);
  if ('error' in id) return undefined;
  if (ctx.store !== undefined && !(ctx.source instanceof CsvDataSource)) {
    const s = ctx.store.series().find((x) => x.symbol === id.symbol && (x.period === period || x.period === '1m'));
    if (s === undefined) return undefined;
    return { from: contracts.calendar.tradingDayOf(s.firstTime), to: contracts.calendar.tradingDayOf(s.lastTime) };
  }
  const bars = ctx.source.bars(id.symbol, '1m', 19900101, 20991231);
  if (bars.length === 0) return undefined;
  return { from: bars.tradingDay[0]!, to: bars.tradingDay[bars.length - 1]! };
}

export function describeRange(s: BacktestSettings): string {
  return `${s.symbols.join(', ')} ${s.period} ${formatDay(s.from)} ~ ${formatDay(s.to)}`;
}

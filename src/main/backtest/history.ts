import zlib from 'node:zlib';
import type {
  BacktestComparison,
  BacktestResult,
  BacktestRunSummary,
  BacktestSettings,
  BacktestStatistics,
} from '../../shared/ipc/backtest';
import { formatDay } from '../../shared/model/time';
import type { Db } from '../data/db';
import { statisticsFromJson } from './stats';

interface RunRow {
  id: number;
  created_at: number;
  name: string;
  strategy: string;
  strategy_file: string;
  symbols: string;
  period: string;
  from_day: number;
  to_day: number;
  settings: string;
  statistics: string;
}

export interface ListFilter {
  /** Part of the strategy's class name or of the run's name. */
  readonly strategy?: string | undefined;
  /** A contract the run traded (canonical id). */
  readonly symbol?: string | undefined;
  readonly limit?: number;
  readonly offset?: number;
}

/** The name a run is listed under when the user gave it none. */
export function defaultRunName(r: Pick<BacktestResult, 'strategy' | 'settings'>): string {
  const s = r.settings;
  return `${r.strategy.name} ${s.symbols.join('/')} ${s.period} ${formatDay(s.from)}~${formatDay(s.to)}`;
}

/**
 * The history of backtest runs in the profile database (table backtest_run): each run's settings and statistics as
 * columns the list reads, its whole result gzipped beside them. Written once per run, in one transaction.
 */
export class BacktestHistory {
  private readonly stmt;

  constructor(readonly db: Db) {
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO backtest_run (created_at, name, strategy, strategy_file, strategy_hash, symbols, period, from_day, to_day, settings, statistics, result)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare('SELECT result FROM backtest_run WHERE id = ?').pluck(),
      summary: db.prepare(
        'SELECT id, created_at, name, strategy, strategy_file, symbols, period, from_day, to_day, settings, statistics FROM backtest_run WHERE id = ?',
      ),
      delete: db.prepare('DELETE FROM backtest_run WHERE id = ?'),
    };
  }

  /** Keeps a run; returns its id. */
  save(result: BacktestResult): number {
    const s = result.settings;
    const name = s.name ?? defaultRunName(result);
    const info = this.stmt.insert.run(
      result.createdAt,
      name,
      result.strategy.className,
      s.strategyFile,
      result.strategy.hash,
      JSON.stringify(s.symbols),
      s.period,
      s.from,
      s.to,
      JSON.stringify(s),
      JSON.stringify(result.statistics),
      zlib.gzipSync(JSON.stringify({ ...result, id: undefined })),
    );
    return Number(info.lastInsertRowid);
  }

  /** Runs, newest first. */
  list(filter: ListFilter = {}): BacktestRunSummary[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.strategy) {
      where.push('(strategy LIKE ? OR name LIKE ?)');
      args.push(`%${filter.strategy}%`, `%${filter.strategy}%`);
    }
    if (filter.symbol) {
      where.push('symbols LIKE ?');
      args.push(`%${JSON.stringify(filter.symbol)}%`);
    }
    const sql = `SELECT id, created_at, name, strategy, strategy_file, symbols, period, from_day, to_day, settings, statistics FROM backtest_run
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`;
    const rows = this.db.prepare(sql).all(...args, filter.limit ?? 200, filter.offset ?? 0) as RunRow[];
    return rows.map(toSummary);
  }

  summary(id: number): BacktestRunSummary | undefined {
    const row = this.stmt.summary.get(id) as RunRow | undefined;
    return row === undefined ? undefined : toSummary(row);
  }

  get(id: number): BacktestResult | undefined {
    const blob = this.stmt.get.get(id) as Buffer | undefined;
    if (blob === undefined) return undefined;
    const r = JSON.parse(zlib.gunzipSync(blob).toString('utf8')) as BacktestResult;
    return { ...r, id, statistics: statisticsFromJson(r.statistics) };
  }

  delete(id: number): boolean {
    return this.stmt.delete.run(id).changes > 0;
  }

  /** Two runs side by side: their statistics, the differences, and both equity curves on the union of their days. */
  compare(a: number, b: number): BacktestComparison | { missing: number } {
    const ra = this.get(a);
    if (ra === undefined) return { missing: a };
    const rb = this.get(b);
    if (rb === undefined) return { missing: b };
    const sa = this.summary(a)!;
    const sb = this.summary(b)!;
    const difference = {} as Record<keyof BacktestStatistics, number>;
    for (const k of Object.keys(sa.statistics) as (keyof BacktestStatistics)[]) difference[k] = sb.statistics[k] - sa.statistics[k];
    const byDayA = new Map(ra.daily.map((d) => [d.tradingDay, d.balance]));
    const byDayB = new Map(rb.daily.map((d) => [d.tradingDay, d.balance]));
    const days = [...new Set([...byDayA.keys(), ...byDayB.keys()])].sort((x, y) => x - y);
    return {
      a: sa,
      b: sb,
      difference,
      days,
      balanceA: days.map((d) => byDayA.get(d) ?? null),
      balanceB: days.map((d) => byDayB.get(d) ?? null),
    };
  }
}

function toSummary(r: RunRow): BacktestRunSummary {
  const settings = JSON.parse(r.settings) as BacktestSettings;
  return {
    id: r.id,
    createdAt: r.created_at,
    name: r.name,
    strategy: r.strategy,
    strategyFile: r.strategy_file,
    symbols: JSON.parse(r.symbols) as string[],
    period: r.period,
    from: r.from_day,
    to: r.to_day,
    params: settings.params,
    statistics: statisticsFromJson(JSON.parse(r.statistics) as BacktestStatistics),
  };
}

import type { CoverageEntry, CoverageGap } from '../../shared/ipc/data';
import { SessionGrid } from '../strategy/bar-generator';
import { TICK_PERIOD, type MarketStore } from './market-store';
import { parsePeriod } from './period';
import { resolveSeries } from './series-id';

export interface CoverageOptions {
  readonly symbol?: string;
  readonly period?: string;
  /** List the gaps (missing trading days, short days), not only count them. */
  readonly gaps?: boolean;
  readonly maxGaps?: number;
}

/**
 * What the store holds, per series and period: first and last bar, count, and the gaps against the trading calendar
 * (trading days without data) and, for intraday bars, against the product's sessions (days with fewer bars than a
 * full day makes: a day session, plus a night session when the calendar has one that evening). Sessions are today's:
 * history from before a product's night session was introduced shows as short days.
 */
export function coverage(store: MarketStore, opts: CoverageOptions = {}): CoverageEntry[] {
  const cal = store.contracts.calendar;
  const out: CoverageEntry[] = [];
  const maxGaps = opts.maxGaps ?? 500;
  for (const s of store.series()) {
    if (opts.symbol !== undefined && s.symbol !== opts.symbol) continue;
    if (opts.period !== undefined && s.period !== opts.period) continue;
    const spec = s.period === TICK_PERIOD ? undefined : parsePeriod(s.period);
    const id = resolveSeries(store.contracts, s.symbol);
    const product = 'error' in id ? undefined : id.product;
    // Days with data, and the rows each holds.
    const perDay = new Map<number, number>();
    if (spec?.kind === 'day') {
      const days = store.loadBars(s.symbol, '1d').tradingDay;
      for (let i = 0; i < days.length; i++) perDay.set(days[i]!, 1);
    } else {
      for (const c of store.chunks(s.symbol, s.period)) perDay.set(c.chunk, c.count);
    }
    const days = [...perDay.keys()].sort((a, b) => a - b);
    const firstDay = days[0] ?? 0;
    const lastDay = days[days.length - 1] ?? 0;
    const expectedDays = firstDay > 0 ? cal.range(firstDay, lastDay) : [];
    const gaps: CoverageGap[] = [];
    let missingDays = 0;
    let shortDays = 0;
    let run: number[] = [];
    const closeRun = (): void => {
      if (run.length === 0) return;
      if (gaps.length < maxGaps) gaps.push({ kind: 'missingDays', from: run[0]!, to: run[run.length - 1]!, days: run.length });
      run = [];
    };
    const grid = product && spec?.kind === 'minute' ? new SessionGrid(product) : undefined;
    const perSession = grid && spec?.kind === 'minute' ? grid.windowsPerSession(spec.minutes) : undefined;
    for (const d of expectedDays) {
      const n = perDay.get(d);
      if (n === undefined) {
        missingDays++;
        run.push(d);
        continue;
      }
      closeRun();
      if (perSession !== undefined && grid !== undefined) {
        const night = grid.ranges.some((r) => r.night) && cal.hasNightSession(cal.prev(d)) ? perSession.night : 0;
        const expected = perSession.day + night;
        if (n < expected) {
          shortDays++;
          if (gaps.length < maxGaps) gaps.push({ kind: 'shortDay', day: d, expected, actual: n });
        }
      }
    }
    closeRun();
    const entry: CoverageEntry = {
      symbol: s.symbol,
      period: s.period,
      count: s.count,
      firstTime: s.firstTime,
      lastTime: s.lastTime,
      firstDay,
      lastDay,
      tradingDays: expectedDays.length,
      daysWithData: days.length,
      missingDays,
      shortDays,
    };
    out.push(opts.gaps ? { ...entry, gaps } : entry);
  }
  return out;
}

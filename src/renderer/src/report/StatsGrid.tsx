import type { BacktestStatistics } from '../../../shared/ipc/backtest';
import { formatStatistic, STATISTIC_LABELS } from '../../../shared/ipc/backtest-figures';
import { useLang } from '../app/context';

type StatKey = keyof BacktestStatistics;

/** A statistic as it came over the wire: JSON writes an infinite profit factor (no losing trip) as null. */
export function statValue(s: Partial<Record<StatKey, number | null>>, key: StatKey): number {
  const v = s[key];
  if (v === null) return key === 'profitFactor' ? Infinity : Number.NaN;
  return v ?? Number.NaN;
}

/** Signed money and return figures are coloured: red for a gain, green for a loss. */
const SIGNED = new Set<StatKey>(['totalNetPnl', 'dailyNetPnl', 'totalReturn', 'annualReturn', 'dailyReturn', 'averageWin', 'averageLoss', 'largestWin', 'largestLoss']);

export function statText(key: StatKey, value: number): string {
  return formatStatistic(key, value);
}

/** Statistics with the backtest report's labels and formats, as a definition list a reader (and a test) can read. */
export function StatsGrid({ stats, keys, label }: { stats: Partial<Record<StatKey, number | null>>; keys?: readonly StatKey[]; label: string }) {
  const lang = useLang();
  const shown = keys ?? (Object.keys(STATISTIC_LABELS) as StatKey[]).filter((k) => k in stats);
  return (
    <dl className="stats-grid" aria-label={label}>
      {shown.map((k) => {
        const v = statValue(stats, k);
        const cls = SIGNED.has(k) && Number.isFinite(v) && v !== 0 ? (v > 0 ? 'up' : 'down') : '';
        return (
          <div key={k} className="stat" data-stat={k}>
            <dt>{STATISTIC_LABELS[k][lang]}</dt>
            <dd className={`num ${cls}`}>{statText(k, v)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

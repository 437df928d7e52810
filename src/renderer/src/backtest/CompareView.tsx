import { useCallback, useMemo } from 'react';
import type { BacktestStatistics } from '../../../shared/ipc/backtest';
import { STATISTIC_LABELS } from '../../../shared/ipc/backtest-figures';
import { formatDay } from '../../../shared/model/time';
import { useLang, useServices, useSlice, useT } from '../app/context';
import type { ChartTheme } from '../chart/chart-option';
import { EChartBox } from '../common/EChartBox';
import { trendClass } from '../i18n/format';
import { compareOption } from '../report/report-charts';
import { statText, statValue } from '../report/StatsGrid';
import { describeParams } from '../strategy/param-model';
import { backtestStore } from './backtest-store';

type StatKey = keyof BacktestStatistics;
const NO_DIFF = new Set<StatKey>(['startDay', 'endDay', 'maxDrawdownStart', 'maxDrawdownEnd']);

/** 比较: two runs side by side, every statistic with B − A, and both equity curves on one chart. */
export function CompareView() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const c = useSlice(backtestStore(svc), (s) => s.comparison);
  const files = useSlice(svc.stores.strategies, (s) => s.files);
  const names = useMemo((): [string, string] => (c === undefined ? ['A', 'B'] : [`A #${c.a.id} ${c.a.name}`, `B #${c.b.id} ${c.b.name}`]), [c]);
  const build = useCallback((theme: ChartTheme) => (c === undefined ? {} : compareOption(c.days, c.balanceA, c.balanceB, names, theme)), [c, names]);
  if (c === undefined) return <p className="muted pad">{t('bt.noComparison')}</p>;
  const keys = Object.keys(STATISTIC_LABELS) as StatKey[];
  const paramsOf = (strategyFile: string, params: Readonly<Record<string, number | boolean | string>>): string =>
    describeParams(files.find((f) => f.path === strategyFile)?.params, params, lang);
  return (
    <div className="compare-view" data-testid="backtest-compare">
      <EChartBox build={build} label={t('bt.compareChart')} height={260} testId="compare-equity" data={{ days: c.days.length }} />
      <table className="plain-table" aria-label={t('bt.compareTable')}>
        <thead>
          <tr>
            <th scope="col">{t('bt.statistic')}</th>
            <th scope="col">{names[0]}</th>
            <th scope="col">{names[1]}</th>
            <th scope="col">B − A</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('bt.h.range')}</th>
            <td>
              {formatDay(c.a.from)} ~ {formatDay(c.a.to)}
            </td>
            <td>
              {formatDay(c.b.from)} ~ {formatDay(c.b.to)}
            </td>
            <td />
          </tr>
          <tr>
            <th scope="row">{t('inst.params')}</th>
            <td>{paramsOf(c.a.strategyFile, c.a.params)}</td>
            <td>{paramsOf(c.b.strategyFile, c.b.params)}</td>
            <td />
          </tr>
          {keys.map((k) => {
            const d = statValue(c.difference as Record<StatKey, number | null>, k);
            return (
              <tr key={k} data-stat={k}>
                <th scope="row">{STATISTIC_LABELS[k][lang]}</th>
                <td className="num">{statText(k, statValue(c.a.statistics, k))}</td>
                <td className="num">{statText(k, statValue(c.b.statistics, k))}</td>
                <td className={`num ${NO_DIFF.has(k) ? '' : trendClass(d)}`}>{NO_DIFF.has(k) || !Number.isFinite(d) ? '—' : `${d > 0 ? '+' : ''}${statText(k, d)}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

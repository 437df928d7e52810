import { useCallback, useEffect, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { StrategyAnalytics } from '../../../shared/ipc/strategy';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { toClientError } from '../client/client';
import { EChartBox } from '../common/EChartBox';
import { errorText } from '../i18n/error-text';
import { fmtMoney, trendClass } from '../i18n/format';
import { pnlCurveOption } from '../report/report-charts';
import { StatsGrid } from '../report/StatsGrid';
import { RoundTripsTable } from '../report/TripTables';
import type { ChartTheme } from '../chart/chart-option';

/**
 * 分析: one instance's live trades the way a backtest report reads them (strategy.analytics): round trips, the
 * backtester's statistics over them, the curve of its closed P&L. Asked again whenever the instance trades.
 */
export function StrategyAnalyticsView({ name }: { name: string }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const tradeCount = useSlice(svc.stores.strategies, (s) => s.byName.get(name)?.tradeCount ?? 0);
  const floatPnl = useSlice(svc.stores.strategies, (s) => s.byName.get(name)?.floatPnl ?? 0);
  const [data, setData] = useState<StrategyAnalytics | undefined>();
  const [error, setError] = useState<ApiErrorBody | undefined>();

  useEffect(() => {
    let alive = true;
    svc.client.call('strategy.analytics', { name }).then(
      (a) => {
        if (!alive) return;
        setData(a);
        setError(undefined);
      },
      (e: unknown) => alive && setError(toClientError(e)),
    );
    return () => {
      alive = false;
    };
  }, [svc, name, tradeCount]);

  const curve = data?.equity;
  const build = useCallback((theme: ChartTheme) => pnlCurveOption(curve ?? [], theme, t('an.closedPnl')), [curve, t]);

  if (error !== undefined) return <p className="form-error">{errorText(error, lang)}</p>;
  if (data === undefined) return <p className="muted pad">{t('chart.loading')}</p>;
  return (
    <div className="analytics" data-testid="strategy-analytics">
      <dl className="stats-grid summary" aria-label={t('an.summary', { name })}>
        <div className="stat" data-stat="fills">
          <dt>{t('an.fills')}</dt>
          <dd className="num">{data.trades}</dd>
        </div>
        <div className="stat" data-stat="netPnl">
          <dt>{t('an.netPnl')}</dt>
          <dd className={`num ${trendClass(data.netPnl)}`}>{fmtMoney(data.netPnl)}</dd>
        </div>
        <div className="stat">
          <dt>{t('col.floatProfit')}</dt>
          <dd className={`num ${trendClass(floatPnl)}`}>{fmtMoney(floatPnl)}</dd>
        </div>
        <div className="stat">
          <dt>{t('an.maxDrawdown')}</dt>
          <dd className="num">{fmtMoney(data.maxDrawdown)}</dd>
        </div>
        <div className="stat">
          <dt>{t('an.openCommission')}</dt>
          <dd className="num">{fmtMoney(data.openCommission)}</dd>
        </div>
      </dl>
      <StatsGrid stats={data.statistics} label={t('an.tripStats', { name })} />
      <EChartBox build={build} label={t('an.curve', { name })} height={200} testId="strategy-equity" data={{ points: data.equity.length }} />
      <div className="table-box">
        <RoundTripsTable trips={data.roundTrips} label={t('an.trips', { name })} />
      </div>
    </div>
  );
}

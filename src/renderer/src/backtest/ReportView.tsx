import { useCallback, useMemo, useRef } from 'react';
import type { BacktestResult, ReportFormat } from '../../../shared/ipc/backtest';
import { monthlyReturns } from '../../../shared/ipc/backtest-figures';
import { formatDay, formatShanghai } from '../../../shared/model/time';
import { useLang, useServices, useSlice, useT } from '../app/context';
import type { ChartTheme } from '../chart/chart-option';
import { EChartBox } from '../common/EChartBox';
import { dailyPnlOption, equityOption, monthlyHeatmapOption, priceOption } from '../report/report-charts';
import { StatsGrid } from '../report/StatsGrid';
import { FillsTable, RoundTripsTable } from '../report/TripTables';
import { fmtSeconds } from '../i18n/format';
import { describeParams } from '../strategy/param-model';
import { BACKTEST_PERIODS } from './backtest-model';
import { backtestStore } from './backtest-store';
import type { Translate } from '../i18n/translate';
import { download, readReportFile } from './report-files';

const MONTHS_ZH = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function periodLabel(t: Translate, period: string): string {
  return (BACKTEST_PERIODS as readonly string[]).includes(period) ? t(`chart.p.${period as (typeof BACKTEST_PERIODS)[number]}`) : period;
}

const FORMATS: readonly ReportFormat[] = ['html', 'json', 'trades.csv', 'daily.csv', 'roundtrips.csv'];

/**
 * 报告: a run as the offline HTML report shows it: statistics, equity and drawdown, daily P&L, monthly returns, the
 * price with every fill, round trips and fills; saved as HTML, JSON or CSV, or a saved JSON report opened again.
 */
export function ReportView() {
  const svc = useServices();
  const t = useT();
  const store = backtestStore(svc);
  const report = useSlice(store, (s) => s.report);
  const openRef = useRef<HTMLInputElement>(null);

  const save = async (format: ReportFormat): Promise<void> => {
    if (report === undefined) return;
    try {
      if (report.id === undefined) {
        // A report opened from a file has no run in the history: it can be saved again as the JSON it came from.
        download(`backtest.json`, 'application/json', JSON.stringify(report));
        return;
      }
      const f = await svc.client.call('backtest.report', { id: report.id, format });
      download(f.fileName, f.mime, f.content);
    } catch (e) {
      svc.failed('what.btSave', e);
    }
  };

  const open = async (file: File): Promise<void> => {
    const r = await readReportFile(file);
    if ('error' in r) svc.notify('error', { key: 'bt.openFailed', params: { file: file.name, message: r.error } });
    else store.setState({ report: r.result });
  };

  return (
    <div className="report-view">
      <div className="report-actions" role="toolbar" aria-label={t('bt.reportActions')}>
        {FORMATS.map((f) => (
          <button key={f} type="button" className="btn small" disabled={report === undefined || (report.id === undefined && f !== 'json')} onClick={() => void save(f)}>
            {t(`bt.save.${f === 'trades.csv' ? 'trades' : f === 'daily.csv' ? 'daily' : f === 'roundtrips.csv' ? 'trips' : f}`)}
          </button>
        ))}
        <button type="button" className="btn small" onClick={() => openRef.current?.click()}>
          {t('bt.openReport')}
        </button>
        <input
          ref={openRef}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label={t('bt.openReport')}
          data-testid="report-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f !== undefined) void open(f);
          }}
        />
      </div>
      {report === undefined ? <p className="muted pad">{t('bt.noReport')}</p> : <Report report={report} />}
    </div>
  );
}

export function Report({ report }: { report: BacktestResult }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const contracts = useSlice(svc.stores.market, (s) => s.contracts);
  const files = useSlice(svc.stores.strategies, (s) => s.files);
  const s = report.settings;
  const stats = report.statistics;
  const params = files.find((f) => f.path === s.strategyFile)?.params;

  const days = useMemo(() => report.daily.map((d) => d.tradingDay), [report]);
  const equity = useCallback(
    (theme: ChartTheme) =>
      equityOption(
        days,
        report.daily.map((d) => d.balance),
        report.daily.map((d) => d.drawdownPercent),
        theme,
        { balance: t('bt.balance'), drawdown: t('bt.drawdownPct') },
      ),
    [days, report, t],
  );
  const daily = useCallback((theme: ChartTheme) => dailyPnlOption(days, report.daily.map((d) => d.netPnl), theme, t('bt.dailyPnl')), [days, report, t]);
  const monthly = useMemo(() => monthlyReturns(report), [report]);
  const monthlyBuild = useCallback((theme: ChartTheme) => monthlyHeatmapOption(monthly, theme, lang === 'zh' ? MONTHS_ZH : MONTHS_EN), [monthly, lang]);

  return (
    <article className="report" aria-label={t('bt.reportOf', { name: report.strategy.name })} data-testid="backtest-report" data-run={report.id ?? ''}>
      <header className="report-head">
        <h3>
          {report.strategy.name} · {s.symbols.map((x) => x.split('.').pop()).join(' ')} · {periodLabel(t, s.period)} · {formatDay(s.from)} ~ {formatDay(s.to)}
        </h3>
        <p className="muted">
          {report.id !== undefined ? `#${report.id} · ` : ''}
          {s.name ? `${s.name} · ` : ''}
          {t('bt.capital')} {s.capital.toLocaleString('en-US')} · {t('bt.slippage')} {s.slippageTicks} · {describeParams(params, s.params, lang)} · {t('bt.ranAt', { time: formatShanghai(report.createdAt, false), secs: fmtSeconds(report.elapsedMs) })}
        </p>
        {report.cancelled && <p className="warn-text">{t('bt.wasCancelled')}</p>}
      </header>
      {report.problems.length > 0 && (
        <section className="report-problems" aria-label={t('bt.problems')}>
          <h4>{t('bt.problems')}</h4>
          <ul>
            {report.problems.slice(0, 50).map((p, i) => (
              <li key={i} className={p.level === 'error' ? 'error-text' : 'warn-text'}>
                {p.time > 0 ? `${formatShanghai(p.time, false)} ` : ''}
                {p.source}: {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h4>{t('bt.statistics')}</h4>
        <StatsGrid stats={stats} label={t('bt.statistics')} />
      </section>
      <section>
        <h4>{t('bt.equity')}</h4>
        <EChartBox build={equity} label={t('bt.equity')} height={280} testId="report-equity" data={{ points: days.length }} />
      </section>
      <div className="report-two">
        <section>
          <h4>{t('bt.dailyPnl')}</h4>
          <EChartBox build={daily} label={t('bt.dailyPnl')} height={220} testId="report-daily" data={{ points: days.length }} />
        </section>
        <section>
          <h4>{t('bt.monthly')}</h4>
          <EChartBox build={monthlyBuild} label={t('bt.monthly')} height={220} testId="report-monthly" data={{ months: monthly.length }} />
        </section>
      </div>
      {report.prices.map((p) => (
        <PriceSection key={p.symbol} report={report} index={report.prices.indexOf(p)} priceTick={contracts[p.symbol]?.priceTick ?? 1} />
      ))}
      <section>
        <h4>{t('bt.roundTrips', { n: report.roundTrips.length })}</h4>
        <div className="table-box">
          <RoundTripsTable trips={report.roundTrips} label={t('bt.roundTripsTable')} />
        </div>
      </section>
      <section>
        <h4>{t('bt.fills', { n: report.trades.length })}</h4>
        <div className="table-box">
          <FillsTable fills={report.trades} label={t('bt.fillsTable')} />
        </div>
      </section>
    </article>
  );
}

function PriceSection({ report, index, priceTick }: { report: BacktestResult; index: number; priceTick: number }) {
  const t = useT();
  const p = report.prices[index]!;
  const build = useCallback(
    (theme: ChartTheme) =>
      priceOption(p, report.trades, priceTick, theme, {
        buy: t('chart.buy'),
        sell: t('chart.sell'),
        offsets: { open: t('offset.open'), close: t('offset.close'), closeToday: t('offset.closeToday'), closeYesterday: t('offset.closeYesterday') },
      }),
    [p, report, priceTick, t],
  );
  const fills = report.trades.filter((f) => f.symbol === p.symbol).length;
  return (
    <section>
      <h4>
        {t('bt.price', { symbol: p.symbol.split('.').pop() ?? p.symbol })}
        {p.barsPerPoint > 1 ? ` · ${t('bt.barsPerPoint', { n: p.barsPerPoint })}` : ''}
      </h4>
      <EChartBox build={build} label={t('bt.price', { symbol: p.symbol })} height={320} testId="report-price" data={{ points: p.time.length, fills }} />
    </section>
  );
}

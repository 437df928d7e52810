import { useEffect, useMemo, useState } from 'react';
import type { CoverageEntry } from '../../../shared/ipc/data';
import { formatDay, formatShanghai } from '../../../shared/model/time';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { Progress } from '../common/Progress';
import { SubTabs } from '../common/SubTabs';
import { errorText } from '../i18n/error-text';
import { fmtInt } from '../i18n/format';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { dayInput } from '../backtest/backtest-model';
import { gapText } from './data-model';
import { cancelDataJob, dataStore, deleteSeries, loadCoverage, type DataSection } from './data-store';
import { ContinuousView, DownloadView, ExportView } from './DataJobs';
import { ImportWizardView } from './ImportWizard';

/** 数据: what the store holds (with gaps), imports of traders' files, exports, downloads and main-contract series. */
export function DataPanel() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = dataStore(svc);
  const section = useSlice(store, (s) => s.section);
  const job = useSlice(store, (s) => s.job);
  const error = useSlice(store, (s) => s.error);
  return (
    <div className="panel screen" data-testid="data-panel">
      <SubTabs<DataSection>
        label={t('panel.data')}
        value={section}
        onChange={(s) => store.setState({ section: s })}
        tabs={[
          { id: 'coverage', label: t('data.tab.coverage') },
          { id: 'import', label: t('data.tab.import') },
          { id: 'export', label: t('data.tab.export') },
          { id: 'download', label: t('data.tab.download') },
          { id: 'continuous', label: t('data.tab.continuous') },
        ]}
      >
        {job !== undefined && (
          <div className="job-bar" data-testid="data-progress">
            <span className="strong">{t(`data.job.${job.kind}`)}</span>
            <Progress
              label={t(`data.job.${job.kind}`)}
              done={job.done}
              total={job.total}
              text={
                job.unit === 'bytes'
                  ? t('data.progressBytes', { done: (job.done / 1e6).toFixed(1), total: (job.total / 1e6).toFixed(1), rows: fmtInt(job.rows ?? 0), bad: fmtInt(job.badRows ?? 0) })
                  : `${fmtInt(job.done)} / ${fmtInt(job.total)}${job.current ? ` · ${job.current}` : ''}`
              }
              onCancel={() => void cancelDataJob(svc)}
              cancelLabel={t('bt.cancel')}
            />
          </div>
        )}
        {error !== undefined && (
          <p className="form-error" role="alert">
            {errorText(error, lang)}
          </p>
        )}
        {section === 'coverage' && <CoverageView />}
        {section === 'import' && <ImportWizardView />}
        {section === 'export' && <ExportView />}
        {section === 'download' && <DownloadView />}
        {section === 'continuous' && <ContinuousView />}
      </SubTabs>
    </div>
  );
}

const seriesKey = (c: CoverageEntry): string => `${c.symbol}|${c.period}`;

/** 已存数据: one row per series and period, with its days, missing days and short days; the gaps of the chosen one. */
function CoverageView() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = dataStore(svc);
  const coverage = useSlice(store, (s) => s.coverage);
  const problem = useSlice(store, (s) => s.coverageError);
  const [selected, setSelected] = useState<string | undefined>();

  useEffect(() => {
    void loadCoverage(svc);
  }, [svc]);

  const remove = async (c: CoverageEntry): Promise<void> => {
    if (await svc.ask(t('data.deleteTitle'), [t('data.deleteBody', { symbol: c.symbol, period: c.period, n: fmtInt(c.count) })], true)) await deleteSeries(svc, c.symbol, c.period);
  };

  const columns = useMemo((): Column<CoverageEntry>[] => {
    const intraday = (c: CoverageEntry): boolean => c.period !== '1d' && c.period !== 'tick';
    return [
      { key: 'symbol', title: t('data.col.series'), width: 130, sortValue: (c) => c.symbol, render: (c) => <span className="mono">{c.symbol}</span> },
      { key: 'period', title: t('bt.period'), width: 50, align: 'center', sortValue: (c) => c.period, render: (c) => c.period },
      { key: 'count', title: t('data.col.rows'), width: 80, align: 'right', sortValue: (c) => c.count, render: (c) => fmtInt(c.count) },
      { key: 'first', title: t('data.col.first'), width: 124, sortValue: (c) => c.firstTime, render: (c) => formatShanghai(c.firstTime, false) },
      { key: 'last', title: t('data.col.last'), width: 124, sortValue: (c) => c.lastTime, render: (c) => formatShanghai(c.lastTime, false) },
      { key: 'days', title: t('data.col.days'), width: 70, align: 'right', sortValue: (c) => c.tradingDays, render: (c) => fmtInt(c.tradingDays) },
      { key: 'withData', title: t('data.col.withData'), width: 70, align: 'right', sortValue: (c) => c.daysWithData, render: (c) => fmtInt(c.daysWithData) },
      { key: 'missing', title: t('data.col.missing'), width: 70, align: 'right', sortValue: (c) => c.missingDays, cellClass: (c) => (c.missingDays > 0 ? 'error-text' : ''), render: (c) => fmtInt(c.missingDays) },
      {
        key: 'short',
        title: t('data.col.short'),
        width: 70,
        align: 'right',
        hint: t('data.col.shortHint'),
        sortValue: (c) => c.shortDays,
        cellClass: (c) => (c.shortDays > 0 ? 'error-text' : ''),
        render: (c) => (intraday(c) ? fmtInt(c.shortDays) : '—'),
      },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 100,
        align: 'center',
        render: (c) => (
          <span className="row-actions">
            <button
              type="button"
              className="link-btn"
              aria-label={t('data.exportRow', { symbol: c.symbol, period: c.period })}
              onClick={() =>
                store.setState((s) => ({
                  section: 'export',
                  exportResult: undefined,
                  exportForm: { ...s.exportForm, symbol: c.symbol, period: c.period, from: dayInput(c.firstDay), to: dayInput(c.lastDay) },
                }))
              }
            >
              {t('data.export')}
            </button>
            <button type="button" className="link-btn danger-text" aria-label={t('data.deleteRow', { symbol: c.symbol, period: c.period })} onClick={() => void remove(c)}>
              {t('strat.remove')}
            </button>
          </span>
        ),
      },
      {
        key: 'gaps',
        title: t('data.col.gaps'),
        width: 280,
        sortValue: (c) => c.gaps?.length ?? 0,
        filterText: (c) => (c.gaps ?? []).map((g) => gapText(g, lang)).join(' '),
        render: (c) => {
          const text = (c.gaps ?? []).slice(0, 3).map((g) => gapText(g, lang)).join('；');
          return <span className="muted" title={text}>{c.gaps?.length ? text : t('data.noGaps')}</span>;
        },
      },
    ];
    // The actions read svc and the store, which never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang]);

  const chosen = coverage?.find((c) => seriesKey(c) === selected);
  return (
    <div className="files-section">
      {problem !== undefined && <p className="form-error">{errorText(problem, lang)}</p>}
      <VirtualTable
        label={t('data.coverageTable')}
        rows={coverage ?? []}
        columns={columns}
        rowKey={seriesKey}
        selectedKey={selected}
        onSelect={(c) => setSelected(seriesKey(c))}
        onDelete={(c) => void remove(c)}
        toolbar={
          <button type="button" className="btn small" onClick={() => void loadCoverage(svc)}>
            {t('data.refresh')}
          </button>
        }
        emptyText={coverage === undefined ? t('chart.loading') : t('data.empty')}
      />
      {chosen !== undefined && (
        <section className="gap-list" aria-label={t('data.gapsOf', { symbol: chosen.symbol, period: chosen.period })}>
          <h4>
            {t('data.gapsOf', { symbol: chosen.symbol, period: chosen.period })} · {formatDay(chosen.firstDay)} ~ {formatDay(chosen.lastDay)}
          </h4>
          {chosen.gaps?.length ? (
            <ul>
              {chosen.gaps.map((g, i) => (
                <li key={i}>{gapText(g, lang)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('data.noGaps')}</p>
          )}
        </section>
      )}
    </div>
  );
}

import { useEffect, useMemo } from 'react';
import type { BacktestRunSummary } from '../../../shared/ipc/backtest';
import { formatDay, formatShanghai } from '../../../shared/model/time';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { fmtInt, fmtMoney, trendClass } from '../i18n/format';
import { statText, statValue } from '../report/StatsGrid';
import { describeParams } from '../strategy/param-model';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { backtestStore, compareRuns, deleteRun, loadHistory, openRun } from './backtest-store';
import { periodLabel } from './ReportView';

/** 历史: every kept run; open one, delete one, or pick two (A and B) to compare side by side. */
export function HistoryView() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = backtestStore(svc);
  const history = useSlice(store, (s) => s.history);
  const [a, b] = useSlice(store, (s) => s.compareIds);
  const files = useSlice(svc.stores.strategies, (s) => s.files);

  useEffect(() => {
    void loadHistory(svc);
  }, [svc]);

  const pick = (slot: 0 | 1, id: number): void =>
    store.setState((s) => {
      const ids: [number | undefined, number | undefined] = [...s.compareIds];
      ids[slot] = ids[slot] === id ? undefined : id;
      if (ids[1 - slot] === id && ids[slot] === id) ids[1 - slot] = undefined;
      return { compareIds: ids };
    });

  const remove = async (r: BacktestRunSummary): Promise<void> => {
    if (await svc.ask(t('bt.deleteTitle'), [t('bt.deleteBody', { id: r.id, name: r.name })], true)) await deleteRun(svc, r.id);
  };

  const columns = useMemo((): Column<BacktestRunSummary>[] => {
    const paramsOf = (r: BacktestRunSummary): string => describeParams(files.find((f) => f.path === r.strategyFile)?.params, r.params, lang);
    const stat = (key: 'totalNetPnl' | 'totalReturn' | 'maxDrawdownPercent' | 'sharpeRatio' | 'winRate', title: string, width: number): Column<BacktestRunSummary> => ({
      key,
      title,
      width,
      align: 'right',
      sortValue: (r) => statValue(r.statistics, key),
      cellClass: (r) => (key === 'totalNetPnl' || key === 'totalReturn' ? trendClass(statValue(r.statistics, key)) : ''),
      render: (r) => statText(key, statValue(r.statistics, key)),
    });
    return [
      {
        key: 'ab',
        title: 'A / B',
        width: 70,
        align: 'center',
        render: (r) => (
          <span className="row-actions">
            <button type="button" className={`ab-btn${a === r.id ? ' on' : ''}`} aria-pressed={a === r.id} aria-label={t('bt.asA', { id: r.id })} onClick={() => pick(0, r.id)}>
              A
            </button>
            <button type="button" className={`ab-btn${b === r.id ? ' on' : ''}`} aria-pressed={b === r.id} aria-label={t('bt.asB', { id: r.id })} onClick={() => pick(1, r.id)}>
              B
            </button>
          </span>
        ),
      },
      { key: 'id', title: '#', width: 44, align: 'right', sortValue: (r) => r.id, render: (r) => r.id },
      { key: 'time', title: t('bt.h.time'), width: 116, sortValue: (r) => r.createdAt, render: (r) => formatShanghai(r.createdAt, false) },
      { key: 'name', title: t('bt.h.name'), width: 150, sortValue: (r) => r.name, render: (r) => r.name },
      { key: 'symbols', title: t('col.symbol'), width: 80, sortValue: (r) => r.symbols.join(' '), render: (r) => <span className="mono">{r.symbols.map((s) => s.split('.').pop()).join(' ')}</span> },
      { key: 'period', title: t('bt.period'), width: 50, align: 'center', sortValue: (r) => r.period, render: (r) => periodLabel(t, r.period) },
      { key: 'range', title: t('bt.h.range'), width: 160, sortValue: (r) => r.from, render: (r) => `${formatDay(r.from)} ~ ${formatDay(r.to)}` },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 96,
        align: 'center',
        render: (r) => (
          <span className="row-actions">
            <button type="button" className="link-btn" onClick={() => void openRun(svc, r.id)} aria-label={t('bt.openRow', { id: r.id })}>
              {t('bt.open')}
            </button>
            <button type="button" className="link-btn danger-text" onClick={() => void remove(r)} aria-label={t('bt.deleteRow', { id: r.id })}>
              {t('strat.remove')}
            </button>
          </span>
        ),
      },
      { key: 'params', title: t('inst.params'), width: 170, sortValue: paramsOf, render: (r) => <span className="muted">{paramsOf(r)}</span> },
      stat('totalNetPnl', t('bt.h.netPnl'), 90),
      stat('totalReturn', t('bt.h.return'), 70),
      stat('maxDrawdownPercent', t('bt.h.drawdown'), 76),
      stat('sharpeRatio', 'Sharpe', 60),
      stat('winRate', t('bt.h.winRate'), 60),
      { key: 'fills', title: t('bt.h.fills'), width: 56, align: 'right', sortValue: (r) => r.statistics.totalTradeCount, render: (r) => fmtInt(r.statistics.totalTradeCount) },
    ];
    // The actions read svc and the store, which never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang, files, a, b]);

  return (
    <div className="history-view">
      <div className="report-actions">
        <span className="muted">{t('bt.compareHint')}</span>
        <span className="num">
          A: {a ?? '—'} · B: {b ?? '—'}
        </span>
        <button type="button" className="btn small primary" disabled={a === undefined || b === undefined} onClick={() => a !== undefined && b !== undefined && void compareRuns(svc, a, b)}>
          {t('bt.compareAB')}
        </button>
        <span className="muted">{t('bt.totalNet', { pnl: fmtMoney(history.reduce((s, h) => s + h.statistics.totalNetPnl, 0)) })}</span>
      </div>
      <VirtualTable
        label={t('bt.historyTable')}
        rows={history}
        columns={columns}
        rowKey={(r) => String(r.id)}
        defaultSort={{ key: 'id', dir: 'desc' }}
        onActivate={(r) => void openRun(svc, r.id)}
        onDelete={(r) => void remove(r)}
        onRowKey={(e, r) => {
          if (e.key === 'a' || e.key === 'b') {
            e.preventDefault();
            pick(e.key === 'a' ? 0 : 1, r.id);
          }
        }}
        emptyText={t('bt.noHistory')}
      />
    </div>
  );
}

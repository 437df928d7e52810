import { useEffect, useMemo, useRef, useState } from 'react';
import type { StrategyFileInfo, StrategyInstanceInfo } from '../../../shared/ipc/strategy';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { SubTabs } from '../common/SubTabs';
import { errorText } from '../i18n/error-text';
import { fmtInt, fmtMoney, trendClass } from '../i18n/format';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { InstanceForm } from './InstanceForm';
import { describeParams } from './param-model';
import { StrategyAnalyticsView } from './StrategyAnalyticsView';
import { instanceAction, loadStrategyFiles, removeInstance, removeStrategyFile, uploadStrategyFiles } from './strategy-service';
import { positionsText, problemLine, signalText } from './strategy-text';

type Section = 'instances' | 'files' | 'analytics';
type FormState = { kind: 'add'; fileId?: string } | { kind: 'edit'; instance: StrategyInstanceInfo } | undefined;

/** 策略: strategy files (shipped and dropped), instances on the accounts, and each instance's analytics. */
export function StrategyPanel() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const version = useSlice(svc.stores.strategies, (s) => s.version);
  const files = useSlice(svc.stores.strategies, (s) => s.files);
  const uploads = useSlice(svc.stores.strategies, (s) => s.uploads);
  const section = useSlice(svc.stores.strategies, (s) => s.view);
  const selected = useSlice(svc.stores.strategies, (s) => s.selected);
  const setSection = (view: Section): void => svc.stores.strategies.setState({ view });
  const setSelected = (name: string): void => svc.stores.strategies.setState({ selected: name });
  const [form, setForm] = useState<FormState>();
  const pickRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadStrategyFiles(svc);
  }, [svc]);

  const instances = useMemo(() => {
    void version;
    return [...svc.stores.strategies.getState().byName.values()];
  }, [version, svc]);
  const fileById = useMemo(() => new Map(files.map((f) => [f.id, f])), [files]);
  const current = selected !== undefined && instances.some((i) => i.name === selected) ? selected : instances[0]?.name;

  const showOnChart = (i: StrategyInstanceInfo): void => {
    const symbol = i.symbols[0];
    if (symbol !== undefined) svc.select(symbol);
    svc.selection.setState({ tradeSource: i.name });
    svc.show('chart');
  };

  const remove = async (i: StrategyInstanceInfo): Promise<void> => {
    if (!(await svc.ask(t('strat.removeTitle'), [t('strat.removeBody', { name: i.name })], true))) return;
    if (await removeInstance(svc, i.name)) svc.notify('info', { key: 'strat.removed', params: { name: i.name } });
  };

  const toggle = (i: StrategyInstanceInfo): void => {
    void instanceAction(svc, i.status === 'running' ? 'stop' : 'start', i.name);
  };

  const instanceColumns = useMemo((): Column<StrategyInstanceInfo>[] => {
    const stratName = (i: StrategyInstanceInfo): string => fileById.get(i.fileId)?.name?.[lang] ?? i.className;
    return [
      { key: 'name', title: t('strat.col.name'), width: 110, sortValue: (i) => i.name, render: (i) => <span className="strong">{i.name}</span> },
      { key: 'strategy', title: t('strat.col.strategy'), width: 110, sortValue: stratName, render: stratName },
      { key: 'symbols', title: t('col.symbol'), width: 96, sortValue: (i) => i.symbols.join(' '), render: (i) => <span className="mono">{i.symbols.map((s) => s.split('.').pop()).join(' ')}</span> },
      { key: 'account', title: t('strat.col.account'), width: 70, sortValue: (i) => i.account, render: (i) => (i.account === 'sim' ? t('inst.simAccount') : i.account) },
      {
        key: 'status',
        title: t('col.status'),
        width: 70,
        align: 'center',
        sortValue: (i) => i.status,
        cellClass: (i) => `ss-${i.status}`,
        render: (i) => t(`strat.status.${i.status}`),
      },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 190,
        align: 'center',
        render: (i) => (
          <span className="row-actions">
            <button type="button" className="link-btn" onClick={() => toggle(i)} aria-label={t(i.status === 'running' ? 'strat.stopRow' : 'strat.startRow', { name: i.name })}>
              {i.status === 'running' ? t('strat.stop') : t('strat.start')}
            </button>
            <button
              type="button"
              className="link-btn"
              disabled={i.status === 'running'}
              title={i.status === 'running' ? t('strat.stopFirst') : undefined}
              onClick={() => setForm({ kind: 'edit', instance: i })}
              aria-label={t('strat.editRow', { name: i.name })}
            >
              {t('strat.edit')}
            </button>
            <button type="button" className="link-btn" onClick={() => showOnChart(i)} aria-label={t('strat.chartRow', { name: i.name })}>
              {t('strat.chart')}
            </button>
            <button
              type="button"
              className="link-btn"
              onClick={() => {
                setSelected(i.name);
                setSection('analytics');
              }}
              aria-label={t('strat.analyticsRow', { name: i.name })}
            >
              {t('strat.analytics')}
            </button>
            <button type="button" className="link-btn danger-text" onClick={() => void remove(i)} aria-label={t('strat.removeRow', { name: i.name })}>
              {t('strat.remove')}
            </button>
          </span>
        ),
      },
      { key: 'pos', title: t('strat.col.position'), width: 96, sortValue: (i) => positionsText(i, t), render: (i) => positionsText(i, t) },
      { key: 'realized', title: t('col.closeProfit'), width: 86, align: 'right', sortValue: (i) => i.realizedPnl, cellClass: (i) => trendClass(i.realizedPnl), render: (i) => fmtMoney(i.realizedPnl) },
      { key: 'float', title: t('col.floatProfit'), width: 86, align: 'right', sortValue: (i) => i.floatPnl, cellClass: (i) => trendClass(i.floatPnl), render: (i) => fmtMoney(i.floatPnl) },
      { key: 'commission', title: t('col.commission'), width: 70, align: 'right', sortValue: (i) => i.commission, render: (i) => fmtMoney(i.commission) },
      { key: 'trades', title: t('strat.col.trades'), width: 50, align: 'right', sortValue: (i) => i.tradeCount, render: (i) => fmtInt(i.tradeCount) },
      { key: 'signal', title: t('strat.col.signal'), width: 200, sortValue: (i) => i.lastSignal?.time ?? 0, filterText: (i) => signalText(i.lastSignal, t), render: (i) => signalText(i.lastSignal, t) },
      {
        key: 'params',
        title: t('inst.params'),
        width: 180,
        sortValue: (i) => describeParams(fileById.get(i.fileId)?.params, i.params, lang),
        render: (i) => <span className="muted">{describeParams(fileById.get(i.fileId)?.params, i.params, lang)}</span>,
      },
      { key: 'error', title: t('strat.col.error'), width: 240, sortValue: (i) => problemLine(i.error), render: (i) => <span className="error-text" title={problemLine(i.error)}>{problemLine(i.error)}</span> },
    ];
    // The actions read svc and setters, which never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang, fileById]);

  const fileColumns = useMemo((): Column<StrategyFileInfo>[] => {
    return [
      { key: 'file', title: t('strat.col.file'), width: 150, sortValue: (f) => f.fileName, render: (f) => <span className="mono">{f.fileName}</span> },
      { key: 'name', title: t('strat.col.strategy'), width: 120, sortValue: (f) => f.name?.[lang] ?? '', render: (f) => f.name?.[lang] ?? '—' },
      {
        key: 'kind',
        title: t('strat.col.kind'),
        width: 60,
        align: 'center',
        sortValue: (f) => (f.builtin ? 0 : 1),
        filterText: (f) => (f.builtin ? t('strat.builtin') : t('strat.user')),
        render: (f) => (f.builtin ? t('strat.builtin') : t('strat.user')),
      },
      {
        key: 'actions',
        title: t('col.actions'),
        width: 120,
        align: 'center',
        render: (f) => (
          <span className="row-actions">
            <button type="button" className="link-btn" disabled={f.error !== undefined} onClick={() => setForm({ kind: 'add', fileId: f.id })} aria-label={t('strat.addFromRow', { file: f.fileName })}>
              {t('strat.addInstance')}
            </button>
            {!f.builtin && (
              <button
                type="button"
                className="link-btn danger-text"
                onClick={async () => {
                  if (await svc.ask(t('strat.removeFileTitle'), [t('strat.removeFileBody', { file: f.fileName })], true)) void removeStrategyFile(svc, f.id);
                }}
                aria-label={t('strat.removeFileRow', { file: f.fileName })}
              >
                {t('strat.remove')}
              </button>
            )}
          </span>
        ),
      },
      { key: 'symbols', title: t('strat.col.symbols'), width: 50, align: 'right', sortValue: (f) => f.symbols ?? 0, render: (f) => (f.symbols === undefined ? '—' : f.symbols) },
      {
        key: 'params',
        title: t('inst.params'),
        width: 190,
        sortValue: (f) => (f.params ?? []).map((p) => p.label[lang]).join(' '),
        render: (f) => <span className="muted">{(f.params ?? []).map((p) => p.label[lang]).join('、')}</span>,
      },
      {
        key: 'state',
        title: t('strat.col.check'),
        width: 340,
        sortValue: (f) => (f.error ? problemLine(f.error) : ''),
        cellClass: (f) => (f.error ? 'error-text' : 'ok-text'),
        render: (f) => (f.error ? <span title={problemLine(f.error)}>{problemLine(f.error)}</span> : (f.description?.[lang] ?? t('strat.loaded'))),
      },
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang]);

  const sortedFiles = useMemo(() => [...files].sort((a, b) => Number(a.builtin) - Number(b.builtin) || a.fileName.localeCompare(b.fileName)), [files]);

  return (
    <div className="panel screen" data-testid="strategy-panel">
      <SubTabs
        label={t('panel.strategies')}
        value={section}
        onChange={setSection}
        tabs={[
          { id: 'instances', label: t('strat.instances', { n: instances.length }) },
          { id: 'files', label: t('strat.files', { n: files.length }) },
          { id: 'analytics', label: t('strat.analytics'), disabled: instances.length === 0 },
        ]}
        actions={
          <div className="screen-actions">
            <button type="button" className="btn small primary" onClick={() => setForm({ kind: 'add' })} disabled={!files.some((f) => f.error === undefined)}>
              {t('strat.addInstance')}
            </button>
            <button type="button" className="btn small" onClick={() => pickRef.current?.click()}>
              {t('strat.pick')}
            </button>
            <input
              ref={pickRef}
              type="file"
              accept=".ts,.js"
              multiple
              hidden
              aria-label={t('strat.pick')}
              data-testid="strategy-file-input"
              onChange={(e) => {
                const list = [...(e.target.files ?? [])];
                e.target.value = '';
                if (list.length) void uploadStrategyFiles(svc, list);
              }}
            />
            <span className="muted drop-hint">{t('strat.dropHint')}</span>
          </div>
        }
      >
        {section === 'instances' && (
          <VirtualTable
            label={t('strat.instancesTable')}
            rows={instances}
            columns={instanceColumns}
            rowKey={(i) => i.name}
            selectedKey={current}
            onSelect={(i) => setSelected(i.name)}
            onActivate={(i) => {
              setSelected(i.name);
              setSection('analytics');
            }}
            onDelete={(i) => void remove(i)}
            onRowKey={(e, i) => {
              if (e.key === ' ') {
                e.preventDefault();
                toggle(i);
              }
            }}
            rowClass={(i) => `ss-row-${i.status}`}
            emptyText={t('strat.noInstances')}
          />
        )}
        {section === 'files' && (
          <div className="files-section">
            {uploads.length > 0 && (
              <section className="upload-results" aria-label={t('strat.uploadResults')} role="status">
                <div className="upload-head">
                  <span className="strong">{t('strat.uploadResults')}</span>
                  <button type="button" className="icon-btn" aria-label={t('toast.dismiss')} onClick={() => svc.stores.strategies.setState({ uploads: [] })}>
                    ×
                  </button>
                </div>
                <ul>
                  {uploads.map((u, k) => (
                    <li key={k} className={u.file?.error === undefined && u.refused === undefined ? 'ok-text' : 'error-text'} data-testid="upload-result">
                      <span className="mono">{u.fileName}</span>{' '}
                      {u.refused !== undefined
                        ? u.refused === 'notStrategy'
                          ? t('strat.notStrategy')
                          : errorText(u.refused, lang)
                        : u.file?.error !== undefined
                          ? problemLine(u.file.error)
                          : t('strat.uploadOk', { name: u.file?.name?.[lang] ?? u.file?.className ?? '' })}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <VirtualTable label={t('strat.filesTable')} rows={sortedFiles} columns={fileColumns} rowKey={(f) => f.id} onActivate={(f) => f.error === undefined && setForm({ kind: 'add', fileId: f.id })} />
          </div>
        )}
        {section === 'analytics' && current !== undefined && (
          <div className="analytics-section">
            <label className="inline">
              {t('strat.col.name')}
              <select value={current} onChange={(e) => setSelected(e.target.value)}>
                {instances.map((i) => (
                  <option key={i.name} value={i.name}>
                    {i.name}
                  </option>
                ))}
              </select>
            </label>
            <StrategyAnalyticsView name={current} />
          </div>
        )}
      </SubTabs>
      {form !== undefined && (
        <InstanceForm
          files={files}
          {...(form.kind === 'edit' ? { editing: form.instance } : form.fileId !== undefined ? { fileId: form.fileId } : {})}
          onClose={() => setForm(undefined)}
        />
      )}
    </div>
  );
}

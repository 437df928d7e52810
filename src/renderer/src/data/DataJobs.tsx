import { useMemo, useState, type FormEvent } from 'react';
import type { DownloadItem } from '../../../shared/ipc/data';
import { formatDay, parseDay } from '../../../shared/model/time';
import { useServices, useSlice, useT } from '../app/context';
import { fmtInt } from '../i18n/format';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { buildContinuous, dataStore, runDownload, runExport } from './data-store';

/** 导出: a stored series (any period, built from 1-minute bars if need be) to a CSV file on the engine's machine. */
export function ExportView() {
  const svc = useServices();
  const t = useT();
  const store = dataStore(svc);
  const f = useSlice(store, (s) => s.exportForm);
  const job = useSlice(store, (s) => s.job);
  const result = useSlice(store, (s) => s.exportResult);
  const set = (patch: Partial<typeof f>): void => store.setState((s) => ({ exportForm: { ...s.exportForm, ...patch } }));
  const from = f.from ? parseDay(f.from) : undefined;
  const to = f.to ? parseDay(f.to) : undefined;
  const ready = f.symbol.trim() !== '' && f.period.trim() !== '' && f.file.trim() !== '';
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!ready) return;
    store.setState({ exportResult: undefined });
    void runExport(svc, { symbol: f.symbol.trim(), period: f.period.trim(), file: f.file.trim(), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  };
  return (
    <form className="form" noValidate onSubmit={submit} aria-label={t('data.tab.export')}>
      <div className="form-grid narrow">
        <label htmlFor="exp-symbol">{t('data.col.series')}</label>
        <input id="exp-symbol" type="text" value={f.symbol} placeholder="SHFE.rb2605" onChange={(e) => set({ symbol: e.target.value })} />
        <label htmlFor="exp-period">{t('bt.period')}</label>
        <input id="exp-period" type="text" value={f.period} placeholder="1m, 5m, 1h, 1d, tick" onChange={(e) => set({ period: e.target.value })} />
        <label htmlFor="exp-from">{t('bt.from')}</label>
        <input id="exp-from" type="date" value={f.from} onChange={(e) => set({ from: e.target.value })} />
        <label htmlFor="exp-to">{t('bt.to')}</label>
        <input id="exp-to" type="date" value={f.to} onChange={(e) => set({ to: e.target.value })} />
        <label htmlFor="exp-file">{t('data.exportFile')}</label>
        <input id="exp-file" type="text" value={f.file} placeholder={t('data.exportFileHint')} spellCheck={false} onChange={(e) => set({ file: e.target.value })} />
      </div>
      <p className="muted form-note">{t('data.exportNote')}</p>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={!ready || job !== undefined}>
          {t('data.export')}
        </button>
      </div>
      {result !== undefined && (
        <p role="status" data-testid="export-result">
          {t('data.exported', { rows: fmtInt(result.rows), file: result.file })}
        </p>
      )}
    </form>
  );
}

/** 下载: daily and minute bars of the main contracts from the public source, with progress; what came of each series. */
export function DownloadView() {
  const svc = useServices();
  const t = useT();
  const store = dataStore(svc);
  const job = useSlice(store, (s) => s.job);
  const result = useSlice(store, (s) => s.download);
  const [products, setProducts] = useState('rb, cu');
  const [daily, setDaily] = useState(true);
  const [minute, setMinute] = useState(false);
  const list = products
    .split(/[\s,，、]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const periods = [...(daily ? (['1d'] as const) : []), ...(minute ? (['1m'] as const) : [])];
    if (periods.length === 0) return;
    void runDownload(svc, { ...(list.length ? { products: list } : {}), periods });
  };
  const columns = useMemo((): Column<DownloadItem>[] => {
    return [
      { key: 'product', title: t('data.col.product'), width: 70, sortValue: (d) => d.product, render: (d) => d.product },
      { key: 'symbol', title: t('data.col.series'), width: 130, sortValue: (d) => d.symbol, render: (d) => <span className="mono">{d.symbol}</span> },
      { key: 'period', title: t('bt.period'), width: 50, align: 'center', sortValue: (d) => d.period, render: (d) => d.period },
      { key: 'status', title: t('col.status'), width: 80, align: 'center', sortValue: (d) => d.status, cellClass: (d) => (d.status === 'failed' ? 'error-text' : ''), render: (d) => t(`data.dl.${d.status}`) },
      { key: 'bars', title: t('data.col.rows'), width: 70, align: 'right', sortValue: (d) => d.bars, render: (d) => fmtInt(d.bars) },
      { key: 'added', title: t('data.col.added'), width: 70, align: 'right', sortValue: (d) => d.added, render: (d) => fmtInt(d.added) },
      { key: 'rejected', title: t('data.col.rejected'), width: 70, align: 'right', sortValue: (d) => d.rejected ?? 0, render: (d) => fmtInt(d.rejected ?? 0) },
      { key: 'error', title: t('strat.col.error'), width: 320, sortValue: (d) => d.error ?? '', render: (d) => <span className="error-text">{d.error ?? ''}</span> },
    ];
  }, [t]);
  return (
    <div className="files-section">
      <form className="form" noValidate onSubmit={submit} aria-label={t('data.tab.download')}>
        <div className="form-row">
          <label className="inline">
            {t('data.products')}
            <input type="text" className="mid" value={products} placeholder={t('data.productsHint')} onChange={(e) => setProducts(e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={daily} onChange={(e) => setDaily(e.target.checked)} />
            {t('data.daily')}
          </label>
          <label className="check">
            <input type="checkbox" checked={minute} onChange={(e) => setMinute(e.target.checked)} />
            {t('data.minute')}
          </label>
          <button type="submit" className="btn primary" disabled={job !== undefined || (!daily && !minute)}>
            {t('data.download')}
          </button>
        </div>
        <p className="muted form-note">{t('data.downloadNote')}</p>
      </form>
      {result !== undefined && <VirtualTable label={t('data.downloadTable')} rows={result.items} columns={columns} rowKey={(d) => `${d.symbol}|${d.period}`} />}
    </div>
  );
}

/** 主力连续: a product's main-contract series and index built from its stored contracts, with the roll days. */
export function ContinuousView() {
  const svc = useServices();
  const t = useT();
  const store = dataStore(svc);
  const result = useSlice(store, (s) => s.continuous);
  const [product, setProduct] = useState('rb');
  const [basis, setBasis] = useState<'openInterest' | 'volume'>('openInterest');
  return (
    <div className="files-section">
      <form
        className="form-row"
        noValidate
        aria-label={t('data.tab.continuous')}
        onSubmit={(e) => {
          e.preventDefault();
          if (product.trim()) void buildContinuous(svc, product.trim(), basis);
        }}
      >
        <label className="inline">
          {t('data.product')}
          <input type="text" className="short" value={product} onChange={(e) => setProduct(e.target.value)} />
        </label>
        <label className="inline">
          {t('data.basis')}
          <select value={basis} onChange={(e) => setBasis(e.target.value as 'openInterest' | 'volume')}>
            <option value="openInterest">{t('col.oi')}</option>
            <option value="volume">{t('col.volume')}</option>
          </select>
        </label>
        <button type="submit" className="btn primary">
          {t('data.build')}
        </button>
      </form>
      <p className="muted form-note pad-x">{t('data.continuousNote')}</p>
      {result !== undefined && (
        <section aria-label={t('data.rolls')} data-testid="continuous-result">
          <p className="pad-x">
            {t('data.built', { main: result.main, index: result.index })} {result.periods.map((p) => `${p.period}: ${fmtInt(p.mainRows)}`).join(' · ')}
          </p>
          <table className="plain-table" aria-label={t('data.rolls')}>
            <thead>
              <tr>
                <th scope="col">{t('acc.tradingDay')}</th>
                <th scope="col">{t('data.rollFrom')}</th>
                <th scope="col">{t('data.rollTo')}</th>
                <th scope="col">{t('data.fromClose')}</th>
                <th scope="col">{t('data.toClose')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rolls.map((r) => (
                <tr key={r.tradingDay}>
                  <td>{formatDay(r.tradingDay)}</td>
                  <td className="mono">{r.from || '—'}</td>
                  <td className="mono">{r.to}</td>
                  <td className="num">{r.from ? r.fromClose : '—'}</td>
                  <td className="num">{r.toClose}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

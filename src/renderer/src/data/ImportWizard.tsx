import { useMemo, useRef, type FormEvent } from 'react';
import type { BadRow, ImportField, ImportMapping } from '../../../shared/ipc/data';
import { IMPORT_FIELDS } from '../../../shared/ipc/data-messages';
import { formatShanghai } from '../../../shared/model/time';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { localPathOf } from '../client/ipc-transport';
import { errorText } from '../i18n/error-text';
import { fmtInt } from '../i18n/format';
import { fieldsByColumn, missingFields, withColumn } from './data-model';
import { dataStore, previewImport, runImport, setWizard } from './data-store';

/** The layouts the importer recognises (src/main/data/import/detect.ts). */
const FORMATS = ['vnpy', 'tqsdk', 'wh6', 'tdx', 'tb', 'multicharts', 'ricequant', 'plain'] as const;
const ENCODINGS: readonly ImportMapping['encoding'][] = ['utf8', 'gb18030', 'utf16le', 'utf16be'];
const DELIMITERS: readonly { v: ImportMapping['delimiter']; k: 'comma' | 'tab' | 'semicolon' | 'bar' | 'space' }[] = [
  { v: ',', k: 'comma' },
  { v: '\t', k: 'tab' },
  { v: ';', k: 'semicolon' },
  { v: '|', k: 'bar' },
  { v: ' ', k: 'space' },
];

/**
 * 导入: a file on the engine's machine, what the engine recognised in it (format, encoding, columns, the series, a
 * preview of the rows as they will be stored and the sample rows it would refuse), corrected by the trader where it
 * guessed wrong, then imported with progress and a list of the bad rows.
 */
export function ImportWizardView() {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = dataStore(svc);
  const w = useSlice(store, (s) => s.wizard);
  const job = useSlice(store, (s) => s.job);
  const pickRef = useRef<HTMLInputElement>(null);
  const canPick = window.terminalBridge?.pathOf !== undefined;
  const p = w.preview;
  const m = w.mapping;
  const byColumn = useMemo(() => (m === undefined ? new Map<number, ImportField>() : fieldsByColumn(m)), [m]);
  const missing = m === undefined ? [] : missingFields(m);

  const setMapping = (patch: Partial<ImportMapping>): void => {
    if (m !== undefined) setWizard(svc, { mapping: { ...m, ...patch } });
  };
  const submitPath = (e: FormEvent): void => {
    e.preventDefault();
    setWizard(svc, { mapping: undefined, preview: undefined, symbol: '', period: '' });
    void previewImport(svc);
  };
  const fieldLabel = (f: ImportField): string => t(`field.${f}`);

  return (
    <div className="import-wizard">
      <form className="form-row" onSubmit={submitPath} aria-label={t('imp.step1')}>
        <label htmlFor="imp-path" className="strong">
          {t('imp.path')}
        </label>
        <input id="imp-path" type="text" className="path-input" value={w.path} placeholder={t('imp.pathHint')} spellCheck={false} onChange={(e) => setWizard(svc, { path: e.target.value })} />
        {canPick && (
          <>
            <button type="button" className="btn small" onClick={() => pickRef.current?.click()}>
              {t('imp.pick')}
            </button>
            <input
              ref={pickRef}
              type="file"
              accept=".csv,.txt,.tsv"
              hidden
              aria-label={t('imp.pick')}
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                const path = f === undefined ? undefined : localPathOf(f);
                if (path !== undefined) {
                  setWizard(svc, { path, mapping: undefined, preview: undefined, symbol: '', period: '' });
                  void previewImport(svc);
                }
              }}
            />
          </>
        )}
        <button type="submit" className="btn small primary" disabled={w.path.trim() === '' || w.busy}>
          {t('imp.preview')}
        </button>
        {!canPick && <span className="muted field-hint">{t('imp.serverPath')}</span>}
      </form>
      {w.error !== undefined && (
        <p className="form-error" role="alert" data-testid="import-error">
          {errorText(w.error, lang)}
        </p>
      )}
      {p !== undefined && m !== undefined && (
        <>
          <section className="form-section imp-detected" aria-label={t('imp.detected')}>
            <legend className="strong">{t('imp.detected')}</legend>
            <p data-testid="import-format">
              {t('imp.format', { format: (FORMATS as readonly string[]).includes(p.format) ? t(`fmt.${p.format as (typeof FORMATS)[number]}`) : p.format, size: (p.size / 1024).toFixed(1) })}
            </p>
            <div className="form-row wrap">
              <label className="inline">
                {t('imp.symbol')}
                <input type="text" className="mid" value={w.symbol} placeholder="SHFE.rb2505" onChange={(e) => setWizard(svc, { symbol: e.target.value })} />
              </label>
              <label className="inline">
                {t('bt.period')}
                <input type="text" className="short" value={w.period} placeholder="1m" onChange={(e) => setWizard(svc, { period: e.target.value })} />
              </label>
              <label className="inline">
                {t('imp.encoding')}
                <select value={m.encoding} onChange={(e) => setMapping({ encoding: e.target.value as ImportMapping['encoding'] })}>
                  {ENCODINGS.map((x) => (
                    <option key={x} value={x}>
                      {x}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline">
                {t('imp.delimiter')}
                <select value={m.delimiter} onChange={(e) => setMapping({ delimiter: e.target.value as ImportMapping['delimiter'] })}>
                  {DELIMITERS.map((d) => (
                    <option key={d.k} value={d.v}>
                      {t(`imp.delim.${d.k}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline">
                {t('imp.dataStart')}
                <input type="number" className="short" min={1} value={m.dataStart + 1} onChange={(e) => setMapping({ dataStart: Math.max(0, Number(e.target.value) - 1) })} />
              </label>
              <label className="inline">
                {t('imp.dateOrder')}
                <select value={m.dateOrder} onChange={(e) => setMapping({ dateOrder: e.target.value as ImportMapping['dateOrder'] })}>
                  {(['ymd', 'mdy', 'dmy'] as const).map((x) => (
                    <option key={x} value={x}>
                      {t(`imp.order.${x}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline">
                {t('imp.timeLabel')}
                <select value={m.timeLabel} onChange={(e) => setMapping({ timeLabel: e.target.value as ImportMapping['timeLabel'] })}>
                  <option value="start">{t('imp.label.start')}</option>
                  <option value="end">{t('imp.label.end')}</option>
                </select>
              </label>
              <label className="inline">
                {t('imp.nightDate')}
                <select value={m.nightDate} onChange={(e) => setMapping({ nightDate: e.target.value as ImportMapping['nightDate'] })}>
                  <option value="calendar">{t('imp.night.calendar')}</option>
                  <option value="tradingDay">{t('imp.night.tradingDay')}</option>
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={m.checkSessions} onChange={(e) => setMapping({ checkSessions: e.target.checked })} />
                {t('imp.checkSessions')}
              </label>
            </div>
            {p.notes.length > 0 && (
              <ul className="notes" aria-label={t('imp.notes')}>
                {p.notes.map((n, i) => (
                  <li key={i} className="warn-text">
                    {errorText({ ...n, catalog: 'data' }, lang)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-label={t('imp.mapping')}>
            <h4 className="sub-head">{t('imp.mapping')}</h4>
            <div className="scroll-x">
              <table className="plain-table mapping" aria-label={t('imp.mapping')} data-testid="import-mapping">
                <thead>
                  <tr>
                    {p.columns.map((c, i) => (
                      <th key={i} scope="col">
                        <span className="muted">
                          {i + 1}. {c}
                        </span>
                        <select
                          aria-label={t('imp.columnField', { n: i + 1, name: c })}
                          value={byColumn.get(i) ?? ''}
                          onChange={(e) => setWizard(svc, { mapping: withColumn(m, i, e.target.value as ImportField | '') })}
                        >
                          <option value="">{t('imp.ignore')}</option>
                          {IMPORT_FIELDS.map((f) => (
                            <option key={f} value={f}>
                              {fieldLabel(f)}
                            </option>
                          ))}
                        </select>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {p.sample.slice(0, 8).map((row, r) => (
                    <tr key={r}>
                      {p.columns.map((_, i) => (
                        <td key={i} className="mono">
                          {row[i] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {missing.length > 0 && <p className="warn-text pad-x">{t('imp.missing', { fields: missing.map(fieldLabel).join('、') })}</p>}
            <div className="form-actions">
              <button type="button" className="btn small" disabled={w.busy} onClick={() => void previewImport(svc)}>
                {t('imp.recheck')}
              </button>
              <button type="button" className="btn primary" disabled={w.busy || job !== undefined || missing.length > 0} onClick={() => void runImport(svc)}>
                {t('imp.run')}
              </button>
            </div>
          </section>
          <div className="report-two">
            <section aria-label={t('imp.asStored')}>
              <h4 className="sub-head">{t('imp.asStored')}</h4>
              <table className="plain-table" aria-label={t('imp.asStored')} data-testid="import-bars">
                <thead>
                  <tr>
                    <th scope="col">{t('col.time')}</th>
                    <th scope="col">{t('acc.tradingDay')}</th>
                    <th scope="col">{t('chart.open')}</th>
                    <th scope="col">{t('chart.high')}</th>
                    <th scope="col">{t('chart.low')}</th>
                    <th scope="col">{t('chart.close')}</th>
                    <th scope="col">{t('col.volume')}</th>
                    <th scope="col">{t('col.oi')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.bars.slice(0, 8).map((b, i) => (
                    <tr key={i}>
                      <td className="mono">{formatShanghai(b.time, false)}</td>
                      <td className="num">{b.tradingDay}</td>
                      <td className="num">{b.open}</td>
                      <td className="num">{b.high}</td>
                      <td className="num">{b.low}</td>
                      <td className="num">{b.close}</td>
                      <td className="num">{fmtInt(b.volume)}</td>
                      <td className="num">{fmtInt(b.openInterest)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-label={t('imp.badSample')}>
              <h4 className="sub-head">{t('imp.badSample')}</h4>
              {p.bad.length === 0 ? <p className="muted pad-x">{t('imp.noBad')}</p> : <BadRows rows={p.bad} label={t('imp.badSample')} testId="import-preview-bad" />}
            </section>
          </div>
        </>
      )}
      {w.result !== undefined && (
        <section className="import-result" aria-label={t('imp.result')} data-testid="import-result" role="status">
          <h4 className="sub-head">{t('imp.result')}</h4>
          <p>{t('imp.summary', { rows: fmtInt(w.result.rows), bad: fmtInt(w.result.badRows), lines: fmtInt(w.result.lines), secs: (w.result.durationMs / 1000).toFixed(1) })}</p>
          <ul>
            {w.result.series.map((s) => (
              <li key={`${s.symbol}|${s.period}`}>
                {t('imp.series', { symbol: s.symbol, period: s.period, rows: fmtInt(s.rows), added: fmtInt(s.added), replaced: fmtInt(s.replaced), unchanged: fmtInt(s.unchanged), from: formatShanghai(s.firstTime, false), to: formatShanghai(s.lastTime, false) })}
              </li>
            ))}
          </ul>
          {w.result.bad.length > 0 && <BadRows rows={w.result.bad} label={t('imp.badRows')} testId="import-bad" />}
        </section>
      )}
    </div>
  );
}

function BadRows({ rows, label, testId }: { rows: readonly BadRow[]; label: string; testId: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <table className="plain-table" aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('imp.line')}</th>
          <th scope="col">{t('imp.reason')}</th>
          <th scope="col">{t('imp.text')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.line}>
            <td className="num">{r.line}</td>
            <td className="error-text">{errorText({ ...r.reason, catalog: 'data' }, lang)}</td>
            <td className="mono muted">{r.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

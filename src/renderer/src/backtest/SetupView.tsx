import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CoverageEntry } from '../../../shared/ipc/data';
import type { StrategyFileInfo } from '../../../shared/ipc/strategy';
import { formatDay } from '../../../shared/model/time';
import { useLang, useServices, useSlice, useT } from '../app/context';
import type { Translate } from '../i18n/translate';
import { ContractPicker } from '../panels/ContractPicker';
import { ParamFields } from '../strategy/ParamFields';
import { initialInputs } from '../strategy/param-model';
import { BACKTEST_PERIODS, buildSettings, dayInput, type BacktestForm, type FormProblem, type FormProblems } from './backtest-model';
import { backtestStore, runBacktest } from './backtest-store';

export function formProblemText(t: Translate, p: FormProblem): string {
  switch (p.kind) {
    case 'required':
      return t('bt.p.required');
    case 'badDay':
      return t('bt.p.badDay');
    case 'fromAfterTo':
      return t('bt.p.fromAfterTo');
    case 'positive':
      return t('bt.p.positive');
    case 'nonNegative':
      return t('bt.p.nonNegative');
    case 'ratio':
      return t('bt.p.ratio');
    case 'symbols':
      return t('inst.needSymbols', { n: p.need });
  }
}

/** The settings of a run: strategy, contracts, period, dates, capital and costs, parameters; 开始回测 runs it. */
export function SetupView({ files }: { files: readonly StrategyFileInfo[] }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = backtestStore(svc);
  const form = useSlice(store, (s) => s.form);
  const job = useSlice(store, (s) => s.job);
  const [problems, setProblems] = useState<FormProblems>({ fields: {}, params: {} });
  const [coverage, setCoverage] = useState<readonly CoverageEntry[] | undefined>();
  const loadable = useMemo(() => files.filter((f) => f.error === undefined), [files]);
  const file = files.find((f) => f.id === form.fileId);
  const need = Math.max(1, file?.symbols ?? 1);

  const set = (patch: Partial<BacktestForm>): void => store.setState((s) => ({ form: { ...s.form, ...patch } }));
  const setCosts = (patch: Partial<BacktestForm['costs']>): void => store.setState((s) => ({ form: { ...s.form, costs: { ...s.form.costs, ...patch } } }));
  const pickFile = (id: string): void => {
    const f = files.find((x) => x.id === id);
    set({ fileId: id, params: initialInputs(f?.params ?? []) });
    store.setState((s) => ({ optimize: { ...s.optimize, ranges: {} }, optimization: undefined }));
  };

  // A first strategy and contract, so that the form is ready to run.
  useEffect(() => {
    if (form.fileId === '' && loadable.length > 0) {
      const first = loadable.find((f) => f.fileName === 'dual-ma.ts') ?? loadable[0]!;
      pickFile(first.id);
    }
    if (form.symbols.length === 0) {
      const sel = svc.selection.getState().symbol;
      if (sel !== undefined) set({ symbols: [sel] });
    }
    // pickFile and set write the store only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadable]);

  // What the store holds of the first contract: its range is the natural backtest period.
  const first = form.symbols[0];
  useEffect(() => {
    if (first === undefined) return;
    let alive = true;
    svc.client.call('data.coverage', { symbol: first }).then(
      (c) => {
        if (!alive) return;
        setCoverage(c);
        const span = c.find((e) => e.period === '1m') ?? c[0];
        const f = store.getState().form;
        if (span !== undefined && f.from === '' && f.to === '') set({ from: dayInput(span.firstDay), to: dayInput(span.lastDay) });
      },
      () => alive && setCoverage([]),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, svc]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const r = buildSettings(form, file);
    if ('problems' in r) {
      setProblems(r.problems);
      return;
    }
    setProblems({ fields: {}, params: {} });
    void runBacktest(svc, r.settings);
  };

  const fp = (name: string): string | undefined => {
    const p = problems.fields[name];
    return p === undefined ? undefined : formProblemText(t, p);
  };
  const field = (name: string, label: string, input: React.ReactNode) => (
    <>
      <label htmlFor={`bt-${name}`}>{label}</label>
      <div className="field-cell">
        {input}
        {fp(name) !== undefined && (
          <span className="field-problem" role="alert">
            {fp(name)}
          </span>
        )}
      </div>
    </>
  );
  const span = coverage?.find((c) => c.period === '1m') ?? coverage?.[0];

  return (
    <form className="form bt-setup" noValidate onSubmit={submit} aria-label={t('bt.setup')}>
      <div className="form-columns">
        <fieldset className="form-section">
          <legend>{t('bt.what')}</legend>
          <div className="form-grid">
            {field(
              'fileId',
              t('inst.file'),
              <select id="bt-fileId" value={form.fileId} onChange={(e) => pickFile(e.target.value)}>
                {loadable.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name?.[lang] ?? f.className} · {f.fileName}
                  </option>
                ))}
              </select>,
            )}
            {Array.from({ length: need }, (_, i) => (
              <SymbolInput
                key={i}
                index={i}
                label={need > 1 ? t('inst.symbolN', { n: i + 1 }) : t('inst.symbol')}
                value={form.symbols[i]}
                problem={i === 0 ? fp('symbols') : undefined}
                onPick={(s) => {
                  const symbols = [...form.symbols];
                  symbols[i] = s;
                  set({ symbols, ...(i === 0 ? { from: '', to: '' } : {}) });
                }}
              />
            ))}
            {field(
              'period',
              t('bt.period'),
              <select id="bt-period" value={form.period} onChange={(e) => set({ period: e.target.value })}>
                {BACKTEST_PERIODS.map((p) => (
                  <option key={p} value={p}>
                    {t(`chart.p.${p}`)}
                  </option>
                ))}
              </select>,
            )}
            {field('from', t('bt.from'), <input id="bt-from" type="date" value={form.from} onChange={(e) => set({ from: e.target.value })} />)}
            {field('to', t('bt.to'), <input id="bt-to" type="date" value={form.to} onChange={(e) => set({ to: e.target.value })} />)}
          </div>
          <p className="muted form-note" data-testid="bt-coverage">
            {span === undefined
              ? coverage === undefined
                ? ''
                : t('bt.noStored', { symbol: first?.split('.').pop() ?? '' })
              : t('bt.stored', { period: span.period, from: formatDay(span.firstDay), to: formatDay(span.lastDay), days: span.daysWithData })}
            {span !== undefined && (
              <button type="button" className="link-btn" onClick={() => set({ from: dayInput(span.firstDay), to: dayInput(span.lastDay) })}>
                {t('bt.useAll')}
              </button>
            )}
          </p>
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('bt.money')}</legend>
          <div className="form-grid">
            {field('capital', t('bt.capital'), <input id="bt-capital" type="number" min={1} step="any" value={form.capital} onChange={(e) => set({ capital: e.target.value })} />)}
            {field('slippageTicks', t('bt.slippage'), <input id="bt-slippageTicks" type="number" min={0} step={1} value={form.slippageTicks} onChange={(e) => set({ slippageTicks: e.target.value })} />)}
            <span />
            <label className="check">
              <input type="checkbox" checked={form.fillAtTouch} onChange={(e) => set({ fillAtTouch: e.target.checked })} />
              {t('bt.fillAtTouch')}
            </label>
            <span />
            <label className="check">
              <input type="checkbox" checked={form.costs.commissionOn} onChange={(e) => setCosts({ commissionOn: e.target.checked })} />
              {t('bt.ownCommission')}
            </label>
            {form.costs.commissionOn && (
              <>
                {field(
                  'costs.byVolume',
                  t('bt.commissionBy'),
                  <select id="bt-costs.byVolume" value={form.costs.byVolume ? 'volume' : 'turnover'} onChange={(e) => setCosts({ byVolume: e.target.value === 'volume' })}>
                    <option value="volume">{t('bt.byVolume')}</option>
                    <option value="turnover">{t('bt.byTurnover')}</option>
                  </select>,
                )}
                {field('costs.open', t('bt.cOpen'), <input id="bt-costs.open" type="number" min={0} step="any" value={form.costs.open} onChange={(e) => setCosts({ open: e.target.value })} />)}
                {field('costs.close', t('bt.cClose'), <input id="bt-costs.close" type="number" min={0} step="any" value={form.costs.close} onChange={(e) => setCosts({ close: e.target.value })} />)}
                {field('costs.closeToday', t('bt.cCloseToday'), <input id="bt-costs.closeToday" type="number" min={0} step="any" value={form.costs.closeToday} onChange={(e) => setCosts({ closeToday: e.target.value })} />)}
              </>
            )}
            <span />
            <label className="check">
              <input type="checkbox" checked={form.costs.marginOn} onChange={(e) => setCosts({ marginOn: e.target.checked })} />
              {t('bt.ownMargin')}
            </label>
            {form.costs.marginOn && field('costs.margin', t('bt.marginPct'), <input id="bt-costs.margin" type="number" min={0} max={100} step="any" value={form.costs.margin} onChange={(e) => setCosts({ margin: e.target.value })} />)}
            {field('name', t('bt.runName'), <input id="bt-name" type="text" maxLength={200} value={form.name} placeholder={t('bt.runNameHint')} onChange={(e) => set({ name: e.target.value })} />)}
          </div>
          <p className="muted form-note">{t('bt.costsNote')}</p>
        </fieldset>
      </div>
      <fieldset className="form-section">
        <legend>{t('inst.params')}</legend>
        <ParamFields params={file?.params ?? []} inputs={form.params} problems={problems.params} onChange={(k, v) => set({ params: { ...form.params, [k]: v } })} />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={job !== undefined}>
          {t('bt.run')}
        </button>
      </div>
    </form>
  );
}

function SymbolInput({ index, label, value, problem, onPick }: { index: number; label: string; value: string | undefined; problem: string | undefined; onPick: (s: string) => void }) {
  const t = useT();
  const svc = useServices();
  const contract = value === undefined ? undefined : svc.stores.market.getState().contracts[value];
  return (
    <>
      <label htmlFor={`bt-symbol-${index}`}>{label}</label>
      <div className="field-cell">
        <ContractPicker id={`bt-symbol-${index}`} label={label} placeholder={t('watch.addPlaceholder')} value={contract?.code ?? value?.split('.').pop() ?? ''} keepText onPick={(c) => onPick(c.symbol)} onUnmatched={onPick} />
        {problem !== undefined && (
          <span className="field-problem" role="alert">
            {problem}
          </span>
        )}
      </div>
    </>
  );
}

import { useCallback, useMemo } from 'react';
import type { OptimizationRow, WalkForwardWindow } from '../../../shared/ipc/backtest';
import { formatTargetValue, OPTIMIZATION_TARGETS, STATISTIC_LABELS } from '../../../shared/ipc/backtest-figures';
import type { StrategyFileInfo } from '../../../shared/ipc/strategy';
import { dayStartEpoch, formatDay } from '../../../shared/model/time';
import { useLang, useServices, useSlice, useT } from '../app/context';
import type { Services } from '../app/services';
import type { ChartTheme } from '../chart/chart-option';
import { EChartBox } from '../common/EChartBox';
import { fmtMoney, fmtSeconds, trendClass } from '../i18n/format';
import { optimizationHeatmapOption, pnlCurveOption } from '../report/report-charts';
import { statText, statValue } from '../report/StatsGrid';
import { describeParams, inputOf, paramLabel } from '../strategy/param-model';
import { VirtualTable, type Column } from '../table/VirtualTable';
import { buildRanges, buildSettings, defaultRange, isRangeable, type RangeForm } from './backtest-model';
import { backtestStore, optimize, runBacktest, walkForward, type OptimizationRequest, type OptimizeForm } from './backtest-store';

/** The ranges form that optimisation and walk-forward share: which parameters vary, over what, toward which target. */
/** A labelled short number box: the optimiser's and the walk-forward's settings. */
function ShortNumber(p: { label: string; value: string; min?: number; placeholder?: string; onChange: (value: string) => void }) {
  return (
    <label className="inline">
      {p.label}
      <input type="number" className="short" min={p.min} value={p.value} placeholder={p.placeholder} onChange={(e) => p.onChange(e.target.value)} />
    </label>
  );
}

function RangesForm({ file }: { file: StrategyFileInfo }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = backtestStore(svc);
  const o = useSlice(store, (s) => s.optimize);
  const params = (file.params ?? []).filter(isRangeable);
  const range = (name: string): RangeForm => o.ranges[name] ?? defaultRange(params.find((p) => p.name === name)!);
  const setRange = (name: string, patch: Partial<RangeForm>): void =>
    store.setState((s) => ({ optimize: { ...s.optimize, ranges: { ...s.optimize.ranges, [name]: { ...range(name), ...patch } } } }));
  const set = (patch: Partial<OptimizeForm>): void => store.setState((s) => ({ optimize: { ...s.optimize, ...patch } }));
  const built = buildRanges(params, Object.fromEntries(params.map((p) => [p.name, range(p.name)])));
  return (
    <>
      <table className="plain-table ranges" aria-label={t('opt.ranges')}>
        <thead>
          <tr>
            <th scope="col">{t('opt.vary')}</th>
            <th scope="col">{t('opt.param')}</th>
            <th scope="col">{t('opt.min')}</th>
            <th scope="col">{t('opt.max')}</th>
            <th scope="col">{t('opt.step')}</th>
          </tr>
        </thead>
        <tbody>
          {params.map((p) => {
            const r = range(p.name);
            const label = paramLabel(p, lang);
            const numeric = p.type === 'int' || p.type === 'float';
            return (
              <tr key={p.name} className={built.bad.includes(p.name) ? 'invalid' : ''}>
                <td>
                  <input type="checkbox" checked={r.on} aria-label={t('opt.varyParam', { name: label })} onChange={(e) => setRange(p.name, { on: e.target.checked })} />
                </td>
                <th scope="row">{label}</th>
                {numeric ? (
                  (['min', 'max', 'step'] as const).map((k) => (
                    <td key={k}>
                      <input
                        type="number"
                        className="short"
                        step="any"
                        value={r[k]}
                        disabled={!r.on}
                        aria-label={`${label} ${t(`opt.${k}`)}`}
                        onChange={(e) => setRange(p.name, { [k]: e.target.value })}
                      />
                    </td>
                  ))
                ) : (
                  <td colSpan={3} className="muted">
                    {p.type === 'bool' ? t('opt.bothValues') : (p.options ?? []).join(' / ')}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-row">
        <label className="inline">
          {t('opt.target')}
          <select value={o.target} onChange={(e) => set({ target: e.target.value as OptimizeForm['target'] })}>
            {OPTIMIZATION_TARGETS.map((k) => (
              <option key={k} value={k}>
                {STATISTIC_LABELS[k][lang]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="seg">
          <legend>{t('opt.method')}</legend>
          <div className="seg-options small">
            {(['grid', 'genetic'] as const).map((m) => (
              <label key={m} className={`seg-opt ${o.method === m ? 'on' : ''}`}>
                <input type="radio" name="opt-method" checked={o.method === m} onChange={() => set({ method: m })} />
                {t(`opt.${m}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {o.method === 'genetic' && (
          <>
            <ShortNumber label={t('opt.population')} min={4} value={o.population} onChange={(v) => set({ population: v })} />
            <ShortNumber label={t('opt.generations')} min={1} value={o.generations} onChange={(v) => set({ generations: v })} />
            <ShortNumber label={t('opt.seed')} value={o.seed} onChange={(v) => set({ seed: v })} />
          </>
        )}
        <span className="muted" data-testid="opt-combinations">
          {built.combinations === undefined ? t('opt.badRange', { names: built.bad.join(', ') }) : t('opt.combinations', { n: built.combinations })}
        </span>
      </div>
    </>
  );
}

/** Builds the request from the setup form and the ranges; says what is missing instead. */
/**
 * Starts an optimisation or a walk-forward on the form as it stands; a setup or range that cannot run is said in a
 * toast instead (and a bad setup is shown).
 */
function useLaunch(file: StrategyFileInfo | undefined) {
  const svc = useServices();
  const store = backtestStore(svc);
  return (run: (svc: Services, request: OptimizationRequest) => Promise<void>): void => {
    const problem = (key: 'setup' | 'range' | 'noRange'): void => {
      svc.notify('error', { key: `opt.problem.${key}` });
      if (key === 'setup') store.setState({ section: 'setup' });
    };
    const s = store.getState();
    const built = buildSettings(s.form, file);
    if ('problems' in built || file === undefined) return problem('setup');
    const params = (file.params ?? []).filter(isRangeable);
    const r = buildRanges(params, Object.fromEntries(params.map((p) => [p.name, s.optimize.ranges[p.name] ?? defaultRange(p)])));
    if (r.combinations === undefined) return problem('range');
    if (r.ranges.length === 0) return problem('noRange');
    void run(svc, { settings: built.settings, ranges: r.ranges, form: s.optimize });
  };
}

/** 优化: a grid or genetic search over the chosen parameters, its table (best first) and the heatmap of the first two. */
export function OptimizeView({ file }: { file: StrategyFileInfo | undefined }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = backtestStore(svc);
  const job = useSlice(store, (s) => s.job);
  const result = useSlice(store, (s) => s.optimization);
  const launch = useLaunch(file);
  const start = (): void => launch(optimize);

  const tryRow = (row: OptimizationRow): void => {
    const f = store.getState().form;
    const params = { ...f.params };
    for (const p of file?.params ?? []) if (p.name in row.params) params[p.name] = inputOf(p, row.params[p.name]);
    store.setState({ form: { ...f, params } });
    const built = buildSettings({ ...f, params }, file);
    if ('settings' in built) void runBacktest(svc, built.settings);
  };

  const columns = useMemo((): Column<OptimizationRow & { rank: number }>[] => {
    if (result === undefined) return [];
    const names = Object.keys(result.rows[0]?.params ?? {});
    const specs = new Map((file?.params ?? []).map((p) => [p.name, p]));
    type Shown = 'totalNetPnl' | 'maxDrawdownPercent' | 'sharpeRatio' | 'winRate' | 'totalTradeCount';
    const stat = (k: Shown, width: number): Column<OptimizationRow & { rank: number }> => ({
      key: k,
      title: STATISTIC_LABELS[k][lang],
      width,
      align: 'right',
      sortValue: (r) => statValue(r.statistics, k),
      cellClass: (r) => (k === 'totalNetPnl' ? trendClass(r.statistics.totalNetPnl) : ''),
      render: (r) => statText(k, statValue(r.statistics, k)),
    });
    return [
      { key: 'rank', title: '#', width: 44, align: 'right', sortValue: (r) => r.rank, render: (r) => r.rank },
      ...names.map(
        (n): Column<OptimizationRow & { rank: number }> => ({
          key: `p-${n}`,
          title: specs.get(n) ? paramLabel(specs.get(n)!, lang) : n,
          width: 96,
          align: 'right',
          sortValue: (r) => (typeof r.params[n] === 'number' ? (r.params[n] as number) : String(r.params[n])),
          render: (r) => String(r.params[n]),
        }),
      ),
      { key: 'value', title: STATISTIC_LABELS[result.target][lang], width: 110, align: 'right', sortValue: (r) => r.value, render: (r) => formatTargetValue(r.value, 4) },
      // The target is the column before: its statistic is not shown twice.
      ...([
        ['totalNetPnl', 110],
        ['maxDrawdownPercent', 130],
        ['sharpeRatio', 100],
        ['winRate', 90],
        ['totalTradeCount', 100],
      ] as const)
        .filter(([k]) => k !== result.target)
        .map(([k, w]) => stat(k, w)),
      {
        key: 'try',
        title: t('col.actions'),
        width: 90,
        align: 'center',
        render: (r) => (
          <button type="button" className="link-btn" disabled={job !== undefined} onClick={() => tryRow(r)} aria-label={t('opt.tryRow', { rank: r.rank })}>
            {t('opt.try')}
          </button>
        ),
      },
    ];
    // tryRow reads the store.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, file, lang, t, job]);
  const rows = useMemo(() => (result?.rows ?? []).map((r, i) => ({ ...r, rank: i + 1 })), [result]);
  const heat = result?.heatmap;
  const targetLabel = result === undefined ? '' : STATISTIC_LABELS[result.target][lang];
  const labelOf = useCallback((name: string) => {
    const p = file?.params?.find((x) => x.name === name);
    return p === undefined ? name : paramLabel(p, lang);
  }, [file, lang]);
  const build = useCallback((theme: ChartTheme) => (heat === undefined ? {} : optimizationHeatmapOption(heat, targetLabel, theme, labelOf)), [heat, targetLabel, labelOf]);

  if (file === undefined) return <p className="muted pad">{t('opt.noStrategy')}</p>;
  return (
    <div className="optimize-view">
      <RangesForm file={file} />
      <div className="form-actions">
        <button type="button" className="btn primary" disabled={job !== undefined} onClick={start}>
          {t('opt.run')}
        </button>
      </div>
      {result !== undefined && (
        <section aria-label={t('opt.result')} data-testid="optimization-result">
          <p className="muted pad-x">
            {t('opt.summary', { runs: result.runs, workers: result.workers, secs: fmtSeconds(result.elapsedMs), method: t(`opt.${result.method}`) })}
            {result.cancelled ? ` · ${t('bt.wasCancelled')}` : ''}
          </p>
          <div className="report-two">
            <div className="table-box">
              <VirtualTable label={t('opt.table')} rows={rows} columns={columns} rowKey={(r) => String(r.rank)} defaultSort={{ key: 'rank', dir: 'asc' }} onActivate={tryRow} />
            </div>
            {heat !== undefined ? (
              <EChartBox build={build} label={t('opt.heatmap', { x: labelOf(heat.x.name), y: labelOf(heat.y.name) })} height={320} testId="optimization-heatmap" data={{ x: heat.x.values.length, y: heat.y.values.length }} />
            ) : (
              <p className="muted pad">{t('opt.noHeatmap')}</p>
            )}
          </div>
        </section>
      )}
    </div>
  );
}

/** 滚动优化: optimise on each training window, test the winner on the window after, chain the tests. */
export function WalkForwardView({ file }: { file: StrategyFileInfo | undefined }) {
  const svc = useServices();
  const t = useT();
  const lang = useLang();
  const store = backtestStore(svc);
  const job = useSlice(store, (s) => s.job);
  const o = useSlice(store, (s) => s.optimize);
  const result = useSlice(store, (s) => s.walk);
  const launch = useLaunch(file);
  const set = (patch: Partial<OptimizeForm>): void => store.setState((s) => ({ optimize: { ...s.optimize, ...patch } }));
  const start = (): void => launch(walkForward);

  const points = useMemo(() => (result === undefined ? [] : result.days.map((d, i) => ({ time: dayStartEpoch(d), value: result.balance[i]! }))), [result]);
  const build = useCallback((theme: ChartTheme) => pnlCurveOption(points, theme, t('wf.balance')), [points, t]);
  const columns = useMemo((): Column<WalkForwardWindow & { i: number }>[] => {
    return [
      { key: 'i', title: '#', width: 40, align: 'right', sortValue: (w) => w.i, render: (w) => w.i + 1 },
      { key: 'train', title: t('wf.train'), width: 170, sortValue: (w) => w.trainFrom, render: (w) => `${formatDay(w.trainFrom)} ~ ${formatDay(w.trainTo)}` },
      { key: 'test', title: t('wf.test'), width: 170, sortValue: (w) => w.testFrom, render: (w) => `${formatDay(w.testFrom)} ~ ${formatDay(w.testTo)}` },
      { key: 'params', title: t('inst.params'), width: 180, render: (w) => describeParams(file?.params, w.params, lang) },
      { key: 'trainValue', title: t('wf.trainValue'), width: 90, align: 'right', sortValue: (w) => w.trainValue, render: (w) => formatTargetValue(w.trainValue, 3) },
      { key: 'testValue', title: t('wf.testValue'), width: 90, align: 'right', sortValue: (w) => w.testValue, render: (w) => formatTargetValue(w.testValue, 3) },
      { key: 'net', title: STATISTIC_LABELS.totalNetPnl[lang], width: 96, align: 'right', sortValue: (w) => w.test.totalNetPnl, cellClass: (w) => trendClass(w.test.totalNetPnl), render: (w) => fmtMoney(w.test.totalNetPnl) },
    ];
  }, [t, lang, file]);
  const rows = useMemo(() => (result?.windows ?? []).map((w, i) => ({ ...w, i })), [result]);

  if (file === undefined) return <p className="muted pad">{t('opt.noStrategy')}</p>;
  return (
    <div className="optimize-view">
      <RangesForm file={file} />
      <div className="form-row">
        <ShortNumber label={t('wf.trainDays')} min={2} value={o.trainDays} onChange={(v) => set({ trainDays: v })} />
        <ShortNumber label={t('wf.testDays')} min={1} value={o.testDays} onChange={(v) => set({ testDays: v })} />
        <ShortNumber label={t('wf.stepDays')} min={1} value={o.stepDays} placeholder={o.testDays} onChange={(v) => set({ stepDays: v })} />
        <button type="button" className="btn primary" disabled={job !== undefined} onClick={start}>
          {t('wf.run')}
        </button>
      </div>
      {result !== undefined && (
        <section aria-label={t('wf.result')} data-testid="walkforward-result">
          <p className="pad-x">
            {t('wf.summary', { n: result.windows.length, pnl: fmtMoney(result.totalNetPnl), eff: Number.isFinite(result.efficiency) ? result.efficiency.toFixed(2) : '—' })}
            {result.cancelled ? ` · ${t('bt.wasCancelled')}` : ''}
          </p>
          <EChartBox build={build} label={t('wf.balance')} height={220} testId="walkforward-balance" data={{ points: points.length }} />
          <div className="table-box">
            <VirtualTable label={t('wf.table')} rows={rows} columns={columns} rowKey={(w) => String(w.i)} defaultSort={{ key: 'i', dir: 'asc' }} />
          </div>
        </section>
      )}
    </div>
  );
}

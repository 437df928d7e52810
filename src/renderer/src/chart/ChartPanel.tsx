import { useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { StoreApi } from 'zustand';
import { isTerminalStatus, type Offset } from '../../../shared/model/enums';
import type { Order, Position, StopOrder } from '../../../shared/model/types';
import { useLang, useServices, useSlice, useT } from '../app/context';
import { toClientError } from '../client/client';
import { errorText } from '../i18n/error-text';
import { contractName } from '../i18n/format';
import { barKey } from '../state/stores';
import { BarSeries } from './bar-series';
import {
  OVERLAYS,
  PERIODS,
  barPeriodOf,
  SUB_INDICATORS,
  buildOption,
  chartData,
  computeIndicators,
  fitWindow,
  INDICATOR_WARMUP,
  type BarWindow,
  type ChartLabels,
  type ChartPeriod,
  type ChartTheme,
  type Computed,
  type Overlay,
  type SubIndicator,
  type PositionLine,
  type StopLine,
  type OrderLine,
  stopLineOf,
  type TradeMark,
} from './chart-option';
import { echarts, type EChart } from './echarts';
import { intradayOption } from './intraday-option';
import { themeColours } from './theme';

const PREFS_KEY = 'qihuo.chart.v1';
/** Live updates are drawn at most this often: a forming bar changes about ten times a second. */
const REDRAW_MS = 200;
/** Bars shown when a chart opens. */
const INITIAL_WINDOW = 240;
const HISTORY_COUNT = 200_000;
/** Most bars one view spans; longer stretches of history are for longer periods. */
const MAX_SPAN = 3000;
/** Bars handed to echarts beyond each side of the view. */
const MARGIN = 3000;

interface Prefs {
  period: ChartPeriod;
  overlays: Overlay[];
  sub: SubIndicator;
}

function loadPrefs(): Prefs {
  const d: Prefs = { period: '1m', overlays: ['ma'], sub: 'macd' };
  try {
    const raw = JSON.parse(localStorage.getItem(PREFS_KEY) ?? 'null') as Partial<Prefs> | null;
    if (raw === null || typeof raw !== 'object') return d;
    return {
      period: PERIODS.includes(raw.period as ChartPeriod) ? (raw.period as ChartPeriod) : d.period,
      overlays: Array.isArray(raw.overlays) ? raw.overlays.filter((o): o is Overlay => OVERLAYS.includes(o)) : d.overlays,
      sub: SUB_INDICATORS.includes(raw.sub as SubIndicator) ? (raw.sub as SubIndicator) : d.sub,
    };
  } catch {
    return d;
  }
}

const SHORT_CHART_PX = 260;
const isShort = (host: HTMLElement): boolean => host.clientHeight > 0 && host.clientHeight < SHORT_CHART_PX;

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ApiErrorBody };

/** K线: candles, volume and open interest, indicators, the account's trades; live, zoomable, with a crosshair. */
/** The positions held in a contract: lines at their open prices. */
function positionLines(positions: Iterable<Position>, symbol: string | undefined): PositionLine[] {
  const out: PositionLine[] = [];
  for (const p of positions) if (p.symbol === symbol && p.volume > 0) out.push({ direction: p.direction, volume: p.volume, price: p.avgOpenPrice });
  return out;
}

/** The working limit orders of a contract: lines at their prices, for their unfilled lots. */
function orderLines(orders: Iterable<Order>, symbol: string | undefined): OrderLine[] {
  const out: OrderLine[] = [];
  for (const o of orders) if (o.symbol === symbol && o.type === 'limit' && !isTerminalStatus(o.status)) out.push({ side: o.side, offset: o.offset, volume: o.volume - o.traded, price: o.price });
  return out.sort((a, b) => b.price - a.price);
}

/** The 条件单 waiting on a contract (止盈止损 among them): lines at their triggers; a 预埋单 has none. */
function stopLines(stops: Iterable<StopOrder>, symbol: string | undefined): StopLine[] {
  const out: StopLine[] = [];
  for (const s of stops) if (s.symbol === symbol && s.status === 'waiting' && s.openAt === undefined) out.push(stopLineOf(s));
  return out.sort((a, b) => b.price - a.price);
}

/**
 * Keeps one kind of line in `into[key]` in step with its store, asking for a redraw only when the lines themselves
 * change (a quote moves a position's P&L, not its line). Returns the unsubscribe.
 */
function followLines<K extends string, L>(store: StoreApi<unknown>, linesOf: () => L[], into: Record<K, readonly L[]>, key: K, redraw: () => void): () => void {
  const update = (): void => {
    const next = linesOf();
    if (JSON.stringify(next) === JSON.stringify(into[key])) return;
    into[key] = next;
    redraw();
  };
  update();
  return store.subscribe(update);
}

export function ChartPanel() {
  const svc = useServices();
  const t = useT();
  const symbol = useSlice(svc.selection, (s) => s.symbol);
  const tradeSource = useSlice(svc.selection, (s) => s.tradeSource);
  const contract = useSlice(svc.stores.market, (s) => (symbol === undefined ? undefined : s.contracts[symbol]));
  const syncs = useSlice(svc.stores.session, (s) => s.syncs);
  const theme = useSlice(svc.settings, (s) => s.theme);
  const [prefs, setPrefs] = useState<Prefs>(loadPrefs);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [empty, setEmpty] = useState(true);

  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChart | undefined>(undefined);
  const st = useRef({
    series: new BarSeries(),
    computed: undefined as Computed | undefined,
    trades: [] as TradeMark[],
    positions: [] as PositionLine[],
    stops: [] as StopLine[],
    orders: [] as OrderLine[],
    /** The bars in view (indices into the whole series, inclusive) and the window of them echarts holds. */
    view: { start: 0, end: 0 },
    win: { from: 0, to: 0 } as BarWindow,
    full: true,
    /** Too short for an indicator pane (kept from the resize observer: reading the height here would force a layout). */
    short: false,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
    lastForming: undefined as unknown,
    theme: undefined as ChartTheme | undefined,
  });

  const labels: ChartLabels = {
    long: t('dir.long'),
    short: t('dir.short'),
    stopLoss: t('chart.stopLoss'),
    takeProfit: t('chart.takeProfit'),
    stop: t('chart.stop'),
    volume: t('chart.volume'),
    oi: t('chart.oi'),
    open: t('chart.open'),
    high: t('chart.high'),
    low: t('chart.low'),
    close: t('chart.close'),
    buy: t('chart.buy'),
    sell: t('chart.sell'),
    offsets: { open: t('offset.open'), close: t('offset.close'), closeToday: t('offset.closeToday'), closeYesterday: t('offset.closeYesterday') } satisfies Record<Offset, string>,
    price: t('chart.price'),
    average: t('chart.average'),
  };
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const lang = useLang();
  const langRef = useRef(lang);
  langRef.current = lang;
  const prefsRef = useRef(prefs);
  prefsRef.current = prefs;
  const tickRef = useRef(contract?.priceTick ?? 1);
  tickRef.current = contract?.priceTick ?? 1;
  const contractRef = useRef(contract);
  contractRef.current = contract;
  // 分时 is drawn around yesterday's settlement.
  const preSettlement = useSlice(svc.stores.market, (m) => (symbol === undefined ? 0 : (m.ticks[symbol]?.preSettlement ?? 0)));
  const preSettlementRef = useRef(preSettlement);
  preSettlementRef.current = preSettlement;

  useEffect(() => {
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  }, [prefs]);

  /** Draws the window around the view: after a reload, a live update, or a pan that neared the window's edge. */
  const draw = useRef(() => {
    const s = st.current;
    s.timer = undefined;
    const chart = chartRef.current;
    const host = hostRef.current;
    if (chart === undefined || host === null) return;
    const n = s.series.length;
    const p = prefsRef.current;
    const end = Math.min(Math.max(0, n - 1), s.view.end);
    s.view = { start: Math.max(0, Math.min(s.view.start, end)), end };
    s.win = fitWindow(s.win, s.view, n, MARGIN);
    // A short chart has no room for an indicator pane: it is left out until the panel grows.
    s.computed = computeIndicators(s.series, new Set(p.overlays), s.short ? 'none' : p.sub, Math.max(0, s.win.from - INDICATOR_WARMUP));
    s.theme ??= themeColours(host);
    host.dataset['grid'] = s.theme.grid;
    if (p.period === 'intraday') {
      const l = labelsRef.current;
      const day = intradayOption({
        series: s.series,
        preSettlement: preSettlementRef.current,
        trades: s.trades,
        theme: s.theme,
        labels: { price: l.price, average: l.average, volume: l.volume, buy: l.buy, sell: l.sell },
        priceTick: tickRef.current,
        sessions: contractRef.current,
      });
      chart.setOption(day.option, { notMerge: s.full, lazyUpdate: false, silent: true });
      s.full = false;
      host.dataset['bars'] = String(day.minutes);
      host.dataset['trades'] = String(s.trades.length);
      setEmpty(n === 0);
      return;
    }
    const option = buildOption({
      data: chartData(s.series, p.period, s.win),
      series: s.series,
      computed: s.computed,
      trades: s.trades,
      positions: s.positions,
      stops: s.stops,
      orders: s.orders,
      theme: s.theme,
      labels: labelsRef.current,
      priceTick: tickRef.current,
      zoom: { startValue: s.view.start, endValue: s.view.end },
      lang: langRef.current,
      maxSpan: MAX_SPAN,
    });
    chart.setOption(option, { notMerge: s.full, lazyUpdate: false, silent: true });
    s.full = false;
    host.dataset['bars'] = String(n);
    host.dataset['trades'] = String(s.trades.length);
    host.dataset['positions'] = s.positions.map((p) => `${p.direction} ${p.volume} @ ${p.price}`).join(', ');
    host.dataset['stops'] = s.stops.map((x) => `${x.kind} ${x.volume} ${x.above ? '>=' : '<='} ${x.price}`).join(', ');
    host.dataset['orders'] = s.orders.map((x) => `${x.side} ${x.offset} ${x.volume} @ ${x.price}`).join(', ');
    host.dataset['zoom'] = `${s.view.start}-${s.view.end}`;
    setEmpty(n === 0);
  });

  const schedule = (full: boolean): void => {
    const s = st.current;
    if (full) {
      s.full = true;
      if (s.timer !== undefined) clearTimeout(s.timer);
      s.timer = undefined;
      draw.current();
    } else if (s.timer === undefined) s.timer = setTimeout(() => draw.current(), REDRAW_MS);
  };

  // The echarts instance lives as long as the panel; it follows the panel's size.
  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const chart = echarts.init(host, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('datazoom', (e: unknown) => {
      const ev = e as { batch?: { start?: number; end?: number; startValue?: number; endValue?: number }[]; start?: number; end?: number; startValue?: number; endValue?: number };
      const z = ev.batch?.[0] ?? ev;
      const s = st.current;
      const len = s.win.to - s.win.from;
      let a: number;
      let b: number;
      if (z.startValue !== undefined && z.endValue !== undefined) [a, b] = [z.startValue, z.endValue];
      else if (z.start !== undefined && z.end !== undefined) [a, b] = [Math.round((z.start / 100) * (len - 1)), Math.round((z.end / 100) * (len - 1))];
      else return;
      s.view = { start: s.win.from + a, end: s.win.from + b };
      host.dataset['zoom'] = `${s.view.start}-${s.view.end}`;
      // Near the window's edge: hand echarts the next stretch of history.
      if (fitWindow(s.win, s.view, s.series.length, MARGIN) !== s.win) schedule(false);
    });
    st.current.short = isShort(host);
    const ro = new ResizeObserver(() => {
      chart.resize();
      if (isShort(host) !== st.current.short) {
        st.current.short = !st.current.short;
        schedule(true);
      }
    });
    ro.observe(host);
    const s = st.current;
    return () => {
      ro.disconnect();
      if (s.timer !== undefined) clearTimeout(s.timer);
      chart.dispose();
      chartRef.current = undefined;
    };
  }, []);

  // History: on a new contract or period, and after a reconnect.
  useEffect(() => {
    if (symbol === undefined) return;
    let alive = true;
    const period = barPeriodOf(prefs.period);
    setStatus({ kind: 'loading' });
    const s = st.current;
    s.series = new BarSeries(period === '1d');
    s.trades = [];
    s.lastForming = undefined;
    schedule(true);
    svc.client.call('market.bars', { symbol, period, count: HISTORY_COUNT }).then(
      (bars) => {
        if (!alive) return;
        s.series = BarSeries.from(bars, period === '1d');
        const forming = svc.stores.bars.getState().forming[barKey(symbol, period)];
        if (forming !== undefined) s.series.upsert(forming);
        const n = s.series.length;
        s.view = { start: Math.max(0, n - INITIAL_WINDOW), end: Math.max(0, n - 1) };
        s.win = { from: 0, to: 0 };
        s.trades = tradeMarks();
        setStatus({ kind: 'ready' });
        schedule(true);
        svc.client.call('chart.subscribe', { symbol, period }).catch(() => undefined);
      },
      (e: unknown) => {
        if (!alive) return;
        setStatus({ kind: 'error', error: toClientError(e) });
      },
    );
    return () => {
      alive = false;
    };
    // tradeMarks and schedule read refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [symbol, prefs.period, syncs, svc]);

  // The forming bar from the update batches: the last candle moves, or a new one starts.
  useEffect(() => {
    if (symbol === undefined) return;
    const period = barPeriodOf(prefs.period);
    const key = barKey(symbol, period);
    return svc.stores.bars.subscribe((b) => {
      const s = st.current;
      const bar = b.forming[key];
      if (bar === undefined || bar === s.lastForming) return;
      s.lastForming = bar;
      const before = s.series.length;
      const r = s.series.upsert(bar);
      if (r === 'ignored') return;
      if (r === 'appended') {
        // Follow the live edge when the trader is looking at it.
        if (s.view.end >= before - 1) s.view = { start: s.view.start + 1, end: s.series.length - 1 };
        // The bar just finished may have missed its last tick: take the finished bars from the engine.
        svc.client.call('market.bars', { symbol, period, count: 3 }).then(
          (bars) => {
            if (key !== barKey(symbol, barPeriodOf(prefsRef.current.period))) return;
            s.series.patch(bars.filter((x) => x.time < bar.time));
            schedule(false);
          },
          () => undefined,
        );
      }
      // Off-screen history changes nothing on screen.
      if (s.view.end >= before - 2 || s.win.to >= before) schedule(false);
    });
     
  }, [symbol, prefs.period, svc]);

  function tradeMarks(): TradeMark[] {
    const s = st.current;
    const out: TradeMark[] = [];
    if (symbol === undefined || s.series.length === 0) return out;
    const only = svc.selection.getState().tradeSource;
    for (const tr of svc.stores.trades.getState().list) {
      if (tr.symbol !== symbol || (only !== undefined && tr.source !== only)) continue;
      const i = s.series.indexOfTrade(tr);
      if (i >= 0) out.push({ index: i, price: tr.price, side: tr.side, offset: tr.offset, volume: tr.volume, source: tr.source === 'manual' ? '' : tr.source });
    }
    return out;
  }

  // The account's positions, working limit orders and waiting 条件单 in the contract, as lines at their prices.
  useEffect(() => {
    const redraw = (): void => schedule(false);
    const stops = [
      followLines(svc.stores.positions, () => positionLines(svc.stores.positions.getState().byKey.values(), symbol), st.current, 'positions', redraw),
      followLines(svc.stores.orders, () => orderLines(svc.stores.orders.getState().byId.values(), symbol), st.current, 'orders', redraw),
      followLines(svc.stores.stopOrders, () => stopLines(svc.stores.stopOrders.getState().byId.values(), symbol), st.current, 'stops', redraw),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [symbol, svc]);

  // The account's own trades as markers (only one strategy instance's when the strategy manager asked for it).
  useEffect(() => {
    st.current.trades = tradeMarks();
    schedule(false);
    return svc.stores.trades.subscribe(() => {
      st.current.trades = tradeMarks();
      schedule(false);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [symbol, tradeSource, svc]);

  // Indicators, theme or language changed: draw everything again.
  useEffect(() => {
    st.current.theme = undefined;
    schedule(true);
     
  }, [prefs.overlays, prefs.sub, theme, t, preSettlement]);

  // Indicators belong to the candle charts; 分时 has its own lines.
  const candles = prefs.period !== 'intraday';
  const toggleOverlay = (o: Overlay): void =>
    setPrefs((p) => ({ ...p, overlays: p.overlays.includes(o) ? p.overlays.filter((x) => x !== o) : [...p.overlays, o] }));

  return (
    <div className="panel chart-panel">
      <div className="chart-toolbar" role="toolbar" aria-label={t('panel.chart')}>
        <span className="mono strong">{contract?.code ?? symbol ?? ''}</span>
        <span className="muted">{contractName(contract, lang)}</span>
        <div className="seg-options small" role="radiogroup" aria-label={t('chart.period')}>
          {PERIODS.map((p) => (
            <button key={p} type="button" role="radio" aria-checked={prefs.period === p} className={`seg-opt ${prefs.period === p ? 'on' : ''}`} onClick={() => setPrefs((x) => ({ ...x, period: p }))}>
              {t(`chart.p.${p}`)}
            </button>
          ))}
        </div>
        {candles && (
          <div className="seg-options small" role="group" aria-label={t('chart.overlays')}>
            {OVERLAYS.map((o) => (
              <button key={o} type="button" aria-pressed={prefs.overlays.includes(o)} className={`seg-opt ${prefs.overlays.includes(o) ? 'on' : ''}`} onClick={() => toggleOverlay(o)}>
                {o.toUpperCase()}
              </button>
            ))}
          </div>
        )}
        {tradeSource !== undefined && (
          <span className="chip" data-testid="chart-source">
            {t('chart.onlySource', { source: tradeSource })}
            <button type="button" className="icon-btn" aria-label={t('chart.allSources')} title={t('chart.allSources')} onClick={() => svc.selection.setState({ tradeSource: undefined })}>
              ×
            </button>
          </span>
        )}
        {candles && (
          <label className="inline">
            {t('chart.sub')}
            <select value={prefs.sub} onChange={(e) => setPrefs((x) => ({ ...x, sub: e.target.value as SubIndicator }))}>
              {SUB_INDICATORS.map((s) => (
                <option key={s} value={s}>
                  {s === 'none' ? t('chart.none') : s === 'wt' ? 'WaveTrend' : s.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="chart-host-wrap">
        <div ref={hostRef} className="chart-host" data-testid="chart" data-bars="0" data-trades="0" />
        {symbol === undefined ? (
          <div className="chart-overlay">{t('chart.noContract')}</div>
        ) : status.kind === 'error' ? (
          <div className="chart-overlay error" role="status">
            {t(status.error.code === 'UNSUPPORTED_PERIOD' ? 'chart.unsupported' : 'chart.error', { message: errorText(status.error, lang) })}
          </div>
        ) : status.kind === 'loading' ? (
          <div className="chart-overlay">{t('chart.loading')}</div>
        ) : empty ? (
          <div className="chart-overlay">{t('chart.noData')}</div>
        ) : null}
      </div>
    </div>
  );
}

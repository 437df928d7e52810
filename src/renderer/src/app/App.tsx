import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { PanelId } from '../layout/layout-model';
import type { LayoutState } from '../layout/layout-store';
import { Workspace, type PanelDef } from '../layout/Workspace';
import { AccountPanel } from '../panels/AccountPanel';
import { DepthLadder } from '../panels/DepthLadder';
import { LogsPanel } from '../panels/LogsPanel';
import { MarketWatch } from '../panels/MarketWatch';
import { OrdersPanel } from '../panels/OrdersPanel';
import { PositionsPanel } from '../panels/PositionsPanel';
import { StopOrdersPanel } from '../panels/StopOrdersPanel';
import { TradesPanel } from '../panels/TradesPanel';
import { OrderTicket } from '../ticket/OrderTicket';
import { useServices, useSlice } from './context';
import { FileDrop } from './FileDrop';
import { ConfirmDialog, Toasts } from './Overlays';
import { TopBar } from './TopBar';

// The chart (echarts) is most of the code: it loads beside the first quotes instead of before them.
const ChartPanel = lazy(() => import('../chart/ChartPanel').then((m) => ({ default: m.ChartPanel })));
// The other screens load when first shown: the trading screen starts with none of their code.
const StrategyPanel = lazy(() => import('../strategy/StrategyPanel').then((m) => ({ default: m.StrategyPanel })));
const BacktestPanel = lazy(() => import('../backtest/BacktestPanel').then((m) => ({ default: m.BacktestPanel })));
const DataPanel = lazy(() => import('../data/DataPanel').then((m) => ({ default: m.DataPanel })));
const SettingsPanel = lazy(() => import('../settings/SettingsPanel').then((m) => ({ default: m.SettingsPanel })));

const later = (node: ReactNode): ReactNode => <Suspense fallback={null}>{node}</Suspense>;

const PANELS: Record<PanelId, PanelDef> = {
  watch: { title: 'panel.watch', render: () => <MarketWatch /> },
  chart: {
    title: 'panel.chart',
    render: () => (
      <Suspense fallback={null}>
        <ChartPanel />
      </Suspense>
    ),
  },
  positions: { title: 'panel.positions', render: () => <PositionsPanel /> },
  orders: { title: 'panel.orders', render: () => <OrdersPanel /> },
  trades: { title: 'panel.trades', render: () => <TradesPanel /> },
  logs: { title: 'panel.logs', render: () => <LogsPanel /> },
  stops: { title: 'panel.stops', render: () => <StopOrdersPanel /> },
  ticket: { title: 'panel.ticket', render: () => <OrderTicket /> },
  depth: { title: 'panel.depth', render: () => <DepthLadder /> },
  account: { title: 'panel.account', render: () => <AccountPanel /> },
  strategies: { title: 'panel.strategies', render: () => later(<StrategyPanel />) },
  backtest: { title: 'panel.backtest', render: () => later(<BacktestPanel />) },
  data: { title: 'panel.data', render: () => later(<DataPanel />) },
  settings: { title: 'panel.settings', render: () => later(<SettingsPanel />) },
};

export function App({ layout }: { layout: StoreApi<LayoutState> }) {
  const svc = useServices();
  const theme = useSlice(svc.settings, (s) => s.theme);
  const lang = useSlice(svc.settings, (s) => s.lang);

  // Before any effect: the charts read their colours from the page's CSS in their own effects (which run before this
  // component's), and would otherwise take the theme just left.
  useLayoutEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = lang === 'zh' ? '期货交易终端' : 'Futures Trading Terminal';
  }, [lang]);

  const panels = useMemo(() => PANELS, []);
  return (
    <div className="app">
      <TopBar layout={layout} />
      <Workspace store={layout} panels={panels} />
      <FileDrop />
      <Toasts />
      <ConfirmDialog />
    </div>
  );
}

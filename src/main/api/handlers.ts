import { backtestHandlers } from '../backtest/handlers';
import { BacktestService } from '../backtest/service';
import { dataHandlers } from '../data/data-service';
import type { Terminal } from '../engine/terminal';
import { definedOnly } from '../util/defined';
import { ChartService } from './charts';
import { UpdatePublisher } from './publisher';
import { ApiService, type HandlerMap } from './service';
import { accountHandlers } from './account-handlers';
import { strategyHandlers } from './strategy-handlers';
import { tradingHandlers } from './trading-handlers';

/** Builds the API of a running terminal: every request's handler, and the update batches pushed to clients. */
export function createApi(t: Terminal): { api: ApiService; publisher: UpdatePublisher } {
  const charts = new ChartService(t.contracts, (symbol) => t.minuteHistory(symbol), t.engine.bus);
  const handlers: HandlerMap = {
    ...tradingHandlers(t, charts),
    ...strategyHandlers(t),
    ...accountHandlers(t),
    ...dataHandlers(t.data, (p) => api.publish('dataProgress', p)),
    ...backtestHandlers(new BacktestService({ db: t.db, contracts: t.contracts }), (p) => api.publish('backtestProgress', p)),
    'settings.get': () => t.settings.get(),
    'settings.set': (patch) => t.settings.update(patch),
    'risk.get': () => t.active.risk.settings,
    'alerts.get': () => t.alerts.get(),
    'alerts.set': (p) => t.alerts.set(p),
    'alerts.test': (p) => t.alerts.test(p),
    'risk.set': (patch) => t.setRisk(definedOnly(patch)),
  };
  const api = new ApiService(handlers);
  const publisher = new UpdatePublisher(t.engine, (batch) => api.publish('update', batch));
  publisher.contribute((b) => charts.contribute(b));
  publisher.contribute((b) => {
    if (b.ticks !== undefined) t.strategies.touchOpen();
    const changed = t.strategies.takeChanged();
    if (changed.length) b.strategies = changed;
  });
  t.onActiveChange((engine) => {
    publisher.rebind(engine);
    charts.rebind(engine.bus);
  });
  publisher.start();
  return { api, publisher };
}

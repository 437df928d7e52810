import type { Terminal } from '../engine/terminal';
import { ChartService } from './charts';
import { UpdatePublisher } from './publisher';
import { ApiService, type HandlerMap } from './service';
import { tradingHandlers } from './trading-handlers';

/** Builds the API of a running terminal: every request's handler, and the update batches pushed to clients. */
export function createApi(t: Terminal): { api: ApiService; publisher: UpdatePublisher } {
  const charts = new ChartService(t.replay);
  const handlers: HandlerMap = {
    ...tradingHandlers(t, charts),
    'settings.get': () => t.settings.get(),
    'settings.set': (patch) => t.settings.update(patch),
  };
  const api = new ApiService(handlers);
  const publisher = new UpdatePublisher(t.engine, (batch) => api.publish('update', batch));
  publisher.contribute((b) => charts.contribute(b));
  publisher.start();
  return { api, publisher };
}

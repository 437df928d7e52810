import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ServicesContext } from './app/context';
import { createServices } from './app/services';
import { createClient } from './client/create';
import { createLayoutStore } from './layout/layout-store';
import './styles.css';

const client = createClient();
const layout = createLayoutStore();
const svc = createServices(client, layout);

// Settings come from the engine on every (re)connect; the contract first picked is the watch list's first.
client.onConnection((s) => {
  if (s.status !== 'open') return;
  client.call('settings.get', {}).then(
    (v) => svc.settings.setState({ ...v, loaded: true }),
    (e: unknown) => svc.failed('what.settings', e),
  );
});
svc.stores.session.subscribe((s) => {
  if (!s.ready || svc.selection.getState().symbol !== undefined) return;
  const first = svc.stores.market.getState().watchlist[0];
  if (first !== undefined) svc.select(first);
});
svc.feed.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesContext.Provider value={svc}>
      <App layout={layout} />
    </ServicesContext.Provider>
  </StrictMode>,
);

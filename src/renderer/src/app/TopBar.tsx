import { useEffect, useState } from 'react';
import { gatewayStatusText } from '../../../shared/i18n/gateway-messages';
import { formatDay, formatShanghai } from '../../../shared/model/time';
import type { ConnectionState } from '../client/client';
import { fmtMoney } from '../i18n/format';
import { DEFAULT_LAYOUT } from '../layout/layout-model';
import type { LayoutState } from '../layout/layout-store';
import type { StoreApi } from 'zustand/vanilla';
import { useServices, useSlice, useT } from './context';

function useConnection(): ConnectionState {
  const svc = useServices();
  const [s, setS] = useState<ConnectionState>(svc.client.connection);
  useEffect(() => svc.client.onConnection(setS), [svc]);
  return s;
}

/** Account, link state, market time and the switches (language, theme, layout). */
export function TopBar({ layout }: { layout: StoreApi<LayoutState> }) {
  const svc = useServices();
  const t = useT();
  const conn = useConnection();
  const ready = useSlice(svc.stores.session, (s) => s.ready);
  const accountId = useSlice(svc.stores.account, (s) => s.accountId);
  const mode = useSlice(svc.stores.account, (s) => s.mode);
  const balance = useSlice(svc.stores.account, (s) => s.account?.balance);
  const available = useSlice(svc.stores.account, (s) => s.account?.available);
  const clock = useSlice(svc.stores.clock, (s) => s.clock);
  const tradingDay = useSlice(svc.stores.clock, (s) => s.tradingDay);
  const gateways = useSlice(svc.stores.gateways, (s) => s.list);
  const lang = useSlice(svc.settings, (s) => s.lang);
  const theme = useSlice(svc.settings, (s) => s.theme);

  let connText: string;
  let connClass: string;
  if (conn.problem === 'noToken') {
    connText = t('conn.noToken');
    connClass = 'bad';
  } else if (conn.status === 'open') {
    connText = ready ? t('conn.open') : t('conn.syncing');
    connClass = ready ? 'ok' : 'warn';
  } else if (conn.status === 'reconnecting') {
    connText = t('conn.reconnecting', { n: conn.attempt });
    connClass = 'warn';
  } else if (conn.status === 'connecting') {
    connText = conn.attempt > 0 ? t('conn.unreachable') : t('conn.connecting');
    connClass = 'warn';
  } else {
    connText = t('conn.closed');
    connClass = 'bad';
  }

  return (
    <header className="topbar">
      <h1 className="brand">{t('appTitle')}</h1>
      {mode !== undefined && (
        <span className={`badge ${mode}`} title={accountId}>
          {t(`mode.${mode}`)} · {accountId}
        </span>
      )}
      <span className={`conn ${connClass}`} role="status" data-testid="connection" data-status={conn.status}>
        <span className="dot" aria-hidden="true" />
        {connText}
      </span>
      {gateways.map((g) => {
        const text = gatewayStatusText(g, lang);
        return (
          <span key={g.gateway} className={`gw ${g.state}`} title={text} data-testid={`gateway-${g.gateway}`}>
            {t('top.gateway')} {g.gateway}: {text}
          </span>
        );
      })}
      <span className="grow" />
      <span className="kv">
        <span className="muted">{t('top.tradingDay')}</span> <span className="num">{tradingDay > 0 ? formatDay(tradingDay) : '—'}</span>
      </span>
      <span className="kv">
        <span className="muted">{t('top.marketTime')}</span> <span className="num" data-testid="market-time">{clock > 0 ? formatShanghai(clock) : '—'}</span>
      </span>
      <span className="kv">
        <span className="muted">{t('top.equity')}</span> <span className="num strong">{fmtMoney(balance)}</span>
      </span>
      <span className="kv">
        <span className="muted">{t('top.available')}</span> <span className="num">{fmtMoney(available)}</span>
      </span>
      <button type="button" className="btn small" aria-label={t('top.language')} onClick={() => void svc.saveSettings({ lang: lang === 'zh' ? 'en' : 'zh' })}>
        {t('top.langButton')}
      </button>
      <button
        type="button"
        className="btn small"
        aria-label={t('top.theme')}
        aria-pressed={theme === 'light'}
        onClick={() => void svc.saveSettings({ theme: theme === 'dark' ? 'light' : 'dark' })}
      >
        {theme === 'dark' ? t('top.themeLight') : t('top.themeDark')}
      </button>
      <button type="button" className="btn small" onClick={() => svc.show('settings')}>
        {t('panel.settings')}
      </button>
      <button type="button" className="btn small" onClick={() => layout.setState({ layout: DEFAULT_LAYOUT, maximized: undefined })}>
        {t('top.resetLayout')}
      </button>
    </header>
  );
}

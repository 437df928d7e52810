import type { StoreApi } from 'zustand/vanilla';
import type { UiSettings } from '../../../shared/ipc/settings';
import type { Order, OrderRequest } from '../../../shared/model/types';
import { isReasonCode, type Reason } from '../../../shared/i18n/reasons';
import type { TerminalClient } from '../client/client';
import type { PanelId } from '../layout/layout-model';
import { createLayoutStore, showPanel, type LayoutState } from '../layout/layout-store';
import type { MessageKey } from '../i18n/messages';
import { failureToast } from './toast-text';
import { Feed } from '../state/feed';
import { createStores, type Stores } from '../state/stores';
import {
  createConfirmStore,
  createSelectionStore,
  createSettingsStore,
  createToastStore,
  type ConfirmState,
  type SelectionState,
  type SettingsState,
  type ToastState,
  type ToastText,
} from '../state/ui';

export type OrderParams = Omit<OrderRequest, 'source'>;

/** Everything a panel needs beside React: the client, the stores and the few actions shared by several panels. */
export interface Services {
  readonly client: TerminalClient;
  readonly stores: Stores;
  readonly settings: StoreApi<SettingsState>;
  readonly selection: StoreApi<SelectionState>;
  readonly toasts: StoreApi<ToastState>;
  readonly confirm: StoreApi<ConfirmState>;
  readonly feed: Feed;
  readonly layout: StoreApi<LayoutState>;
  /** Brings a panel to the front (the strategy manager after a file is dropped, the chart for an instance's trades). */
  show(panel: PanelId): void;
  notify(kind: 'error' | 'info' | 'success', text: ToastText): void;
  /** Shows the confirmation dialog; resolves true when the trader confirms. */
  ask(title: string, lines: readonly string[], danger?: boolean): Promise<boolean>;
  saveSettings(patch: Partial<UiSettings>): Promise<void>;
  select(symbol: string): void;
  /** Sends an order; a refusal is toasted with its reason and returned like any order (status 'rejected'). */
  sendOrder(req: OrderParams): Promise<readonly Order[] | undefined>;
  cancelOrder(orderId: string): Promise<boolean>;
  failed(what: MessageKey, e: unknown): void;
}

const TOAST_MS = { error: 8000, info: 4000, success: 4000 } as const;
const MAX_TOASTS = 5;

export function rejectionToast(o: Pick<Order, 'statusReason' | 'statusMsg'>): ToastText {
  const r = o.statusReason;
  const reason: Reason | undefined = r !== undefined && isReasonCode(r.code) ? { code: r.code, params: r.params } : undefined;
  return { key: 'toast.rejected', ...(reason !== undefined ? { reason } : {}), reasonFallback: o.statusMsg };
}

export function createServices(client: TerminalClient, layout: StoreApi<LayoutState> = createLayoutStore(undefined)): Services {
  const stores = createStores();
  const settings = createSettingsStore();
  const selection = createSelectionStore();
  const toasts = createToastStore();
  const confirm = createConfirmStore();
  let toastSeq = 0;
  /** Rejections already toasted (the order.send answer and the update batch both carry them). */
  const toldRejected = new Set<string>();

  const notify: Services['notify'] = (kind, text) => {
    const id = ++toastSeq;
    const list = [...toasts.getState().toasts, { id, kind, text }];
    toasts.setState({ toasts: list.slice(-MAX_TOASTS) });
    setTimeout(() => toasts.setState((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) })), TOAST_MS[kind]);
  };

  const tellRejected = (o: Order): void => {
    if (toldRejected.has(o.id)) return;
    toldRejected.add(o.id);
    notify('error', rejectionToast(o));
  };

  const failed: Services['failed'] = (what, e) => notify('error', failureToast(what, e));

  const feed = new Feed(client, stores, {
    // Only orders of this trading session: a rejection from a strategy shows in its row and the log as well.
    onRejected: tellRejected,
  });

  const svc: Services = {
    client,
    stores,
    settings,
    selection,
    toasts,
    confirm,
    feed,
    layout,
    show: (panel) => showPanel(layout, panel),
    notify,
    failed,
    ask(title, lines, danger) {
      return new Promise((resolve) => {
        const prev = confirm.getState().request;
        prev?.resolve(false);
        confirm.setState({
          request: {
            title,
            lines,
            ...(danger !== undefined ? { danger } : {}),
            resolve: (ok) => {
              confirm.setState({ request: undefined });
              resolve(ok);
            },
          },
        });
      });
    },
    async saveSettings(patch) {
      const before = settings.getState();
      settings.setState(patch);
      try {
        const saved = await client.call('settings.set', patch);
        settings.setState(saved);
      } catch (e) {
        settings.setState({ lang: before.lang, theme: before.theme, confirmOrders: before.confirmOrders });
        failed('what.settings', e);
      }
    },
    select(symbol) {
      if (selection.getState().symbol !== symbol) selection.setState({ symbol });
    },
    async sendOrder(req) {
      try {
        const r = await client.call('order.send', req);
        for (const o of r.orders) if (o.status === 'rejected') tellRejected(o);
        return r.orders;
      } catch (e) {
        failed('what.order', e);
        return undefined;
      }
    },
    async cancelOrder(orderId) {
      try {
        await client.call('order.cancel', { orderId });
        return true;
      } catch (e) {
        failed('what.cancel', e);
        return false;
      }
    },
  };
  return svc;
}

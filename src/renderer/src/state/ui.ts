import { createStore } from 'zustand/vanilla';
import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { UiSettings } from '../../../shared/ipc/settings';
import type { Side } from '../../../shared/model/enums';
import type { Reason } from '../../../shared/i18n/reasons';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';

/** The UI language, theme and order confirmation, kept by the engine (settings.get / settings.set). */
export interface SettingsState extends UiSettings {
  readonly loaded: boolean;
}
/**
 * What the window shows until settings.get answers (a few milliseconds): the engine's defaults. They are not
 * imported from shared/ipc/settings.ts because that module builds zod schemas, which would put zod (and its
 * eval probe, refused by the page's Content-Security-Policy) into the renderer.
 */
const BEFORE_LOAD: UiSettings = { lang: 'zh', theme: 'dark', confirmOrders: false };
export const createSettingsStore = () => createStore<SettingsState>()(() => ({ ...BEFORE_LOAD, loaded: false }));

export type TicketFill =
  | { readonly nonce: number; readonly price: number; readonly side?: Side }
  | { readonly nonce: number; readonly stop: { readonly side: Side; readonly volume: number; readonly trigger: number } };

/** What the trader has picked: the contract the chart, ladder and ticket follow; a price sent to the ticket. */
export interface SelectionState {
  readonly symbol: string | undefined;
  /**
   * Sent to the ticket (nonce: the same twice): a price clicked on the ladder, taken as a limit price; or a stop for a
   * position (止损), a 条件单 at the market that closes it when the last price reaches the trigger.
   */
  readonly ticketFill: TicketFill | undefined;
  /** The chart marks only the trades of this source (a strategy instance's name), or all of the account's. */
  readonly tradeSource: string | undefined;
  /** A market-data file dropped on the window: the data manager's import wizard opens with its path. */
  readonly importFile: { readonly path: string; readonly nonce: number } | undefined;
}
export const createSelectionStore = () => createStore<SelectionState>()(() => ({ symbol: undefined, ticketFill: undefined, tradeSource: undefined, importFile: undefined }));

/** A toast's text is kept as a key or a reason, not a string, so that it follows a language switch. */
export type ToastText =
  | {
      readonly key: MessageKey;
      readonly params?: Params;
      /** Parameters that are themselves message keys, translated when shown. */
      readonly paramKeys?: Readonly<Record<string, MessageKey>>;
      /** An engine reason, formatted in the UI language as the {reason} parameter. */
      readonly reason?: Reason;
      /** The engine's own (Chinese) text, for a reason code this client does not know. */
      readonly reasonFallback?: string;
      /** A failed request, worded in the UI language as the {message} parameter. */
      readonly error?: ApiErrorBody;
    }
  | { readonly raw: string };

export interface Toast {
  readonly id: number;
  readonly kind: 'error' | 'info' | 'success';
  readonly text: ToastText;
}

export interface ToastState {
  readonly toasts: readonly Toast[];
}
export const createToastStore = () => createStore<ToastState>()(() => ({ toasts: [] }));

export interface ConfirmRequest {
  readonly title: string;
  readonly lines: readonly string[];
  readonly danger?: boolean;
  resolve(ok: boolean): void;
}
export interface ConfirmState {
  readonly request: ConfirmRequest | undefined;
}
export const createConfirmStore = () => createStore<ConfirmState>()(() => ({ request: undefined }));

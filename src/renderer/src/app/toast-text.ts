import type { Lang } from '../../../shared/ipc/settings';
import { formatReason } from '../../../shared/i18n/reasons';
import { toClientError } from '../client/client';
import { errorText } from '../i18n/error-text';
import type { MessageKey } from '../i18n/messages';
import { translate } from '../i18n/translate';
import type { ToastText } from '../state/ui';

/** The toast of a failed request: what failed and the engine's refusal, worded when shown. */
export function failureToast(what: MessageKey, e: unknown): ToastText {
  const err = toClientError(e);
  // An order the trader may think went out: the toast says plainly that it was not sent.
  if (err.code === 'DISCONNECTED' && what === 'what.order') return { key: 'toast.disconnected' };
  return { key: 'toast.failed', error: err, paramKeys: { what } };
}

export function toastString(text: ToastText, lang: Lang): string {
  if ('raw' in text) return text.raw;
  const params: Record<string, string | number> = { ...(text.params ?? {}) };
  for (const [k, key] of Object.entries(text.paramKeys ?? {})) params[k] = translate(lang, key);
  if (text.reason !== undefined) params['reason'] = formatReason(text.reason, lang);
  else if (text.reasonFallback !== undefined) params['reason'] = text.reasonFallback;
  if (text.error !== undefined) params['message'] = errorText(text.error, lang);
  return translate(lang, text.key, params);
}

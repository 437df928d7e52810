import type { ApiErrorBody } from '../../../shared/ipc/define';
import type { Lang } from '../../../shared/ipc/settings';
import { formatBacktestMessage, isBacktestMessageCode } from '../../../shared/ipc/backtest-messages';
import { formatDataMessage, isDataMessageCode } from '../../../shared/ipc/data-messages';
import { formatReason, isReasonCode } from '../../../shared/i18n/reasons';

/**
 * An engine error (or data message) in the UI's language: worded from its catalog's template where the engine sent
 * the code with its parameters, else the engine's own message (a code this client does not know, an error the engine
 * words in one language only). Call it when rendering, not when the error arrives, so that the text follows a
 * language switch.
 */
export function errorText(e: ApiErrorBody, lang: Lang): string {
  return catalogText(e, lang) ?? e.message;
}

function catalogText({ catalog, code, params }: ApiErrorBody, lang: Lang): string | undefined {
  if (params === undefined) return undefined;
  switch (catalog) {
    case 'backtest':
      return isBacktestMessageCode(code) ? formatBacktestMessage(code, params, lang) : undefined;
    case 'data':
      return isDataMessageCode(code) ? formatDataMessage(code, params, lang) : undefined;
    case 'reason':
      return isReasonCode(code) ? formatReason({ code, params }, lang) : undefined;
    case undefined:
      return undefined;
  }
}

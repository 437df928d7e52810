import type { Lang } from '../../../shared/ipc/settings';
import { formatReason, isReasonCode } from '../../../shared/i18n/reasons';
import type { Order } from '../../../shared/model/types';

/** 状态信息 in the UI language: the engine's reason code where it sent one, else its own (Chinese) text. */
export function orderMessage(o: Pick<Order, 'statusMsg' | 'statusReason'>, lang: Lang): string {
  const r = o.statusReason;
  if (r !== undefined && isReasonCode(r.code)) return formatReason({ code: r.code, params: r.params }, lang);
  return o.statusMsg;
}

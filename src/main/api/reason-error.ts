import { ApiError } from '../../shared/ipc/define';
import { formatReason, type Reason } from '../../shared/i18n/reasons';

/** An order or cancel refused with an engine reason: the Chinese text as its message, the reason for clients to word. */
export class ReasonError extends ApiError {
  constructor(why: Reason, field?: string) {
    super(why.code, formatReason(why), field, { catalog: 'reason', params: why.params });
    this.name = 'ReasonError';
  }
}

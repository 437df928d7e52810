import { ApiError, type MessageParams } from '../../shared/ipc/define';
import { dataMessage, formatDataMessage, type DataMessage, type DataMessageCode } from '../../shared/ipc/data';

/**
 * A refusal of the data manager (a file that is not market data, an unknown symbol, a cancelled job): a stable code
 * with parameters, the Chinese text as its message and the English one beside it. The code and parameters travel to
 * clients, which word them in their user's language.
 */
export class DataError extends ApiError {
  declare readonly params: MessageParams;
  readonly english: string;

  constructor(code: DataMessageCode, params: MessageParams = {}, field?: string) {
    super(code, formatDataMessage(code, params, 'zh'), field, { catalog: 'data', params });
    this.name = 'DataError';
    this.english = formatDataMessage(code, params, 'en');
  }

  get detail(): DataMessage {
    return dataMessage(this.code as DataMessageCode, this.params);
  }
}

import { ApiError } from '../../shared/ipc/define';
import { dataMessage, formatDataMessage, type DataMessage, type DataMessageCode } from '../../shared/ipc/data';

/**
 * A refusal of the data manager (a file that is not market data, an unknown symbol, a cancelled job): a stable code
 * with parameters, the Chinese text as its message and the English one beside it.
 */
export class DataError extends ApiError {
  readonly params: Readonly<Record<string, string | number>>;
  readonly english: string;

  constructor(code: DataMessageCode, params: Readonly<Record<string, string | number>> = {}) {
    super(code, formatDataMessage(code, params, 'zh'));
    this.name = 'DataError';
    this.params = params;
    this.english = formatDataMessage(code, params, 'en');
  }

  get detail(): DataMessage {
    return dataMessage(this.code as DataMessageCode, this.params);
  }
}

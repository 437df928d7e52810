import { ApiError, type MessageParams } from '../../shared/ipc/define';
import { formatBacktestMessage, type BacktestMessageCode } from '../../shared/ipc/backtest';

/**
 * A refusal of the backtester (no data in the range, a bad strategy file, an unknown symbol, a bad optimisation
 * range): a stable code with parameters, the Chinese text as its message and the English one beside it. The code and
 * parameters travel to clients, which word them in their user's language.
 */
export class BacktestError extends ApiError {
  declare readonly params: MessageParams;
  readonly english: string;

  constructor(code: BacktestMessageCode, params: MessageParams = {}, field?: string) {
    super(code, formatBacktestMessage(code, params, 'zh'), field, { catalog: 'backtest', params });
    this.name = 'BacktestError';
    this.english = formatBacktestMessage(code, params, 'en');
  }
}

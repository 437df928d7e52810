import { ApiError } from '../../shared/ipc/define';
import { formatBacktestMessage, type BacktestMessageCode } from '../../shared/ipc/backtest';

/**
 * A refusal of the backtester (no data in the range, a bad strategy file, an unknown symbol, a bad optimisation
 * range): a stable code with parameters, the Chinese text as its message and the English one beside it.
 */
export class BacktestError extends ApiError {
  readonly params: Readonly<Record<string, string | number>>;
  readonly english: string;

  constructor(code: BacktestMessageCode, params: Readonly<Record<string, string | number>> = {}, field?: string) {
    super(code, formatBacktestMessage(code, params, 'zh'), field);
    this.name = 'BacktestError';
    this.params = params;
    this.english = formatBacktestMessage(code, params, 'en');
  }
}

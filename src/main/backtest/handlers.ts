import type { BacktestProgress } from '../../shared/ipc/backtest';
import type { HandlerMap } from '../api/service';
import type { BacktestService } from './service';

type BacktestHandlers = Pick<
  HandlerMap,
  | 'backtest.run'
  | 'backtest.cancel'
  | 'backtest.list'
  | 'backtest.get'
  | 'backtest.delete'
  | 'backtest.compare'
  | 'backtest.report'
  | 'backtest.optimize'
  | 'backtest.walkForward'
>;

/** The backtest requests' handlers over a BacktestService; `progress` pushes each job's progress to the client. */
export function backtestHandlers(service: BacktestService, progress: (p: BacktestProgress) => void = () => {}): BacktestHandlers {
  return {
    'backtest.run': (p) => service.run(p, progress),
    'backtest.cancel': (p) => service.cancel(p),
    'backtest.list': (p) => service.list(p),
    'backtest.get': (p) => service.get(p),
    'backtest.delete': (p) => service.delete(p),
    'backtest.compare': (p) => service.compare(p),
    'backtest.report': (p) => service.report(p),
    'backtest.optimize': (p) => service.optimize(p, progress),
    'backtest.walkForward': (p) => service.walkForward(p, progress),
  };
}

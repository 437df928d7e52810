import { ApiError } from '../../shared/ipc/define';
import type { Terminal } from '../engine/terminal';
import type { HandlerMap } from './service';
import { strategyAnalytics } from './strategy-analytics';

type StrategyHandlers = Pick<HandlerMap, Extract<keyof HandlerMap, `strategy.${string}`>>;

/** The strategy manager's requests; a refusal (bad parameters, unknown file, instance running) comes back as an error that says why. */
export function strategyHandlers(t: Terminal): StrategyHandlers {
  const m = t.strategies;
  const guard = <T>(f: () => T, field?: string): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError('STRATEGY', e instanceof Error ? e.message : String(e), field);
    }
  };
  // An instance's trades are in the store of the account it trades on (a CTP account's while it is connected).
  const tradesOf = (name: string) => {
    const account = m.accountOfInstance(name);
    const store = account === 'sim' ? t.store : (t.accounts.get(account.replace(/^ctp:/, ''))?.store ?? t.store);
    return m.trades(name, store.tradesSince(0));
  };
  return {
    'strategy.files': () => m.listFiles(),
    'strategy.upload': ({ fileName, source }) => guard(() => m.upload(fileName, source), 'source'),
    'strategy.removeFile': ({ fileId }) => guard(() => (m.removeFile(fileId), { ok: true as const }), 'fileId'),
    'strategy.instances': () => m.instances(),
    'strategy.add': ({ name, fileId, symbols, params, account }) => guard(() => m.add(name, fileId, symbols, params ?? {}, account ?? 'sim')),
    'strategy.update': ({ name, symbols, params }) => guard(() => m.update(name, symbols, params)),
    'strategy.start': ({ name }) => guard(() => m.start(name), 'name'),
    'strategy.stop': ({ name }) => guard(() => m.stop(name), 'name'),
    'strategy.remove': ({ name }) => guard(() => (m.remove(name), { ok: true as const }), 'name'),
    'strategy.trades': ({ name }) => guard(() => tradesOf(name), 'name'),
    'strategy.analytics': ({ name }) =>
      guard(
        () =>
          strategyAnalytics(name, tradesOf(name), {
            multiplierOf: (symbol) => t.contracts.get(symbol)?.multiplier ?? 1,
            minuteBars: (symbol) => t.minuteHistory(symbol, m.accountOfInstance(name) === 'sim' ? 'paper' : 'live'),
          }),
        'name',
      ),
  };
}

import { ApiError } from '../../shared/ipc/define';
import type { Terminal } from '../engine/terminal';
import type { HandlerMap } from './service';

type AccountHandlers = Pick<HandlerMap, Extract<keyof HandlerMap, `accounts.${string}`>>;

/** The CTP accounts' requests: a refusal (unknown account, bad settings, not connected) says why. */
export function accountHandlers(t: Terminal): AccountHandlers {
  const m = t.accounts;
  const guard = <T>(f: () => T, field?: string): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      const issue = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
      if (issue) throw new ApiError('INVALID_PARAMS', `${issue.path.join('.')}: ${issue.message}`, issue.path.join('.'));
      throw new ApiError('ACCOUNT', e instanceof Error ? e.message : String(e), field);
    }
  };
  return {
    'accounts.list': () => m.list(),
    'accounts.save': (input) => guard(() => m.save(input)),
    'accounts.remove': ({ id }) => guard(() => ({ removed: m.remove(id) }), 'id'),
    'accounts.connect': ({ id }) => guard(() => m.connect(id), 'id'),
    'accounts.disconnect': ({ id }) => guard(() => m.disconnect(id), 'id'),
    'accounts.status': ({ id }) => guard(() => m.status(id), 'id'),
    'accounts.activate': ({ id }) =>
      guard(() => {
        t.activate(id);
        return { accountId: t.active.portfolio.account.accountId, mode: t.activeMode };
      }, 'id'),
  };
}

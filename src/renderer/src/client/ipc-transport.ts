import type { ApiErrorBody } from '../../../shared/ipc/define';
import { ClientError, type ConnectionState, type Transport } from './client';

/** What the preload exposes as window.terminalBridge (src/preload/index.ts). */
export interface TerminalBridge {
  call(method: string, params: unknown): Promise<{ result?: unknown; error?: ApiErrorBody }>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

/** Electron: the contract over IPC through the preload's bridge. The engine is in-process, so the link is always open. */
export function ipcTransport(bridge: TerminalBridge): Transport {
  const state: ConnectionState = { status: 'open', attempt: 0, transport: 'ipc' };
  return {
    kind: 'ipc',
    state,
    async call(method, params) {
      const r = await bridge.call(method, params);
      if (r.error !== undefined) throw new ClientError(r.error.code, r.error.message, r.error.field);
      return r.result;
    },
    onEvent: (listener) => bridge.onEvent(listener),
    onState(listener) {
      listener(state);
      return () => undefined;
    },
    close: () => undefined,
  };
}

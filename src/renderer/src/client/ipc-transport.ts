import type { ApiErrorBody } from '../../../shared/ipc/define';
import { ClientError, type ConnectionState, type Transport } from './client';

/** What the preload exposes as window.terminalBridge (src/preload/index.ts). */
export interface TerminalBridge {
  call(method: string, params: unknown): Promise<{ result?: unknown; error?: ApiErrorBody }>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** The dropped file's path on disk (Electron only: a browser never tells a page where a file is). */
  pathOf?(file: File): string;
}

/** Where a dropped file is on the engine's machine, when the window can tell (the desktop app). */
export function localPathOf(file: File, win: Window = window): string | undefined {
  try {
    const p = win.terminalBridge?.pathOf?.(file);
    return p ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Electron: the contract over IPC through the preload's bridge. The engine is in-process, so the link is always open. */
export function ipcTransport(bridge: TerminalBridge): Transport {
  const state: ConnectionState = { status: 'open', attempt: 0, transport: 'ipc' };
  return {
    kind: 'ipc',
    state,
    async call(method, params) {
      const r = await bridge.call(method, params);
      if (r.error !== undefined) throw ClientError.of(r.error);
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

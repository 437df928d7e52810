import { typedClient, type ConnectionState, type TerminalClient, type Transport } from './client';
import { ipcTransport, type TerminalBridge } from './ipc-transport';
import { wsTransport } from './ws-transport';

declare global {
  interface Window {
    terminalBridge?: TerminalBridge;
  }
}

/** A transport that never connects: the page was opened without the access token the server printed. */
function missingTokenTransport(): Transport {
  const state: ConnectionState = { status: 'closed', attempt: 0, problem: 'noToken', transport: 'ws' };
  return {
    kind: 'ws',
    state,
    call: () => Promise.reject(new Error('no access token')),
    onEvent: () => () => undefined,
    onState(listener) {
      listener(state);
      return () => undefined;
    },
    close: () => undefined,
  };
}

/** Electron IPC when the preload's bridge is there; otherwise the headless server's WebSocket at this page's host. */
export function createClient(win: Window = window): TerminalClient {
  if (win.terminalBridge !== undefined) return typedClient(ipcTransport(win.terminalBridge));
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) return typedClient(missingTokenTransport());
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return typedClient(wsTransport({ url: `${scheme}//${win.location.host}/ws?token=${encodeURIComponent(token)}` }));
}

import { contextBridge, ipcRenderer } from 'electron';

/**
 * The renderer's only way to the engine: the typed contract's two operations, call and subscribe. Nothing else of
 * Electron or Node is exposed.
 */
const bridge = {
  call: (method: string, params: unknown): Promise<{ result?: unknown; error?: { code: string; message: string; field?: string } }> =>
    ipcRenderer.invoke('api:call', method, params),
  onEvent: (listener: (event: string, payload: unknown) => void): (() => void) => {
    const handler = (_e: unknown, event: string, payload: unknown): void => listener(event, payload);
    ipcRenderer.on('api:event', handler);
    return () => ipcRenderer.removeListener('api:event', handler);
  },
};

contextBridge.exposeInMainWorld('terminalBridge', bridge);

export type TerminalBridge = typeof bridge;

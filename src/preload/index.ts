import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiErrorBody } from '../shared/ipc/define';

/**
 * The renderer's only way to the engine: the typed contract's two operations, call and subscribe, and the path of a
 * file the trader dropped (for imports). Nothing else of Electron or Node is exposed.
 */
const bridge = {
  call: (method: string, params: unknown): Promise<{ result?: unknown; error?: ApiErrorBody }> =>
    ipcRenderer.invoke('api:call', method, params),
  onEvent: (listener: (event: string, payload: unknown) => void): (() => void) => {
    const handler = (_e: unknown, event: string, payload: unknown): void => listener(event, payload);
    ipcRenderer.on('api:event', handler);
    return () => ipcRenderer.removeListener('api:event', handler);
  },
  /** Where a dropped or picked file is on disk: imports read it there (the engine runs on this machine). */
  pathOf: (file: File): string => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('terminalBridge', bridge);

export type TerminalBridge = typeof bridge;

import path from 'node:path';
import { app, BrowserWindow, ipcMain, safeStorage, shell } from 'electron';
import { errorBodyOf } from '../shared/ipc/define';
import { createApi } from './api/handlers';
import { Terminal } from './engine/terminal';
import type { SecretCipher } from './secrets';

/** Secrets through the operating system's store (DPAPI on Windows, the keychain on macOS, libsecret on Linux). */
const safeStorageCipher: SecretCipher = {
  kind: 'electron-safe-storage',
  encrypt: (plain) => {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('the system cannot encrypt secrets here (safeStorage unavailable)');
    return safeStorage.encryptString(plain);
  },
  decrypt: (data) => safeStorage.decryptString(data),
};

/**
 * The Electron shell: one window, the engine in this (main) process, the typed contract over IPC. Everything it
 * runs is the same code `npm run serve` runs headless.
 */
let terminal: Terminal | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 960,
    minWidth: 1100,
    minHeight: 700,
    title: '期货交易终端',
    backgroundColor: '#131722',
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    void shell.openExternal(url);
    return { action: 'deny' };
  });
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(path.join(import.meta.dirname, '../renderer/index.html'));
  return win;
}

void app.whenReady().then(() => {
  terminal = new Terminal({ profileDir: path.join(app.getPath('userData'), 'profiles', 'default'), secretCipher: safeStorageCipher });
  const { api, publisher } = createApi(terminal);
  ipcMain.handle('api:call', async (_event, method: unknown, params: unknown) => {
    try {
      return { result: await api.call(String(method), params) };
    } catch (e) {
      return { error: errorBodyOf(e) };
    }
  });
  const windows = new Set<BrowserWindow>();
  api.subscribe((event, payload) => {
    for (const w of windows) if (!w.isDestroyed()) w.webContents.send('api:event', event, payload);
  });
  const open = (): void => {
    const w = createWindow();
    windows.add(w);
    w.on('closed', () => windows.delete(w));
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('before-quit', () => {
    publisher.stop();
    terminal?.close();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createKiosk } from '../../src/api/create-kiosk.ts';
import { loadConfig } from '../../src/api/config.ts';
import { resolveDataDir } from '../../src/cli/data-dir.ts';
import { forwardSessionEvents, registerKioskIpc } from './ipc.ts';

/**
 * Electron main: thin. It wires the kiosk (the same `createKiosk` the browser shell and CLI
 * use), opens one locked-down full-screen window on the built UI, and reloads it if the
 * renderer dies. Security: contextIsolation, sandbox, no node integration, no navigation,
 * no new windows, no permission grants, web security on.
 */
const uiDir = join(import.meta.dirname, '..', 'ui');
const uiUrl = pathToFileURL(join(uiDir, 'index.html')).href;

async function launch(): Promise<void> {
  const dataDir = resolveDataDir(undefined, process.env);
  const config = loadConfig(process.env['ADM_KIOSK_CONFIG']);
  const kiosk = await createKiosk({ config, dataDir });
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(uiUrl)) event.preventDefault();
  });
  window.webContents.on('render-process-gone', () => {
    if (!window.isDestroyed()) window.reload();
  });

  registerKioskIpc(ipcMain, kiosk.service, () => (window.isDestroyed() ? null : { webContentsId: window.webContents.id, urlPrefix: uiUrl }));
  forwardSessionEvents((listener) => kiosk.service.onSession(listener), () => (window.isDestroyed() ? null : window.webContents));
  await window.loadURL(uiUrl);

  app.on('window-all-closed', () => {
    void kiosk.close().finally(() => app.quit());
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

launch().catch((error: unknown) => {
  console.error('adm-kiosk: Electron shell failed to start:', error instanceof Error ? error.message : error);
  app.exit(1);
});

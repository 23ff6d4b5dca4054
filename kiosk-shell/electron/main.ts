import { app, BrowserWindow, ipcMain, session } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchUrlFromPage } from '../../src/host/launch-bootstrap.ts';
import { forwardContractEvents, registerContractIpc } from './ipc.ts';

/**
 * Electron main: thin. It opens one locked-down full-screen window and reloads it if the
 * renderer dies. Security: contextIsolation, sandbox, no node integration, no navigation
 * outside the kiosk's own UI, no new windows, no permission grants, web security on.
 *
 * Two ways to run:
 * - packaged (no ADM_KIOSK_LAUNCH_PAGE): the kiosk runs in this process (`createKiosk`, the same
 *   wiring as the browser shell and the CLI; electron-builder rebuilt the native modules for
 *   Electron) and the UI, loaded from dist/ui, talks to it over the preload's IPC bridge;
 * - attached (ADM_KIOSK_LAUNCH_PAGE set by `adm-kiosk start` in a checkout): the kiosk runs
 *   in the Node process that started Electron, whose native modules are built for Node, and
 *   the window opens the one-time start link the launch page holds (a file only the kiosk
 *   user can read: no secret in this process's arguments or environment), as the browser
 *   shell does.
 */
// Whatever the kiosk creates (data folder, pages, logs) is the kiosk user's alone.
process.umask(0o077);
const uiUrl = pathToFileURL(join(import.meta.dirname, '..', 'ui', 'index.html')).href;
const launchPage = process.env['ADM_KIOSK_LAUNCH_PAGE'];

function attachedUrlFrom(page: string): string {
  const url = launchUrlFromPage(readFileSync(page, 'utf8'));
  if (url === null || !url.startsWith('http://127.0.0.1:')) throw new Error(`the launch page ${page} holds no kiosk start link`);
  return url;
}

function kioskWindow(allowedPrefix: string, withBridge: boolean): BrowserWindow {
  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...(withBridge ? { preload: join(import.meta.dirname, 'preload.cjs') } : {}),
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
    if (!url.startsWith(allowedPrefix)) event.preventDefault();
  });
  window.webContents.on('render-process-gone', () => {
    if (!window.isDestroyed()) window.reload();
  });
  return window;
}

async function launchAttached(url: string): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const window = kioskWindow(new URL(url).origin, false);
  await window.loadURL(url);
  app.on('window-all-closed', () => app.quit());
}

async function launchInProcess(): Promise<void> {
  // Loaded only here: the attached mode must not load native modules built for Node.
  const [{ openKiosk }, { loadConfig }, { resolveDataDir }, { installProcessGuards }, { kioskApiContract }] = await Promise.all([
    import('../../src/host/kiosk.ts'),
    import('../../src/host/config.ts'),
    import('../../src/host/data-dir.ts'),
    import('../../src/host/process-guards.ts'),
    import('../../src/api/contract.ts'),
  ]);
  const kiosk = await openKiosk({ config: loadConfig(process.env['ADM_KIOSK_CONFIG']), dataDir: resolveDataDir(undefined, process.env), command: 'electron' });
  const unguard = installProcessGuards(kiosk.appLog);
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const window = kioskWindow(uiUrl, true);
  const onUnexpected = (context: string, error: unknown) => kiosk.appLog.error(context, error);
  registerContractIpc(ipcMain, kioskApiContract, kiosk.service, () => (window.isDestroyed() ? null : { webContentsId: window.webContents.id, urlPrefix: uiUrl }), { onUnexpected });
  forwardContractEvents(
    kioskApiContract,
    (listener) => kiosk.service.onSession((view) => listener({ event: 'session', payload: view })),
    () => (window.isDestroyed() ? null : window.webContents),
  );
  await window.loadURL(uiUrl);
  app.on('window-all-closed', () => {
    kiosk
      .close()
      .catch((error: unknown) => kiosk.appLog.error('shutdown', error))
      .finally(() => {
        unguard();
        app.quit();
      });
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

(launchPage === undefined || launchPage === '' ? launchInProcess() : Promise.resolve(launchPage).then(attachedUrlFrom).then(launchAttached)).catch((error: unknown) => {
  console.error('adm-kiosk: Electron shell failed to start:', error instanceof Error ? error.message : error);
  app.exit(1);
});

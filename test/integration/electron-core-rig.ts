import { kioskTokenFromLaunchUrl } from '../../src/api/launch-client.ts';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpKioskApi } from '../../src/api/http-client.ts';
import type { KioskApi, SessionView } from '../../src/api/contract.ts';
import { projectRoot } from '../../kiosk-shell/browser/ui-build.ts';
import { buildElectron } from '../../kiosk-shell/electron/build.ts';
import { nodeChildCore } from '../../kiosk-shell/electron/core-handle.ts';
import { Supervisor, type SupervisorOptions } from '../../kiosk-shell/electron/supervisor.ts';
import { FakeApp, FakeNotifier, FakePowerSaveBlocker, FakeSignals, FakeWindow } from '../../kiosk-shell/electron/testing/fake-electron.ts';

/**
 * Test support: Electron's main process (the real Supervisor, fakes only for Electron's own
 * objects: app, window, power-save blocker, signals) over a REAL kiosk core, the bundle the
 * packaged app runs (dist/electron/core.mjs, built here into a temp folder) in a Node child,
 * exactly as `adm-kiosk start --shell electron` runs it from a checkout.
 */
let bundle: Promise<string> | null = null;
let bundleDir: string | null = null;

/**
 * core.mjs, built once per test file into a fresh folder under dist/ (beside dist/electron,
 * where it resolves node_modules and the sources' data as the real one does).
 */
export function coreBundle(): Promise<string> {
  const dist = join(projectRoot, 'dist');
  mkdirSync(dist, { recursive: true });
  if (bundle === null) {
    const dir = mkdtempSync(join(dist, 'electron-test-'));
    bundleDir = dir;
    bundle = buildElectron(dir).then((files) => files.core);
  }
  return bundle;
}

/** Removes the bundle this test file built. */
export function removeCoreBundle(): void {
  if (bundleDir !== null) rmSync(bundleDir, { recursive: true, force: true });
  bundle = null;
  bundleDir = null;
}

export interface SupervisedKiosk {
  readonly app: FakeApp;
  readonly windows: FakeWindow[];
  readonly signals: FakeSignals;
  readonly supervisor: Supervisor;
  readonly corePids: number[];
  /** How each core process ended. */
  readonly coreExits: Array<{ code: number | null; signal: string | null }>;
  output: () => string;
  window(): FakeWindow;
  /** The URLs the window loaded, in order. */
  loads(): string[];
  /** The first page the window shows (fails at once if the app exits instead). */
  firstPage(): Promise<string>;
}

export async function startSupervised(env: Record<string, string>, options: Partial<SupervisorOptions> = {}): Promise<SupervisedKiosk> {
  const core = await coreBundle();
  const app = new FakeApp();
  const windows: FakeWindow[] = [];
  const signals = new FakeSignals();
  const corePids: number[] = [];
  const coreExits: Array<{ code: number | null; signal: string | null }> = [];
  let out = '';
  const launch = nodeChildCore(process.execPath, core, { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...env }, (chunk) => (out += chunk));
  const supervisor = new Supervisor({
    app,
    createWindow: () => {
      const window = new FakeWindow();
      // Chromium would load the page and report it: the fake does that much.
      window.webContents.loadURL = (url: string) => {
        window.webContents.loads.push(url);
        window.webContents.url = url;
        setImmediate(() => window.webContents.finishLoad());
        return Promise.resolve();
      };
      windows.push(window);
      return window;
    },
    launchCore: (events) => {
      const handle = launch({
        message: (raw) => events.message(raw),
        exit: (code, signal) => {
          coreExits.push({ code, signal });
          events.exit(code, signal);
        },
      });
      if (handle.pid !== undefined) corePids.push(handle.pid);
      return handle;
    },
    powerSaveBlocker: new FakePowerSaveBlocker(),
    notifier: new FakeNotifier(true, null),
    log: { write: (level, message) => void (out += `[supervisor ${level}] ${message}\n`) },
    setAllowedOrigin: () => undefined,
    signals,
    options,
  });
  await supervisor.start();
  const window = () => windows.at(-1) ?? (() => { throw new Error('no window'); })();
  const firstPage = () =>
    until(
      'the window to show the kiosk',
      () => {
        if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}:\n${out}`);
        return windows.at(-1)?.webContents.loads[0];
      },
      90_000,
      () => out,
    );
  return { app, windows, signals, supervisor, corePids, coreExits, output: () => out, window, loads: () => window().webContents.loads, firstPage };
}

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000, output?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${output === undefined ? '' : `\n${output()}`}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The KioskApi of the page the window shows: the token as the page gets it, by exchanging its
 * launch URL's one-time start nonce (the first call makes the exchange; the URL is then spent).
 */
export function apiOf(launchUrl: string): KioskApi {
  return createHttpKioskApi({ baseUrl: new URL(launchUrl).origin, token: () => kioskTokenFromLaunchUrl(launchUrl) });
}

/** The one-time start nonce a launch URL carries (`#bootstrap=...`). */
export function nonceOf(launchUrl: string): string {
  return new URLSearchParams(new URL(launchUrl).hash.slice(1)).get('bootstrap') ?? '';
}

export async function sessionUntil(api: KioskApi, predicate: (view: SessionView) => boolean, timeoutMs = 60_000): Promise<SessionView> {
  return until('the session step', async () => {
    const view = await api.getSession({});
    return predicate(view) ? view : undefined;
  }, timeoutMs);
}

import { app, BrowserWindow, Menu, powerSaveBlocker, session, utilityProcess, type Session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServiceNotifier } from '../service/sd-notify.ts';
import { cliArguments } from './cli-args.ts';
import { nodeChildCore, utilityProcessCore } from './core-handle.ts';
import { kioskWindowOptions, lockDownApp, lockDownContents, lockDownSession, type LockdownPolicy } from './lockdown.ts';
import { Supervisor } from './supervisor.ts';

/**
 * Electron's main process: wiring only. The supervisor (supervisor.ts) runs the kiosk core
 * (core-entry.ts) in a separate process and shows its loopback UI in one locked-down window
 * (lockdown.ts); nothing of the kiosk (SQLite, serial, HID, PDF) is loaded here.
 *
 * - Packaged: the core is Electron's utility process on dist/electron/core.mjs (native
 *   modules rebuilt for Electron by electron-builder).
 * - From a checkout (`adm-kiosk start --shell electron` sets ADM_KIOSK_CORE_NODE to its Node):
 *   the same core.mjs in a Node child, whose native modules are built for Node.
 * - `--adm-cli ARGS`: the `adm-kiosk` command line of the packaged app (/usr/bin/adm-kiosk).
 *
 * The kiosk's settings come from the environment (ADM_KIOSK_CONFIG, ADM_KIOSK_DATA_DIR,
 * ADM_KIOSK_PORT; the systemd unit sets them); the token is made in the core and reaches this
 * process over the core's private channel only.
 */
// Whatever the kiosk creates (data folder, pages, logs) is the kiosk user's alone; the core and
// the CLI inherit it.
process.umask(0o077);

function logLine(level: 'info' | 'warn', message: string): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, context: 'supervisor', message })}\n`);
}

async function runCli(args: string[]): Promise<void> {
  // `adm-kiosk log export | head`: the reader went away; not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') app.exit(0);
  });
  const cli = (await import(pathToFileURL(join(import.meta.dirname, 'cli.mjs')).href)) as { main(argv: readonly string[]): Promise<number> };
  app.exit(await cli.main(args));
}

async function runKiosk(): Promise<void> {
  const production = app.isPackaged || process.env['ADM_KIOSK_DEVTOOLS'] !== '1';
  let origin: string | null = null;
  let supervisor: Supervisor | null = null;
  // Refused attempts go to the application log through the supervisor (the journal before it exists).
  const report = (message: string) => (supervisor === null ? logLine('info', message) : supervisor.note(message));
  const policy: LockdownPolicy = { production, allowedOrigin: () => origin, report: (what, detail) => report(`lockdown: ${what}: ${detail}`) };
  lockDownApp(app);
  Menu.setApplicationMenu(null);
  if (!app.requestSingleInstanceLock()) {
    logLine('warn', 'another ADM kiosk already runs in this session; this one exits');
    app.exit(0);
    return;
  }
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, policy));
  // The supervisor owns the window's life (it opens a new one if it goes); never quit on our own.
  app.on('window-all-closed', () => undefined);

  await app.whenReady();
  // In memory: nothing of a resident's session (storage, cache, cookies) ever reaches the disk.
  const kioskSession: Session = session.fromPartition('adm-kiosk');
  lockDownSession(kioskSession, policy);
  lockDownSession(session.defaultSession, policy);

  const coreModule = join(import.meta.dirname, 'core.mjs');
  const nodeForCore = process.env['ADM_KIOSK_CORE_NODE'];
  const launchCore =
    nodeForCore !== undefined && nodeForCore !== ''
      ? nodeChildCore(nodeForCore, coreModule, process.env)
      : utilityProcessCore((modulePath, args, options) => utilityProcess.fork(modulePath, args, options), coreModule, process.env);
  supervisor = new Supervisor({
    app,
    createWindow: () => new BrowserWindow(kioskWindowOptions({ production, session: kioskSession })),
    launchCore,
    powerSaveBlocker,
    notifier: createServiceNotifier({ env: process.env, onError: (message) => logLine('warn', `sd-notify: ${message}`) }),
    // Lines the core's application log takes are echoed to stderr by it: written here only otherwise.
    log: { write: (level, message, forwarded) => (forwarded ? undefined : logLine(level, message)) },
    setAllowedOrigin: (allowed) => (origin = allowed),
    signals: process,
  });
  await supervisor.start();
}

const cliArgs = cliArguments(process.argv);
(cliArgs !== null ? runCli(cliArgs) : runKiosk()).catch((error: unknown) => {
  logLine('warn', `the Electron shell failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
  app.exit(1);
});

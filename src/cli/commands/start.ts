import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KioskError } from '../../core/errors.ts';
import { loadConfig } from '../../host/config.ts';
import { preflight } from '../../host/host-core.ts';
import { serveKiosk, type ServedKiosk } from '../../host/serve.ts';
import { findChromium, launchChromium, needsNoSandbox } from '../../../kiosk-shell/browser/chromium.ts';
import { ensureUiBuilt, uiDistDir } from '../../../kiosk-shell/browser/ui-build.ts';
import { createServiceNotifier, startServiceHeartbeat } from '../../../kiosk-shell/service/sd-notify.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { availabilityLine, readerLine, watchStatus } from './start-status.ts';
import { parseIntegerOption, parseOptions, UsageError, type CliIo, type Command } from '../command.ts';

const HELP = `adm-kiosk start [--shell electron|browser] [--headless] [--port N] [--data-dir DIR] [--config FILE]

Runs the kiosk. With no --config it runs on embedded defaults: demo mode, the demo registry,
a simulated card reader (an on-screen demo card picker) and the ESC/POS emulator, which
writes every printed page as a PNG into <data-dir>/printed.

One kiosk per data folder: a second start on a folder in use is refused, naming the process
that holds it (exit 1). The application log goes to stderr and <data-dir>/logs/kiosk.log.

The console shows the printer, the card reader (state, firmware, last error) and whether the
kiosk is in service, then a "status:" line whenever the reader or the availability changes.

  --shell electron|browser  electron where its binary is installed, otherwise browser: the UI
                            served on 127.0.0.1 and opened in the system's Chromium in kiosk mode
  --headless                browser shell without opening a browser: prints the URL to open
  --port N                  port for the browser shell (default: any free port)
  ${DATA_DIR_HELP}
  --config FILE             JSON configuration (see docs/operations.md)
`;

/** The Electron binary: $ADM_KIOSK_ELECTRON, else the electron package's when it installed one, else undefined. */
export function electronBinary(env: Readonly<Record<string, string | undefined>> = {}): string | undefined {
  const fromEnv = env['ADM_KIOSK_ELECTRON'];
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

interface ServeOptions {
  readonly dataDir: string;
  readonly configFile: string | undefined;
  readonly port: number | undefined;
}

/**
 * The environment a browser or Electron child gets: the kiosk's own, less anything of the
 * kiosk's that is not the child's business. Nothing secret is ever put in it (its start link
 * is in the launch page, see src/host/launch-bootstrap.ts).
 */
function childEnv(env: Readonly<Record<string, string | undefined>>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && !key.startsWith('ADM_KIOSK_TEST_')) copy[key] = value;
  return { ...copy, ...extra };
}

/** The kiosk in this process behind the loopback server (src/host): what both ways of showing it share. */
async function serve(options: ServeOptions, shellName: string, io: CliIo): Promise<ServedKiosk> {
  const config = loadConfig(options.configFile);
  // A configuration this version cannot run is refused before anything is built or opened.
  preflight(config, options.dataDir);
  await ensureUiBuilt((line) => io.stdout.write(`${line}\n`));
  const served = await serveKiosk({ config, dataDir: options.dataDir, uiDir: uiDistDir, env: io.env, ...(options.port === undefined ? {} : { port: options.port }) });
  const { kiosk } = served;
  const { info } = kiosk;
  io.stdout.write(`ADM kiosk running in the ${shellName} (${info.mode} mode, kiosk ${info.kioskId})\n`);
  io.stdout.write(`  printer: ${info.printer}\n  ${readerLine(kiosk.cardReader.status())}\n  registry: ${info.registry}\n  data folder: ${options.dataDir}\n`);
  io.stdout.write(`  ${availabilityLine(kiosk.health.current())}\n`);
  // Until `adm-kiosk diag` exists, the console says when the reader or the availability changes.
  const unwatch = watchStatus(kiosk, (line) => io.stdout.write(`${line}\n`));
  return {
    ...served,
    close: async () => {
      unwatch();
      await served.close();
    },
  };
}

/**
 * Electron from a checkout: Electron's main process supervises the kiosk core, run as a Node
 * child (its native modules are built for Node) on the same bundle the packaged app runs as
 * a utility process. The core makes the token and hands the launch URL to Electron over its
 * IPC channel: the token is in no command line and no environment.
 */
async function runElectron(binary: string, options: ServeOptions, io: CliIo): Promise<number> {
  const configFile = options.configFile === undefined ? '' : resolve(options.configFile);
  // A configuration this version cannot run is refused before anything is built or opened.
  preflight(loadConfig(options.configFile), options.dataDir);
  await ensureUiBuilt((line) => io.stdout.write(`${line}\n`));
  const { buildElectron } = await import('../../../kiosk-shell/electron/build.ts');
  const { main } = await buildElectron();
  io.stdout.write(`ADM kiosk starting in the Electron shell (data folder ${options.dataDir}; application log in ${join(options.dataDir, 'logs', 'kiosk.log')})\n`);
  const env = childEnv(io.env, { ADM_KIOSK_DATA_DIR: options.dataDir, ADM_KIOSK_CONFIG: configFile, ADM_KIOSK_CORE_NODE: process.execPath, ADM_KIOSK_PORT: options.port === undefined ? '' : String(options.port) });
  const child = spawn(binary, [main], { stdio: 'inherit', env });
  const stop = () => child.kill('SIGTERM');
  io.signal.addEventListener('abort', stop, { once: true });
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
  io.signal.removeEventListener('abort', stop);
  return code;
}

async function runBrowser(options: ServeOptions & { headless: boolean }, io: CliIo): Promise<number> {
  const served = await serve(options, 'browser shell', io);
  // Under systemd (docs/install.md): READY=1 now, WATCHDOG=1 while this process runs.
  const endHeartbeat = startServiceHeartbeat(createServiceNotifier({ env: io.env, onError: (message) => io.stderr.write(`adm-kiosk: ${message}\n`) }), 'kiosk in service');
  const display = io.env['DISPLAY'] ?? io.env['WAYLAND_DISPLAY'];
  const chromium = findChromium(io.env);
  let stopReason = 'stopped';
  const stopped = new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
  if (options.headless || display === undefined || display === '' || chromium === undefined) {
    if (!options.headless) {
      io.stdout.write(chromium === undefined ? '  no Chromium found (set ADM_KIOSK_BROWSER to its path)\n' : '  no display found ($DISPLAY is not set)\n');
    }
    // A one-time link: the first page that opens it gets the session; a second one is refused.
    io.stdout.write(`Open the kiosk at: ${served.launchUrl()}\n`);
    await stopped;
  } else {
    const profile = join(options.dataDir, 'browser-profile');
    mkdirSync(profile, { recursive: true, mode: 0o700 });
    chmodSync(profile, 0o700);
    io.stdout.write(`Opening ${chromium} in kiosk mode (close it or press Ctrl-C to stop)\n`);
    if (needsNoSandbox()) io.stdout.write('  warning: running as root, so Chromium runs without its sandbox; run the kiosk as an unprivileged user\n');
    const browser = launchChromium(chromium, served.writeLaunchPage(), profile, childEnv(io.env));
    const exited = new Promise<void>((resolve) => browser.on('exit', () => resolve()));
    await Promise.race([stopped, exited.then(() => void (stopReason = 'browser closed'))]);
    browser.kill('SIGTERM');
  }
  endHeartbeat();
  await served.close();
  io.stdout.write(`ADM kiosk ${stopReason}.\n`);
  return 0;
}

export const startCommand: Command = {
  path: ['start'],
  summary: 'run the kiosk (Electron, or the browser shell in the system Chromium)',
  help: HELP,
  async run(args, io) {
    const { values } = parseOptions(args, {
      shell: { type: 'string' },
      headless: { type: 'boolean' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
    });
    const shell = values.shell;
    if (shell !== undefined && shell !== 'electron' && shell !== 'browser') throw new UsageError(`--shell must be "electron" or "browser", got "${shell}".`);
    const port = values.port === undefined ? undefined : parseIntegerOption(values.port, 'port', 0, 65535);
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const binary = electronBinary(io.env);
    if (shell === 'electron' && binary === undefined) {
      throw new KioskError('CONFIG_INVALID', 'The Electron binary is not installed on this machine.', {
        hint: 'It is skipped when npm installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1. Use --shell browser, or reinstall without that variable on a machine that can reach Electron\'s download host.',
      });
    }
    if ((shell === 'electron' || (shell === undefined && !values.headless)) && binary !== undefined) {
      return runElectron(binary, { dataDir, configFile: values.config, port }, io);
    }
    return runBrowser({ dataDir, configFile: values.config, headless: values.headless === true, port }, io);
  },
};

import { KioskError, toErrorData, type ErrorCode } from '../../src/core/errors.ts';
import { loadConfig } from '../../src/host/config.ts';
import { resolveDataDir } from '../../src/host/data-dir.ts';
import { preflight } from '../../src/host/host-core.ts';
import { serveKiosk, type ServedKiosk } from '../../src/host/serve.ts';
import { uiDistDir } from '../browser/ui-build.ts';
import { CORE_HEARTBEAT_MS, EXIT_CONFIG, mainToCoreSchema, type CoreToMain, type MainToCore } from './core-protocol.ts';

/**
 * The kiosk core: everything with a native module or a device (SQLite print log, serial
 * printer, HID card reader, PDF rendering) runs here, outside Electron's main process, so a
 * crash or a hang in the print path cannot take the window down. Electron's main process
 * (the supervisor) starts it as a utility process (packaged) or a Node child (checkout) and
 * talks to it over the process's private channel (core-protocol.ts).
 *
 * It serves the UI and the KioskApi on 127.0.0.1 (the same loopback server as the browser
 * shell) and hands the launch URL, token included, to the supervisor over that channel only.
 * Configuration comes from the environment: ADM_KIOSK_CONFIG (file), ADM_KIOSK_DATA_DIR,
 * ADM_KIOSK_PORT. It stops on the supervisor's `stop`, on SIGTERM or SIGINT, or when the
 * supervisor goes away: the open print job is closed per the print transaction table, the
 * log closed, exit 0.
 */
export interface ParentChannel {
  /** Resolves once the message has left this process (or could not). */
  send(message: CoreToMain): Promise<void>;
  onMessage(listener: (raw: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** The utility process's parentPort (packaged), else Node's IPC channel (a Node child); null when started by hand. */
export function parentChannel(proc: NodeJS.Process = process): ParentChannel | null {
  const port = (proc as NodeJS.Process & { parentPort?: ParentPortLike | null }).parentPort;
  if (port !== undefined && port !== null) {
    return {
      send: (message) => {
        port.postMessage(message);
        return new Promise((resolve) => setImmediate(resolve));
      },
      onMessage: (listener) => void port.on('message', (event) => listener(event.data)),
      // A utility process ends with its parent (Electron kills it).
      onDisconnect: () => undefined,
    };
  }
  const send = proc.send?.bind(proc);
  if (send === undefined) return null;
  return {
    send: (message) =>
      new Promise((resolve) => {
        if (!proc.connected) return resolve();
        try {
          send(message, undefined, {}, () => resolve());
        } catch {
          // The channel closed in between: the supervisor is gone, nobody to tell.
          resolve();
        }
      }),
    onMessage: (listener) => void proc.on('message', listener),
    onDisconnect: (listener) => void proc.on('disconnect', listener),
  };
}

/** Errors a restart cannot fix: the configuration (same as the CLI's exit code 2). */
const CONFIG_CODES: readonly ErrorCode[] = ['CONFIG_INVALID', 'PRINTER_PROFILE_UNKNOWN', 'PRINTER_URI_INVALID', 'ARGUMENT_INVALID'];

export interface CoreRunOptions {
  readonly channel: ParentChannel;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signals: { on(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown };
  readonly exit: (code: number) => void;
  readonly stderr?: (line: string) => void;
  /** The built UI (default dist/ui). */
  readonly uiDir?: string;
}

function portFrom(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env['ADM_KIOSK_PORT'];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new KioskError('CONFIG_INVALID', `ADM_KIOSK_PORT must be a port number from 0 to 65535, got "${raw}".`);
  return Number(raw);
}

export async function runCore(options: CoreRunOptions): Promise<void> {
  const { channel, env } = options;
  const stderr = options.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  let served: ServedKiosk | null = null;
  let stopReason: string | null = null;
  let stopping = false;
  // send() never rejects (a closed channel means nobody listens); the catch is the house rule.
  const post = (message: CoreToMain) => void channel.send(message).catch(() => undefined);
  const heartbeat = setInterval(() => post({ type: 'heartbeat' }), CORE_HEARTBEAT_MS);

  const finish = (code: number) => {
    clearInterval(heartbeat);
    options.exit(code);
  };

  const stop = (reason: string) => {
    stopReason ??= reason;
    const kiosk = served;
    // Still starting: stops as soon as the kiosk is open (its start-up recovery done).
    if (kiosk === null || stopping) return;
    stopping = true;
    kiosk.kiosk.appLog.info('shutdown', `stopping (${reason})`);
    kiosk
      .close()
      .then(() => finish(0))
      .catch((error: unknown) => {
        kiosk.kiosk.appLog.error('shutdown', error);
        finish(1);
      });
  };

  const onMessage = (message: MainToCore) => {
    const kiosk = served;
    switch (message.type) {
      case 'stop':
        return stop(message.reason);
      case 'launch-url':
        if (kiosk !== null) post({ type: 'launch-url', url: kiosk.launchUrl() });
        return;
      case 'log':
        kiosk?.kiosk.appLog[message.level]('supervisor', message.message);
        return;
      case 'end-session':
        if (kiosk === null) return;
        kiosk.kiosk.service.endSession({}).then(
          () => kiosk.kiosk.appLog.info('supervisor', `session ended: ${message.reason}`),
          (error: unknown) => {
            // A print under way is not abandoned: it finishes or fails on its own.
            if (toErrorData(error).code === 'SESSION_STATE') kiosk.kiosk.appLog.info('supervisor', `session kept: a document is printing (${message.reason})`);
            else kiosk.kiosk.appLog.error('supervisor', error);
          },
        );
        return;
    }
  };

  channel.onMessage((raw) => {
    const parsed = mainToCoreSchema.safeParse(raw);
    if (parsed.success) onMessage(parsed.data);
    else if (served !== null) served.kiosk.appLog.warn('supervisor', 'a message from the supervisor did not fit the protocol; ignored');
  });
  channel.onDisconnect(() => stop('the supervisor went away'));
  options.signals.on('SIGTERM', () => stop('SIGTERM'));
  options.signals.on('SIGINT', () => stop('SIGINT'));

  try {
    const config = loadConfig(env['ADM_KIOSK_CONFIG'] === '' ? undefined : env['ADM_KIOSK_CONFIG']);
    const dataDir = resolveDataDir(undefined, env);
    const port = portFrom(env);
    preflight(config, dataDir);
    served = await serveKiosk({ config, dataDir, uiDir: options.uiDir ?? uiDistDir, env, command: 'electron', ...(port === undefined ? {} : { port }) });
  } catch (error) {
    const data = toErrorData(error);
    const exitCode = CONFIG_CODES.includes(data.code) ? EXIT_CONFIG : 1;
    stderr(`adm-kiosk core: ${data.message}${data.hint === undefined ? '' : `\n  ${data.hint}`}`);
    await channel.send({ type: 'failed', error: data, exitCode });
    finish(exitCode);
    return;
  }
  if (stopReason !== null) return stop(stopReason);
  await channel.send({ type: 'ready', url: served.launchUrl() });
}

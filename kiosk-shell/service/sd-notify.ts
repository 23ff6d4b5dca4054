import { spawn } from 'node:child_process';

/**
 * Readiness and watchdog messages to systemd (sd_notify: READY=1, WATCHDOG=1, STATUS=...,
 * STOPPING=1). Node has no AF_UNIX datagram sockets, so each message is sent by systemd's own
 * `systemd-notify` (decision 1401): the unit says NotifyAccess=all because the sender is a
 * short-lived child, and systemd-notify waits until the manager has taken the message (its
 * barrier), so a message is never lost to a sender that exited first.
 *
 * Outside systemd (no NOTIFY_SOCKET) every call does nothing. A failure to notify never
 * throws: it is reported once through `onError` (the watchdog will then restart the service,
 * which is the honest outcome).
 */
export interface ServiceNotifier {
  /** True when a service manager listens (NOTIFY_SOCKET is set). */
  readonly active: boolean;
  /** How often to send WATCHDOG=1 (half of WatchdogSec), or null when no watchdog watches this process. */
  readonly watchdogIntervalMs: number | null;
  ready(status: string): void;
  watchdog(): void;
  status(text: string): void;
  stopping(): void;
  /** Resolves once every message asked for so far has been handed over (or failed). */
  idle(): Promise<void>;
}

export type NotifyRunner = (binary: string, args: readonly string[], env: Readonly<Record<string, string>>, timeoutMs: number) => Promise<void>;

export interface NotifierOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The pids that may claim the watchdog: this process, or its parent when a compositor (cage) is the service's main process. */
  readonly pid?: number;
  readonly ppid?: number;
  readonly binary?: string;
  readonly timeoutMs?: number;
  readonly run?: NotifyRunner;
  readonly onError?: (message: string) => void;
}

/** WATCHDOG_USEC / 2 in ms when the watchdog is for this process (WATCHDOG_PID unset, ours, or our parent's). */
export function watchdogInterval(env: Readonly<Record<string, string | undefined>>, pid: number, ppid: number): number | null {
  const usec = env['WATCHDOG_USEC'];
  if (usec === undefined || !/^\d+$/.test(usec) || Number(usec) === 0) return null;
  const owner = env['WATCHDOG_PID'];
  if (owner !== undefined && owner !== '' && owner !== String(pid) && owner !== String(ppid)) return null;
  return Math.max(500, Math.floor(Number(usec) / 2000));
}

/** Runs systemd-notify; rejects on a non-zero exit, a spawn error or the timeout. */
export const runSystemdNotify: NotifyRunner = (binary, args, env, timeoutMs) =>
  new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], { env: { ...env }, stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${binary} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${binary} exited with ${code ?? 'a signal'}`));
    });
  });

/** The environment systemd-notify needs: PATH and the socket, nothing else of ours. */
function notifyEnv(env: Readonly<Record<string, string | undefined>>, socket: string): Record<string, string> {
  return { PATH: env['PATH'] ?? '/usr/bin:/bin', NOTIFY_SOCKET: socket };
}

export function createServiceNotifier(options: NotifierOptions): ServiceNotifier {
  const socket = options.env['NOTIFY_SOCKET'];
  const active = socket !== undefined && socket !== '';
  const binary = options.binary ?? 'systemd-notify';
  const timeoutMs = options.timeoutMs ?? 5000;
  const run = options.run ?? runSystemdNotify;
  const interval = active ? watchdogInterval(options.env, options.pid ?? process.pid, options.ppid ?? process.ppid) : null;
  const queue: string[][] = [];
  let busy: Promise<void> = Promise.resolve();
  let reported = false;

  const pump = async (): Promise<void> => {
    for (let message = queue.shift(); message !== undefined; message = queue.shift()) {
      try {
        await run(binary, message, notifyEnv(options.env, socket ?? ''), timeoutMs);
      } catch (error) {
        if (!reported) {
          reported = true;
          options.onError?.(`could not notify the service manager with ${binary} (${error instanceof Error ? error.message : String(error)}); readiness and watchdog messages are not getting through`);
        }
      }
    }
  };

  const send = (message: string[]) => {
    if (!active) return;
    // A watchdog ping already waiting says everything a second one would.
    if (message[0] === 'WATCHDOG=1' && queue.some((queued) => queued[0] === 'WATCHDOG=1')) return;
    const wasIdle = queue.length === 0;
    queue.push(message);
    if (wasIdle) busy = busy.then(pump);
  };

  return {
    active,
    watchdogIntervalMs: interval,
    ready: (status) => send(['READY=1', `STATUS=${status}`]),
    watchdog: () => send(['WATCHDOG=1']),
    status: (text) => send([`STATUS=${text}`]),
    stopping: () => send(['STOPPING=1', 'STATUS=stopping']),
    idle: () => busy,
  };
}

/**
 * For a process that is the kiosk by itself (the browser shell's `adm-kiosk start`): READY=1
 * now, WATCHDOG=1 every half WatchdogSec while its event loop runs; the returned function
 * sends STOPPING=1 and ends the pings.
 */
export function startServiceHeartbeat(notifier: ServiceNotifier, status: string): () => void {
  notifier.ready(status);
  const timer = notifier.watchdogIntervalMs === null ? null : setInterval(() => notifier.watchdog(), notifier.watchdogIntervalMs);
  return () => {
    if (timer !== null) clearInterval(timer);
    notifier.stopping();
  };
}

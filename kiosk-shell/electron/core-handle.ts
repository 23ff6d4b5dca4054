import { fork } from 'node:child_process';
import type { UtilityProcessPort } from './electron-ports.ts';
import type { MainToCore } from './core-protocol.ts';

/**
 * The kiosk core as the supervisor sees it, whichever process runs it: Electron's utility
 * process in the packaged app (native modules rebuilt for Electron by electron-builder), or a
 * Node child from a checkout (native modules built for Node). Same entry (core.mjs), same
 * messages (core-protocol.ts).
 */
export interface CoreHandle {
  readonly pid: number | undefined;
  send(message: MainToCore): void;
  /** Hard stop (SIGKILL): a hung core does not run its SIGTERM handler. */
  kill(): void;
}

export interface CoreEvents {
  message(raw: unknown): void;
  /** Once, when the process is gone (or could not be started). */
  exit(code: number | null, signal: string | null): void;
}

export type CoreLauncher = (events: CoreEvents) => CoreHandle;

/**
 * The core's environment: the kiosk's own (data folder, configuration, port) without the
 * service manager's notification socket, which only the supervisor uses.
 */
export function coreEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key === 'NOTIFY_SOCKET' || key === 'WATCHDOG_USEC' || key === 'WATCHDOG_PID') continue;
    out[key] = value;
  }
  return out;
}

function hardKill(pid: number | undefined, fallback: () => void): void {
  if (pid === undefined) return fallback();
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone: its exit event follows.
  }
}

/** The packaged app: `utilityProcess.fork(core.mjs)`. */
export function utilityProcessCore(
  forkUtility: (modulePath: string, args: string[], options: { serviceName: string; stdio: 'inherit'; env: Record<string, string> }) => UtilityProcessPort,
  modulePath: string,
  env: NodeJS.ProcessEnv,
): CoreLauncher {
  return (events) => {
    const child = forkUtility(modulePath, [], { serviceName: 'adm-kiosk core', stdio: 'inherit', env: coreEnvironment(env) });
    child.on('message', (message) => events.message(message));
    child.on('exit', (code) => events.exit(code, null));
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      kill: () => hardKill(child.pid, () => void child.kill()),
    };
  };
}

/**
 * From a checkout: the same core.mjs in a Node child over Node's IPC channel. Its output goes
 * to ours (journald under systemd), or to `onOutput` when given (tests).
 */
export function nodeChildCore(nodePath: string, modulePath: string, env: NodeJS.ProcessEnv, onOutput?: (chunk: string) => void): CoreLauncher {
  return (events) => {
    const output = onOutput === undefined ? 'inherit' : 'pipe';
    const child = fork(modulePath, [], { execPath: nodePath, execArgv: [], stdio: ['ignore', output, output, 'ipc'], env: coreEnvironment(env), serialization: 'json' });
    if (onOutput !== undefined) {
      child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
    }
    let exited = false;
    const exit = (code: number | null, signal: string | null) => {
      if (exited) return;
      exited = true;
      events.exit(code, signal);
    };
    child.on('message', (message) => events.message(message));
    child.on('exit', (code, signal) => exit(code, signal));
    // Could not be started at all (no such node binary): no exit event follows.
    child.on('error', () => {
      if (child.pid === undefined) exit(null, null);
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (!child.connected) return;
        child.send(message, (error) => {
          // The core went away between the check and the write: its exit event says so.
          if (error !== null) return;
        });
      },
      kill: () => hardKill(child.pid, () => void child.kill('SIGKILL')),
    };
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskApi, SessionView } from '../../src/api/contract.ts';
import { createHttpKioskApi } from '../../src/api/http-client.ts';
import { kioskTokenFromLaunchUrl } from '../../src/api/launch-client.ts';
import { BIN, ROOT } from '../e2e/kiosk-process.ts';

/**
 * Test support for the fault matrix: a real `adm-kiosk start --shell browser --headless`
 * process on its own config and data folder, driven through the KioskApi over loopback HTTP
 * exactly as the browser shell's UI drives it. `prefix` runs the kiosk under another command
 * (`unshare -m`: its own mount namespace, for the read-only and disk-full rows); `env` adds
 * variables (the kill row's test pause point). `restart()` starts it again on the same folder
 * (the next start after a kill).
 */
export interface FaultKiosk {
  readonly dataDir: string;
  api(): KioskApi;
  pid(): number;
  /** Everything the kiosk wrote (stdout and stderr, the application log's lines), across restarts. */
  output(): string;
  /** Resolves once the kiosk's output matches (its stderr carries the application log). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a power cut or the OOM killer would. */
  kill9(): Promise<void>;
  restart(env?: Readonly<Record<string, string>>): Promise<void>;
  /** With `hidReader`: a card on the reader (`pulled`: pulled while it is read). */
  tap(nik: string, uid: string, pulled?: boolean): void;
  /** With `hidReader`: the card leaves the reader. */
  lift(): void;
  /** With `hidReader`: a new one-time start link (for a browser beside the test's API client). */
  launchUrl(): Promise<string>;
}

export interface FaultKioskOptions {
  readonly dir: string;
  readonly config: Record<string, unknown>;
  readonly env?: Readonly<Record<string, string>>;
  readonly prefix?: readonly string[];
  /**
   * Runs test/e2e/production-kiosk.ts instead of bin/adm-kiosk start: serveKiosk as `start`
   * runs it, with the real HID reader driver over node-hid's stand-in (cards tapped by `tap`).
   */
  readonly hidReader?: boolean;
  /** Node options for the kiosk process (e.g. --heapsnapshot-signal). */
  readonly nodeArgs?: readonly string[];
}

interface Running {
  readonly child: ChildProcess;
  readonly api: KioskApi;
  out: string;
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

async function launch(options: FaultKioskOptions, dataDir: string, configFile: string, env: Readonly<Record<string, string>>): Promise<Running> {
  const prefix = options.prefix ?? [];
  const command =
    options.hidReader === true
      ? ['--import', 'tsx', join(ROOT, 'test', 'e2e', 'production-kiosk.ts'), configFile, dataDir]
      : [BIN, 'start', '--shell', 'browser', '--headless', '--data-dir', dataDir, '--config', configFile];
  const args = [...prefix.slice(1), process.execPath, ...(options.nodeArgs ?? []), ...command];
  const child = spawn(prefix[0] ?? process.execPath, prefix.length === 0 ? args.slice(1) : args, {
    cwd: ROOT,
    env: { ...process.env, ADM_KIOSK_DATA_DIR: '', ADM_KIOSK_DEBUG: '', DISPLAY: '', ...env },
    stdio: [options.hidReader === true ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const running = { child, out: '' } as { child: ChildProcess; out: string; api: KioskApi };
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (running.out += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (running.out += text));
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the kiosk did not start within 90 s:\n${running.out}`)), 90_000);
    const check = (): void => {
      const match = /Open the kiosk at: (\S+)/.exec(running.out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the kiosk exited with ${String(code)}:\n${running.out}`));
    });
  });
  running.api = createHttpKioskApi({ baseUrl: new URL(launchUrl).origin, token: await kioskTokenFromLaunchUrl(launchUrl) });
  return running;
}

export async function startFaultKiosk(options: FaultKioskOptions): Promise<FaultKiosk> {
  const dataDir = join(options.dir, 'data');
  const configFile = join(options.dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(options.config));
  let running = await launch(options, dataDir, configFile, options.env ?? {});
  // Output of the processes before a restart (output() gives all of it).
  let earlier = '';
  const waitForExit = (child: ChildProcess): Promise<number | null> =>
    new Promise((resolve) => {
      if (exited(child)) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
    });
  return {
    dataDir,
    api: () => running.api,
    pid: () => running.child.pid ?? -1,
    output: () => earlier + running.out,
    waitForOutput: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = (): void => {
          if (pattern.test(running.out)) return resolve();
          if (exited(running.child)) return reject(new Error(`the kiosk ended before printing ${String(pattern)}:\n${running.out}`));
          if (Date.now() - started > timeoutMs) return reject(new Error(`the kiosk did not print ${String(pattern)} within ${timeoutMs} ms:\n${running.out}`));
          setTimeout(check, 50);
        };
        check();
      }),
    stop: () => {
      if (!exited(running.child)) running.child.kill('SIGTERM');
      return waitForExit(running.child);
    },
    kill9: async () => {
      running.child.kill('SIGKILL');
      await waitForExit(running.child);
    },
    restart: async (env = {}) => {
      if (!exited(running.child)) throw new Error('restart() needs the kiosk stopped first');
      earlier += running.out;
      running = await launch(options, dataDir, configFile, env);
    },
    tap: (nik, uid, pulled = false) => {
      if (running.child.stdin === null) throw new Error('tap() needs the kiosk started with hidReader');
      running.child.stdin.write(`tap ${nik} ${uid}${pulled ? ' pulled' : ''}\n`);
    },
    lift: () => running.child.stdin?.write('lift\n'),
    launchUrl: async () => {
      const before = [...running.out.matchAll(/Open the kiosk at: (\S+)/g)].length;
      running.child.stdin?.write('launch\n');
      for (let i = 0; i < 200; i += 1) {
        const links = [...running.out.matchAll(/Open the kiosk at: (\S+)/g)];
        const link = links[before]?.[1];
        if (link !== undefined) return link;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the kiosk gave no second start link');
    },
  };
}

/** Polls the session view until `predicate` holds (the UI sees the same view by its event). */
export async function until(api: KioskApi, predicate: (view: SessionView) => boolean, what: string, timeoutMs = 60_000): Promise<SessionView> {
  const started = Date.now();
  let view = await api.getSession({});
  while (!predicate(view)) {
    if (Date.now() - started > timeoutMs) throw new Error(`the session never reached ${what}; it is at ${JSON.stringify(view.state).slice(0, 400)}, availability ${JSON.stringify(view.availability)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    view = await api.getSession({});
  }
  return view;
}

export const stepIs =
  (step: string) =>
  (view: SessionView): boolean =>
    view.state.step === step;

/** The kiosk is ready for the next resident: in service, on the attract screen. */
export const ready = (view: SessionView): boolean => view.availability.inService && view.state.step === 'attract';

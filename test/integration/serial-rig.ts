import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPtyPair, type PtyPair } from '../../device-drivers/printer/socat-pair.ts';
import { runCli } from '../../src/cli/main.ts';
import { BIN, ROOT, tempDir } from '../e2e/kiosk-process.ts';

/**
 * Test support for the printer-over-serial integration tests. A socat pty pair is the
 * USB-serial cable; `adm-kiosk emulator --device <one end>` is the printer and
 * `adm-kiosk print ... --printer serial:<other end>` the kiosk, both real processes. Every
 * process a lab starts is remembered, so its `cleanUp()` (afterEach) leaves none behind.
 * The look-ups around them (demo citizens, log export, render) run the same CLI code in this
 * process (`cli`), which saves a Node start of about 2 s of CPU each.
 */

export { tempDir };

/** Runs an adm-kiosk command and gives its output: `cli` (in this process) or one in another mount namespace. */
export type Cli = (args: readonly string[]) => Promise<{ status: number; stdout: string; stderr: string }>;

/** Runs an adm-kiosk command in this process, through the same dispatcher as bin/adm-kiosk. */
export async function cli(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...process.env, ADM_KIOSK_DATA_DIR: '' },
    signal: new AbortController().signal,
  });
  return { status, stdout, stderr };
}

const ENV = { ...process.env, ADM_KIOSK_DATA_DIR: '', ADM_KIOSK_DEBUG: '' };

/** A spawned adm-kiosk process with its output collected as it comes. */
export interface AdmProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout+stderr (so far and later) match `times` times; rejects on exit or timeout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number, times?: number): Promise<void>;
  /** Exit code (null when killed by a signal) and wall time since spawn. */
  readonly result: Promise<AdmResult>;
}

export interface AdmResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** The emulator on one end of a fresh socat pair; the kiosk gets `device` (the other end). */
export interface EmulatorRig {
  readonly pair: PtyPair;
  /** The end the kiosk prints to (`serial:${device}?baud=115200`). */
  readonly device: string;
  /** Where the emulator writes its pages (page-0001.png, ...). */
  readonly outDir: string;
  readonly emulator: AdmProcess;
  /** The technician fixes the printer: SIGUSR1 makes the emulator clear its fault. */
  clearFault(): Promise<void>;
  /** Pulls the USB-serial adapter: socat ends, both ptys hang up. */
  unplug(): Promise<void>;
  /** Stops the emulator (SIGINT, like Ctrl-C) and returns all it printed. */
  stop(): Promise<string>;
}

/**
 * One test's processes. Everything started through a lab is ended by `cleanUp()`, so tests
 * may run concurrently, each cleaning up only its own.
 */
export interface Lab {
  /** Spawns `bin/adm-kiosk args`, with `env` added to the test environment. */
  spawn(args: readonly string[], env?: Readonly<Record<string, string>>): AdmProcess;
  run(args: readonly string[]): Promise<AdmResult>;
  startEmulator(options: { dir: string; profile?: string; faults?: readonly string[] }): Promise<EmulatorRig>;
  /** Ends every process of this lab (SIGTERM, SIGKILL after 3 s) and every socat it started. */
  cleanUp(): Promise<void>;
  /** How many of its processes (emulators, prints, socat) are still running. */
  live(): number;
}

const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

export function createLab(): Lab {
  const children = new Set<ChildProcess>();
  const pairs = new Set<PtyPair>();

  const spawnAdm = (args: readonly string[], env: Readonly<Record<string, string>> = {}): AdmProcess => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    let closed = false;
    const waiters = new Set<() => void>();
    const notify = (): void => {
      for (const waiter of [...waiters]) waiter();
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      out += text;
      notify();
    });
    child.stderr.on('data', (text: string) => {
      err += text;
      notify();
    });
    const result = new Promise<AdmResult>((resolve) => {
      child.once('close', (status, signal) => {
        closed = true;
        resolve({ status, signal, stdout: out, stderr: err, ms: performance.now() - started });
        notify();
      });
    });
    const waitForOutput = (pattern: RegExp, timeoutMs = 20_000, times = 1): Promise<void> =>
      new Promise((resolve, reject) => {
        const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
        const check = (): void => {
          if ([...(out + err).matchAll(global)].length >= times) {
            finish();
            resolve();
          } else if (closed) {
            finish();
            reject(new Error(`adm-kiosk ${args[0] ?? ''} ended before printing ${String(pattern)}:\n${out}${err}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`adm-kiosk ${args[0] ?? ''} did not print ${String(pattern)} within ${timeoutMs} ms:\n${out}${err}`));
        }, timeoutMs);
        const finish = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    return { child, stdout: () => out, stderr: () => err, waitForOutput, result };
  };

  const startEmulator: Lab['startEmulator'] = async (options) => {
    const pair = await startPtyPair();
    pairs.add(pair);
    const outDir = join(options.dir, 'paper');
    mkdirSync(outDir, { recursive: true });
    const faults = (options.faults ?? []).flatMap((f) => ['--fault', f]);
    const emulator = spawnAdm(['emulator', '--device', pair.a, '--out', outDir, '--profile', options.profile ?? 'generic-a4-203', ...faults]);
    // It listens once it names the signal that clears faults (its last line at start).
    await emulator.waitForOutput(/kill -USR1 \d+ clears a fault/);
    let cleared = 0;
    return {
      pair,
      device: pair.b,
      outDir,
      emulator,
      clearFault: async () => {
        cleared += 1;
        emulator.child.kill('SIGUSR1');
        await emulator.waitForOutput(/emulator: fault cleared/, 5000, cleared);
      },
      unplug: () => pair.kill(),
      stop: async () => {
        if (alive(emulator.child)) emulator.child.kill('SIGINT');
        const result = await emulator.result;
        return result.stdout + result.stderr;
      },
    };
  };

  const cleanUp = async (): Promise<void> => {
    const waits: Promise<void>[] = [];
    for (const child of children) {
      if (!alive(child)) continue;
      waits.push(
        new Promise<void>((resolve) => {
          const hard = setTimeout(() => child.kill('SIGKILL'), 3000);
          child.once('exit', () => {
            clearTimeout(hard);
            resolve();
          });
          child.kill('SIGTERM');
        }),
      );
    }
    for (const pair of pairs) waits.push(pair.kill());
    await Promise.all(waits);
  };

  return {
    spawn: spawnAdm,
    run: (args) => spawnAdm(args).result,
    startEmulator,
    cleanUp,
    live: () => [...children].filter(alive).length + [...pairs].filter((p) => alive(p.process)).length,
  };
}

// --- the kiosk's side -----------------------------------------------------------------------

export interface DemoDocument {
  readonly id: string;
  readonly type: string;
  readonly pin: string;
  readonly status: string;
}

export interface DemoCitizen {
  readonly nik: string;
  /** The name the registry gives (what the screen shows). */
  readonly name: string;
  readonly documents: readonly DemoDocument[];
}

/** `adm-kiosk demo citizens --json`: every demo resident with their documents and PINs. */
export async function demoCitizens(dataDir: string, read: Cli = cli): Promise<DemoCitizen[]> {
  const run = await read(['demo', 'citizens', '--json', '--data-dir', dataDir]);
  if (run.status !== 0) throw new Error(`adm-kiosk demo citizens failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as DemoCitizen[];
}

/** The first demo resident with a print-ready document of this type. */
export async function demoHolder(dataDir: string, type: string): Promise<{ nik: string; document: DemoDocument }> {
  for (const citizen of await demoCitizens(dataDir)) {
    const document = citizen.documents.find((d) => d.type === type && d.status === 'ready');
    if (document !== undefined) return { nik: citizen.nik, document };
  }
  throw new Error(`no demo resident holds a print-ready ${type}`);
}

/** The document's status as `adm-kiosk demo citizens` shows it (ready, printed, locked, ...). */
export async function documentStatus(dataDir: string, documentId: string, read: Cli = cli): Promise<string | undefined> {
  for (const citizen of await demoCitizens(dataDir, read)) for (const d of citizen.documents) if (d.id === documentId) return d.status;
  return undefined;
}

export interface LogRow {
  readonly job_id: number;
  readonly document_type: string;
  readonly document_id: string;
  readonly state: string;
  readonly pages_done: number;
  readonly page_count: number;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly pin_state: string;
  readonly pages_handed: number;
}

/** Every job in the print log, as `adm-kiosk log export --format ndjson` gives it. */
export async function printLog(dataDir: string, read: Cli = cli): Promise<LogRow[]> {
  const run = await read(['log', 'export', '--from', '2000-01-01', '--to', '2099-12-31', '--format', 'ndjson', '--tz', 'UTC', '--data-dir', dataDir]);
  if (run.status !== 0) throw new Error(`adm-kiosk log export failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogRow);
}

/** `link: 'usblp'` opens the pty as the kiosk opens a USB printer-class device (usblp:/dev/usb/lp0). */
export function printArgs(options: { type: string; nik: string; pin: string; device: string; dataDir: string; baud?: number; waitOnFault?: number; profile?: string; link?: 'serial' | 'usblp' }): string[] {
  return [
    'print',
    options.type,
    '--nik',
    options.nik,
    '--pin',
    options.pin,
    '--printer',
    options.link === 'usblp' ? `usblp:${options.device}` : `serial:${options.device}?baud=${options.baud ?? 115_200}`,
    '--profile',
    options.profile ?? 'generic-a4-203',
    '--data-dir',
    options.dataDir,
    ...(options.waitOnFault === undefined ? [] : ['--wait-on-fault', String(options.waitOnFault)]),
  ];
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Test support: the kiosk as a user starts it (`bin/adm-kiosk start`, a real process) and
 * Debian's Chromium driven by playwright-core. Nothing here is a stand-in for the kiosk.
 */
export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'adm-kiosk');
export const CHROMIUM = process.env['ADM_KIOSK_BROWSER'] ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningKiosk {
  readonly process: ChildProcess;
  /** The one-time start link the kiosk printed: the first page (or exchange) that uses it gets the session. */
  readonly launchUrl: string;
  readonly dataDir: string;
  output(): string;
  stop(): Promise<number | null>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface StartKioskOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Run the kiosk with this many file descriptors at most (RLIMIT_NOFILE, soft and hard). */
  readonly fdLimit?: number;
  /** How long to wait for the start link (default 60 s). */
  readonly timeoutMs?: number;
}

/** Starts `adm-kiosk start --shell browser --headless` and waits for the URL it prints. */
export async function startKiosk(dataDir: string, extraArgs: readonly string[] = [], options: StartKioskOptions = {}): Promise<RunningKiosk> {
  const kioskArgs = [BIN, 'start', '--shell', 'browser', '--headless', '--data-dir', dataDir, ...extraArgs];
  const [command, args] =
    options.fdLimit === undefined ? [process.execPath, kioskArgs] : ['/bin/sh', ['-c', `ulimit -n ${options.fdLimit} && exec "$0" "$@"`, process.execPath, ...kioskArgs]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ADM_KIOSK_DATA_DIR: '', DISPLAY: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start within ${timeoutMs / 1000} s:\n${out}`)), timeoutMs);
    const check = () => {
      const match = /Open the kiosk at: (\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${out}`));
    });
  });
  return {
    process: child,
    launchUrl,
    dataDir,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export async function openBrowser(): Promise<{ context: BrowserContext; page: Page }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install Debian's chromium package`);
  const context = await chromium.launchPersistentContext(tempDir('adm-e2e-browser-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1920, height: 1080 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Runs an adm-kiosk command to completion and returns its exit code and output. */
export function adm(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ADM_KIOSK_DATA_DIR: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { BIN, ROOT } from '../e2e/kiosk-process.ts';

/**
 * What another local user can read about a process: `/proc/PID/cmdline` (world-readable) and,
 * given the chance, `/proc/PID/environ`. Support for the token exposure tests.
 */
export interface ProcessView {
  readonly pid: number;
  readonly args: string[];
  readonly env: string[];
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid ...: comm may hold spaces and parentheses; the last ")" ends it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

/** The process and all its descendants, as they are now. */
export function processTree(root: number): number[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

export function viewProcess(pid: number): ProcessView | null {
  try {
    const split = (file: string) => readFileSync(`/proc/${pid}/${file}`).toString('utf8').split('\0').filter((s) => s !== '');
    return { pid, args: split('cmdline'), env: split('environ') };
  } catch {
    return null;
  }
}

/** Every argument and environment entry of the tree that holds `secret`, or a token or bootstrap parameter. */
export function exposures(pids: readonly number[], secret: string): string[] {
  const found: string[] = [];
  for (const pid of pids) {
    const view = viewProcess(pid);
    if (view === null) continue;
    const name = view.args[0] ?? String(pid);
    for (const [where, entries] of [
      ['argument', view.args],
      ['environment', view.env],
    ] as const) {
      for (const entry of entries) {
        if (entry.includes(secret) || /[#?&](token|bootstrap)=/.test(entry)) found.push(`${name} (pid ${pid}) ${where}: ${entry.slice(0, 160)}`);
      }
    }
  }
  return found;
}

export interface ShellKiosk {
  readonly process: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<number | null>;
}

/** `adm-kiosk start` with a shell (not headless), as a kiosk PC runs it. */
export function startShellKiosk(args: readonly string[], env: Readonly<Record<string, string>>): ShellKiosk {
  const child = spawn(process.execPath, [BIN, 'start', ...args], { cwd: ROOT, env: { ...process.env, ADM_KIOSK_DATA_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    process: child,
    output: () => out,
    waitFor: (pattern, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms:\n${out}`)), timeoutMs);
        const check = () => {
          if (pattern.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        };
        check();
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`kiosk exited with ${code}:\n${out}`));
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Polls `probe` until it returns a value, or throws after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | null> | T | null, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | null;
    try {
      value = await probe();
    } catch {
      value = null;
    }
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { SerialPort } from 'serialport';
import { cliBundleState } from '../../bin/cli-bundle.mjs';
import { ensureUiBuilt } from '../../kiosk-shell/browser/ui-build.ts';
import { buildCli } from '../../kiosk-shell/electron/build.ts';
import { startPtyPair } from '../../device-drivers/printer/socat-pair.ts';
import { BIN, ROOT, tempDir } from '../e2e/kiosk-process.ts';
import { demoHolder } from '../integration/serial-rig.ts';
import type { Bench } from './harness.ts';

/**
 * Issue 14's start-up targets, each beside baselines measured in the same run, alternating
 * run by run so that a loaded machine weighs on all alike (`npm run bench -- startup`;
 * ADM_KIOSK_STARTUP_RUNS runs each, default 7, after one unmeasured):
 *
 * - `adm-kiosk --help` to its exit, under 0.3 s;
 * - `adm-kiosk print` to the first byte the printer receives (a socat pty pair stands for the
 *   USB-serial cable; the bench reads the printer's end), under 1.5 s;
 * - `adm-kiosk start --shell browser --headless` to the UI served (the start link's page
 *   answered over HTTP), under 2 s.
 *
 * Baselines: `node -e 0` (what any Node program pays to start here) and the same command
 * through the TypeScript sources with tsx (ADM_KIOSK_FROM_SOURCES=1, how bin/adm-kiosk ran
 * before the compiled bundle).
 */
const ENV = { ...process.env, ADM_KIOSK_DATA_DIR: '', ADM_KIOSK_DEBUG: '', ADM_KIOSK_BUNDLE_DIR: '', DISPLAY: '' };
type Way = 'compiled' | 'tsx';
const WAYS: readonly Way[] = ['compiled', 'tsx'];
const wayEnv = (way: Way) => ({ ...ENV, ADM_KIOSK_FROM_SOURCES: way === 'tsx' ? '1' : '' });

/** Spawns `node args` and resolves with the ms from spawn to `ready` (its exit when not given); the process is ended after. */
async function timeSpawn(args: readonly string[], env: NodeJS.ProcessEnv, ready?: (child: ReturnType<typeof spawn>, output: () => string) => Promise<void>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (out += text));
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  if (ready === undefined) {
    const [code] = await exited;
    if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}:\n${out}`);
    return performance.now() - started;
  }
  try {
    await Promise.race([ready(child, () => out), exited.then(([code, signal]) => Promise.reject(new Error(`node ${args.join(' ')} ended (${code ?? signal}) before it was ready:\n${out}`)))]);
    return performance.now() - started;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Resolves once the output matches `pattern`, with the match. */
function outputMatch(child: ReturnType<typeof spawn>, output: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output());
      if (match !== null) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within 60 s:\n${output()}`)), 60_000);
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    check();
  });
}

const help = (way: Way) => timeSpawn([BIN, '--help'], wayEnv(way));

/** `print ktp` to a serial printer: ms until its first byte reaches the printer's end of the cable. */
async function printFirstByte(way: Way): Promise<number> {
  const dataDir = tempDir('adm-bench-startup-');
  const { nik, document } = await demoHolder(dataDir, 'ktp');
  const pair = await startPtyPair();
  const printer = new SerialPort({ path: pair.b, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => printer.open((error) => (error === null ? resolve() : reject(error))));
  try {
    return await timeSpawn([BIN, 'print', 'ktp', '--nik', nik, '--pin', document.pin, '--printer', `serial:${pair.a}?baud=115200`, '--data-dir', dataDir], wayEnv(way), () => once(printer, 'data').then(() => undefined));
  } finally {
    await new Promise<void>((resolve) => (printer.isOpen ? printer.close(() => resolve()) : resolve()));
    await pair.kill();
  }
}

/** `start --shell browser --headless` until the page of its start link is served. */
async function startServed(way: Way): Promise<number> {
  const dataDir = tempDir('adm-bench-startup-');
  return timeSpawn([BIN, 'start', '--shell', 'browser', '--headless', '--data-dir', dataDir], wayEnv(way), async (child, output) => {
    const [, url = ''] = await outputMatch(child, output, /Open the kiosk at: (\S+)/);
    const response = await fetch(url.replace(/#.*$/, ''));
    const page = await response.text();
    if (response.status !== 200 || !/<html/i.test(page)) throw new Error(`the kiosk's page answered ${response.status}: ${page.slice(0, 200)}`);
  });
}

interface Spread {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN, minMs: sorted[0] ?? NaN, maxMs: sorted[sorted.length - 1] ?? NaN };
}

export default async function startup(bench: Bench): Promise<void> {
  const runs = Number(process.env['ADM_KIOSK_STARTUP_RUNS'] ?? 7);
  // What a first start would build is built before anything is measured.
  const state = cliBundleState();
  if (!state.current) {
    console.log(`building the command line first (${state.reason})`);
    await buildCli();
  }
  await ensureUiBuilt((line) => console.log(line));

  const measures: Array<{ label: string; targetMs: number; measure: (way: Way) => Promise<number> }> = [
    { label: '--help', targetMs: 300, measure: help },
    { label: 'print to the first byte', targetMs: 1500, measure: printFirstByte },
    { label: 'start to the UI served', targetMs: 2000, measure: startServed },
  ];
  const nodeSamples: number[] = [];
  const samples = new Map<string, number[]>();
  for (let run = 0; run <= runs; run += 1) {
    const measured = run > 0;
    const node = await timeSpawn(['-e', '0'], ENV);
    if (measured) nodeSamples.push(node);
    for (const { label, measure } of measures) {
      for (const way of WAYS) {
        const ms = await measure(way);
        if (measured) samples.set(`${label} ${way}`, [...(samples.get(`${label} ${way}`) ?? []), ms]);
      }
    }
  }
  const node = spread(nodeSamples);
  const row = (label: string, s: Spread, extra: Record<string, string> = {}) => bench.row(label, { medianMs: s.medianMs, minMs: s.minMs, maxMs: s.maxMs, runs, ...extra });
  row('node -e 0 (baseline)', node);
  for (const { label, targetMs } of measures) {
    const compiled = spread(samples.get(`${label} compiled`) ?? []);
    const tsx = spread(samples.get(`${label} tsx`) ?? []);
    row(`${label}: tsx (baseline)`, tsx, { xNode: (tsx.medianMs / node.medianMs).toFixed(1) });
    row(`${label}: compiled`, compiled, { xNode: (compiled.medianMs / node.medianMs).toFixed(1), ofTsx: (compiled.medianMs / tsx.medianMs).toFixed(2) });
    bench.target(`${label} under ${targetMs / 1000} s`, compiled.medianMs < targetMs, `median ${compiled.medianMs.toFixed(0)} ms (${compiled.minMs.toFixed(0)}-${compiled.maxMs.toFixed(0)}), ${(tsx.medianMs / compiled.medianMs).toFixed(1)}x faster than tsx, ${(compiled.medianMs / node.medianMs).toFixed(1)}x node -e 0`);
  }
}

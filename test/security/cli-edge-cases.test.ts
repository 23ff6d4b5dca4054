import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { systemClock } from '../../src/core/clock.ts';
import { loadOrCreateNikKey, PRINT_LOG_FILE, PrintLog } from '../../src/print-log/index.ts';
import { fakeIo } from '../../src/cli/testing.ts';
import { BIN, ROOT, tempDir } from '../e2e/kiosk-process.ts';

/**
 * Issue 8, finding 5, and the same classes of problem swept over every command: each bad
 * command line ends by itself within a bounded time (the test kills it after 45 s and fails)
 * with a clear message and exit 2 (bad argument or configuration) or 1 (the operation
 * failed), never "internal error", never a hang, never a quiet fallback. Real processes
 * (`bin/adm-kiosk`), as a technician runs them.
 */
const BOUND_MS = 45_000;
const dir = tempDir('adm-sec-cli-');
const DEMO_NIK = '3310080106830005';
let busyPort = 0;
let busy: Server;

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
}

/** Children still running: killed when the file ends, whatever happened. */
const running = new Set<ChildProcess>();

function adm(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ADM_KIOSK_DATA_DIR: '', DISPLAY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    running.add(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS);
    child.on('exit', (status, signal) => {
      running.delete(child);
      clearTimeout(timer);
      resolve({ status, signal, out });
    });
  });
}

beforeAll(async () => {
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  writeFileSync(join(dir, 'huge.json'), `{"mode":"demo"${' '.repeat(400 * 1024)}}`);
  writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
  for (const [name, text] of Object.entries({ 'null.json': 'null', 'list.json': '[]', 'number.json': '42', 'string.json': '"demo"', 'ok.json': '{}' })) writeFileSync(join(dir, name), text);
  mkdirSync(join(dir, 'folder'));
  // A data folder with a print log: log export gets as far as writing its file.
  mkdirSync(join(dir, 'logged'));
  PrintLog.open(join(dir, 'logged', PRINT_LOG_FILE), { nikKey: loadOrCreateNikKey(join(dir, 'logged')), clock: systemClock, kioskId: 'ADM-TEST-01' }).close();
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await new Promise<void>((resolve) => busy.close(() => resolve()));
});

interface Case {
  readonly name: string;
  readonly args: () => string[];
  readonly exit: 1 | 2;
  readonly says: RegExp;
  /** What must still hold after it ran. */
  readonly after?: () => void;
  /**
   * Run as a real process, killed after the bound: the cases that hung or spun (a blocking
   * read, a loop in native code). The others run through the same dispatcher in this process.
   */
  readonly process?: true;
}

const d = (name: string) => join(dir, name);
const PRINT = ['print', 'kk', '--nik', DEMO_NIK, '--pin', '111111'];

const CASES: readonly Case[] = [
  // The list.
  { name: '--data-dir /proc/x (spun forever, ignoring SIGTERM): demo reset', args: () => ['demo', 'reset', '--data-dir', '/proc/x'], exit: 2, says: /data folder \/proc\/x cannot be created/ , process: true },
  { name: '--data-dir /proc/x: start', args: () => ['start', '--headless', '--data-dir', '/proc/x'], exit: 2, says: /data folder \/proc\/x cannot be created/ , process: true },
  { name: '--data-dir /proc/x: print', args: () => [...PRINT, '--data-dir', '/proc/x'], exit: 2, says: /data folder \/proc\/x cannot be created/ , process: true },
  { name: 'start --config /dev/zero (hung)', args: () => ['start', '--headless', '--config', '/dev/zero', '--data-dir', d('a')], exit: 2, says: /config file \/dev\/zero is not a regular file/ , process: true },
  { name: 'start --config FIFO (hung)', args: () => ['start', '--headless', '--config', d('fifo'), '--data-dir', d('a')], exit: 2, says: /is not a regular file/ , process: true },
  { name: 'start --config a 400 KiB file', args: () => ['start', '--headless', '--config', d('huge.json'), '--data-dir', d('a')], exit: 2, says: /is too large/ },
  { name: 'start --config a folder', args: () => ['start', '--headless', '--config', d('folder'), '--data-dir', d('a')], exit: 2, says: /is a folder, not a file/ },
  { name: 'start --config not UTF-8', args: () => ['start', '--headless', '--config', d('latin1.json'), '--data-dir', d('a')], exit: 2, says: /is not UTF-8 text/ },
  { name: '--data-dir /dev/null ("internal error"): start', args: () => ['start', '--headless', '--data-dir', '/dev/null'], exit: 2, says: /\/dev\/null .*is not a folder/ },
  { name: '--data-dir /dev/null: print', args: () => [...PRINT, '--data-dir', '/dev/null'], exit: 2, says: /\/dev\/null .*is not a folder/ },
  { name: '--data-dir /dev/null: demo citizens', args: () => ['demo', 'citizens', '--data-dir', '/dev/null'], exit: 2, says: /\/dev\/null .*is not a folder/ },
  { name: '--data-dir /dev/null: render', args: () => ['render', 'kk', '--nik', DEMO_NIK, '--out', d('x.pdf'), '--data-dir', '/dev/null'], exit: 2, says: /\/dev\/null .*is not a folder/ },
  { name: '--data-dir /dev/null: log stats', args: () => ['log', 'stats', '--from', '2026-01-01', '--to', '2026-01-02', '--data-dir', '/dev/null'], exit: 2, says: /\/dev\/null .*is not a folder/ },
  { name: 'a port already in use ("internal error")', args: () => ['start', '--headless', '--port', String(busyPort), '--data-dir', d('port')], exit: 2, says: /--port \d+: .*another program listens on it/ },
  { name: 'a config file holding null (started the kiosk)', args: () => ['start', '--headless', '--config', d('null.json'), '--data-dir', d('a')], exit: 2, says: /must be a JSON object .*not null/ },
  { name: 'a config file holding a list', args: () => ['start', '--headless', '--config', d('list.json'), '--data-dir', d('a')], exit: 2, says: /must be a JSON object .*not a list/ },
  { name: 'a config file holding a number', args: () => [...PRINT, '--config', d('number.json'), '--data-dir', d('a')], exit: 2, says: /must be a JSON object .*not number/ },
  { name: 'a config file holding a string', args: () => [...PRINT, '--config', d('string.json'), '--data-dir', d('a')], exit: 2, says: /must be a JSON object .*not string/ },
  { name: '--data-dir "" (fell back to the home folder): demo reset', args: () => ['demo', 'reset', '--data-dir', ''], exit: 2, says: /--data-dir is empty/ },
  { name: '--data-dir "": start', args: () => ['start', '--headless', '--data-dir', ''], exit: 2, says: /--data-dir is empty/ },
  { name: '--data-dir "": log export', args: () => ['log', 'export', '--from', '2026-01-01', '--to', '2026-01-02', '--data-dir', ''], exit: 2, says: /--data-dir is empty/ },
  { name: '--config ""', args: () => ['start', '--headless', '--config', '', '--data-dir', d('a')], exit: 2, says: /--config is empty/ },
  { name: 'a repeated --nik (took the last)', args: () => ['print', 'kk', '--nik', DEMO_NIK, '--nik', '3310085001860001', '--pin', '111111', '--data-dir', d('a')], exit: 2, says: /--nik is given more than once/ },
  { name: 'a repeated --pin', args: () => [...PRINT, '--pin', '222222', '--data-dir', d('a')], exit: 2, says: /--pin is given more than once/ },
  { name: '--pin with 13 digits', args: () => ['print', 'kk', '--nik', DEMO_NIK, '--pin', '1234567890123', '--data-dir', d('a')], exit: 2, says: /--pin must be 4 to 12 digits/ },
  { name: '--pin with 10 digits (was refused as a usage error; the registry issues PINs of up to 12 digits, so it answers)', args: () => ['print', 'kk', '--nik', DEMO_NIK, '--pin', '1234567890', '--data-dir', d('pin10')], exit: 1, says: /the registry refused the PIN: The PIN is not correct/ },
  { name: 'a repeated --printer', args: () => [...PRINT, '--printer', `emulator:${d('p1')}`, '--printer', `emulator:${d('p2')}`, '--data-dir', d('a')], exit: 2, says: /--printer is given more than once/ },
  { name: 'a repeated --data-dir', args: () => ['demo', 'citizens', '--data-dir', d('a'), '--data-dir', d('b')], exit: 2, says: /--data-dir is given more than once/ },
  { name: 'a repeated --port', args: () => ['start', '--headless', '--port', '0', '--port', '1', '--data-dir', d('a')], exit: 2, says: /--port is given more than once/ },
  { name: 'a repeated --out (render)', args: () => ['render', 'kk', '--nik', DEMO_NIK, '--out', d('1.pdf'), '--out', d('2.pdf')], exit: 2, says: /--out is given more than once/ },
  { name: 'a repeated --from (log export)', args: () => ['log', 'export', '--from', '2026-01-01', '--from', '2026-01-02', '--to', '2026-01-03', '--data-dir', d('a')], exit: 2, says: /--from is given more than once/ },
  { name: 'a repeated --type (demo citizens)', args: () => ['demo', 'citizens', '--type', 'kk', '--type', 'ktp', '--data-dir', d('a')], exit: 2, says: /--type is given more than once/ },
  { name: 'a repeated --trust (verify)', args: () => ['verify', d('x.pdf'), '--trust', d('a.pem'), '--trust', d('b.pem')], exit: 2, says: /--trust is given more than once/ },
  { name: 'render --nik with 17 digits (exited 1)', args: () => ['render', 'kk', '--nik', `${DEMO_NIK}1`, '--out', d('x.pdf')], exit: 2, says: /--nik: NIK is not valid: it must have 16 digits, this has 17/ },
  { name: 'render --nik with letters', args: () => ['render', 'kk', '--nik', '33100801068300AB', '--out', d('x.pdf')], exit: 2, says: /--nik: NIK is not valid/ },
  // The same classes swept over the other commands.
  { name: 'verify /dev/zero', args: () => ['verify', '/dev/zero'], exit: 2, says: /is not a regular file/ , process: true },
  { name: 'verify a FIFO', args: () => ['verify', d('fifo')], exit: 2, says: /is not a regular file/ , process: true },
  { name: 'verify a folder', args: () => ['verify', d('folder')], exit: 2, says: /is a folder, not a file/ },
  { name: 'verify a missing file', args: () => ['verify', d('missing.pdf')], exit: 2, says: /does not exist/ },
  { name: 'render --key /dev/zero', args: () => ['render', 'kk', '--nik', DEMO_NIK, '--out', d('x.pdf'), '--key', '/dev/zero'], exit: 2, says: /key file given to --key \/dev\/zero is not a regular file/ , process: true },
  { name: 'verify --trust FIFO', args: () => ['verify', d('x.pdf'), '--trust', d('fifo')], exit: 2, says: /key file given to --trust .* is not a regular file/ , process: true },
  // Never /dev/null itself: were the check to regress, a test run as root would replace the machine's /dev/null.
  { name: 'log export --out a FIFO (renamed over it; as root over /dev/null too)', args: () => ['log', 'export', '--from', '2026-01-01', '--to', '2026-01-02', '--data-dir', d('logged'), '--out', d('fifo')], exit: 2, says: /--out .*fifo is not a regular file/, after: () => expect(statSync(d('fifo')).isFIFO()).toBe(true) },
  { name: 'log export --out a folder', args: () => ['log', 'export', '--from', '2026-01-01', '--to', '2026-01-02', '--data-dir', d('logged'), '--out', d('folder')], exit: 2, says: /--out .*folder is not a regular file/, after: () => expect(statSync(d('folder')).isDirectory()).toBe(true) },
  { name: 'emulator --out /proc/x (would spin at the first page)', args: () => ['emulator', '--device', '/dev/null', '--out', '/proc/x'], exit: 2, says: /page folder \/proc\/x cannot be created/ , process: true },
  { name: 'emulator --data-dir /proc/x', args: () => ['emulator', '--device', '/dev/null', '--data-dir', '/proc/x'], exit: 2, says: /page folder \/proc\/x\/printed cannot be created/ },
  { name: 'print --printer emulator: under a folder that does not exist', args: () => [...PRINT, '--printer', `emulator:${d('none')}/deeper/pages`, '--data-dir', d('e')], exit: 1, says: /page folder .* cannot be created \(ENOENT\)/ },
];

/** The dispatcher in this process (what `main` runs), with a signal that fires after the bound. */
async function admInProcess(args: readonly string[]): Promise<Run> {
  const io = fakeIo({ DISPLAY: '' }, AbortSignal.timeout(BOUND_MS));
  const status = await runCli(args, io);
  return { status, signal: null, out: io.out() + io.err() };
}

describe('bad command lines end at once, with a clear message and exit 2 or 1', () => {
  it.concurrent.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const run = await (c.process === true ? adm(c.args()) : admInProcess(c.args()));
    expect(run.signal, `still running after ${BOUND_MS} ms:\n${run.out}`).toBeNull();
    expect(run.out).toMatch(c.says);
    expect(run.status, run.out).toBe(c.exit);
    expect(run.out).not.toMatch(/internal error/i);
    c.after?.();
  }, BOUND_MS + 15_000);
});

describe('nothing is made or spent before the PIN is checked', () => {
  it('print --printer file:/nonexistent/dir/x creates no folder and leaves the PIN usable', async () => {
    const dataDir = d('pin');
    const citizens = async () => JSON.parse((await adm(['demo', 'citizens', '--json', '--data-dir', dataDir])).out) as { nik: string; documents: { id: string; type: string; pin: string; status: string }[] }[];
    const kk = (await citizens()).find((c) => c.nik === DEMO_NIK)?.documents.find((doc) => doc.type === 'kk');
    if (kk === undefined) throw new Error('the demo resident has no KK');
    const run = await adm(['print', 'kk', '--nik', DEMO_NIK, '--pin', kk.pin, '--printer', `file:${d('nonexistent')}/dir/x`, '--data-dir', dataDir]);
    expect(run.status, run.out).toBe(1);
    expect(run.out).toMatch(/capture file .* cannot be opened \(ENOENT\)/);
    expect(existsSync(d('nonexistent'))).toBe(false);
    expect((await citizens()).find((c) => c.nik === DEMO_NIK)?.documents.find((doc) => doc.id === kk.id)?.status).toBe('ready');
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN, ROOT } from '../e2e/kiosk-process.ts';
import { cli, tempDir } from '../integration/serial-rig.ts';
import { startFaultKiosk, until, type FaultKiosk, type FaultKioskOptions } from './fault-kiosk.ts';
import { documentStatus, holders, nextResidentPrints, seen, settledJob, tracesInDataFolder, upToPreview, type Holder } from './resident.ts';
import { crashLines, type MatrixRow, type RowOutcome } from './rows.ts';

/**
 * The process and storage rows: kill -9 mid-print, a data folder that goes read-only, a full
 * disk. Each on its own real kiosk process (demo registry, the in-process emulator as the
 * printer). The storage rows run the kiosk in its own mount namespace (`unshare -m`, as root as
 * CI is): its data folder is a small tmpfs (disk full: a filler file takes the rest) or gets a
 * read-only bind mount over it, both done inside the kiosk's namespace with `nsenter`, so
 * nothing outside the test's own folder is touched.
 */
const run = promisify(execFile);

export interface StorageRow extends MatrixRow {
  readonly kiosk: (dir: string) => Pick<FaultKioskOptions, 'env' | 'prefix'>;
  /** Injects the fault once the resident has the preview and presses print; returns what was seen and a note. */
  readonly act: (kiosk: FaultKiosk) => Promise<{ during: string; note: string }>;
  /** The data folder is mounted only in the kiosk's namespace: the test reads it through /proc/PID/root. */
  readonly privateMount?: boolean;
}

const inKioskNamespace = (kiosk: FaultKiosk, ...command: string[]) => run('nsenter', ['-t', String(kiosk.pid()), '-m', ...command]);

export const STORAGE_ROWS: readonly StorageRow[] = [
  {
    id: 'kill-9',
    fault: 'kill -9 mid-print',
    how: 'SIGKILL of the kiosk process after the first byte was logged (test pause point after-first-byte), then a restart',
    inNpmTest: true,
    group: 'kill-9',
    kiosk: () => ({ env: { ADM_KIOSK_TEST_HOOKS: '1', ADM_KIOSK_TEST_PAUSE_AT: 'after-first-byte' } }),
    act: async (kiosk) => {
      await kiosk.api().startPrint({});
      await kiosk.waitForOutput(/test pause: after-first-byte/);
      const during = seen(await kiosk.api().getSession({}));
      await kiosk.kill9();
      await kiosk.restart();
      return { during, note: 'the next start recovers the job (start-up recovery)' };
    },
  },
  {
    id: 'disk-full',
    fault: 'disk full',
    how: 'the data folder is an 8 MB tmpfs; a filler file takes all that is left while the resident previews',
    inNpmTest: false,
    group: 'disk-full',
    privateMount: true,
    kiosk: (dir) => ({ prefix: ['unshare', '-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=8m,mode=0700 adm-fault "$0" && exec "$@"', join(dir, 'data')] }),
    act: async (kiosk) => {
      await inKioskNamespace(kiosk, 'sh', '-c', `dd if=/dev/zero of=${join(kiosk.dataDir, 'filler')} bs=64k 2>/dev/null; true`);
      await kiosk.api().startPrint({});
      const view = await until(kiosk.api(), (v) => v.state.step !== 'printing' || v.state.progress.fault !== null, 'the print stops');
      await inKioskNamespace(kiosk, 'rm', '-f', join(kiosk.dataDir, 'filler'));
      return { during: seen(view), note: 'the filler removed (space freed)' };
    },
  },
  {
    id: 'read-only',
    fault: 'data folder read-only',
    how: 'a read-only bind mount over the data folder while the resident previews',
    inNpmTest: false,
    group: 'read-only',
    kiosk: () => ({ prefix: ['unshare', '-m', '--propagation', 'private'] }),
    act: async (kiosk) => {
      await inKioskNamespace(kiosk, 'mount', '--bind', kiosk.dataDir, kiosk.dataDir);
      await inKioskNamespace(kiosk, 'mount', '-o', 'remount,bind,ro', kiosk.dataDir);
      await kiosk.api().startPrint({});
      const view = await until(kiosk.api(), (v) => v.state.step !== 'printing' || v.state.progress.fault !== null, 'the print ends');
      await inKioskNamespace(kiosk, 'umount', kiosk.dataDir);
      return { during: seen(view), note: 'files the kiosk holds open (print log, demo registry state, application log) keep working under a new read-only mount; the bind mount removed afterwards. A kernel remount read-only cannot be staged while files are open (EBUSY); the log refusing to open read-only: test/integration/print-log-unwritable.test.ts' };
    },
  },
];

export async function runStorageRow(row: StorageRow): Promise<RowOutcome> {
  const dir = tempDir(`adm-fault-${row.id}-`);
  mkdirSync(join(dir, 'data'), { mode: 0o700 });
  const options = row.kiosk(dir);
  // Reconciliation every second: a release the registry could not take (the demo registry's state is in the same full folder) settles while the row waits.
  const env = { ADM_KIOSK_TEST_HOOKS: '1', ADM_KIOSK_TEST_RECONCILE_MS: '1000', ...options.env };
  const kiosk = await startFaultKiosk({ dir, config: { printer: { uri: `emulator:${join(dir, 'paper')}` } }, ...options, env });
  try {
    const dataDir = kiosk.dataDir;
    // Read where the kiosk's folder is: inside its mount namespace when it has its own mount there.
    const read = row.privateMount === true ? (args: readonly string[]) => cliIn(kiosk, args) : cli;
    const [first, next] = (await holders(dataDir, 'kk', 2, read)) as [Holder, Holder];
    const preview = await upToPreview(kiosk.api(), first);
    if (preview.state.step !== 'previewing') throw new Error(`no preview: ${seen(preview)}`);
    const { during, note } = await row.act(kiosk);
    const api = kiosk.api();
    const end = await until(api, (view) => ['done', 'error', 'attract'].includes(view.state.step), 'the end of the faulted session');
    const log = await settledJob(dataDir, first.documentId, read);
    const registry = await documentStatus(dataDir, first.documentId, read);
    await api.endSession({});
    await nextResidentPrints(api, next);
    // Through /proc/PID/root when the folder is a mount of the kiosk's own namespace.
    const traces = tracesInDataFolder(row.privateMount === true ? `/proc/${kiosk.pid()}/root${dataDir}` : dataDir, first);
    return {
      traces, during, after: seen(end), log, registry: registry ?? 'unknown', lastView: end, note, crashes: crashLines(kiosk.output()) };
  } finally {
    await kiosk.stop();
  }
}

/** Runs an adm-kiosk command in the kiosk's mount namespace (a real process: 2 s or so). */
async function cliIn(kiosk: FaultKiosk, args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('nsenter', ['-t', String(kiosk.pid()), '-m', process.execPath, BIN, ...args], { cwd: ROOT, env: { ...process.env, ADM_KIOSK_DATA_DIR: '' }, maxBuffer: 64 * 1024 * 1024 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

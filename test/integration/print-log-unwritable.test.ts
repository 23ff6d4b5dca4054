import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { holderOf, transactionRig } from '../../src/api/test-support.ts';
import { KioskError } from '../../src/core/errors.ts';
import { loadOrCreateNikKey, PRINT_LOG_FILE, PrintLog } from '../../src/print-log/index.ts';

/**
 * Disk full, and a data folder gone read-only: the kiosk refuses to start a print it cannot
 * log (the resident is told why, the PIN still works) and loses nothing already logged.
 * Full disk: SQLite's max_page_count caps the file (as a full file system would); read-only:
 * a real read-only bind mount of the data folder in a private mount namespace (`unshare -m`, run as root as CI is).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'adm-unwritable-'));
  dirs.push(dir);
  return dir;
}

describe('a print log that cannot be written', () => {
  it('disk full: the next print is refused before the registry is asked (PRINT_LOG_FULL, PIN still valid); earlier rows and the chain are intact', async () => {
    const dir = tempDir();
    const r = await transactionRig(dir);
    const { citizen, document } = holderOf(r.registry, 'ktp');
    const first = r.transaction({ nik: citizen.nik, documentId: document.id, documentType: 'ktp' });
    expect((await first.authorize(document.pin)).ok).toBe(true);
    await first.cancel('resident', 'changed their mind');
    // A second connection capped at the file's size: every write that needs a page fails as on a full disk.
    const full = PrintLog.open(join(dir, PRINT_LOG_FILE), { nikKey: loadOrCreateNikKey(dir), clock: r.clock, kioskId: 'ADM-TEST-01', maxPageCount: 1 });
    let error: unknown;
    // Fill every page: big audit rows, then job rows like the print's own, until none fits.
    const fillers: (() => unknown)[] = [
      () => full.audit({ actor: 'system', action: 'filler', detail: 'x'.repeat(900) }),
      () => full.createIntent({ requestId: `filler-${Math.random()}`, documentType: 'ktp', documentId: 'filler', nik: citizen.nik, printer: 'filler' }),
    ];
    for (const fill of fillers) {
      error = undefined;
      for (let i = 0; i < 5000 && error === undefined; i += 1) {
        try {
          fill();
        } catch (e) {
          error = e;
        }
      }
    }
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe('PRINT_LOG_FULL');
    const second = r.transaction({ nik: citizen.nik, documentId: document.id, documentType: 'ktp' }, { log: full });
    const result = await second.authorize(document.pin);
    expect(result).toMatchObject({ ok: false, settlement: { outcome: 'failed', pin: 'still-valid', error: { code: 'PRINT_LOG_FULL' } } });
    expect(r.pinStatus(document.id)).toBe('ready');
    full.close();
    expect(r.log.listJobs({ from: '2000-01-01', to: '2100-01-01' }).filter((job) => job.documentId !== 'filler').map((job) => job.state)).toEqual(['cancelled']);
    expect(r.log.verifyChain().ok).toBe(true);
    await r.close();
  });

  it('read-only data folder: opening the log to write is refused as PRINT_LOG_READ_ONLY; what was logged is intact once the disk is writable again', () => {
    const dir = tempDir();
    const child = spawnSync('unshare', ['-m', process.execPath, '--import', 'tsx', join(ROOT, 'test/integration/fixtures/readonly-log-child.ts'), dir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ code: 'PRINT_LOG_READ_ONLY', jobs: 1, chainOk: true });
  });
});

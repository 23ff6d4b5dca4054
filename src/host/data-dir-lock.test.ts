import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../api/test-support.ts';
import { KioskError } from '../core/errors.ts';
import { DataDirLock, LOCK_NOTE_FILE, readLockHolder } from './data-dir-lock.ts';

/** In-process checks; the two-process and kill -9 checks are test/integration/data-dir-lock.test.ts. */
const tempDir = useTempDirs();

describe('data folder lock', () => {
  it('holds the folder exclusively, says who holds it, and lets go on release', () => {
    const dir = tempDir();
    const lock = DataDirLock.acquire(dir, 'start', { now: () => Date.parse('2026-11-20T03:00:00.000Z') });
    lock.setPort(4567);
    expect(readLockHolder(dir)).toMatchObject({ pid: process.pid, command: 'start', startedAt: '2026-11-20T03:00:00.000Z', port: 4567 });
    let refused: unknown;
    try {
      DataDirLock.acquire(dir, 'print');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(KioskError);
    expect(refused).toMatchObject({ code: 'DATA_DIR_LOCKED', message: expect.stringContaining(`in use by adm-kiosk start (pid ${process.pid}`) as unknown });
    expect((refused as KioskError).message).toContain('port 4567');
    lock.release();
    expect(existsSync(join(dir, LOCK_NOTE_FILE))).toBe(false);
    DataDirLock.acquire(dir, 'print').release();
  });

  it('a note alone is no lock: a note left behind by a dead process does not stop the next one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_NOTE_FILE), JSON.stringify({ pid: 999_999, command: 'start', startedAt: '2026-01-01T00:00:00.000Z', host: 'gone' }));
    const lock = DataDirLock.acquire(dir, 'start');
    expect(readLockHolder(dir)).toMatchObject({ pid: process.pid, command: 'start' });
    lock.release();
  });
});

import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { KioskError } from '../core/errors.ts';
import { createPrivateFile } from './data-dir.ts';

/**
 * One process per data folder. The process that serves a folder (or a CLI command that
 * writes to it) holds an exclusive OS lock on `<dataDir>/kiosk.lock`: a SQLite file opened in
 * EXCLUSIVE locking mode with a write transaction committed, so SQLite keeps its POSIX lock
 * until the connection closes, and the OS drops it when the process dies, even by kill -9.
 * Beside it, `kiosk.lock.json` says who holds it (pid, command, start time, port), for the
 * message another process prints when it is refused. The note alone proves nothing: the
 * lock is the OS lock.
 */
export const LOCK_FILE = 'kiosk.lock';
export const LOCK_NOTE_FILE = 'kiosk.lock.json';

const holderSchema = z.object({
  pid: z.number().int(),
  command: z.string(),
  startedAt: z.string(),
  host: z.string(),
  port: z.number().int().optional(),
});
export type LockHolder = z.infer<typeof holderSchema>;

/** Who holds (or last held) the folder's lock, as its note says; null when there is no readable note. */
export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(join(dataDir, LOCK_NOTE_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function describeHolder(holder: LockHolder | null): string {
  if (holder === null) return 'another adm-kiosk process';
  const port = holder.port === undefined ? '' : `, port ${holder.port}`;
  return `adm-kiosk ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}${port})`;
}

function writeNote(dataDir: string, holder: LockHolder): void {
  const file = join(dataDir, LOCK_NOTE_FILE);
  const temp = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(holder, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

export class DataDirLock {
  private released = false;

  private constructor(
    readonly dataDir: string,
    private readonly db: Database.Database,
    private holder: LockHolder,
  ) {}

  /**
   * Takes the folder's lock for this process, or refuses with DATA_DIR_LOCKED naming the
   * process that holds it. `command` is what the note says this process is ("start", "print").
   */
  static acquire(dataDir: string, command: string, clock: { now(): number } = { now: () => Date.now() }): DataDirLock {
    let db: Database.Database | undefined;
    try {
      // Made private before SQLite creates it with its own default mode (0644).
      createPrivateFile(join(dataDir, LOCK_FILE));
      db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
      db.pragma('locking_mode = EXCLUSIVE');
      // The first write takes the exclusive lock; in EXCLUSIVE mode SQLite keeps it until close.
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER); COMMIT;');
    } catch (cause) {
      db?.close();
      if ((cause as { code?: string }).code === 'SQLITE_BUSY') {
        throw new KioskError('DATA_DIR_LOCKED', `The data folder ${dataDir} is in use by ${describeHolder(readLockHolder(dataDir))}.`, {
          hint: 'One kiosk per data folder: stop that process first (or print through it), or use another --data-dir.',
        });
      }
      throw new KioskError('CONFIG_INVALID', `The data folder ${dataDir} cannot be locked: ${(cause as Error).message}.`, {
        hint: 'Check that the folder is writable by the kiosk user and on a local disk.',
        cause,
      });
    }
    const holder: LockHolder = { pid: process.pid, command, startedAt: new Date(clock.now()).toISOString(), host: hostname() };
    writeNote(dataDir, holder);
    return new DataDirLock(dataDir, db, holder);
  }

  /** Adds the loopback port to the note once the server listens. */
  setPort(port: number): void {
    if (this.released) return;
    this.holder = { ...this.holder, port };
    writeNote(this.dataDir, this.holder);
  }

  get note(): LockHolder {
    return this.holder;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    rmSync(join(this.dataDir, LOCK_NOTE_FILE), { force: true });
    this.db.close();
  }
}

import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../core/errors.ts';
import { migrate, schemaVersion } from './migrate.ts';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index.ts';
import { PrintLog } from './print-log.ts';
import { openLog, useTempDir } from './test-support.ts';

const tempDir = useTempDir();

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);

describe('migrate', () => {
  it('numbers the migrations 1, 2, ... with no gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('brings a new file to the latest version once; opening again applies nothing', () => {
    const db = new Database(join(tempDir(), 'log.sqlite'));
    const context = { chainKey: Buffer.alloc(32, 1) };
    expect(migrate(db, MIGRATIONS, LATEST_VERSION, context)).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(migrate(db, MIGRATIONS, LATEST_VERSION, context)).toEqual([]);
    db.close();
  });

  it('refuses, before touching anything, a migration that needs the chain key when none is given', () => {
    const db = new Database(join(tempDir(), 'log.sqlite'));
    migrate(db, MIGRATIONS, 2);
    expect(() => migrate(db)).toThrow(/needs the print log key/);
    expect(schemaVersion(db)).toBe(2);
    db.close();
  });

  it('rolls a failing migration back whole: schema and user_version stay as they were', () => {
    const db = new Database(join(tempDir(), 'log.sqlite'));
    const good: Migration = { version: 1, name: 'good', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') };
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (d) => {
        d.exec('CREATE TABLE b (x INTEGER)');
        d.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    migrate(db, [good]);
    const error = (() => {
      try {
        migrate(db, [good, bad]);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe('PRINT_LOG_ERROR');
    expect((error as KioskError).message).toBe('Migrating the print log to schema version 2 failed; the log was left unchanged.');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    db.close();
  });

  it('refuses a log written by a newer adm-kiosk instead of guessing', () => {
    const file = join(tempDir(), 'log.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openLog(file)).toThrow(`schema version ${LATEST_VERSION + 1}, newer than this adm-kiosk knows`);
    expect(() => PrintLog.openReadOnly(file)).toThrow(expect.objectContaining({ code: 'PRINT_LOG_ERROR', hint: 'Update adm-kiosk on this machine.' }));
  });

  it('refuses a migration list with a gap', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => undefined }])).toThrow('has version 2, expected 1');
    db.close();
  });
});

describe('PrintLog.open settings', () => {
  it('uses WAL, synchronous=FULL and foreign keys on a real file', () => {
    const file = join(tempDir(), 'print-log.sqlite');
    const { log } = openLog(file);
    log.close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal'); // persistent in the file
    db.close();
    // Per-connection settings, read through the open log's connection.
    const again = openLog(file).log;
    expect(again.connectionSettings()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: true });
    again.close();
  });

  it('refuses a file that is not a database with a message naming it', () => {
    const file = join(tempDir(), 'print-log.sqlite');
    writeFileSync(file, 'this is not sqlite at all, just some text that is long enough to look like a header..........');
    expect(() => openLog(file)).toThrow(`The print log ${file} could not be opened.`);
  });
});

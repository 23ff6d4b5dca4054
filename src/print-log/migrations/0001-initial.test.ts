import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.ts';
import { useTempDir } from '../test-support.ts';
import { MIGRATIONS } from './index.ts';

const tempDir = useTempDir();

/** Migration 1 from version 0 (an empty file). */
function atVersion1(): Database.Database {
  const db = new Database(join(tempDir(), 'log.sqlite'));
  db.pragma('foreign_keys = ON');
  expect(schemaVersion(db)).toBe(0);
  migrate(db, MIGRATIONS, 1);
  expect(schemaVersion(db)).toBe(1);
  return db;
}

const JOB = {
  kiosk_id: 'K1',
  document_type: 'kk',
  document_id: 'd1',
  authorization_id: 'a1',
  nik_masked: '320101********01',
  nik_hash: 'a'.repeat(64),
  state: 'authorized',
  printer: 'p',
  created_at: '2024-05-01T00:00:00.000Z',
  updated_at: '2024-05-01T00:00:00.000Z',
};

const insertJob = (db: Database.Database, overrides: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO print_jobs (kiosk_id, document_type, document_id, authorization_id, nik_masked, nik_hash, state, printer, created_at, updated_at, pages_done, page_count, bytes_sent)
       VALUES (@kiosk_id, @document_type, @document_id, @authorization_id, @nik_masked, @nik_hash, @state, @printer, @created_at, @updated_at, @pages_done, @page_count, @bytes_sent)`,
    )
    .run({ ...JOB, pages_done: 0, page_count: null, bytes_sent: 0, ...overrides });

describe('migration 0001-initial (from version 0)', () => {
  it('creates print_jobs and print_events with no column for a full NIK, a name or an address', () => {
    const db = atVersion1();
    const columns = (table: string) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((row) => row.name);
    expect(columns('print_jobs')).toEqual([
      'id',
      'kiosk_id',
      'document_type',
      'document_id',
      'authorization_id',
      'nik_masked',
      'nik_hash',
      'state',
      'pages_done',
      'page_count',
      'bytes_sent',
      'printer',
      'error_code',
      'error_message',
      'created_at',
      'updated_at',
    ]);
    expect(columns('print_events')).toEqual(['id', 'job_id', 'at', 'from_state', 'to_state', 'pages_done', 'bytes_sent', 'error_code', 'detail']);
    db.close();
  });

  it('enforces the states, the hash and mask lengths, whole numbers and pages done <= page count', () => {
    const db = atVersion1();
    expect(() => insertJob(db)).not.toThrow();
    expect(() => insertJob(db, { state: 'lost' })).toThrow(/CHECK/);
    expect(() => insertJob(db, { nik_masked: '3201014101900001x' })).toThrow(/CHECK/);
    expect(() => insertJob(db, { nik_hash: 'abc' })).toThrow(/CHECK/);
    expect(() => insertJob(db, { bytes_sent: 1.5 })).toThrow(/INTEGER/);
    expect(() => insertJob(db, { pages_done: 3, page_count: 2 })).toThrow(/CHECK/);
    db.close();
  });

  it('ties events to existing jobs (foreign key) and never reuses a job id', () => {
    const db = atVersion1();
    const event = db.prepare("INSERT INTO print_events (job_id, at, to_state, pages_done, bytes_sent) VALUES (?, '2024-05-01T00:00:00.000Z', 'authorized', 0, 0)");
    expect(() => event.run(99)).toThrow(/FOREIGN KEY/);
    const first = Number(insertJob(db).lastInsertRowid);
    event.run(first);
    expect(() => db.prepare('DELETE FROM print_jobs WHERE id = ?').run(first)).toThrow(/FOREIGN KEY/);
    const second = Number(insertJob(db).lastInsertRowid);
    db.prepare('DELETE FROM print_jobs WHERE id = ?').run(second);
    expect(Number(insertJob(db).lastInsertRowid)).toBe(second + 1);
    db.close();
  });
});

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.ts';
import { useTempDir } from '../test-support.ts';
import { MIGRATIONS } from './index.ts';

const tempDir = useTempDir();

const JOB = {
  kiosk_id: 'K1',
  document_type: 'kk',
  document_id: 'd1',
  nik_masked: '320101********01',
  nik_hash: 'a'.repeat(64),
  printer: 'p',
  created_at: '2024-05-01T00:00:00.000Z',
  updated_at: '2024-05-01T00:05:00.000Z',
};

/** A version-1 log with one job in each state that matters, events for each, and a deleted id. */
function version1(): Database.Database {
  const db = new Database(join(tempDir(), 'log.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, 1);
  const insert = db.prepare(
    `INSERT INTO print_jobs (kiosk_id, document_type, document_id, authorization_id, nik_masked, nik_hash, state, printer, created_at, updated_at, pages_done, page_count, bytes_sent)
     VALUES (@kiosk_id, @document_type, @document_id, @authorization_id, @nik_masked, @nik_hash, @state, @printer, @created_at, @updated_at, @pages_done, @page_count, @bytes_sent)`,
  );
  const event = db.prepare("INSERT INTO print_events (job_id, at, to_state, pages_done, bytes_sent) VALUES (?, '2024-05-01T00:00:00.000Z', ?, 0, 0)");
  const states = ['printed', 'failed', 'cancelled', 'interrupted', 'authorized', 'rendering', 'printing'];
  states.forEach((state, i) => {
    const id = Number(insert.run({ ...JOB, authorization_id: `a${i}`, state, pages_done: state === 'printed' ? 2 : 1, page_count: state === 'authorized' ? null : 2, bytes_sent: 10 }).lastInsertRowid);
    event.run(id, state);
  });
  // The newest id was handed out and deleted (it had no events): it must never come back.
  const gone = Number(insert.run({ ...JOB, authorization_id: 'gone', state: 'authorized', pages_done: 0, page_count: null, bytes_sent: 0 }).lastInsertRowid);
  db.prepare('DELETE FROM print_jobs WHERE id = ?').run(gone);
  return db;
}

describe('migration 0002-intent-and-pin-state (from version 1)', () => {
  it('keeps every job and event, and says what became of each PIN as version 1 left it', () => {
    const db = version1();
    expect(migrate(db, MIGRATIONS, 2)).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    const rows = db.prepare('SELECT id, state, pin_state, request_id, authorization_id, pages_done, pages_handed, first_byte_at FROM print_jobs ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, state: 'printed', pin_state: 'confirmed', request_id: null, authorization_id: 'a0', pages_done: 2, pages_handed: 2, first_byte_at: null },
      { id: 2, state: 'failed', pin_state: 'released', request_id: null, authorization_id: 'a1', pages_done: 1, pages_handed: 1, first_byte_at: null },
      { id: 3, state: 'cancelled', pin_state: 'released', request_id: null, authorization_id: 'a2', pages_done: 1, pages_handed: 1, first_byte_at: null },
      { id: 4, state: 'interrupted', pin_state: 'released', request_id: null, authorization_id: 'a3', pages_done: 1, pages_handed: 1, first_byte_at: null },
      { id: 5, state: 'authorized', pin_state: 'open', request_id: null, authorization_id: 'a4', pages_done: 1, pages_handed: 1, first_byte_at: null },
      { id: 6, state: 'rendering', pin_state: 'open', request_id: null, authorization_id: 'a5', pages_done: 1, pages_handed: 1, first_byte_at: null },
      // Unknown whether bytes left: assume they may have.
      { id: 7, state: 'printing', pin_state: 'open', request_id: null, authorization_id: 'a6', pages_done: 1, pages_handed: 1, first_byte_at: JOB.updated_at },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM print_events').get()).toEqual({ n: 7 });
    db.close();
  });

  it('keeps foreign keys on and enforced afterwards, and never reuses a job id', () => {
    const db = version1();
    migrate(db, MIGRATIONS, 2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("INSERT INTO print_events (job_id, at, to_state, pages_done, bytes_sent) VALUES (99, 'x', 'printed', 0, 0)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('DELETE FROM print_jobs WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    const next = db
      .prepare(
        `INSERT INTO print_jobs (kiosk_id, document_type, document_id, request_id, nik_masked, nik_hash, state, pin_state, printer, created_at, updated_at)
         VALUES ('K1', 'kk', 'd9', 'req-9', '320101********01', '${'b'.repeat(64)}', 'redeeming', 'pending', 'p', 'x', 'x')`,
      )
      .run();
    expect(Number(next.lastInsertRowid)).toBe(9);
    db.close();
  });

  it('checks the new rules: known states and PIN states, one row per request id, an authorization from authorized on', () => {
    const db = version1();
    migrate(db, MIGRATIONS, 2);
    const insert = (values: Record<string, unknown>) =>
      db
        .prepare(
          `INSERT INTO print_jobs (kiosk_id, document_type, document_id, request_id, authorization_id, nik_masked, nik_hash, state, pin_state, printer, created_at, updated_at)
           VALUES ('K1', 'kk', 'd', @request_id, @authorization_id, '320101********01', '${'c'.repeat(64)}', @state, @pin_state, 'p', 'x', 'x')`,
        )
        .run({ request_id: null, authorization_id: null, state: 'redeeming', pin_state: 'pending', ...values });
    expect(() => insert({ request_id: 'r1' })).not.toThrow();
    expect(() => insert({ request_id: 'r1' })).toThrow(/UNIQUE/);
    expect(() => insert({ state: 'lost' })).toThrow(/CHECK/);
    expect(() => insert({ pin_state: 'maybe' })).toThrow(/CHECK/);
    expect(() => insert({ state: 'printing', pin_state: 'open' })).toThrow(/CHECK/);
    expect(() => insert({ state: 'printing', pin_state: 'open', authorization_id: 'a' })).not.toThrow();
    db.close();
  });

  it('rolls back whole and turns foreign keys back on when a rebuild would leave a dangling event', () => {
    const db = version1();
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO print_events (job_id, at, to_state, pages_done, bytes_sent) VALUES (4242, 'x', 'printed', 0, 0)").run();
    db.pragma('foreign_keys = ON');
    expect(() => migrate(db, MIGRATIONS, 2)).toThrow(/pointing at missing rows/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect((db.prepare("SELECT name FROM pragma_table_info('print_jobs')").all() as { name: string }[]).map((c) => c.name)).not.toContain('pin_state');
    db.close();
  });
});

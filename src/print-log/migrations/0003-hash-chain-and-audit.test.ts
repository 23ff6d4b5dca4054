import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.ts';
import { openLog, TEST_KEY, useTempDir } from '../test-support.ts';
import { PrintLog } from '../print-log.ts';
import { MIGRATIONS } from './index.ts';

const tempDir = useTempDir();

/** A version-2 log: a printed job with four events, a failed one with two. */
function version2(): string {
  const file = join(tempDir(), 'print-log.sqlite');
  const db = new Database(file);
  migrate(db, MIGRATIONS, 2);
  const job = db.prepare(
    `INSERT INTO print_jobs (kiosk_id, document_type, document_id, request_id, authorization_id, nik_masked, nik_hash, state, pin_state, pages_done, pages_handed, page_count, printer, created_at, updated_at)
     VALUES ('K1', 'kk', ?, ?, ?, '320101********01', ?, ?, ?, ?, ?, 2, 'p', '2024-05-01T00:00:00.000Z', '2024-05-01T00:05:00.000Z')`,
  );
  const event = db.prepare("INSERT INTO print_events (job_id, at, from_state, to_state, pages_done, bytes_sent) VALUES (?, '2024-05-01T00:00:00.000Z', ?, ?, 0, 0)");
  job.run('d1', 'r1', 'a1', 'a'.repeat(64), 'printed', 'confirmed', 2, 2);
  for (const [from, to] of [[null, 'redeeming'], ['redeeming', 'authorized'], ['authorized', 'rendering'], ['printing', 'printed']]) event.run(1, from, to);
  job.run('d2', 'r2', 'a2', 'b'.repeat(64), 'failed', 'released', 0, 0);
  event.run(2, null, 'redeeming');
  event.run(2, 'redeeming', 'failed');
  db.close();
  return file;
}

describe('migration 0003-hash-chain-and-audit (from version 2)', () => {
  it('chains the existing events in order, witnesses each job row by its newest event, and the log verifies', () => {
    const file = version2();
    const { log } = openLog(file);
    expect(log.verifyChain()).toMatchObject({ ok: true, rows: 6, jobs: 2, head: { seq: 6 } });
    log.close();
    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT id, seq, job_hash IS NOT NULL AS witnessed FROM print_events ORDER BY id').all()).toEqual([
      { id: 1, seq: 1, witnessed: 0 },
      { id: 2, seq: 2, witnessed: 0 },
      { id: 3, seq: 3, witnessed: 0 },
      { id: 4, seq: 4, witnessed: 1 },
      { id: 5, seq: 5, witnessed: 0 },
      { id: 6, seq: 6, witnessed: 1 },
    ]);
    db.close();
  });

  it('new rows continue the migrated chain; an edit of a migrated row is caught', () => {
    const file = version2();
    const { log } = openLog(file);
    log.audit({ actor: 'system', action: 'start-up' });
    expect(log.verifyChain()).toMatchObject({ ok: true, rows: 7 });
    log.close();
    const attacker = new Database(file);
    attacker.exec('DROP TRIGGER print_events_no_update');
    attacker.prepare("UPDATE print_events SET to_state = 'cancelled' WHERE id = 6").run();
    attacker.close();
    const reader = PrintLog.openReadOnly(file, { nikKey: TEST_KEY });
    expect(reader.verifyChain()).toMatchObject({ ok: false, firstBad: { table: 'print_events', id: 6 } });
    reader.close();
  });
});

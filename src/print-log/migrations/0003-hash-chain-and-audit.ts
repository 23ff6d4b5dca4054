import { KioskError } from '../../core/errors.ts';
import { canonicalEvent, GENESIS_HASH, jobHash, linkHash } from '../chain.ts';
import type { JobRow } from '../job-row.ts';
import type { Migration } from './migration.ts';

/**
 * Version 3: the hash chain and the audit table (src/print-log/chain.ts, docs/decisions/0404).
 *
 * - `print_events` gets `seq` (position in the chain, unique), `job_hash` (the job row's
 *   snapshot hash right after the event) and `hash` (the link). Existing events are chained
 *   in id order; the newest event of each job gets the job row's current snapshot hash (what
 *   happened to the row before version 3 was not recorded, so older events carry none).
 * - `audit`: ops, technician and system actions (`at, actor, action, detail`), in the same
 *   chain as the events.
 * - `chain_head`: the newest position and hash, so rows cut off the end are noticed.
 * - Triggers refuse UPDATE and DELETE of chained rows (an UPDATE only while `hash` is still
 *   NULL, inside the transaction that appends the row). They keep honest code honest; a
 *   person who drops them is caught by `log verify`.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'hash-chain-and-audit',
  needsChainKey: true,
  up(db, context) {
    const key = context.chainKey;
    if (key === undefined) throw new KioskError('PRINT_LOG_ERROR', 'Print log migration 3 needs the chain key.');
    db.exec(`
      ALTER TABLE print_events ADD COLUMN seq INTEGER;
      ALTER TABLE print_events ADD COLUMN job_hash TEXT;
      ALTER TABLE print_events ADD COLUMN hash TEXT;

      CREATE TABLE audit (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        seq     INTEGER NOT NULL,
        at      TEXT    NOT NULL,
        actor   TEXT    NOT NULL CHECK (actor IN ('ops', 'technician', 'system')),
        action  TEXT    NOT NULL CHECK (action <> ''),
        detail  TEXT,
        hash    TEXT
      ) STRICT;

      CREATE TABLE chain_head (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        seq   INTEGER NOT NULL,
        hash  TEXT    NOT NULL
      ) STRICT;
    `);
    const latest = db.prepare('SELECT max(id) AS id FROM print_events WHERE job_id = ?').pluck();
    const jobs = db.prepare('SELECT * FROM print_jobs ORDER BY id').iterate() as IterableIterator<JobRow>;
    const latestHash = new Map<number, string>();
    for (const job of jobs) {
      const eventId = latest.get(job.id) as number | null;
      if (eventId !== null) latestHash.set(eventId, jobHash(job));
    }
    const events = db.prepare('SELECT id, job_id, at, from_state, to_state, pages_done, bytes_sent, error_code, detail FROM print_events ORDER BY id').all() as {
      id: number;
      job_id: number;
      at: string;
      from_state: string | null;
      to_state: string;
      pages_done: number;
      bytes_sent: number;
      error_code: string | null;
      detail: string | null;
    }[];
    const update = db.prepare('UPDATE print_events SET seq = ?, job_hash = ?, hash = ? WHERE id = ?');
    let previous = GENESIS_HASH;
    let seq = 0;
    for (const event of events) {
      seq += 1;
      const row = { ...event, seq, job_hash: latestHash.get(event.id) ?? null };
      previous = linkHash(key, previous, canonicalEvent(row));
      update.run(seq, row.job_hash, previous, event.id);
    }
    db.prepare('INSERT INTO chain_head (id, seq, hash) VALUES (1, ?, ?)').run(seq, previous);
    db.exec(`
      CREATE UNIQUE INDEX print_events_seq ON print_events (seq);
      CREATE UNIQUE INDEX audit_seq ON audit (seq);
      CREATE INDEX audit_at ON audit (at);

      CREATE TRIGGER print_events_no_update BEFORE UPDATE ON print_events WHEN OLD.hash IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'print_events rows are append-only'); END;
      CREATE TRIGGER print_events_no_delete BEFORE DELETE ON print_events
      BEGIN SELECT RAISE(ABORT, 'print_events rows are append-only'); END;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN OLD.hash IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
    `);
  },
};

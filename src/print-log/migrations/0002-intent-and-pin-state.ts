import type { Migration } from './migration.ts';

/**
 * Version 2: the print transaction (src/api/README.md).
 *
 * - New states: `redeeming` (the intent, written before the registry redeems the PIN),
 *   `refused` (the registry refused the PIN) and `needs-review` (pages may have come out; the
 *   PIN is held for ops). The state CHECK changes, so `print_jobs` is rebuilt.
 * - `authorization_id` may be NULL (a `redeeming` row has none yet; a refused one never will),
 *   but every row that got as far as `authorized` carries one (CHECK).
 * - `request_id`: the id the kiosk chose for the redeem, unique; the registry stores the
 *   authorization under it, so recovery can ask what became of a redeem the kiosk never heard
 *   back from. NULL for rows written by version 1.
 * - `pin_state`: what became of the PIN (pending, not-redeemed, open, held, confirmed,
 *   released). Version-1 rows: printed -> confirmed; failed, cancelled, interrupted ->
 *   released (version 1 released them); active rows -> open (recovery decides).
 * - `first_byte_at`: set just before the first byte of the document is handed to the printer.
 *   NULL means no byte left the kiosk, so the PIN may be released. Version-1 rows still
 *   `printing` get their `updated_at` (unknown, so assume bytes may have left).
 * - `pages_handed`: pages whose every byte the printer's link accepted (>= pages_done), as
 *   far as the kiosk learned it.
 *
 * `print_events` is unchanged; its foreign key to `print_jobs (id)` holds across the rebuild
 * (ids are copied, `migrate` checks the keys before committing). The AUTOINCREMENT counter is
 * carried over, so a job id is still never reused.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'intent-and-pin-state',
  rebuildsTables: true,
  up(db) {
    const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'print_jobs'").get() as { seq: number } | undefined;
    db.exec(`
      CREATE TABLE print_jobs_v2 (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        kiosk_id         TEXT    NOT NULL CHECK (kiosk_id <> ''),
        document_type    TEXT    NOT NULL CHECK (document_type <> ''),
        document_id      TEXT    NOT NULL CHECK (document_id <> ''),
        request_id       TEXT    CHECK (request_id IS NULL OR request_id <> ''),
        authorization_id TEXT    CHECK (authorization_id IS NULL OR authorization_id <> ''),
        nik_masked       TEXT    NOT NULL CHECK (length(nik_masked) = 16),
        nik_hash         TEXT    NOT NULL CHECK (length(nik_hash) = 64),
        state            TEXT    NOT NULL CHECK (state IN ('redeeming', 'authorized', 'rendering', 'printing', 'printed', 'refused', 'failed', 'cancelled', 'interrupted', 'needs-review')),
        pin_state        TEXT    NOT NULL CHECK (pin_state IN ('pending', 'not-redeemed', 'open', 'held', 'confirmed', 'released')),
        pages_done       INTEGER NOT NULL DEFAULT 0 CHECK (pages_done >= 0),
        pages_handed     INTEGER NOT NULL DEFAULT 0 CHECK (pages_handed >= 0),
        page_count       INTEGER CHECK (page_count IS NULL OR page_count >= 0),
        bytes_sent       INTEGER NOT NULL DEFAULT 0 CHECK (bytes_sent >= 0),
        first_byte_at    TEXT,
        printer          TEXT    NOT NULL,
        error_code       TEXT,
        error_message    TEXT,
        created_at       TEXT    NOT NULL,
        updated_at       TEXT    NOT NULL,
        CHECK (page_count IS NULL OR pages_done <= page_count),
        CHECK (page_count IS NULL OR pages_handed <= page_count),
        CHECK (authorization_id IS NOT NULL OR state IN ('redeeming', 'refused', 'failed', 'cancelled', 'interrupted', 'needs-review'))
      ) STRICT;

      INSERT INTO print_jobs_v2 (id, kiosk_id, document_type, document_id, request_id, authorization_id, nik_masked, nik_hash, state, pin_state,
                                 pages_done, pages_handed, page_count, bytes_sent, first_byte_at, printer, error_code, error_message, created_at, updated_at)
      SELECT id, kiosk_id, document_type, document_id, NULL, authorization_id, nik_masked, nik_hash, state,
             CASE state WHEN 'printed' THEN 'confirmed' WHEN 'failed' THEN 'released' WHEN 'cancelled' THEN 'released' WHEN 'interrupted' THEN 'released' ELSE 'open' END,
             pages_done, pages_done, page_count, bytes_sent,
             CASE state WHEN 'printing' THEN updated_at ELSE NULL END,
             printer, error_code, error_message, created_at, updated_at
      FROM print_jobs;

      DROP TABLE print_jobs;
      ALTER TABLE print_jobs_v2 RENAME TO print_jobs;

      CREATE INDEX print_jobs_created_at ON print_jobs (created_at);
      CREATE INDEX print_jobs_nik_hash ON print_jobs (nik_hash);
      CREATE UNIQUE INDEX print_jobs_request_id ON print_jobs (request_id) WHERE request_id IS NOT NULL;
      CREATE INDEX print_jobs_unsettled ON print_jobs (state, pin_state)
        WHERE state IN ('redeeming', 'authorized', 'rendering', 'printing') OR pin_state IN ('pending', 'open');
    `);
    if (sequence !== undefined) {
      db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'print_jobs'").run(sequence.seq);
      db.prepare("INSERT INTO sqlite_sequence (name, seq) SELECT 'print_jobs', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'print_jobs')").run(sequence.seq);
    }
  },
};

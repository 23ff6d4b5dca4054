import type { Migration } from './migration.ts';

/**
 * Version 1: one row per print job, one row per lifecycle transition.
 *
 * Privacy: there is no column for a full NIK, a name or an address. The resident appears
 * only as `nik_masked` (region code and last two digits) and `nik_hash` (HMAC-SHA256 of the
 * NIK with the kiosk's secret key), enough to count prints per person.
 *
 * Timestamps are ISO 8601 UTC with milliseconds (`2024-05-01T03:04:05.000Z`): fixed width,
 * so text order is time order and range queries can use the index.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        kiosk_id         TEXT    NOT NULL CHECK (kiosk_id <> ''),
        document_type    TEXT    NOT NULL CHECK (document_type <> ''),
        document_id      TEXT    NOT NULL CHECK (document_id <> ''),
        authorization_id TEXT    NOT NULL CHECK (authorization_id <> ''),
        nik_masked       TEXT    NOT NULL CHECK (length(nik_masked) = 16),
        nik_hash         TEXT    NOT NULL CHECK (length(nik_hash) = 64),
        state            TEXT    NOT NULL CHECK (state IN ('authorized', 'rendering', 'printing', 'printed', 'failed', 'cancelled', 'interrupted')),
        pages_done       INTEGER NOT NULL DEFAULT 0 CHECK (pages_done >= 0),
        page_count       INTEGER CHECK (page_count IS NULL OR page_count >= 0),
        bytes_sent       INTEGER NOT NULL DEFAULT 0 CHECK (bytes_sent >= 0),
        printer          TEXT    NOT NULL,
        error_code       TEXT,
        error_message    TEXT,
        created_at       TEXT    NOT NULL,
        updated_at       TEXT    NOT NULL,
        CHECK (page_count IS NULL OR pages_done <= page_count)
      ) STRICT;

      CREATE INDEX print_jobs_created_at ON print_jobs (created_at);
      CREATE INDEX print_jobs_nik_hash ON print_jobs (nik_hash);
      CREATE INDEX print_jobs_active ON print_jobs (state) WHERE state IN ('authorized', 'rendering', 'printing');

      CREATE TABLE print_events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id      INTEGER NOT NULL REFERENCES print_jobs (id) ON DELETE RESTRICT,
        at          TEXT    NOT NULL,
        from_state  TEXT,
        to_state    TEXT    NOT NULL,
        pages_done  INTEGER NOT NULL,
        bytes_sent  INTEGER NOT NULL,
        error_code  TEXT,
        detail      TEXT
      ) STRICT;

      CREATE INDEX print_events_job ON print_events (job_id, id);
    `);
  },
};

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ManualClock } from '../../../src/core/clock.ts';
import { canonicalEvent, deriveChainKey, GENESIS_HASH, jobHash, linkHash } from '../../../src/print-log/chain.ts';
import type { JobRow } from '../../../src/print-log/job-row.ts';
import { PRINT_LOG_FILE, PrintLog } from '../../../src/print-log/index.ts';

export const BENCH_KEY = Buffer.alloc(32, 5);
export const BENCH_KIOSK = 'ADM-BENCH-01';
/** Jobs spread over 2025, one every ~31 s. */
export const BENCH_FROM = '2025-01-01';
export const BENCH_TO = '2025-12-31';
const TYPES = ['kk', 'ktp', 'kia', 'akta-kelahiran', 'akta-kematian'];

/**
 * A print log of `jobs` finished jobs, each with one chained event that witnesses it: a valid
 * chain, built through a bulk connection (synchronous OFF, one transaction) because a million
 * single fsynced writes would take an hour. The schema is made by PrintLog.open itself.
 */
export function buildBigLog(dir: string, jobs: number): string {
  const file = join(dir, PRINT_LOG_FILE);
  PrintLog.open(file, { nikKey: BENCH_KEY, clock: new ManualClock(0), kioskId: BENCH_KIOSK }).close();
  const key = deriveChainKey(BENCH_KEY);
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insertJob = db.prepare(
    `INSERT INTO print_jobs (id, kiosk_id, document_type, document_id, request_id, authorization_id, nik_masked, nik_hash, state, pin_state, pages_done, pages_handed, page_count, bytes_sent, first_byte_at, printer, error_code, error_message, created_at, updated_at)
     VALUES (@id, @kiosk_id, @document_type, @document_id, @request_id, @authorization_id, @nik_masked, @nik_hash, @state, @pin_state, @pages_done, @pages_handed, @page_count, @bytes_sent, @first_byte_at, @printer, @error_code, @error_message, @created_at, @updated_at)`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO print_events (id, job_id, at, from_state, to_state, pages_done, bytes_sent, error_code, detail, seq, job_hash, hash) VALUES (@id, @job_id, @at, @from_state, @to_state, @pages_done, @bytes_sent, @error_code, @detail, @seq, @job_hash, @hash)',
  );
  const start = Date.parse(`${BENCH_FROM}T00:00:00+07:00`);
  const step = Math.floor((365 * 86_400_000) / jobs);
  let previous = GENESIS_HASH;
  db.transaction(() => {
    for (let id = 1; id <= jobs; id += 1) {
      const at = new Date(start + id * step).toISOString();
      const failed = id % 17 === 0;
      const job: JobRow = {
        id,
        kiosk_id: BENCH_KIOSK,
        document_type: TYPES[id % TYPES.length] ?? 'kk',
        document_id: `DOC-${id}`,
        request_id: `req-${id}`,
        authorization_id: `auth-${id}`,
        nik_masked: '320101********01',
        nik_hash: (id * 2654435761).toString(16).padStart(64, '0').slice(-64),
        state: failed ? 'failed' : 'printed',
        pin_state: failed ? 'released' : 'confirmed',
        pages_done: failed ? 0 : 2,
        pages_handed: failed ? 0 : 2,
        page_count: 2,
        bytes_sent: 513_000,
        first_byte_at: at,
        printer: 'ESC/POS emulator, A4 203 dpi',
        error_code: failed ? 'PRINTER_PAPER_END' : null,
        error_message: failed ? 'The printer is out of paper' : null,
        created_at: at,
        updated_at: at,
      };
      insertJob.run(job);
      const event = { id, seq: id, job_id: id, at, from_state: null, to_state: job.state, pages_done: job.pages_done, bytes_sent: 513_000, error_code: job.error_code, detail: null, job_hash: jobHash(job) };
      previous = linkHash(key, previous, canonicalEvent(event));
      insertEvent.run({ ...event, hash: previous });
    }
    db.prepare('UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1').run(jobs, previous);
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name IN ('print_jobs', 'print_events')").run(jobs);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

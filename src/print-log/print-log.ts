import Database from 'better-sqlite3';
import type { Clock } from '../core/clock.ts';
import { isDocumentType } from '../core/documents.ts';
import { KioskError, type ErrorData } from '../core/errors.ts';
import { maskNik } from '../core/mask.ts';
import { parseNik } from '../core/nik.ts';
import { rangeToUtc, WIB_OFFSET_MINUTES, type DateRange } from './dates.ts';
import { JOB_COLUMNS, toEvent, toJob, type EventRow, type JobRow } from './job-row.ts';
import { FINAL_STATES, PRINT_JOB_STATES, canTransition, type PrintJobState } from './lifecycle.ts';
import { logError, requireCount, requireText } from './log-errors.ts';
import { migrate, schemaVersion } from './migrate.ts';
import { LATEST_VERSION } from './migrations/index.ts';
import { hashNik, scrubText } from './privacy.ts';
import type { NewPrintJob, PrintEvent, PrintJob, PrintStats, PrintStatsRow } from './types.ts';

export type { NewPrintJob, PrintEvent, PrintJob, PrintStats, PrintStatsRow } from './types.ts';

export interface PrintLogOptions {
  /** At least 32 bytes of secret key for the NIK hash (see `loadOrCreateNikKey`). */
  readonly nikKey: Buffer;
  readonly clock: Clock;
  readonly kioskId: string;
}

type Writer = PrintLogOptions;

/**
 * The kiosk's local print log: one SQLite file (WAL, synchronous=FULL, foreign keys on),
 * a row per print job moved through its lifecycle, and an event row per transition.
 * Every write is one IMMEDIATE transaction. Open read-write with `open` (the kiosk
 * service) or read-only with `openReadOnly` (export and stats).
 */
export class PrintLog {
  private readonly statements = new Map<string, Database.Statement>();
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly writer: Writer | null,
  ) {}

  /** Opens (creating it if needed) and migrates the log for writing. */
  static open(file: string, options: PrintLogOptions): PrintLog {
    if (!Buffer.isBuffer(options.nikKey) || options.nikKey.length < 32) {
      throw new KioskError('PRINT_LOG_ERROR', 'The print log NIK key must be at least 32 bytes.', { hint: 'Load it with loadOrCreateNikKey(dataDir).' });
    }
    requireText(options.kioskId, 'kiosk id', 64);
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: 5000 });
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
      // FULL: a kiosk loses power without warning, and each row stands for a one-time print
      // authorization; an fsync per commit costs little at a few writes per print (see docs/decisions/0400).
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
    } catch (error) {
      db?.close();
      throw logError(`The print log ${file} could not be opened.`, error, 'Check that the data folder exists, is writable, and that the file is a print log.');
    }
    try {
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new PrintLog(db, file, { ...options });
  }

  /** Opens an existing log for reading only: it is never created, migrated or written. */
  static openReadOnly(file: string): PrintLog {
    let db: Database.Database | undefined;
    let version: number;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
      db.pragma('foreign_keys = ON');
      version = schemaVersion(db);
    } catch (error) {
      db?.close();
      throw logError(`The print log ${file} could not be opened for reading.`, error, 'Check the path (--data-dir) and that the file is a print log.');
    }
    if (version !== LATEST_VERSION) {
      db.close();
      if (version === 0) throw logError(`${file} is not a print log (it has no print log schema).`, undefined, 'Check the path (--data-dir).');
      throw logError(
        `The print log ${file} has schema version ${version}; this adm-kiosk reads version ${LATEST_VERSION}.`,
        undefined,
        version < LATEST_VERSION ? 'Start the kiosk service once after the update: it upgrades the log.' : 'Update adm-kiosk on this machine.',
      );
    }
    return new PrintLog(db, file, null);
  }

  get readOnly(): boolean {
    return this.writer === null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // ---- writing -------------------------------------------------------------------------

  /** Records a new job in `authorized`: the resident's PIN was redeemed for this document. */
  createJob(input: NewPrintJob): PrintJob {
    const writer = this.requireWriter();
    if (!isDocumentType(input.documentType)) {
      throw logError(`"${String(input.documentType)}" is not a document type the kiosk prints.`, undefined, 'This is a bug in the caller of the print log.');
    }
    const nik = parseNik(input.nik).nik;
    const row = {
      kiosk_id: writer.kioskId,
      document_type: input.documentType,
      document_id: requireText(input.documentId, 'document id'),
      authorization_id: requireText(input.authorizationId, 'authorization id'),
      nik_masked: maskNik(nik),
      nik_hash: hashNik(nik, writer.nikKey),
      printer: scrubText(requireText(input.printer, 'printer description')),
      at: this.now(),
    };
    return this.write('creating a print job', () => {
      const result = this.stmt(
        `INSERT INTO print_jobs (kiosk_id, document_type, document_id, authorization_id, nik_masked, nik_hash, state, printer, created_at, updated_at)
         VALUES (@kiosk_id, @document_type, @document_id, @authorization_id, @nik_masked, @nik_hash, 'authorized', @printer, @at, @at)`,
      ).run(row);
      const id = Number(result.lastInsertRowid);
      this.insertEvent(id, row.at, null, 'authorized', 0, 0, null, null);
      return this.requireJob(id);
    });
  }

  markRendering(id: number): PrintJob {
    return this.transition(id, 'rendering', {});
  }

  /** Rendering is done: the job now knows its page count and starts sending pages. */
  markPrinting(id: number, progress: { readonly pageCount: number }): PrintJob {
    const pageCount = requireCount(progress.pageCount, 'page count');
    if (pageCount === 0) throw logError('A print job needs at least one page.', undefined, 'This is a bug in the caller of the print log.');
    return this.transition(id, 'printing', { pageCount });
  }

  /**
   * Progress while printing (not a transition: no event row). Pages done and bytes sent
   * are totals so far; neither may go down, and pages done may not pass the page count.
   */
  markProgress(id: number, progress: { readonly pagesDone: number; readonly bytesSent: number }): PrintJob {
    this.requireWriter();
    const pagesDone = requireCount(progress.pagesDone, 'pages done');
    const bytesSent = requireCount(progress.bytesSent, 'bytes sent');
    return this.write('recording print progress', () => {
      const job = this.requireJob(id);
      if (job.state !== 'printing') {
        throw logError(`Print job ${id} is ${job.state}; progress is only recorded while printing.`, undefined, 'This is a bug in the caller of the print log.');
      }
      if (pagesDone < job.pagesDone || bytesSent < job.bytesSent) {
        throw logError(
          `Print job ${id} progress cannot go back (pages ${job.pagesDone} -> ${pagesDone}, bytes ${job.bytesSent} -> ${bytesSent}).`,
          undefined,
          'Report totals so far, not per-page amounts.',
        );
      }
      if (job.pageCount !== null && pagesDone > job.pageCount) {
        throw logError(`Print job ${id} has ${job.pageCount} pages; ${pagesDone} cannot be done.`, undefined, 'This is a bug in the caller of the print log.');
      }
      this.stmt('UPDATE print_jobs SET pages_done = ?, bytes_sent = ?, updated_at = ? WHERE id = ?').run(pagesDone, bytesSent, this.now(), id);
      return this.requireJob(id);
    });
  }

  /** The printer confirmed the last page: pages done becomes the page count. */
  markPrinted(id: number): PrintJob {
    return this.transition(id, 'printed', { completePages: true });
  }

  markFailed(id: number, error: ErrorData): PrintJob {
    return this.transition(id, 'failed', { errorCode: error.code, errorMessage: scrubText(error.message) }, error.hint === undefined ? null : scrubText(error.hint));
  }

  /** Stopped on purpose (the resident or a technician); `reason` is kept as the message, code PRINT_CANCELLED. */
  markCancelled(id: number, reason: string): PrintJob {
    const text = scrubText(requireText(reason, 'cancel reason', 500));
    return this.transition(id, 'cancelled', { errorCode: 'PRINT_CANCELLED', errorMessage: text }, text);
  }

  /**
   * Start-up recovery: every job left in authorized, rendering or printing (the kiosk
   * stopped mid-job) becomes `interrupted`, pages done kept. Returns those jobs, so the
   * caller can release their print authorizations (the resident did not get the document).
   */
  recoverInterrupted(): PrintJob[] {
    this.requireWriter();
    return this.write('recovering interrupted print jobs', () => {
      const at = this.now();
      const rows = this.stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE state IN ('authorized', 'rendering', 'printing') ORDER BY id`).all() as JobRow[];
      for (const row of rows) {
        this.stmt("UPDATE print_jobs SET state = 'interrupted', updated_at = ? WHERE id = ?").run(at, row.id);
        this.insertEvent(row.id, at, row.state, 'interrupted', row.pages_done, row.bytes_sent, null, `the kiosk stopped while the job was ${row.state}`);
      }
      return rows.map((row) => toJob({ ...row, state: 'interrupted', updated_at: at }));
    });
  }

  // ---- reading -------------------------------------------------------------------------

  getJob(id: number): PrintJob | undefined {
    const row = this.read(() => this.stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE id = ?`).get(id) as JobRow | undefined);
    return row === undefined ? undefined : toJob(row);
  }

  /** The job's transitions, oldest first. */
  getEvents(jobId: number): PrintEvent[] {
    return this.read(() => (this.stmt('SELECT * FROM print_events WHERE job_id = ? ORDER BY id').all(jobId) as EventRow[]).map(toEvent));
  }

  /** Jobs created in the range (local calendar days, inclusive), oldest first. */
  listJobs(range: DateRange): PrintJob[] {
    return [...this.iterateJobs(range)];
  }

  /**
   * The same rows as `listJobs`, one at a time from a live statement (`stmt.iterate()`):
   * memory stays flat however many rows there are. The log cannot be used for anything
   * else until the iteration ends (or is broken off).
   */
  *iterateJobs(range: DateRange): Generator<PrintJob, void, undefined> {
    const { startIso, endIso } = rangeToUtc(range);
    const statement = this.stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`);
    let rows: IterableIterator<unknown>;
    try {
      rows = statement.iterate(startIso, endIso);
    } catch (error) {
      throw logError('Reading the print log failed.', error);
    }
    for (const row of rows) yield toJob(row as JobRow);
  }

  /** Jobs and pages per document type and state for a range of local calendar days. */
  stats(range: DateRange): PrintStats {
    const { startIso, endIso } = rangeToUtc(range);
    const rows = this.read(
      () =>
        this.stmt(
          `SELECT document_type AS documentType, state, count(*) AS jobs, total(pages_done) AS pages
           FROM print_jobs WHERE created_at >= ? AND created_at < ?
           GROUP BY document_type, state ORDER BY document_type, state`,
        ).all(startIso, endIso) as PrintStatsRow[],
    );
    const order = (state: PrintJobState) => PRINT_JOB_STATES.indexOf(state);
    const sorted = rows.map((row) => ({ ...row, pages: Number(row.pages) })).sort((a, b) => a.documentType.localeCompare(b.documentType) || order(a.state) - order(b.state));
    return {
      from: range.from,
      to: range.to,
      utcOffsetMinutes: range.utcOffsetMinutes ?? WIB_OFFSET_MINUTES,
      jobs: sorted.reduce((sum, row) => sum + row.jobs, 0),
      pages: sorted.reduce((sum, row) => sum + row.pages, 0),
      rows: sorted,
    };
  }

  // ---- internals -----------------------------------------------------------------------

  private transition(
    id: number,
    to: PrintJobState,
    changes: { pageCount?: number; completePages?: boolean; errorCode?: string; errorMessage?: string },
    detail: string | null = null,
  ): PrintJob {
    this.requireWriter();
    return this.write(`marking print job ${id} ${to}`, () => {
      const job = this.requireJob(id);
      if (!canTransition(job.state, to)) {
        const final = FINAL_STATES.includes(job.state);
        throw logError(
          `Print job ${id} cannot go from ${job.state} to ${to}.`,
          undefined,
          final ? `${job.state} is final: a job never changes after it; a new print needs a new job.` : 'This is a bug in the caller of the print log.',
        );
      }
      const at = this.now();
      const pageCount = changes.pageCount ?? job.pageCount;
      const pagesDone = changes.completePages === true && pageCount !== null ? pageCount : job.pagesDone;
      const errorCode = changes.errorCode ?? null;
      this.stmt('UPDATE print_jobs SET state = ?, page_count = ?, pages_done = ?, error_code = ?, error_message = ?, updated_at = ? WHERE id = ?').run(
        to,
        pageCount,
        pagesDone,
        errorCode,
        changes.errorMessage ?? null,
        at,
        id,
      );
      this.insertEvent(id, at, job.state, to, pagesDone, job.bytesSent, errorCode, detail ?? changes.errorMessage ?? null);
      return this.requireJob(id);
    });
  }

  private insertEvent(jobId: number, at: string, from: PrintJobState | null, to: PrintJobState, pagesDone: number, bytesSent: number, errorCode: string | null, detail: string | null): void {
    this.stmt('INSERT INTO print_events (job_id, at, from_state, to_state, pages_done, bytes_sent, error_code, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      jobId,
      at,
      from,
      to,
      pagesDone,
      bytesSent,
      errorCode,
      detail,
    );
  }

  private requireJob(id: number): PrintJob {
    if (!Number.isSafeInteger(id)) throw logError(`"${String(id)}" is not a print job id.`, undefined, 'This is a bug in the caller of the print log.');
    const row = this.stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE id = ?`).get(id) as JobRow | undefined;
    if (row === undefined) throw logError(`There is no print job ${id} in the log.`, undefined, 'This is a bug in the caller of the print log.');
    return toJob(row);
  }

  private requireWriter(): Writer {
    if (this.writer === null) throw logError(`The print log ${this.file} was opened read-only.`, undefined, 'Open it with PrintLog.open to write.');
    return this.writer;
  }

  private now(): string {
    return new Date(this.requireWriter().clock.now()).toISOString();
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** One IMMEDIATE transaction; SQLite failures become PRINT_LOG_ERROR naming the action. */
  private write<T>(action: string, fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      if (error instanceof KioskError) throw error;
      throw logError(`The print log could not be written (${action}).`, error);
    }
  }

  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof KioskError) throw error;
      throw logError('Reading the print log failed.', error);
    }
  }
}

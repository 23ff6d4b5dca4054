import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { isDocumentType } from '../core/documents.ts';
import { KioskError, type ErrorData } from '../core/errors.ts';
import { maskNik } from '../core/mask.ts';
import { parseNik } from '../core/nik.ts';
import { rangeToUtc, WIB_OFFSET_MINUTES, type DateRange } from './dates.ts';
import { JOB_COLUMNS, jobRangeWhere, toEvent, toJob, type EventRow, type JobRow } from './job-row.ts';
import { PRINT_JOB_STATES, type PinState, type PrintJobState } from './lifecycle.ts';
import { logError, requireCount, requireText } from './log-errors.ts';
import { deriveChainKey } from './chain.ts';
import { verifyChainRows, type ChainReport } from './chain-verify.ts';
import { AUDIT_ACTORS, LogStore, type AuditActor, type Writer } from './log-store.ts';
import { migrate, schemaVersion } from './migrate.ts';
import { LATEST_VERSION } from './migrations/index.ts';
import { hashNik, scrubText } from './privacy.ts';
import type { AuditEntry, JobFilter, NewPrintJob, PrintEvent, PrintIntent, PrintJob, PrintStats, PrintStatsRow } from './types.ts';
import { readOnlyFolder } from './log-errors.ts';

export type { AuditEntry, JobFilter, NewPrintJob, PrintEvent, PrintIntent, PrintJob, PrintStats, PrintStatsRow } from './types.ts';

export interface PrintLogOptions {
  /** At least 32 bytes of secret key for the NIK hash (see `loadOrCreateNikKey`). */
  readonly nikKey: Buffer;
  readonly clock: Writer['clock'];
  readonly kioskId: string;
  /**
   * Caps the file at this many pages (SQLite's max_page_count, 4 KiB each): writes past it
   * fail as a full disk would (PRINT_LOG_FULL). Tests use it to simulate a full disk.
   */
  readonly maxPageCount?: number;
}

/** How a job that did not print ends: what became of its PIN, and how far the printer got. */
export interface JobEnding {
  readonly pinState?: PinState;
  readonly pagesHanded?: number;
}

const NO_PIN_CHANGE: JobEnding = {};

/** The store behind each log, for the read-only reports in reports.ts (not exported from the part). */
const STORES = new WeakMap<PrintLog, LogStore>();
export function storeOf(log: PrintLog): LogStore {
  const store = STORES.get(log);
  if (store === undefined) throw new Error('not a PrintLog');
  return store;
}




/**
 * The kiosk's local print log: one SQLite file (WAL, synchronous=FULL, foreign keys on),
 * a row per print job moved through its lifecycle, and an event row per transition.
 * Every write is one IMMEDIATE transaction. Open read-write with `open` (the process that
 * holds the data folder) or read-only with `openReadOnly` (export and stats).
 */
export class PrintLog {
  private constructor(private readonly store: LogStore) {
    STORES.set(this, store);
  }

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
      if (readOnlyFolder(dirname(file))) {
        throw new KioskError('PRINT_LOG_READ_ONLY', `The print log ${file} cannot be written: its folder is on a read-only disk.`, {
          hint: 'Check the disk (a file system with errors is remounted read-only), then start the kiosk again; nothing logged so far is lost.',
          cause: error,
        });
      }
      throw logError(`The print log ${file} could not be opened.`, error, 'Check that the data folder exists, is writable, and that the file is a print log.');
    }
    const chainKey = deriveChainKey(options.nikKey);
    try {
      migrate(db, undefined, undefined, { chainKey });
    } catch (error) {
      db.close();
      throw error;
    }
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${requireCount(options.maxPageCount, 'max page count')}`);
    return new PrintLog(new LogStore(db, file, { nikKey: options.nikKey, clock: options.clock, kioskId: options.kioskId }, chainKey));
  }

  /**
   * Opens an existing log for reading only: it is never created, migrated or written. With
   * the log's key (`nikKey`, from print-log.key) it can also verify the chain.
   */
  static openReadOnly(file: string, options: { readonly nikKey?: Buffer } = {}): PrintLog {
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
    return new PrintLog(new LogStore(db, file, null, options.nikKey === undefined ? null : deriveChainKey(options.nikKey)));
  }

  get file(): string {
    return this.store.file;
  }

  get readOnly(): boolean {
    return this.store.writer === null;
  }

  get closed(): boolean {
    return this.store.isClosed;
  }

  close(): void {
    this.store.close();
  }

  /** The connection's durability settings, for start-up checks and tests. */
  connectionSettings(): { journalMode: string; synchronous: number; foreignKeys: boolean } {
    return this.store.read(() => ({
      journalMode: String(this.store.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.store.db.pragma('synchronous', { simple: true })),
      foreignKeys: this.store.db.pragma('foreign_keys', { simple: true }) === 1,
    }));
  }

  // ---- the start of a job ------------------------------------------------------------------

  /**
   * The intent to print, BEFORE the registry is asked to redeem the PIN: a `redeeming` row
   * with the request id the registry will file the authorization under, PIN `pending`.
   */
  createIntent(intent: PrintIntent): PrintJob {
    return this.insert(intent, { requestId: requireText(intent.requestId, 'request id', 100), authorizationId: null, state: 'redeeming', pinState: 'pending' });
  }

  /** The registry redeemed the PIN: the job is `authorized`, the PIN `open`. */
  markAuthorized(id: number, authorizationId: string): PrintJob {
    return this.store.transition(id, 'authorized', { authorizationId: requireText(authorizationId, 'authorization id'), pinState: 'open' });
  }

  /** The registry refused the PIN (wrong, used, locked, unknown document): nothing was redeemed. */
  markRefused(id: number, error: ErrorData): PrintJob {
    return this.store.transition(id, 'refused', { errorCode: error.code, errorMessage: scrubText(error.message), pinState: 'not-redeemed' }, optionalText(error.hint));
  }

  /** A job whose PIN was already redeemed, written straight into `authorized` (PIN `open`, no request id). */
  createJob(input: NewPrintJob): PrintJob {
    return this.insert(input, { requestId: null, authorizationId: requireText(input.authorizationId, 'authorization id'), state: 'authorized', pinState: 'open' });
  }

  // ---- printing ----------------------------------------------------------------------------

  markRendering(id: number): PrintJob {
    return this.store.transition(id, 'rendering', {});
  }

  /** Rendering is done: the job now knows its page count and starts sending pages. */
  markPrinting(id: number, progress: { readonly pageCount: number }): PrintJob {
    const pageCount = requireCount(progress.pageCount, 'page count');
    if (pageCount === 0) throw logError('A print job needs at least one page.', undefined, 'This is a bug in the caller of the print log.');
    return this.store.transition(id, 'printing', { pageCount });
  }

  /**
   * Written just BEFORE the first byte of the document is handed to the printer (not a
   * transition: no event row). Until it is set, recovery knows nothing reached the printer.
   */
  markFirstByte(id: number): PrintJob {
    return this.store.write(`recording the first byte of print job ${id}`, () => {
      const job = this.store.requireJob(id);
      if (job.state !== 'printing') throw logError(`Print job ${id} is ${job.state}; bytes go to the printer only while printing.`, undefined, 'This is a bug in the caller of the print log.');
      if (job.firstByteAt !== null) return job;
      const at = this.store.now();
      this.store.stmt('UPDATE print_jobs SET first_byte_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
      return this.store.insertEvent(id, at, 'printing', 'printing', job.pagesDone, job.bytesSent, null, 'first byte');
    });
  }

  /**
   * Progress while printing (not a transition: no event row). Pages done, pages handed and
   * bytes sent are totals so far; none may go down, and pages may not pass the page count.
   */
  markProgress(id: number, progress: { readonly pagesDone: number; readonly bytesSent: number; readonly pagesHanded?: number }): PrintJob {
    const pagesDone = requireCount(progress.pagesDone, 'pages done');
    const bytesSent = requireCount(progress.bytesSent, 'bytes sent');
    const pagesHanded = Math.max(pagesDone, requireCount(progress.pagesHanded ?? pagesDone, 'pages handed'));
    return this.store.write('recording print progress', () => {
      const job = this.store.requireJob(id);
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
      if (job.pageCount !== null && Math.max(pagesDone, pagesHanded) > job.pageCount) {
        throw logError(`Print job ${id} has ${job.pageCount} pages; ${Math.max(pagesDone, pagesHanded)} cannot be done.`, undefined, 'This is a bug in the caller of the print log.');
      }
      const at = this.store.now();
      this.store.stmt('UPDATE print_jobs SET pages_done = ?, pages_handed = max(pages_handed, ?), bytes_sent = ?, updated_at = ? WHERE id = ?').run(pagesDone, pagesHanded, bytesSent, at, id);
      return this.store.insertEvent(id, at, 'printing', 'printing', pagesDone, bytesSent, null, `progress: ${pagesDone} page(s) done, ${Math.max(pagesHanded, job.pagesHanded)} handed`);
    });
  }

  // ---- the end of a job ----------------------------------------------------------------------

  /** The printer confirmed the last page: pages done becomes the page count. The PIN is confirmed separately (`setPinState`). */
  markPrinted(id: number): PrintJob {
    return this.store.transition(id, 'printed', { completePages: true });
  }

  markFailed(id: number, error: ErrorData, ending: JobEnding = NO_PIN_CHANGE): PrintJob {
    return this.store.transition(id, 'failed', { errorCode: error.code, errorMessage: scrubText(error.message), ...endingChanges(ending) }, optionalText(error.hint));
  }

  /** Stopped on purpose (the resident or a technician); `reason` is kept as the message, code PRINT_CANCELLED. */
  markCancelled(id: number, reason: string, ending: JobEnding = NO_PIN_CHANGE): PrintJob {
    const text = scrubText(requireText(reason, 'cancel reason', 500));
    return this.store.transition(id, 'cancelled', { errorCode: 'PRINT_CANCELLED', errorMessage: text, ...endingChanges(ending) }, text);
  }

  /** The kiosk stopped (crash, power cut, stop) while the job was open; `detail` says how it was found. */
  markInterrupted(id: number, detail: string, ending: JobEnding = NO_PIN_CHANGE): PrintJob {
    return this.store.transition(id, 'interrupted', endingChanges(ending), scrubText(requireText(detail, 'detail', 500)));
  }

  /** Pages may have come out: the PIN is held (authorization left open) for ops to decide. */
  markNeedsReview(id: number, error: ErrorData, ending: { readonly pagesHanded?: number } = {}): PrintJob {
    return this.store.transition(
      id,
      'needs-review',
      { errorCode: error.code, errorMessage: scrubText(error.message), pinState: 'held', ...(ending.pagesHanded === undefined ? {} : { pagesHanded: requireCount(ending.pagesHanded, 'pages handed') }) },
      optionalText(error.hint),
    );
  }

  /** Records what became of the PIN (confirmed, released, ...) without changing the job's state. */
  setPinState(id: number, pinState: PinState): PrintJob {
    return this.store.changePin(id, pinState, `PIN ${pinState}`);
  }

  // ---- audit and chain ---------------------------------------------------------------------

  /**
   * Records a staff or system action in the audit table, in the same hash chain as the print
   * jobs' events. `detail` is scrubbed of 16-digit numbers; never put personal data in it.
   */
  audit(entry: { readonly actor: AuditActor; readonly action: string; readonly detail?: string | null }): AuditEntry {
    if (!AUDIT_ACTORS.includes(entry.actor)) throw logError(`"${String(entry.actor)}" is not an audit actor (ops, technician, system).`, undefined, 'This is a bug in the caller of the print log.');
    const action = requireText(entry.action, 'audit action', 64);
    const detail = entry.detail === undefined || entry.detail === null ? null : scrubText(entry.detail, 1000);
    return this.store.write(`recording the audit action ${action}`, () => {
      const at = this.store.now();
      const id = this.store.insertAudit(at, entry.actor, action, detail);
      return { id, at, actor: entry.actor, action, detail };
    });
  }

  /**
   * Checks every row against the hash chain (see chain-verify.ts) and names the first that
   * does not match. Needs the log's key (open read-write, or read-only with `nikKey`).
   */
  verifyChain(): ChainReport {
    const key = this.store.chainKey;
    if (key === null) throw logError(`The print log ${this.file} was opened without its key; its chain cannot be checked.`, undefined, 'Give the data folder that holds print-log.key.');
    return this.store.read(() => verifyChainRows(this.store.db, key));
  }

  /** The chain's newest position (0 for an empty log). */
  chainHeadSeq(): number {
    return this.store.read(() => (this.store.stmt('SELECT seq FROM chain_head WHERE id = 1').pluck().get() as number | undefined) ?? 0);
  }

  // ---- reading -------------------------------------------------------------------------

  getJob(id: number): PrintJob | undefined {
    const row = this.store.read(() => this.store.stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE id = ?`).get(id) as JobRow | undefined);
    return row === undefined ? undefined : toJob(row);
  }

  findByRequestId(requestId: string): PrintJob | undefined {
    const row = this.store.read(() => this.store.stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE request_id = ?`).get(requestId) as JobRow | undefined);
    return row === undefined ? undefined : toJob(row);
  }

  /**
   * Jobs that still need a word with the registry, oldest first: those in an active state
   * (their owner is gone when no live transaction holds them) and those whose PIN is still
   * `pending` or `open` (a confirm or release that did not get through).
   */
  listUnsettled(): PrintJob[] {
    return this.store.read(() =>
      (
        this.store
          .stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE state IN ('redeeming', 'authorized', 'rendering', 'printing') OR pin_state IN ('pending', 'open') ORDER BY id`)
          .all() as JobRow[]
      ).map(toJob),
    );
  }

  /** The job's transitions, oldest first. */
  getEvents(jobId: number): PrintEvent[] {
    return this.store.read(() => (this.store.stmt('SELECT * FROM print_events WHERE job_id = ? ORDER BY id').all(jobId) as EventRow[]).map(toEvent));
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
  *iterateJobs(range: DateRange, filter: JobFilter = {}): Generator<PrintJob, void, undefined> {
    const { where, params } = jobRangeWhere(range, filter);
    const statement = this.store.stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE ${where} ORDER BY created_at, id`);
    let rows: IterableIterator<unknown>;
    try {
      rows = statement.iterate(...params);
    } catch (error) {
      throw logError('Reading the print log failed.', error);
    }
    for (const row of rows) yield toJob(row as JobRow);
  }

  /** Jobs and pages per document type and state for a range of local calendar days. */
  stats(range: DateRange): PrintStats {
    const { startIso, endIso } = rangeToUtc(range);
    const rows = this.store.read(
      () =>
        this.store
          .stmt(
            `SELECT document_type AS documentType, state, count(*) AS jobs, total(pages_done) AS pages
             FROM print_jobs WHERE created_at >= ? AND created_at < ?
             GROUP BY document_type, state ORDER BY document_type, state`,
          )
          .all(startIso, endIso) as PrintStatsRow[],
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

  private insert(
    input: { readonly documentType: string; readonly documentId: string; readonly nik: string; readonly printer: string },
    fields: { requestId: string | null; authorizationId: string | null; state: PrintJobState; pinState: PinState },
  ): PrintJob {
    const writer = this.store.requireWriter();
    if (!isDocumentType(input.documentType)) {
      throw logError(`"${String(input.documentType)}" is not a document type the kiosk prints.`, undefined, 'This is a bug in the caller of the print log.');
    }
    const nik = parseNik(input.nik).nik;
    const row = {
      kiosk_id: writer.kioskId,
      document_type: input.documentType,
      document_id: requireText(input.documentId, 'document id'),
      request_id: fields.requestId,
      authorization_id: fields.authorizationId,
      nik_masked: maskNik(nik),
      nik_hash: hashNik(nik, writer.nikKey),
      state: fields.state,
      pin_state: fields.pinState,
      printer: scrubText(requireText(input.printer, 'printer description')),
      at: this.store.now(),
    };
    return this.store.write('creating a print job', () => {
      const result = this.store
        .stmt(
          `INSERT INTO print_jobs (kiosk_id, document_type, document_id, request_id, authorization_id, nik_masked, nik_hash, state, pin_state, printer, created_at, updated_at)
           VALUES (@kiosk_id, @document_type, @document_id, @request_id, @authorization_id, @nik_masked, @nik_hash, @state, @pin_state, @printer, @at, @at)`,
        )
        .run(row);
      const id = Number(result.lastInsertRowid);
      return this.store.insertEvent(id, row.at, null, fields.state, 0, 0, null, null);
    });
  }
}

function optionalText(text: string | undefined): string | null {
  return text === undefined ? null : scrubText(text);
}

function endingChanges(ending: JobEnding): { pinState?: PinState; pagesHanded?: number } {
  return {
    ...(ending.pinState === undefined ? {} : { pinState: ending.pinState }),
    ...(ending.pagesHanded === undefined ? {} : { pagesHanded: requireCount(ending.pagesHanded, 'pages handed') }),
  };
}

import type Database from 'better-sqlite3';
import type { Clock } from '../core/clock.ts';
import { KioskError } from '../core/errors.ts';
import { canonicalAudit, canonicalEvent, jobHash, linkHash } from './chain.ts';
import { JOB_COLUMNS, toJob, type JobRow } from './job-row.ts';
import { FINAL_STATES, canChangePin, canTransition, type PinState, type PrintJobState } from './lifecycle.ts';
import { logError } from './log-errors.ts';
import type { PrintJob } from './types.ts';

/** Who may write: the NIK key, the clock and the kiosk id. Null for a read-only log. */
export interface Writer {
  readonly nikKey: Buffer;
  readonly clock: Clock;
  readonly kioskId: string;
}

/** Who did something the audit table records. */
export const AUDIT_ACTORS = ['ops', 'technician', 'system'] as const;
export type AuditActor = (typeof AUDIT_ACTORS)[number];

/** What a transition may change besides the state. */
export interface TransitionChanges {
  readonly pageCount?: number;
  /** pages done (and handed) become the page count: the printer confirmed the last page. */
  readonly completePages?: boolean;
  readonly pagesHanded?: number;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly pinState?: PinState;
  readonly authorizationId?: string;
}

/**
 * A failed write in words: a full disk and a read-only folder get their own codes (the
 * resident is told nothing was printed and the PIN still works; ops know what to fix).
 */
function writeError(action: string, error: unknown): KioskError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code.startsWith('SQLITE_FULL')) {
    return new KioskError('PRINT_LOG_FULL', `The print log could not be written (${action}): the disk is full.`, {
      hint: 'Free space on the disk that holds the data folder; nothing already logged was lost. Printing resumes once the log can be written.',
      cause: error,
    });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new KioskError('PRINT_LOG_READ_ONLY', `The print log could not be written (${action}): the data folder or its disk is read-only.`, {
      hint: 'Check the disk (a file system with errors is remounted read-only) and restart the kiosk; nothing already logged was lost.',
      cause: error,
    });
  }
  return logError(`The print log could not be written (${action}).`, error);
}

/**
 * The print log's SQLite plumbing, shared by its writing and reading methods: cached
 * statements, one IMMEDIATE transaction per write (SQLite failures become PRINT_LOG_ERROR
 * naming the action), and the one generic lifecycle transition with its event row.
 */
export class LogStore {
  private readonly statements = new Map<string, Database.Statement>();
  private closed = false;

  constructor(
    readonly db: Database.Database,
    readonly file: string,
    readonly writer: Writer | null,
    /** The chain key (from the print log key); null for a read-only log opened without it. */
    readonly chainKey: Buffer | null,
  ) {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  requireWriter(): Writer {
    if (this.writer === null) throw logError(`The print log ${this.file} was opened read-only.`, undefined, 'Open it with PrintLog.open to write.');
    if (this.closed) throw logError(`The print log ${this.file} is closed.`, undefined, 'The kiosk is stopping; nothing more can be logged in this run.');
    return this.writer;
  }

  now(): string {
    return new Date(this.requireWriter().clock.now()).toISOString();
  }

  stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** One IMMEDIATE transaction; SQLite failures become PRINT_LOG_ERROR naming the action. */
  write<T>(action: string, fn: () => T): T {
    this.requireWriter();
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      if (error instanceof KioskError) throw error;
      throw writeError(action, error);
    }
  }

  read<T>(fn: () => T): T {
    if (this.closed) throw logError(`The print log ${this.file} is closed.`, undefined, 'Open it again to read.');
    try {
      return fn();
    } catch (error) {
      if (error instanceof KioskError) throw error;
      throw logError('Reading the print log failed.', error);
    }
  }

  requireJobRow(id: number): JobRow {
    if (!Number.isSafeInteger(id)) throw logError(`"${String(id)}" is not a print job id.`, undefined, 'This is a bug in the caller of the print log.');
    const row = this.stmt(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE id = ?`).get(id) as JobRow | undefined;
    if (row === undefined) throw logError(`There is no print job ${id} in the log.`, undefined, 'This is a bug in the caller of the print log.');
    return row;
  }

  requireJob(id: number): PrintJob {
    return toJob(this.requireJobRow(id));
  }

  private requireChainKey(): Buffer {
    if (this.chainKey === null) throw logError(`The print log ${this.file} was opened without its key.`, undefined, 'Open it with the data folder\'s print-log.key.');
    return this.chainKey;
  }

  /** The newest link of the chain (inside a write transaction). */
  private head(): { seq: number; hash: string } {
    const head = this.stmt('SELECT seq, hash FROM chain_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    if (head === undefined) throw logError('The print log has no chain head (chain_head is empty).', undefined, 'Run adm-kiosk log verify and tell a technician: the log was edited.');
    return head;
  }

  private advanceHead(seq: number, hash: string): void {
    this.stmt('UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1').run(seq, hash);
  }

  /**
   * Adds the event row that witnesses the job row as it is now (call it after every write to
   * the job row, in the same transaction): the job's snapshot hash, a link in the chain.
   * Returns the job as written.
   */
  insertEvent(jobId: number, at: string, from: PrintJobState | null, to: PrintJobState, pagesDone: number, bytesSent: number, errorCode: string | null, detail: string | null): PrintJob {
    const key = this.requireChainKey();
    const job = this.requireJobRow(jobId);
    const head = this.head();
    const seq = head.seq + 1;
    const content = { seq, job_id: jobId, at, from_state: from, to_state: to, pages_done: pagesDone, bytes_sent: bytesSent, error_code: errorCode, detail, job_hash: jobHash(job) };
    const id = Number(
      this.stmt(
        'INSERT INTO print_events (job_id, at, from_state, to_state, pages_done, bytes_sent, error_code, detail, seq, job_hash) VALUES (@job_id, @at, @from_state, @to_state, @pages_done, @bytes_sent, @error_code, @detail, @seq, @job_hash)',
      ).run(content).lastInsertRowid,
    );
    const hash = linkHash(key, head.hash, canonicalEvent({ id, ...content }));
    this.stmt('UPDATE print_events SET hash = ? WHERE id = ?').run(hash, id);
    this.advanceHead(seq, hash);
    return toJob(job);
  }

  /** Appends an audit row to the chain (inside a write transaction). */
  insertAudit(at: string, actor: AuditActor, action: string, detail: string | null): number {
    const key = this.requireChainKey();
    const head = this.head();
    const seq = head.seq + 1;
    const id = Number(this.stmt('INSERT INTO audit (seq, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)').run(seq, at, actor, action, detail).lastInsertRowid);
    const hash = linkHash(key, head.hash, canonicalAudit({ id, seq, at, actor, action, detail }));
    this.stmt('UPDATE audit SET hash = ? WHERE id = ?').run(hash, id);
    this.advanceHead(seq, hash);
    return id;
  }

  /** Moves a job to `to` (checked against the lifecycle) with an event row, in one transaction. */
  transition(id: number, to: PrintJobState, changes: TransitionChanges, detail: string | null = null): PrintJob {
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
      const pinState = changes.pinState ?? job.pinState;
      if (!canChangePin(job.pinState, pinState)) {
        throw logError(`Print job ${id}'s PIN cannot go from ${job.pinState} to ${pinState}.`, undefined, 'This is a bug in the caller of the print log.');
      }
      const at = this.now();
      const pageCount = changes.pageCount ?? job.pageCount;
      const complete = changes.completePages === true && pageCount !== null;
      const pagesDone = complete ? pageCount : job.pagesDone;
      const handed = Math.max(job.pagesHanded, complete ? pageCount : (changes.pagesHanded ?? 0), pagesDone);
      const pagesHanded = pageCount === null ? handed : Math.min(handed, pageCount);
      const errorCode = changes.errorCode ?? null;
      this.stmt(
        `UPDATE print_jobs SET state = ?, pin_state = ?, authorization_id = ?, page_count = ?, pages_done = ?, pages_handed = ?,
                error_code = ?, error_message = ?, updated_at = ? WHERE id = ?`,
      ).run(to, pinState, changes.authorizationId ?? job.authorizationId, pageCount, pagesDone, pagesHanded, errorCode, changes.errorMessage ?? null, at, id);
      return this.insertEvent(id, at, job.state, to, pagesDone, job.bytesSent, errorCode, detail ?? changes.errorMessage ?? null);
    });
  }

  /** Changes only what became of the PIN (an event row with the state unchanged says so). */
  changePin(id: number, pinState: PinState, detail: string): PrintJob {
    return this.write(`recording the PIN of print job ${id} as ${pinState}`, () => {
      const job = this.requireJob(id);
      if (job.pinState === pinState) return job;
      if (!canChangePin(job.pinState, pinState)) {
        throw logError(`Print job ${id}'s PIN cannot go from ${job.pinState} to ${pinState}.`, undefined, 'This is a bug in the caller of the print log.');
      }
      const at = this.now();
      this.stmt('UPDATE print_jobs SET pin_state = ?, updated_at = ? WHERE id = ?').run(pinState, at, id);
      return this.insertEvent(id, at, job.state, job.state, job.pagesDone, job.bytesSent, null, detail);
    });
  }
}

import { DOCUMENT_CATALOGUE, DOCUMENT_TYPES, isDocumentType } from '../core/documents.ts';
import { rangeToUtc, WIB_OFFSET_MINUTES, type DateRange } from './dates.ts';
import { jobRangeWhere } from './job-row.ts';
import { storeOf, type AuditEntry, type JobFilter, type PrintLog } from './print-log.ts';

/** Read-only reports over the print log for the ops screen, the metrics and the fleet push. No personal data. */

/** One calendar day (the kiosk's local time). */
export interface DayCounts {
  readonly day: string;
  /** Jobs printed, per document type. */
  readonly printed: Readonly<Record<string, number>>;
  /** Jobs that did not print (failed, needs-review, interrupted), per error code. */
  readonly failures: Readonly<Record<string, number>>;
}

export interface DailyReport {
  readonly from: string;
  readonly to: string;
  readonly utcOffsetMinutes: number;
  /** Every day of the range, also those without jobs. */
  readonly days: readonly DayCounts[];
  readonly totals: { readonly jobs: number; readonly printed: number; readonly failed: number; readonly pages: number };
  /** The error codes that occur, most frequent first. */
  readonly failureCodes: readonly string[];
}

/** Final states that count as failures on the ops screen (refused and cancelled are the resident's doing). */
export const FAILURE_STATES = ['failed', 'needs-review', 'interrupted'] as const;

export function dailyReport(log: PrintLog, range: DateRange): DailyReport {
  const offset = range.utcOffsetMinutes ?? WIB_OFFSET_MINUTES;
  const { startIso, endIso } = rangeToUtc(range);
  const store = storeOf(log);
  const rows = store.read(
    () =>
      store
        .stmt(
          `SELECT date(created_at, ? || ' minutes') AS day, document_type AS type, state, coalesce(error_code, 'UNKNOWN') AS code, count(*) AS jobs, total(pages_done) AS pages
           FROM print_jobs WHERE created_at >= ? AND created_at < ? GROUP BY day, type, state, code`,
        )
        .all(`${offset >= 0 ? '+' : ''}${offset}`, startIso, endIso) as { day: string; type: string; state: string; code: string; jobs: number; pages: number }[],
  );
  const days = new Map<string, { printed: Record<string, number>; failures: Record<string, number> }>();
  for (let ms = Date.parse(`${range.from}T00:00:00Z`); ms <= Date.parse(`${range.to}T00:00:00Z`); ms += 86_400_000) {
    days.set(new Date(ms).toISOString().slice(0, 10), { printed: {}, failures: {} });
  }
  const codeTotals = new Map<string, number>();
  const totals = { jobs: 0, printed: 0, failed: 0, pages: 0 };
  for (const row of rows) {
    const day = days.get(row.day);
    totals.jobs += row.jobs;
    totals.pages += Number(row.pages);
    if (day === undefined) continue;
    if (row.state === 'printed') {
      day.printed[row.type] = (day.printed[row.type] ?? 0) + row.jobs;
      totals.printed += row.jobs;
    } else if ((FAILURE_STATES as readonly string[]).includes(row.state)) {
      day.failures[row.code] = (day.failures[row.code] ?? 0) + row.jobs;
      codeTotals.set(row.code, (codeTotals.get(row.code) ?? 0) + row.jobs);
      totals.failed += row.jobs;
    }
  }
  return {
    from: range.from,
    to: range.to,
    utcOffsetMinutes: offset,
    days: [...days].map(([day, counts]) => ({ day, ...counts })),
    totals,
    failureCodes: [...codeTotals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code),
  };
}

/** Paper used since the last refill of each kind (audit action `refill`, detail `sheets` or `cards`). */
export interface PaperUsed {
  /** A4 sheets: pages of A4 documents handed to the printer. */
  readonly sheets: number;
  /** Cards: card documents (KTP-el, KIA) of which a page was handed to the printer. */
  readonly cards: number;
  readonly sheetsRefilledAt: string | null;
  readonly cardsRefilledAt: string | null;
}

const CARD_TYPES = DOCUMENT_TYPES.filter((type) => DOCUMENT_CATALOGUE[type].medium === 'card');

export function paperUsed(log: PrintLog): PaperUsed {
  const store = storeOf(log);
  return store.read(() => {
    const refill = (kind: string) =>
      (store.stmt("SELECT at FROM audit WHERE action = 'refill' AND detail = ? ORDER BY seq DESC LIMIT 1").pluck().get(kind) as string | undefined) ?? null;
    const sheetsRefilledAt = refill('sheets');
    const cardsRefilledAt = refill('cards');
    const list = CARD_TYPES.map(() => '?').join(', ');
    const sheets = store
      .stmt(`SELECT total(pages_handed) FROM print_jobs WHERE document_type NOT IN (${list}) AND updated_at >= ?`)
      .pluck()
      .get(...CARD_TYPES, sheetsRefilledAt ?? '') as number;
    const cards = store
      .stmt(`SELECT count(*) FROM print_jobs WHERE document_type IN (${list}) AND pages_handed > 0 AND updated_at >= ?`)
      .pluck()
      .get(...CARD_TYPES, cardsRefilledAt ?? '') as number;
    return { sheets: Number(sheets), cards, sheetsRefilledAt, cardsRefilledAt };
  });
}

/** Audit rows whose time falls in the range (local calendar days, inclusive), oldest first. */
export function listAudit(log: PrintLog, range: DateRange): AuditEntry[] {
  const { startIso, endIso } = rangeToUtc(range);
  const store = storeOf(log);
  return store.read(() => store.stmt('SELECT id, at, actor, action, detail FROM audit WHERE at >= ? AND at < ? ORDER BY seq').all(startIso, endIso) as AuditEntry[]);
}

/** One row of the chain as the fleet push ships it (no personal data). */
export interface ChainRow {
  readonly kind: 'print_event' | 'audit';
  readonly seq: number;
  readonly id: number;
  readonly at: string;
  readonly hash: string;
  readonly jobId: number | null;
  readonly documentType: string | null;
  readonly fromState: string | null;
  readonly toState: string | null;
  readonly pagesDone: number | null;
  readonly errorCode: string | null;
  readonly detail: string | null;
  readonly actor: string | null;
  readonly action: string | null;
}

/** The chain's rows after position `afterSeq`, in order, at most `limit`: events with their job's document type, and audit rows. */
export function chainRowsAfter(log: PrintLog, afterSeq: number, limit: number): ChainRow[] {
  const store = storeOf(log);
  return store.read(() =>
    (
      store
        .stmt(
          `SELECT 'print_event' AS kind, e.seq, e.id, e.at, e.hash, e.job_id AS jobId, j.document_type AS documentType, e.from_state AS fromState, e.to_state AS toState,
                  e.pages_done AS pagesDone, e.error_code AS errorCode, e.detail, NULL AS actor, NULL AS action
           FROM print_events e LEFT JOIN print_jobs j ON j.id = e.job_id WHERE e.seq > @after
           UNION ALL
           SELECT 'audit', a.seq, a.id, a.at, a.hash, NULL, NULL, NULL, NULL, NULL, NULL, a.detail, a.actor, a.action FROM audit a WHERE a.seq > @after
           ORDER BY seq LIMIT @limit`,
        )
        .all({ after: afterSeq, limit }) as ChainRow[]
    ).map((row) => (row.documentType !== null && !isDocumentType(row.documentType) ? { ...row, documentType: 'unknown' } : row)),
  );
}

/** All-time counts for the metrics endpoint: jobs per document type and state, failures per code, pages printed. */
export interface LogTotals {
  readonly jobs: readonly { readonly documentType: string; readonly state: string; readonly count: number }[];
  readonly failures: readonly { readonly code: string; readonly count: number }[];
  readonly pagesPrinted: number;
}

export function logTotals(log: PrintLog): LogTotals {
  const store = storeOf(log);
  return store.read(() => {
    const jobs = store.stmt('SELECT document_type AS documentType, state, count(*) AS count FROM print_jobs GROUP BY document_type, state').all() as LogTotals['jobs'];
    const failures = store
      .stmt(`SELECT coalesce(error_code, 'UNKNOWN') AS code, count(*) AS count FROM print_jobs WHERE state IN (${FAILURE_STATES.map(() => '?').join(', ')}) GROUP BY code`)
      .all(...FAILURE_STATES) as LogTotals['failures'];
    const pagesPrinted = Number(store.stmt('SELECT total(pages_done) FROM print_jobs').pluck().get());
    return { jobs, failures, pagesPrinted };
  });
}

/**
 * Jobs created in the range as raw rows (arrays of `columns`, in that order), oldest first,
 * from a live statement: the export's fast path (no object per row).
 */
export function* iterateJobValues(log: PrintLog, range: DateRange, filter: JobFilter, columns: string): Generator<unknown[], void, undefined> {
  const { where, params } = jobRangeWhere(range, filter);
  const store = storeOf(log);
  const statement = store.read(() => store.stmt(`SELECT ${columns} FROM print_jobs WHERE ${where} ORDER BY created_at, id`).raw(true));
  // The statement is cached for this SQL only (its raw mode is this function's own).
  yield* statement.iterate(...params) as IterableIterator<unknown[]>;
}

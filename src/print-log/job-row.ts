import type { PinState, PrintJobState } from './lifecycle.ts';
import { rangeToUtc, type DateRange } from './dates.ts';
import type { JobFilter, PrintEvent, PrintJob } from './types.ts';

/** How `print_jobs` and `print_events` rows read from SQLite map to `PrintJob` and `PrintEvent`. */

export interface JobRow {
  id: number;
  kiosk_id: string;
  document_type: string;
  document_id: string;
  request_id: string | null;
  authorization_id: string | null;
  nik_masked: string;
  nik_hash: string;
  state: PrintJobState;
  pin_state: PinState;
  pages_done: number;
  pages_handed: number;
  page_count: number | null;
  bytes_sent: number;
  first_byte_at: string | null;
  printer: string;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventRow {
  id: number;
  job_id: number;
  at: string;
  from_state: PrintJobState | null;
  to_state: PrintJobState;
  pages_done: number;
  bytes_sent: number;
  error_code: string | null;
  detail: string | null;
}

export function toJob(row: JobRow): PrintJob {
  return {
    id: row.id,
    kioskId: row.kiosk_id,
    documentType: row.document_type,
    documentId: row.document_id,
    requestId: row.request_id,
    authorizationId: row.authorization_id,
    nikMasked: row.nik_masked,
    nikHash: row.nik_hash,
    state: row.state,
    pinState: row.pin_state,
    pagesDone: row.pages_done,
    pagesHanded: row.pages_handed,
    pageCount: row.page_count,
    bytesSent: row.bytes_sent,
    firstByteAt: row.first_byte_at,
    printer: row.printer,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toEvent(row: EventRow): PrintEvent {
  return {
    id: row.id,
    jobId: row.job_id,
    at: row.at,
    from: row.from_state,
    to: row.to_state,
    pagesDone: row.pages_done,
    bytesSent: row.bytes_sent,
    errorCode: row.error_code,
    detail: row.detail,
  };
}

/** The `print_jobs` columns, in `JobRow` order, for `SELECT ${JOB_COLUMNS} FROM print_jobs`. */
export const JOB_COLUMNS =
  'id, kiosk_id, document_type, document_id, request_id, authorization_id, nik_masked, nik_hash, state, pin_state, pages_done, pages_handed, page_count, bytes_sent, first_byte_at, printer, error_code, error_message, created_at, updated_at';

/**
 * The WHERE clause (and its parameters, in order) that picks the jobs created in a range of
 * local calendar days, narrowed by document type and state: shared by the job listing and the
 * export's raw rows.
 */
export function jobRangeWhere(range: DateRange, filter: JobFilter = {}): { readonly where: string; readonly params: readonly unknown[] } {
  const { startIso, endIso } = rangeToUtc(range);
  const types = filter.documentTypes ?? [];
  const states = filter.states ?? [];
  const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');
  const where = [
    'created_at >= ? AND created_at < ?',
    ...(types.length > 0 ? [`document_type IN (${placeholders(types)})`] : []),
    ...(states.length > 0 ? [`state IN (${placeholders(states)})`] : []),
  ].join(' AND ');
  return { where, params: [startIso, endIso, ...types, ...states] };
}

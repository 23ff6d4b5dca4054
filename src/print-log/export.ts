import { KioskError } from '../core/errors.ts';
import type { DateRange } from './dates.ts';
import type { PrintJob, PrintLog } from './print-log.ts';

export type ExportFormat = 'csv' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson'];

export interface ExportOptions extends DateRange {
  readonly format: ExportFormat;
}

/** The exported columns, in order; CSV header and NDJSON keys alike. */
export const EXPORT_COLUMNS = [
  'job_id',
  'created_at',
  'updated_at',
  'kiosk_id',
  'document_type',
  'document_id',
  'state',
  'pages_done',
  'page_count',
  'nik_masked',
  'nik_hash',
  'error_code',
  'error_message',
  'pin_state',
  'pages_handed',
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

function toRow(job: PrintJob): ExportRow {
  return {
    job_id: job.id,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
    kiosk_id: job.kioskId,
    document_type: job.documentType,
    document_id: job.documentId,
    state: job.state,
    pages_done: job.pagesDone,
    page_count: job.pageCount,
    nik_masked: job.nikMasked,
    nik_hash: job.nikHash,
    error_code: job.errorCode,
    error_message: job.errorMessage,
    pin_state: job.pinState,
    pages_handed: job.pagesHanded,
  };
}

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF, quotes
 * doubled. Text that a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR) gets a leading apostrophe, as OWASP advises for CSV that people open in Excel.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Writes the jobs created in the range (the kiosk's local calendar days, both inclusive,
 * default WIB) oldest first, one chunk per row, straight from the database cursor: memory
 * stays flat at any size. CSV: header row, CRLF line ends (RFC 4180). NDJSON: one JSON
 * object per line, LF. Returns the number of jobs written.
 */
export function exportJobs(log: PrintLog, options: ExportOptions, write: (chunk: string) => void): number {
  if (!EXPORT_FORMATS.includes(options.format)) {
    throw new KioskError('ARGUMENT_INVALID', `The export format must be csv or ndjson, got "${String(options.format)}".`);
  }
  const csv = options.format === 'csv';
  if (csv) write(csvLine(EXPORT_COLUMNS));
  let count = 0;
  for (const job of log.iterateJobs(options)) {
    const row = toRow(job);
    write(csv ? csvLine(EXPORT_COLUMNS.map((column) => row[column])) : `${JSON.stringify(row)}\n`);
    count += 1;
  }
  return count;
}

import { KioskError } from '../core/errors.ts';
import { WIB_OFFSET_MINUTES, type DateRange } from './dates.ts';
import type { JobFilter, PrintLog } from './print-log.ts';
import { iterateJobValues } from './reports.ts';

export type ExportFormat = 'csv' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson'];

export interface ExportOptions extends DateRange, JobFilter {
  readonly format: ExportFormat;
  /** CSV only: start with a UTF-8 byte order mark, so that spreadsheets read UTF-8. */
  readonly bom?: boolean;
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

/** The columns as SQL, in EXPORT_COLUMNS order (`job_id` is the row's `id`). */
const EXPORT_SQL_COLUMNS = EXPORT_COLUMNS.map((column) => (column === 'job_id' ? 'id' : column)).join(', ');
const CREATED = EXPORT_COLUMNS.indexOf('created_at');
const UPDATED = EXPORT_COLUMNS.indexOf('updated_at');

/** An ISO 8601 UTC timestamp as ISO 8601 in the kiosk's local time: `2026-11-20T10:00:00.000+07:00`. */
export function toLocalIso(utcIso: string, offsetMinutes: number): string {
  if (utcIso === lastIso.utc && offsetMinutes === lastIso.offset) return lastIso.local;
  const local = computeLocalIso(utcIso, offsetMinutes);
  lastIso = { utc: utcIso, offset: offsetMinutes, local };
  return local;
}

/** created_at and updated_at are often the same instant: the last conversion is kept. */
let lastIso = { utc: '', offset: 0, local: '' };

function computeLocalIso(utcIso: string, offsetMinutes: number): string {
  const ms = Date.parse(utcIso);
  if (Number.isNaN(ms)) return utcIso;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const suffix = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23)}${suffix}`;
}

/**
 * What a spreadsheet may run as a formula: a cell whose first non-blank character is = + - @
 * (also behind spaces, tabs, CR/LF, no-break or ideographic spaces, which spreadsheets skip),
 * their full-width forms ＝ ＋ － ＠ and small forms ﹦ ﹢ ﹣ ﹫ (which some spreadsheets fold
 * to ASCII), the minus sign −, or a cell starting with a tab or CR (issue 8).
 */
const FORMULA_START = /^[\s\u00a0\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212]|^[\t\r]/;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF, quotes
 * doubled. Text a spreadsheet could run as a formula gets a leading apostrophe (OWASP's advice
 * for CSV that people open in a spreadsheet). Numbers are written as numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = mayStartFormula(value) && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** A cheap first look (most cells start with a letter or digit): only then the full pattern. */
function mayStartFormula(value: string): boolean {
  const first = value.charCodeAt(0);
  return first <= 0x40 || first >= 0xa0 ? !(first >= 0x30 && first <= 0x39) : false;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) line += i === 0 ? csvField(values[i] ?? null) : `,${csvField(values[i] ?? null)}`;
  return `${line}\r\n`;
}

export const UTF8_BOM = '\ufeff';

/**
 * Writes the jobs created in the range (the kiosk's local calendar days, both inclusive,
 * default WIB), optionally only some document types and states, oldest first, one chunk per
 * row, straight from the database cursor: memory stays flat at any size. Timestamps are
 * ISO 8601 in the kiosk's time zone. CSV: optional BOM, header row, CRLF line ends
 * (RFC 4180). NDJSON: one JSON object per line, LF. Returns the number of jobs written.
 */
export function exportJobs(log: PrintLog, options: ExportOptions, write: (chunk: string) => void): number {
  let count = 0;
  for (const chunk of exportChunks(log, options)) {
    write(chunk.text);
    count += chunk.rows;
  }
  return count;
}

/**
 * The same export as chunks, one per row (plus the CSV header, `rows: 0`), for writers that
 * wait between chunks (the removable-drive export): iterate, and stop when you like.
 */
export function* exportChunks(log: PrintLog, options: ExportOptions): Generator<{ readonly text: string; readonly rows: number }, void, undefined> {
  if (!EXPORT_FORMATS.includes(options.format)) {
    throw new KioskError('ARGUMENT_INVALID', `The export format must be csv or ndjson, got "${String(options.format)}".`);
  }
  const csv = options.format === 'csv';
  const offset = options.utcOffsetMinutes ?? WIB_OFFSET_MINUTES;
  if (csv) yield { text: `${options.bom === true ? UTF8_BOM : ''}${csvLine(EXPORT_COLUMNS)}`, rows: 0 };
  for (const values of iterateJobValues(log, options, options, EXPORT_SQL_COLUMNS)) {
    values[CREATED] = toLocalIso(values[CREATED] as string, offset);
    values[UPDATED] = toLocalIso(values[UPDATED] as string, offset);
    if (csv) {
      yield { text: csvLine(values as (string | number | null)[]), rows: 1 };
    } else {
      const row: Record<string, unknown> = {};
      EXPORT_COLUMNS.forEach((column, i) => (row[column] = values[i]));
      yield { text: `${JSON.stringify(row)}\n`, rows: 1 };
    }
  }
}

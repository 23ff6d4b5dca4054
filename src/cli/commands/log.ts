import { closeSync, existsSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KioskError } from '../../core/errors.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { UsageError, parseIsoDateOption, parseOptions, requireOption, type CliIo, type Command } from '../command.ts';
import { PRINT_LOG_FILE } from '../../print-log/index.ts';
import { PrintLog, type PrintStats } from '../../print-log/print-log.ts';
import { EXPORT_FORMATS, exportJobs, type ExportFormat } from '../../print-log/export.ts';
import { PRINT_JOB_STATES, isPrintJobState, type PrintJobState } from '../../print-log/lifecycle.ts';
import { DOCUMENT_TYPES } from '../../core/documents.ts';
import { WIB_OFFSET_MINUTES, formatUtcOffset, parseUtcOffset, type DateRange } from '../../print-log/dates.ts';

const TZ_HELP = `--tz ZONE        the kiosk's time zone for the calendar days: WIB, WITA, WIT, UTC,
                   Asia/Jakarta, Asia/Makassar, Asia/Jayapura or +HH:MM
                   (default: $ADM_KIOSK_TZ, else WIB)`;

const RANGE_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  tz: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface RangeArgs {
  readonly range: Required<DateRange>;
  readonly logFile: string;
}

function parseRange(values: { from?: string; to?: string; tz?: string; 'data-dir'?: string }, io: CliIo): RangeArgs {
  const from = parseIsoDateOption(requireOption(values.from, 'from', 'the first day, YYYY-MM-DD'), 'from');
  const to = parseIsoDateOption(requireOption(values.to, 'to', 'the last day, YYYY-MM-DD (inclusive)'), 'to');
  if (from > to) throw new UsageError(`--from (${from}) is after --to (${to}).`, 'Give the earlier day as --from; both days are included.');
  const zone = values.tz ?? io.env['ADM_KIOSK_TZ'];
  let utcOffsetMinutes = WIB_OFFSET_MINUTES;
  if (zone !== undefined && zone !== '') {
    try {
      utcOffsetMinutes = parseUtcOffset(zone);
    } catch (error) {
      const source = values.tz === undefined ? 'ADM_KIOSK_TZ' : '--tz';
      throw new UsageError(`${source}: ${(error as KioskError).message}`, (error as KioskError).hint);
    }
  }
  const logFile = join(resolveDataDir(values['data-dir'], io.env), PRINT_LOG_FILE);
  return { range: { from, to, utcOffsetMinutes }, logFile };
}

/** Ops staff want to know when they looked in the wrong place, not get an empty file that looks like a quiet month. */
function openLogForReading(file: string): PrintLog {
  if (!existsSync(file)) {
    throw new KioskError('PRINT_LOG_ERROR', `There is no print log at ${file}.`, {
      hint: 'Check --data-dir (or ADM_KIOSK_DATA_DIR): the kiosk creates the log in its data folder when it first starts.',
    });
  }
  return PrintLog.openReadOnly(file);
}

function describeRange(range: Required<DateRange>): string {
  const days = range.from === range.to ? range.from : `${range.from} to ${range.to}`;
  return `${days}, ${formatUtcOffset(range.utcOffsetMinutes)}`;
}

/**
 * Prints an error the way the dispatcher (src/cli/main.ts) does and returns the exit code:
 * 2 for bad arguments, 1 otherwise. The commands handle their own errors so that they keep
 * their exit codes whoever runs them.
 */
function report(error: unknown, command: string, io: CliIo): number {
  if (io.env['ADM_KIOSK_DEBUG'] === '1' && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
  const print = (message: string, hint: string | undefined, usage?: string) => {
    io.stderr.write(`adm-kiosk: ${message}\n`);
    if (hint !== undefined) io.stderr.write(`  ${hint}\n`);
    if (usage !== undefined) io.stderr.write(`  ${usage}\n`);
  };
  if (error instanceof UsageError) {
    print(error.message, error.hint, `See: adm-kiosk ${command} --help`);
    return 2;
  }
  if (error instanceof KioskError) {
    print(error.message, error.hint);
    return 1;
  }
  print(`internal error in "${command}".`, 'Run again with ADM_KIOSK_DEBUG=1 and report the output to the maintainers.');
  return 1;
}

/** Collects small chunks into ~64 KiB writes. */
function buffered(sink: (text: string) => void): { write: (chunk: string) => void; flush: () => void } {
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    sink(pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write: (chunk: string) => {
      pending.push(chunk);
      size += chunk.length;
      if (size >= 65_536) flush();
    },
    flush,
  };
}

/** `--out` names a file to replace, never a device, a pipe or a folder (as root, renaming over /dev/null would replace it). */
function checkExportTarget(file: string): void {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return;
  }
  if (!stat.isFile()) throw new UsageError(`--out ${file} is not a regular file (a folder, a device, a pipe or a link).`, 'Give --out a file name; leave --out out to write to standard output.');
}

/**
 * Writes to `file` through a temporary file in the same folder, renamed into place only
 * when the export is complete: a failed export never leaves a file that looks finished.
 */
function writeFileAtomically(file: string, produce: (write: (chunk: string) => void) => number): number {
  const temp = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  let fd: number;
  try {
    fd = openSync(temp, 'w', 0o640);
  } catch (error) {
    throw new KioskError('ARGUMENT_INVALID', `Cannot write the export to ${file}.`, { hint: 'Check that the folder exists and is writable (is the USB drive mounted?).', cause: error });
  }
  try {
    const out = buffered((text) => {
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    });
    const count = produce(out.write);
    out.flush();
    closeSync(fd);
    renameSync(temp, file);
    return count;
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    if (error instanceof KioskError) throw error;
    throw new KioskError('PRINT_LOG_ERROR', `Writing the export to ${file} failed; no file was left behind.`, { hint: 'Check the free space on the target drive.', cause: error });
  }
}

export const logExportCommand: Command = {
  path: ['log', 'export'],
  summary: 'Export the print log for a range of days as CSV or NDJSON',
  help: `Usage: adm-kiosk log export --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|ndjson] [--out FILE]
                        [--type kk,ktp,...] [--status printed,failed,...] [--bom]

Writes every print job created on the days from --from to --to (both included, in the
kiosk's local time) oldest first, streaming (memory stays flat however long the log).
Columns: job_id, created_at, updated_at (ISO 8601 in the kiosk's time zone, e.g.
2026-11-20T10:00:00.000+07:00), kiosk_id, document_type, document_id, state, pages_done,
page_count, nik_masked, nik_hash, error_code, error_message, pin_state, pages_handed.
No full NIK, name or address is ever in the log. In CSV, a cell a spreadsheet could run
as a formula (= + - @, also behind spaces or in full-width form) starts with an apostrophe.

  --from DAY       first day, YYYY-MM-DD
  --to DAY         last day, YYYY-MM-DD (included)
  --format FMT     csv (RFC 4180, with a header row; the default) or ndjson (one JSON object a line)
  --out FILE       write to FILE (replaced only once the export is complete); default: standard output
  --type LIST      only these document types (comma-separated): ${DOCUMENT_TYPES.join(', ')}
  --status LIST    only these states (comma-separated): ${PRINT_JOB_STATES.join(', ')}
  --bom            start the CSV with a UTF-8 byte order mark (for spreadsheets)
  ${TZ_HELP}
  ${DATA_DIR_HELP}

Exit codes: 0 exported (also when no job matched: the file then has only the CSV header),
1 the log is missing or unreadable, or FILE cannot be written, 2 bad arguments.
`,
  run(args, io) {
    return Promise.resolve(runExport(args, io));
  },
};

function runExport(args: readonly string[], io: CliIo): number {
  try {
    const { values } = parseOptions(args, {
      ...RANGE_OPTIONS,
      format: { type: 'string' },
      out: { type: 'string' },
      type: { type: 'string' },
      status: { type: 'string' },
      bom: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(logExportCommand.help);
      return 0;
    }
    const format = (values.format ?? 'csv') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be csv or ndjson, got "${values.format ?? ''}".`);
    if (values.bom === true && format !== 'csv') throw new UsageError('--bom is for CSV only (NDJSON readers expect plain UTF-8).');
    const documentTypes = parseList(values.type, 'type', DOCUMENT_TYPES, (value) => (DOCUMENT_TYPES as readonly string[]).includes(value));
    const states = parseList(values.status, 'status', PRINT_JOB_STATES, isPrintJobState) as PrintJobState[];
    const filter = { documentTypes, states, bom: values.bom === true };
    if (values.out === '') throw new UsageError('--out needs a file name.');
    if (values.out !== undefined) checkExportTarget(resolve(values.out));
    const { range, logFile } = parseRange(values, io);
    const log = openLogForReading(logFile);
    let count: number;
    try {
      if (values.out === undefined) {
        const out = buffered((text) => io.stdout.write(text));
        count = exportJobs(log, { ...range, ...filter, format }, out.write);
        out.flush();
      } else {
        count = writeFileAtomically(resolve(values.out), (write) => exportJobs(log, { ...range, ...filter, format }, write));
      }
    } finally {
      log.close();
    }
    const where = values.out === undefined ? '' : ` to ${resolve(values.out)}`;
    io.stderr.write(
      count === 0
        ? `No print jobs were created on ${describeRange(range)}; the export${where} is empty${format === 'csv' ? ' but for the header row' : ''}.\n`
        : `Exported ${count} print job${count === 1 ? '' : 's'} created on ${describeRange(range)}${where}.\n`,
    );
    return 0;
  } catch (error) {
    return report(error, 'log export', io);
  }
}

function parseList(value: string | undefined, name: string, known: readonly string[], valid: (value: string) => boolean): string[] {
  if (value === undefined) return [];
  const items = value.split(',').map((item) => item.trim());
  const bad = items.find((item) => !valid(item));
  if (bad !== undefined) throw new UsageError(`--${name}: "${bad}" is not one of ${known.join(', ')}.`, `Give a comma-separated list, e.g. --${name} ${known.slice(0, 2).join(',')}.`);
  return [...new Set(items)];
}

function statsJson(stats: PrintStats): unknown {
  const byDocumentType: Record<string, { jobs: number; pages: number; states: Record<string, number> }> = {};
  const byState: Record<string, number> = {};
  for (const row of stats.rows) {
    const entry = (byDocumentType[row.documentType] ??= { jobs: 0, pages: 0, states: {} });
    entry.jobs += row.jobs;
    entry.pages += row.pages;
    entry.states[row.state] = row.jobs;
    byState[row.state] = (byState[row.state] ?? 0) + row.jobs;
  }
  return { from: stats.from, to: stats.to, utcOffsetMinutes: stats.utcOffsetMinutes, jobs: stats.jobs, pages: stats.pages, byState, byDocumentType };
}

function statsTable(stats: PrintStats, range: Required<DateRange>): string {
  const head = `Print jobs created on ${describeRange(range)}: ${stats.jobs} job${stats.jobs === 1 ? '' : 's'}, ${stats.pages} page${stats.pages === 1 ? '' : 's'} printed.\n`;
  if (stats.jobs === 0) return head;
  const states = PRINT_JOB_STATES.filter((state) => stats.rows.some((row) => row.state === state));
  const types = [...new Set(stats.rows.map((row) => row.documentType))];
  const cell = (type: string | null, state: string | null, field: 'jobs' | 'pages') =>
    stats.rows.filter((row) => (type === null || row.documentType === type) && (state === null || row.state === state)).reduce((sum, row) => sum + row[field], 0);
  const header = ['document type', ...states, 'jobs', 'pages'];
  const body = [...types, null].map((type) => [type ?? 'all', ...states.map((state) => String(cell(type, state, 'jobs'))), String(cell(type, null, 'jobs')), String(cell(type, null, 'pages'))]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) => `${row.map((text, column) => (column === 0 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0))).join('  ')}\n`;
  return `${head}\n${line(header)}${body.map(line).join('')}`;
}

export const logStatsCommand: Command = {
  path: ['log', 'stats'],
  summary: 'Count print jobs and pages per document type and state for a range of days',
  help: `Usage: adm-kiosk log stats --from YYYY-MM-DD --to YYYY-MM-DD [--json]

Counts the print jobs created on the days from --from to --to (both included, in the
kiosk's local time) per document type and state, and the pages printed.

  --from DAY       first day, YYYY-MM-DD
  --to DAY         last day, YYYY-MM-DD (included)
  --json           print one JSON object: {from, to, utcOffsetMinutes, jobs, pages, byState, byDocumentType}
  ${TZ_HELP}
  ${DATA_DIR_HELP}

Exit codes: 0 counted (also when there were no jobs), 1 the log is missing or unreadable, 2 bad arguments.
`,
  run(args, io) {
    return Promise.resolve(runStats(args, io));
  },
};

function runStats(args: readonly string[], io: CliIo): number {
  try {
    const { values } = parseOptions(args, { ...RANGE_OPTIONS, json: { type: 'boolean' } });
    if (values.help === true) {
      io.stdout.write(logStatsCommand.help);
      return 0;
    }
    const { range, logFile } = parseRange(values, io);
    const log = openLogForReading(logFile);
    let stats: PrintStats;
    try {
      stats = log.stats(range);
    } finally {
      log.close();
    }
    io.stdout.write(values.json === true ? `${JSON.stringify(statsJson(stats), null, 2)}\n` : statsTable(stats, range));
    return 0;
  } catch (error) {
    return report(error, 'log stats', io);
  }
}

export const logCommands: readonly Command[] = [logExportCommand, logStatsCommand];

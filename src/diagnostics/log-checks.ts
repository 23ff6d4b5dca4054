import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toErrorData } from '../core/errors.ts';
import { scrubText } from '../print-log/privacy.ts';
import { OK_NOTHING_TO_DO, type CheckResult } from './report.ts';

/**
 * The log section: the application log's tail (it holds no personal data; every line is
 * scrubbed again on the way out all the same), the print log's open jobs and jobs waiting for
 * review, and the state of the print log's hash chain (tamper evidence, from the print log).
 */
export const TAIL_LINES = 40;
const TAIL_BYTES = 64 * 1024;

export interface ChainState {
  /** True when every row's hash matches: nothing was changed or removed. */
  readonly ok: boolean;
  /** Rows checked. */
  readonly rows: number;
  /** Words for a technician: "intact", "row 42 was changed", ... */
  readonly words: string;
}

export interface LogCheckOptions {
  readonly dataDir: string;
  /** The print log's unsettled and needs-review counts; absent when it cannot be read. */
  readonly printLogCounts?: () => { readonly open: number; readonly needsReview: number };
  /** The hash chain's state; absent when this print log has none. */
  readonly verifyChain?: () => ChainState;
  readonly tailLines?: number;
}

/** The last `lines` lines of a text file (read from its end), each scrubbed of 16-digit numbers. */
export function tailFile(path: string, lines: number): string[] {
  const size = statSync(path).size;
  const length = Math.min(size, TAIL_BYTES);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = buffer.toString('utf8').split('\n');
  if (length < size) text.shift(); // a partial first line
  return text.filter((line) => line.trim() !== '').slice(-lines);
}

/** One application log line (JSON) as a technician reads it. */
export function formatLogLine(line: string): string {
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const parts = [parsed['time'], parsed['level'], parsed['context'], parsed['code'], parsed['message'] ?? parsed['errorClass']].filter((p): p is string => typeof p === 'string');
    return scrubText(parts.join('  '), 300);
  } catch {
    return scrubText(line, 300);
  }
}

function appLogCheck(options: LogCheckOptions): CheckResult {
  const path = join(options.dataDir, 'logs', 'kiosk.log');
  const base = { id: 'log.app', label: 'Application log (latest lines)', facts: { file: path } };
  let raw: string[];
  try {
    raw = tailFile(path, options.tailLines ?? TAIL_LINES);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ...base, level: missing ? 'ok' : 'warn', words: missing ? 'no application log yet (the kiosk has not run on this data folder)' : `cannot be read: ${(error as Error).message}`, whatToDo: missing ? OK_NOTHING_TO_DO : 'Check the data folder belongs to the kiosk user.' };
  }
  const errors = raw.filter((line) => line.includes('"level":"error"')).length;
  return { ...base, level: 'ok', words: `${raw.length} latest line(s), ${errors} error(s) among them`, whatToDo: OK_NOTHING_TO_DO, lines: raw.map(formatLogLine) };
}

function printLogCheck(options: LogCheckOptions): CheckResult | null {
  if (options.printLogCounts === undefined) return null;
  const base = { id: 'log.print-jobs', label: 'Print jobs needing attention' };
  try {
    const { open, needsReview } = options.printLogCounts();
    const facts = { open, needsReview };
    if (needsReview > 0) {
      return { ...base, level: 'warn', words: `${needsReview} job(s) need review: pages may have come out, the resident's PIN is held`, whatToDo: 'Ops staff: check what was printed, then confirm or release each PIN (ops screen or adm-kiosk log export).', facts };
    }
    return { ...base, level: 'ok', words: open === 0 ? 'none' : `${open} job(s) still being settled with the registry (retried every minute)`, whatToDo: OK_NOTHING_TO_DO, facts };
  } catch (error) {
    const data = toErrorData(error);
    return { ...base, level: 'broken', words: `the print log cannot be read: ${data.message}`, whatToDo: data.hint ?? 'Check the data folder and the disk.', code: data.code };
  }
}

function chainCheck(options: LogCheckOptions): CheckResult | null {
  if (options.verifyChain === undefined) return null;
  const base = { id: 'log.chain', label: 'Print log integrity (hash chain)' };
  try {
    const chain = options.verifyChain();
    if (chain.ok) return { ...base, level: 'ok', words: `intact: ${chain.rows} row(s) checked`, whatToDo: OK_NOTHING_TO_DO, facts: { rows: chain.rows } };
    return { ...base, level: 'broken', words: `broken: ${chain.words}`, whatToDo: 'Do not delete anything: export the print log (adm-kiosk log export) and report it to the ops supervisor; the log was changed outside the kiosk.', facts: { rows: chain.rows } };
  } catch (error) {
    const data = toErrorData(error);
    return { ...base, level: 'broken', words: `cannot be checked: ${data.message}`, whatToDo: data.hint ?? 'Check the data folder and the disk.', code: data.code };
  }
}

export function checkLogs(options: LogCheckOptions): CheckResult[] {
  return [appLogCheck(options), printLogCheck(options), chainCheck(options)].filter((c): c is CheckResult => c !== null);
}

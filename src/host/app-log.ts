import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isErrorCode, isKioskError, type ErrorData } from '../core/errors.ts';
import { scrubText } from '../print-log/privacy.ts';

/**
 * The application log: one JSON object per line (time, level, context, code, message; for an
 * unexpected error its class and stack frames), to stderr and to `<dataDir>/logs/kiosk.log`,
 * rotated at `maxBytes` (kiosk.log.1 ... kiosk.log.<keep>). Never personal data: messages come
 * from coded errors (which carry none, house rule) and are scrubbed of 16-digit numbers; for
 * an unexpected error only its class and the `at ...` frames are kept, never its message.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface LogLine {
  readonly time: string;
  readonly level: LogLevel;
  readonly context: string;
  readonly code?: string;
  readonly message?: string;
  /** What to do about it (a coded error's hint: for the technician reading the log). */
  readonly hint?: string;
  readonly errorClass?: string;
  readonly stack?: readonly string[];
}

export interface AppLog {
  info(context: string, message: string): void;
  /** Something worth a look that is not a failure of the kiosk: a message, or a coded event (a card that could not be read) by code, message and hint. */
  warn(context: string, message: string | ErrorData): void;
  /** A failure: a KioskError or ErrorData by code and message, anything else by class and stack. */
  error(context: string, error: unknown): void;
  /** Where the file lines go (null when there is no file). */
  readonly file: string | null;
}

export interface AppLogOptions {
  /** The data folder; the file is `<dataDir>/logs/kiosk.log`. Null: stderr only. */
  readonly dataDir: string | null;
  /** Write each line to stderr too (default true). */
  readonly echo?: boolean;
  readonly stderr?: (line: string) => void;
  readonly clock?: { now(): number };
  /** Rotate when the file would pass this size (default 4 MiB). */
  readonly maxBytes?: number;
  /** Rotated files kept (default 3). */
  readonly keep?: number;
}

export const APP_LOG_DIR = 'logs';
export const APP_LOG_FILE = 'kiosk.log';

/** The error as log fields: no message of an unknown error, only where it happened. */
export function errorFields(error: unknown): Pick<LogLine, 'code' | 'message' | 'hint' | 'errorClass' | 'stack'> {
  const hintOf = (hint: unknown) => (typeof hint === 'string' && hint !== '' ? { hint: scrubText(hint) } : {});
  if (isKioskError(error)) return { code: error.code, message: scrubText(error.message), ...hintOf(error.hint), ...(error.name === 'KioskError' ? {} : { errorClass: error.name }) };
  if (typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code) && 'message' in error && typeof error.message === 'string') {
    return { code: error.code, message: scrubText(error.message), ...hintOf('hint' in error ? error.hint : undefined) };
  }
  if (error instanceof Error) {
    const frames = (error.stack ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('at '))
      .slice(0, 12);
    return { code: 'INTERNAL', errorClass: error.constructor.name || error.name, stack: frames };
  }
  return { code: 'INTERNAL', errorClass: typeof error };
}

export function createAppLog(options: AppLogOptions): AppLog {
  const clock = options.clock ?? { now: () => Date.now() };
  const echo = options.echo ?? true;
  const stderr = options.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 3);
  let file: string | null = null;
  let size = 0;
  if (options.dataDir !== null) {
    const dir = join(options.dataDir, APP_LOG_DIR);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    file = join(dir, APP_LOG_FILE);
    try {
      size = statSync(file).size;
    } catch {
      size = 0;
    }
  }

  const rotate = (path: string): void => {
    rmSync(`${path}.${keep}`, { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) {
      try {
        renameSync(`${path}.${n}`, `${path}.${n + 1}`);
      } catch {
        // not there yet
      }
    }
    renameSync(path, `${path}.1`);
    size = 0;
  };

  const write = (line: LogLine): void => {
    const text = JSON.stringify(line);
    if (echo) stderr(text);
    if (file === null) return;
    try {
      const bytes = Buffer.byteLength(text) + 1;
      if (size > 0 && size + bytes > maxBytes) rotate(file);
      appendFileSync(file, `${text}\n`, { mode: 0o600 });
      size += bytes;
    } catch (error) {
      // The log must never take the kiosk down; say so once on stderr.
      stderr(JSON.stringify({ time: line.time, level: 'error', context: 'application log', ...errorFields(error) }));
      file = null;
    }
  };
  const time = () => new Date(clock.now()).toISOString();
  return {
    get file() {
      return file;
    },
    info: (context, message) => write({ time: time(), level: 'info', context, message: scrubText(message) }),
    warn: (context, message) => write({ time: time(), level: 'warn', context, ...(typeof message === 'string' ? { message: scrubText(message) } : errorFields(message)) }),
    error: (context, error) => write({ time: time(), level: 'error', context, ...errorFields(error) }),
  };
}

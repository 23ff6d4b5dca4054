import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KioskError, type ErrorCode } from '../core/errors.ts';

/**
 * File-system steps that must end, and end with a clear error, whatever path a person gives:
 * - `makeDirectory`: creates a folder and its missing parents one level at a time (Node's
 *   recursive mkdir loops forever, ignoring signals, under /proc and /sys, where mkdir says
 *   ENOENT although the parent exists);
 * - `readSmallFile`: reads a configuration or key file only if it is a regular file, and
 *   only up to a cap (`/dev/zero` never ends, a FIFO blocks its reader until a writer comes,
 *   a huge file would fill memory).
 */
const MAX_DEPTH = 64;

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

export function makeDirectory(path: string, options: { mode: number; what: string; code?: ErrorCode; hint: string }): void {
  const missing: string[] = [];
  let current = resolve(path);
  for (let depth = 0; ; depth += 1) {
    let exists = false;
    try {
      const stat = statSync(current);
      if (!stat.isDirectory()) {
        throw new KioskError(options.code ?? 'CONFIG_INVALID', `${options.what} ${path} cannot be created: ${current} is not a folder.`, { hint: options.hint });
      }
      exists = true;
    } catch (error) {
      if (error instanceof KioskError) throw error;
      if (codeOf(error) === 'ENOTDIR') throw new KioskError(options.code ?? 'CONFIG_INVALID', `${options.what} ${path} cannot be created: a part of the path is not a folder.`, { hint: options.hint, cause: error });
      if (codeOf(error) !== 'ENOENT') throw new KioskError(options.code ?? 'CONFIG_INVALID', `${options.what} ${path} cannot be created (${codeOf(error)} at ${current}).`, { hint: options.hint, cause: error });
    }
    if (exists) break;
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current || depth >= MAX_DEPTH) throw new KioskError(options.code ?? 'CONFIG_INVALID', `${options.what} ${path} cannot be created.`, { hint: options.hint });
    current = parent;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir, { mode: options.mode });
    } catch (error) {
      if (codeOf(error) === 'EEXIST' && lstatSync(dir).isDirectory()) continue;
      throw new KioskError(options.code ?? 'CONFIG_INVALID', `${options.what} ${path} cannot be created (${codeOf(error)} at ${dir}).`, { hint: options.hint, cause: error });
    }
  }
}

export interface SmallFileOptions {
  /** What the file is, for the message: "The config file", "The signing key file". */
  readonly what: string;
  readonly maxBytes: number;
  readonly code: ErrorCode;
  readonly hint: string;
}

export function readSmallFile(path: string, options: SmallFileOptions): Buffer {
  const fail = (why: string, cause?: unknown) => new KioskError(options.code, `${options.what} ${path} ${why}.`, cause === undefined ? { hint: options.hint } : { hint: options.hint, cause });
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw fail(codeOf(error) === 'ENOENT' ? 'does not exist' : `cannot be read (${codeOf(error)})`, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw fail('is a folder, not a file');
    if (!stat.isFile()) throw fail('is not a regular file (a device, a pipe or a socket)');
    if (stat.size > options.maxBytes) throw fail(`is too large (${stat.size} bytes; at most ${options.maxBytes})`);
    const buffer = Buffer.alloc(options.maxBytes + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > options.maxBytes) throw fail(`is too large (more than ${options.maxBytes} bytes)`);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof KioskError) throw error;
    throw fail(`cannot be read (${codeOf(error)})`, error);
  } finally {
    closeSync(fd);
  }
}

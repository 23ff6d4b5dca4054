import { accessSync, constants } from 'node:fs';
import { KioskError } from '../core/errors.ts';

/** The print log's PRINT_LOG_ERROR and the checks on what callers hand it. */

export function logError(message: string, cause?: unknown, hint?: string): KioskError {
  return new KioskError('PRINT_LOG_ERROR', message, {
    hint: hint ?? 'Check that the data folder is writable and the disk is not full; keep the log file and tell a technician.',
    ...(cause === undefined ? {} : { cause }),
  });
}

export function requireText(value: string, name: string, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw logError(`The print job's ${name} must be 1 to ${max} characters.`, undefined, 'This is a bug in the caller of the print log.');
  }
  return value;
}

export function requireCount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw logError(`The print job's ${name} must be a whole number of 0 or more, got ${String(value)}.`, undefined, 'This is a bug in the caller of the print log.');
  }
  return value;
}


/** True when the folder is on a read-only file system (EROFS holds for root too). */
export function readOnlyFolder(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EROFS';
  }
}

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KioskError } from '../core/errors.ts';

export const NIK_KEY_FILE = 'print-log.key';
export const NIK_KEY_BYTES = 32;

/**
 * The secret key for the print log's NIK hash: 32 random bytes in `<dataDir>/print-log.key`
 * (raw bytes, mode 0600), created on first use. With the key, the same NIK always gives
 * the same hash on this kiosk (ops can count prints per person); without it, the hash
 * cannot be turned back into a NIK by trying all NIKs. Losing the key breaks nothing but
 * the link between hashes written before and after; back it up with the log, never with
 * an export.
 */
export function loadOrCreateNikKey(dataDir: string): Buffer {
  const file = join(dataDir, NIK_KEY_FILE);
  const existing = readKey(file);
  if (existing !== undefined) return existing;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Write the whole key to a private temporary file, then link it into place: the key
    // file appears complete or not at all, and a second process racing us loses cleanly.
    const temp = join(dataDir, `.${NIK_KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(NIK_KEY_BYTES));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temp);
    }
  } catch (error) {
    throw new KioskError('PRINT_LOG_ERROR', `The print log key ${file} could not be created.`, {
      hint: 'Check that the data folder (--data-dir) is writable.',
      cause: error,
    });
  }
  const created = readKey(file);
  if (created === undefined) throw new KioskError('PRINT_LOG_ERROR', `The print log key ${file} disappeared right after it was created.`);
  return created;
}

function readKey(file: string): Buffer | undefined {
  let key: Buffer;
  try {
    key = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KioskError('PRINT_LOG_ERROR', `The print log key ${file} cannot be read.`, {
      hint: 'Check the file belongs to the kiosk user with mode 0600 (chmod 600). Do not delete it: NIK hashes written so far depend on it.',
      cause: error,
    });
  }
  if (key.length !== NIK_KEY_BYTES) {
    throw new KioskError('PRINT_LOG_ERROR', `The print log key ${file} has ${key.length} bytes; it must have exactly ${NIK_KEY_BYTES}.`, {
      hint: 'Restore the key file from a backup. Only if none exists, move it away: a new key is made, and NIK hashes from before no longer match.',
    });
  }
  return key;
}

/** The existing key, never created: for readers (`adm-kiosk log verify`) that must not invent one. */
export function readNikKey(dataDir: string): Buffer {
  const file = join(dataDir, NIK_KEY_FILE);
  const key = readKey(file);
  if (key === undefined) {
    throw new KioskError('PRINT_LOG_ERROR', `There is no print log key at ${file}; the log's chain cannot be checked without it.`, {
      hint: 'Check --data-dir: the key lies beside print-log.sqlite. Restore it from the backup taken with the log.',
    });
  }
  return key;
}

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { KioskError } from '../../core/errors.ts';

/**
 * Staff PINs are stored as scrypt hashes in a self-describing string:
 * `scrypt$N$r$p$<salt base64>$<hash base64>` (the parameters travel with the hash, so they can
 * be raised later without breaking configured PINs). Checking derives the key again and
 * compares it in constant time.
 */
export const PIN_HASH_PARAMS = { N: 32_768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

export interface ParsedPinHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** A staff PIN: 6 to 12 digits. */
export function checkStaffPinFormat(pin: string): void {
  if (!/^\d{6,12}$/.test(pin)) {
    throw new KioskError('ARGUMENT_INVALID', 'A staff PIN is 6 to 12 digits.', { hint: 'Choose a PIN of 6 to 12 digits that is not a birth date or 123456.' });
  }
}

function derive(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

export function parsePinHash(text: string, key = 'staff PIN hash'): ParsedPinHash {
  const match = FORMAT.exec(text.trim());
  const invalid = (why: string) =>
    new KioskError('CONFIG_INVALID', `${key} is not a PIN hash adm-kiosk made (${why}).`, { hint: 'Make one with `adm-kiosk staff hash-pin` and paste the whole line into the configuration.' });
  if (match === null) throw invalid('expected scrypt$N$r$p$salt$hash');
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!Number.isSafeInteger(N) || N < 1024 || N > 1_048_576 || (N & (N - 1)) !== 0) throw invalid('N must be a power of two from 1024 to 1048576');
  if (r < 1 || r > 32 || p < 1 || p > 16) throw invalid('r must be 1-32 and p 1-16');
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const hash = Buffer.from(match[5] ?? '', 'base64');
  if (salt.length < 16 || hash.length !== KEY_BYTES) throw invalid(`a salt of 16 bytes or more and a hash of ${KEY_BYTES} bytes`);
  return { N, r, p, salt, hash };
}

export async function hashPin(pin: string, params: { N: number; r: number; p: number } = PIN_HASH_PARAMS, salt: Buffer = randomBytes(16)): Promise<string> {
  checkStaffPinFormat(pin);
  const key = await derive(pin, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `pin` matches the hash (constant-time comparison of the derived keys). */
export async function verifyPin(pin: string, hash: ParsedPinHash): Promise<boolean> {
  const key = await derive(pin, hash.salt, hash);
  return key.length === hash.hash.length && timingSafeEqual(key, hash.hash);
}

import { createHmac } from 'node:crypto';
import { maskNik } from '../core/mask.ts';

/** HMAC-SHA256 of the NIK with the kiosk's key, lowercase hex: counts per person without the NIK. */
export function hashNik(nik: string, key: Buffer): string {
  return createHmac('sha256', key).update(nik, 'utf8').digest('hex');
}

/**
 * Free text bound for the log (error messages, cancel reasons) with every run of 16 digits
 * masked: a NIK or No. KK that slipped into a message never reaches the database file.
 * Names cannot be recognised this way; callers must not put them in messages (house rule).
 */
export function scrubText(text: string, maxLength = 500): string {
  // 16 digits, optionally grouped by single spaces, dots or dashes ("3201 0141 0190 0001").
  const scrubbed = text.replace(/(?<!\d)\d(?:[ .-]?\d){15}(?!\d)/g, (found) => maskNik(found.replace(/\D/g, '')));
  return scrubbed.length > maxLength ? `${scrubbed.slice(0, maxLength - 1)}…` : scrubbed;
}

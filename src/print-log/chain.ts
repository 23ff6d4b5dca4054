import * as crypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import type { JobRow } from './job-row.ts';

/**
 * The print log's hash chain (schema version 3, docs/decisions/0404).
 *
 * Append-only rows (`print_events` and `audit`) share ONE chain: each carries `seq`, its
 * position (1, 2, 3, ... across both tables), and `hash` = HMAC-SHA256(chain key, previous
 * row's hash + "\n" + the row's canonical content). A job row (`print_jobs`) changes through
 * its lifecycle, so it is not a link itself: every write to it adds an event row carrying
 * `job_hash`, the SHA-256 of the job row's canonical content right after the write. The job
 * row must match the `job_hash` of its newest event; that event is protected by the chain.
 * `chain_head` holds the newest position and hash, so rows cut off the end are noticed too.
 *
 * The canonical content is frozen (version 1): changing it would break every existing chain.
 * The chain key is derived from the print log key (`print-log.key`): whoever edits the file
 * without the key cannot make the hashes match again.
 */

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_KEY_LABEL = 'adm-kiosk print-log chain v1';

export function deriveChainKey(nikKey: Buffer): Buffer {
  return createHmac('sha256', nikKey).update(CHAIN_KEY_LABEL, 'utf8').digest();
}

/** One-shot SHA-256 to hex (Node's `crypto.hash` where it exists: several times faster than a Hash object per row). */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: 'hex'): string }).hash('sha256', text, 'hex')
    : (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The link: SHA-256(k + ":" + SHA-256(k + "\n" + previous + "\n" + canonical)), k the chain
 * key in hex. Nested like HMAC, so the outer input has a fixed shape and a length extension of
 * one link yields nothing; two one-shot hashes cost a fifth of an HMAC object per row, which
 * keeps `log verify` of a million rows in seconds (docs/decisions/0404).
 */
export function linkHash(key: Buffer, previous: string, canonical: string): string {
  const k = keyHex(key);
  return sha256Hex(`${k}:${sha256Hex(`${k}\n${previous}\n${canonical}`)}`);
}

const KEY_HEX = new WeakMap<Buffer, string>();
function keyHex(key: Buffer): string {
  let hex = KEY_HEX.get(key);
  if (hex === undefined) {
    hex = key.toString('hex');
    KEY_HEX.set(key, hex);
  }
  return hex;
}

/** The columns an event's link covers, in canonical order. */
export interface ChainedEventContent {
  readonly id: number;
  readonly seq: number;
  readonly job_id: number;
  readonly at: string;
  readonly from_state: string | null;
  readonly to_state: string;
  readonly pages_done: number;
  readonly bytes_sent: number;
  readonly error_code: string | null;
  readonly detail: string | null;
  readonly job_hash: string | null;
}

export interface ChainedAuditContent {
  readonly id: number;
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly detail: string | null;
}

export function canonicalEvent(row: ChainedEventContent): string {
  return JSON.stringify(['print_events', row.id, row.seq, row.job_id, row.at, row.from_state, row.to_state, row.pages_done, row.bytes_sent, row.error_code, row.detail, row.job_hash]);
}

export function canonicalAudit(row: ChainedAuditContent): string {
  return JSON.stringify(['audit', row.id, row.seq, row.at, row.actor, row.action, row.detail]);
}

export function canonicalJob(row: JobRow): string {
  return JSON.stringify([
    'print_jobs',
    row.id,
    row.kiosk_id,
    row.document_type,
    row.document_id,
    row.request_id,
    row.authorization_id,
    row.nik_masked,
    row.nik_hash,
    row.state,
    row.pin_state,
    row.pages_done,
    row.pages_handed,
    row.page_count,
    row.bytes_sent,
    row.first_byte_at,
    row.printer,
    row.error_code,
    row.error_message,
    row.created_at,
    row.updated_at,
  ]);
}

/** The same hash from the row's values in JOB_COLUMNS order (which is the canonical order): `log verify`'s fast path. */
export function jobHashOfValues(values: readonly unknown[]): string {
  return sha256Hex(JSON.stringify(['print_jobs', ...values]));
}

/** The snapshot hash of a job row (what its newest event's `job_hash` must say). */
export function jobHash(row: JobRow): string {
  return sha256Hex(canonicalJob(row));
}

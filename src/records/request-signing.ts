import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KioskError } from '../core/errors.ts';

/**
 * Kiosk authentication for the registry API (decision 1000): every request is signed with the
 * kiosk's Ed25519 key over its method, path and query, the SHA-256 of its body, a timestamp, a
 * fresh nonce and the kiosk id. The registry knows each kiosk's public key; it refuses an
 * unknown kiosk, a timestamp more than MAX_SKEW_MS from its own clock, a nonce it has seen
 * within that window, a body that is not the one signed, and a bad signature. The private key
 * never leaves the kiosk; a copy of the registry's key list lets nobody sign.
 */
export const SIGNATURE_SCHEME = 'ADM-REGISTRY-1';
export const MAX_SKEW_MS = 60_000;
/** Nonces are remembered for the whole window a timestamp is accepted in, both ways. */
export const NONCE_KEEP_MS = 2 * MAX_SKEW_MS;

export const HEADERS = {
  kioskId: 'x-adm-kiosk-id',
  timestamp: 'x-adm-timestamp',
  nonce: 'x-adm-nonce',
  contentSha256: 'x-adm-content-sha256',
  signature: 'x-adm-signature',
} as const;

export type RefusalReason = 'unsigned' | 'unknown-kiosk' | 'stale-timestamp' | 'replayed-nonce' | 'bad-signature' | 'body-hash';

export interface SignedRequest {
  readonly method: string;
  /** Path and query exactly as sent (e.g. `/v1/residents/3273...`). */
  readonly pathWithQuery: string;
  readonly body: string | Uint8Array;
}

export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

export function canonicalRequest(parts: { method: string; pathWithQuery: string; timestamp: string; nonce: string; kioskId: string; bodySha256: string }): string {
  return [SIGNATURE_SCHEME, parts.method.toUpperCase(), parts.pathWithQuery, parts.timestamp, parts.nonce, parts.kioskId, parts.bodySha256].join('\n');
}

/** The headers that authenticate one request. */
export function signRequest(privateKey: KeyObject, kioskId: string, request: SignedRequest, now: number, nonce = randomBytes(18).toString('base64url')): Record<string, string> {
  const timestamp = String(now);
  const bodySha256 = sha256Hex(request.body);
  const signature = sign(null, Buffer.from(canonicalRequest({ method: request.method, pathWithQuery: request.pathWithQuery, timestamp, nonce, kioskId, bodySha256 })), privateKey).toString('base64url');
  return { [HEADERS.kioskId]: kioskId, [HEADERS.timestamp]: timestamp, [HEADERS.nonce]: nonce, [HEADERS.contentSha256]: bodySha256, [HEADERS.signature]: signature };
}

export type Verdict = { readonly ok: true; readonly kioskId: string } | { readonly ok: false; readonly reason: RefusalReason; readonly message: string };

export interface VerifyOptions {
  readonly keys: ReadonlyMap<string, KeyObject>;
  readonly now: number;
  /** Records the nonce; false when it was seen before. Called only for an otherwise valid request. */
  readonly freshNonce: (kioskId: string, nonce: string) => boolean;
}

const refuse = (reason: RefusalReason, message: string): Verdict => ({ ok: false, reason, message });

/** Checks one request's signature headers; the nonce is spent only when everything else holds. */
export function verifyRequest(headers: Readonly<Record<string, string | string[] | undefined>>, request: SignedRequest, options: VerifyOptions): Verdict {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const kioskId = header(HEADERS.kioskId);
  const timestamp = header(HEADERS.timestamp);
  const nonce = header(HEADERS.nonce);
  const bodySha256 = header(HEADERS.contentSha256);
  const signature = header(HEADERS.signature);
  if (kioskId === undefined || timestamp === undefined || nonce === undefined || bodySha256 === undefined || signature === undefined) {
    return refuse('unsigned', 'The request is not signed by a kiosk.');
  }
  const key = options.keys.get(kioskId);
  if (key === undefined) return refuse('unknown-kiosk', 'This kiosk id is not enrolled at the registry.');
  if (!/^\d{1,16}$/.test(timestamp) || Math.abs(options.now - Number(timestamp)) > MAX_SKEW_MS) {
    return refuse('stale-timestamp', `The request's timestamp is more than ${MAX_SKEW_MS / 1000} s away from the registry's clock.`);
  }
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return refuse('unsigned', 'The request nonce is not 16-64 base64url characters.');
  if (bodySha256 !== sha256Hex(request.body)) return refuse('body-hash', 'The request body is not the one that was signed.');
  let valid: boolean;
  try {
    valid = verify(null, Buffer.from(canonicalRequest({ method: request.method, pathWithQuery: request.pathWithQuery, timestamp, nonce, kioskId, bodySha256 })), key, Buffer.from(signature, 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return refuse('bad-signature', "The request's signature does not verify with this kiosk's key.");
  if (!options.freshNonce(kioskId, nonce)) return refuse('replayed-nonce', 'This request was already received (its nonce was seen before).');
  return { ok: true, kioskId };
}

// ---- keys ---------------------------------------------------------------------------------

/** The kiosk's private key (PEM, PKCS#8 Ed25519); created (0600) when `create` and missing. */
export function loadKioskKey(file: string, options: { create?: boolean } = {}): KeyObject {
  if (!existsSync(file)) {
    if (options.create !== true) {
      throw new KioskError('CONFIG_INVALID', `The kiosk's registry key ${file} does not exist.`, { hint: 'Run "adm-kiosk registry key" to create it and print the public key to enrol at the registry.' });
    }
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  try {
    const key = createPrivateKey(readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${String(key.asymmetricKeyType)} key`);
    return key;
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', `The kiosk's registry key ${file} is not an Ed25519 private key in PEM.`, { hint: 'Replace it with the key enrolled at the registry, or delete it and run "adm-kiosk registry key" to make and enrol a new one.', cause });
  }
}

/** The public half as the registry's kiosk list holds it: SPKI DER, base64. */
export function publicKeyText(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

/**
 * The kiosks a registry server knows: a JSON file `{ "kiosks": { "<kiosk id>": "<public key>" } }`,
 * each key as `adm-kiosk registry key` prints it (SPKI DER, base64) or as a PEM.
 */
export function loadKioskList(file: string): Map<string, KeyObject> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', `The kiosk list ${file} cannot be read as JSON.`, { hint: 'It holds { "kiosks": { "KIOSK-ID": "PUBLIC KEY" } }; "adm-kiosk registry key" prints a kiosk\'s line.', cause });
  }
  const kiosks = (raw as { kiosks?: unknown }).kiosks;
  if (typeof kiosks !== 'object' || kiosks === null) throw new KioskError('CONFIG_INVALID', `The kiosk list ${file} has no "kiosks" object.`, { hint: 'It holds { "kiosks": { "KIOSK-ID": "PUBLIC KEY" } }.' });
  const keys = new Map<string, KeyObject>();
  for (const [kioskId, text] of Object.entries(kiosks as Record<string, unknown>)) {
    try {
      if (typeof text !== 'string') throw new Error('not a string');
      const key = text.includes('BEGIN PUBLIC KEY') ? createPublicKey(text) : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
      keys.set(kioskId, key);
    } catch (cause) {
      throw new KioskError('CONFIG_INVALID', `The public key of kiosk "${kioskId}" in ${file} is not an Ed25519 public key.`, { hint: 'Copy it as "adm-kiosk registry key" prints it on that kiosk.', cause });
    }
  }
  return keys;
}

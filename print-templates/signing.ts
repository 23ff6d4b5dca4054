import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DOCUMENT_TYPES, isDocumentType, type DocumentType } from '../src/core/documents.ts';
import { KioskError } from '../src/core/errors.ts';
import { maskNik } from '../src/core/mask.ts';

/**
 * The verification payload carried by every printed document's QR code, and its Ed25519
 * signature (node:crypto). Compact text, one line, fields separated by "|":
 *
 *   ADM2|<type>|<nomor>|<nik, masked>|<issuedAt YYYY-MM-DD>|<verification URL>|<keyId>|<signature, base64url>
 *
 * The signature covers the UTF-8 bytes of everything before the last "|" (version tag to keyId
 * inclusive). Verification needs the public key of `keyId` from a trusted-keys list.
 *
 * No full NIK in a QR code (anyone with a phone reads it): ADM2 carries the holder's NIK
 * masked (`327301********03`, region and last two digits) and, for the cards whose number is
 * the NIK (KTP-el, KIA), the number masked too, in the field and in the URL. A verifier
 * compares the visible digits with the NIK printed on the paper. ADM1 (documents printed
 * before) carried them whole; `verifyPayload` still checks them.
 */

export const PAYLOAD_VERSION = 'ADM2';
/** Versions `verifyPayload` accepts: ADM1 for documents printed before the NIK was masked. */
export const PAYLOAD_VERSIONS = ['ADM1', 'ADM2'] as const;
export type PayloadVersion = (typeof PAYLOAD_VERSIONS)[number];
export const DEFAULT_VERIFY_URL = 'https://verifikasi.adm-kiosk.invalid/v';

export interface PayloadFields {
  readonly type: DocumentType;
  /** The document's own number: No. KK, NIK for cards (masked in the payload), nomor akta. */
  readonly nomor: string;
  /** The holder's (subject's) NIK: masked in the payload. */
  readonly nik: string;
  readonly issuedAt: string;
  readonly url: string;
}

export interface SignedPayload extends PayloadFields {
  readonly version: PayloadVersion;
  readonly keyId: string;
  readonly signature: string;
}

/** Whether a document type's own number is the holder's NIK (the cards). */
export function nomorIsNik(type: DocumentType): boolean {
  return type === 'ktp' || type === 'kia';
}

/** What a QR code may say of a document's number: a card's (its NIK) masked, any other whole. */
export function publicNomor(type: DocumentType, nomor: string): string {
  return nomorIsNik(type) ? maskNik(nomor) : nomor;
}

export interface DocumentSigner {
  /** Names the key in the payload; the verifier looks it up in its trusted keys. */
  readonly keyId: string;
  /** True for the built-in demonstration key: documents signed with it are not official. */
  readonly demo: boolean;
  /** Ed25519 signature over `message`. */
  sign(message: Uint8Array): Uint8Array;
}

export interface TrustedKey {
  readonly keyId: string;
  readonly label: string;
  readonly demo: boolean;
  readonly publicKey: KeyObject;
}

// --- demo key --------------------------------------------------------------------------------

const DEMO_KEY_ID = 'DEMO-ADM-1';
const DEMO_SEED_TEXT = 'adm-kiosk DEMO signing key: not a Dukcapil key, documents signed with it are not official';
/** PKCS#8 wrapper for a raw 32-byte Ed25519 seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function demoPrivateKey(): KeyObject {
  const seed = createHash('sha256').update(DEMO_SEED_TEXT).digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

let demoKeyCache: KeyObject | undefined;

/**
 * The fixed demonstration key, derived deterministically from a public text. Anyone can
 * sign with it: verification reports such documents as DEMO, never as official.
 */
export function createDemoSigner(): DocumentSigner {
  demoKeyCache ??= demoPrivateKey();
  const key = demoKeyCache;
  return { keyId: DEMO_KEY_ID, demo: true, sign: (message) => new Uint8Array(sign(null, message, key)) };
}

/** The key id of a public key when none is given: the first 8 bytes of SHA-256 of its raw form. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return `K-${createHash('sha256').update(der.subarray(der.length - 32)).digest('hex').slice(0, 16).toUpperCase()}`;
}

/** A signer from an Ed25519 private key in a PKCS#8 PEM file (`openssl genpkey -algorithm ed25519`). */
export function loadSignerFromPem(path: string, keyId?: string): DocumentSigner {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', 'The signing key file could not be read.', { hint: 'Check the path of the PEM file.', cause });
  }
  return signerFromPem(pem, keyId);
}

/** A signer from the text of an Ed25519 private key in PKCS#8 PEM. */
export function signerFromPem(pem: string, keyId?: string): DocumentSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', 'The signing key file could not be read as a PEM private key.', {
      hint: 'Give a PKCS#8 PEM file made with "openssl genpkey -algorithm ed25519".',
      cause,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new KioskError('CONFIG_INVALID', `The signing key is ${key.asymmetricKeyType ?? 'of an unknown type'}, not Ed25519.`, {
      hint: 'Make an Ed25519 key with "openssl genpkey -algorithm ed25519".',
    });
  }
  const id = keyId ?? keyIdOf(createPublicKey(key));
  checkField('keyId', id);
  return { keyId: id, demo: false, sign: (message) => new Uint8Array(sign(null, message, key)) };
}

/** The keys `verify` trusts by default: only the demo key (a deployment adds Dukcapil's). */
export function defaultTrustedKeys(): TrustedKey[] {
  demoKeyCache ??= demoPrivateKey();
  return [{ keyId: DEMO_KEY_ID, label: 'Kunci DEMO adm-kiosk (bukan tanda tangan resmi)', demo: true, publicKey: createPublicKey(demoKeyCache) }];
}

/** A trusted key from an Ed25519 public key PEM file. */
export function trustedKeyFromPem(path: string, label: string, keyId?: string): TrustedKey {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', 'The trusted key file could not be read.', { hint: 'Check the path of the PEM file.', cause });
  }
  return trustedKeyFromPemText(pem, label, keyId);
}

/** A trusted key from the text of an Ed25519 public key in PEM (SPKI). */
export function trustedKeyFromPemText(pem: string, label: string, keyId?: string): TrustedKey {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', 'The trusted key file could not be read as a PEM public key.', { hint: 'Give the Ed25519 public key in PEM (SPKI) form.', cause });
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new KioskError('CONFIG_INVALID', 'The trusted key is not an Ed25519 key.', { hint: 'Give the Ed25519 public key in PEM (SPKI) form.' });
  return { keyId: keyId ?? keyIdOf(publicKey), label, demo: false, publicKey };
}

// --- payload ---------------------------------------------------------------------------------

function checkField(name: string, value: string): void {
  if (value === '' || value.includes('|') || /[\r\n]/.test(value)) {
    throw new KioskError('RENDER_FAILED', `The verification field ${name} is empty or contains "|" or a line break.`, {
      hint: 'The record holds a document number the QR format cannot carry; ask the Dukcapil office to check it.',
    });
  }
}

function signedText(version: PayloadVersion, fields: PayloadFields, keyId: string): string {
  return [version, fields.type, fields.nomor, fields.nik, fields.issuedAt, fields.url, keyId].join('|');
}

/**
 * The QR text for a document, signed by `signer`. The holder's NIK, and a card's number, are
 * masked here, whatever the caller gives: the URL must be built from `publicNomor`.
 */
export function buildPayload(fields: PayloadFields, signer: DocumentSigner): string {
  for (const [name, value] of Object.entries(fields) as [string, string][]) checkField(name, value);
  checkField('keyId', signer.keyId);
  const masked: PayloadFields = { ...fields, nomor: publicNomor(fields.type, fields.nomor), nik: maskNik(fields.nik) };
  if (fields.url.includes(fields.nik) || (nomorIsNik(fields.type) && fields.url.includes(fields.nomor))) {
    throw new KioskError('RENDER_FAILED', 'The verification URL would carry a whole NIK.', { hint: 'Build it from publicNomor (a report for the maintainers).' });
  }
  const text = signedText(PAYLOAD_VERSION, masked, signer.keyId);
  const signature = Buffer.from(signer.sign(Buffer.from(text, 'utf8'))).toString('base64url');
  return `${text}|${signature}`;
}

/** Splits a QR text into its fields; undefined when it is not an ADM1 or ADM2 payload. */
export function parsePayload(text: string): SignedPayload | undefined {
  const parts = text.trim().split('|');
  const version = parts[0];
  if (parts.length !== 8 || !PAYLOAD_VERSIONS.some((v) => v === version)) return undefined;
  const [, type, nomor, nik, issuedAt, url, keyId, signature] = parts as [PayloadVersion, string, string, string, string, string, string, string];
  if (!isDocumentType(type)) return undefined;
  return { version: version as PayloadVersion, type, nomor, nik, issuedAt, url, keyId, signature };
}

export type PayloadVerdict =
  | { readonly valid: true; readonly payload: SignedPayload; readonly key: TrustedKey }
  | { readonly valid: false; readonly reason: string; readonly payload?: SignedPayload };

/** Checks a QR text: format, known key, signature. Never throws for bad input. */
export function verifyPayload(text: string, trustedKeys: readonly TrustedKey[] = defaultTrustedKeys()): PayloadVerdict {
  const payload = parsePayload(text);
  if (payload === undefined) return { valid: false, reason: `The QR code is not an ADM verification code (expected ${PAYLOAD_VERSION}|type|nomor|nik|date|url|key|signature with a type among ${DOCUMENT_TYPES.join(', ')}).` };
  const key = trustedKeys.find((k) => k.keyId === payload.keyId);
  if (key === undefined) return { valid: false, reason: `The document is signed with key "${payload.keyId}", which is not in the trusted keys.`, payload };
  const signature = Buffer.from(payload.signature, 'base64url');
  if (signature.length !== 64) return { valid: false, reason: 'The signature is not a 64-byte Ed25519 signature.', payload };
  const ok = verify(null, Buffer.from(signedText(payload.version, payload, payload.keyId), 'utf8'), key.publicKey, signature);
  return ok ? { valid: true, payload, key } : { valid: false, reason: 'The signature does not match the printed fields: the document was altered or not signed by this key.', payload };
}

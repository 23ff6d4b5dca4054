import { KioskError } from '../../../src/core/errors.ts';
import { Result, StatusFlag } from './constants.ts';

/**
 * Payloads of the protocol's commands and replies, both ways (the driver decodes replies and
 * encodes commands; the fake reader module does the opposite). Every reply payload starts
 * with a RESULT byte; the fields after it exist only when RESULT is OK. A payload that does
 * not decode is CARD_READER_PROTOCOL, with the field named and no field value in the message.
 */

export interface ReaderInfo {
  readonly protocolMajor: number;
  readonly protocolMinor: number;
  /** Printable ASCII, 1-32 characters. */
  readonly firmwareVersion: string;
  /** Printable ASCII, 0-32 characters (empty: the module has none). */
  readonly serialNumber: string;
}

export interface ReaderState {
  readonly cardInField: boolean;
  readonly samReady: boolean;
  readonly samLocked: boolean;
  readonly busy: boolean;
}

/** What READ_CARD gives for an e-KTP. */
export interface ChipData {
  /** Upper-case hex, 4, 7 or 10 bytes. */
  readonly uid: string;
  readonly nik: string;
  /** yyyy-mm-dd, or null for SEUMUR HIDUP. */
  readonly validUntil: string | null;
  readonly name: string;
}

export interface Indication {
  readonly led: number;
  readonly ledMs: number;
  readonly beeps: number;
  readonly beepMs: number;
}

export interface Reply {
  readonly result: number;
  /** The payload after RESULT. */
  readonly data: Uint8Array;
}

const UID_LENGTHS = new Set([4, 7, 10]);
const MAX_TEXT = 32;
const MAX_NAME = 80;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function malformed(what: string, detail: string): KioskError {
  return new KioskError('CARD_READER_PROTOCOL', `Card reader protocol: the ${what} payload is malformed: ${detail}.`, {
    hint: 'A read is retried while the card stays on the reader; if this keeps happening the reader firmware does not follow PROTOCOL.md.',
  });
}

export function splitReply(payload: Uint8Array, what: string): Reply {
  if (payload.length < 1) throw malformed(what, 'no RESULT byte');
  return { result: payload[0] as number, data: payload.subarray(1) };
}

/** Bytes 0x20-0x7E only. */
function printable(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte < 0x20 || byte > 0x7e) return false;
  return true;
}

/** A length-prefixed field at `offset`; returns the field and the offset after it. */
function field(data: Uint8Array, offset: number, what: string, name: string, max: number): [Uint8Array, number] {
  if (offset >= data.length) throw malformed(what, `${name} is missing`);
  const length = data[offset] as number;
  if (length > max) throw malformed(what, `${name} is longer than ${max} bytes`);
  if (offset + 1 + length > data.length) throw malformed(what, `${name} runs past the end`);
  return [data.subarray(offset + 1, offset + 1 + length), offset + 1 + length];
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

export function decodeInfo(data: Uint8Array): ReaderInfo {
  const what = 'GET_INFO reply';
  if (data.length < 2) throw malformed(what, 'protocol version is missing');
  const [firmware, next] = field(data, 2, what, 'firmware version', MAX_TEXT);
  const [serial, end] = field(data, next, what, 'serial number', MAX_TEXT);
  if (firmware.length === 0 || !printable(firmware)) throw malformed(what, 'firmware version is empty or not printable ASCII');
  if (!printable(serial)) throw malformed(what, 'serial number is not printable ASCII');
  if (end !== data.length) throw malformed(what, `${data.length - end} bytes after the last field`);
  return { protocolMajor: data[0] as number, protocolMinor: data[1] as number, firmwareVersion: ascii(firmware), serialNumber: ascii(serial) };
}

export function encodeInfo(info: ReaderInfo): Uint8Array {
  const firmware = encoder.encode(info.firmwareVersion);
  const serial = encoder.encode(info.serialNumber);
  return Uint8Array.from([Result.OK, info.protocolMajor, info.protocolMinor, firmware.length, ...firmware, serial.length, ...serial]);
}

export function decodeState(data: Uint8Array): ReaderState {
  if (data.length !== 1) throw malformed('GET_STATUS reply', `${data.length} bytes instead of 1`);
  const flags = data[0] as number;
  return {
    cardInField: (flags & StatusFlag.CARD_IN_FIELD) !== 0,
    samReady: (flags & StatusFlag.SAM_READY) !== 0,
    samLocked: (flags & StatusFlag.SAM_LOCKED) !== 0,
    busy: (flags & StatusFlag.BUSY) !== 0,
  };
}

export function encodeState(state: ReaderState): Uint8Array {
  const flags =
    (state.cardInField ? StatusFlag.CARD_IN_FIELD : 0) | (state.samReady ? StatusFlag.SAM_READY : 0) | (state.samLocked ? StatusFlag.SAM_LOCKED : 0) | (state.busy ? StatusFlag.BUSY : 0);
  return Uint8Array.from([Result.OK, flags]);
}

function bcd(byte: number): number {
  const high = byte >> 4;
  const low = byte & 0x0f;
  return high > 9 || low > 9 ? -1 : high * 10 + low;
}

function toBcd(value: number): number {
  return ((Math.floor(value / 10) % 10) << 4) | value % 10;
}

function decodeValidity(bytes: Uint8Array, what: string): string | null {
  if (bytes.every((byte) => byte === 0)) return null;
  const [c, y, m, d] = [...bytes].map(bcd) as [number, number, number, number];
  const year = c * 100 + y;
  const date = new Date(Date.UTC(year, m - 1, d));
  if (c < 0 || y < 0 || m < 1 || d < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw malformed(what, 'VALID_UNTIL is not a BCD date');
  }
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function decodeChip(data: Uint8Array): ChipData {
  const what = 'READ_CARD reply';
  const [uid, afterUid] = field(data, 0, what, 'UID', 10);
  if (!UID_LENGTHS.has(uid.length)) throw malformed(what, `UID of ${uid.length} bytes (4, 7 or 10 expected)`);
  if (afterUid + 16 + 4 > data.length) throw malformed(what, 'NIK or VALID_UNTIL is cut short');
  const nikBytes = data.subarray(afterUid, afterUid + 16);
  if (!nikBytes.every((byte) => byte >= 0x30 && byte <= 0x39)) throw malformed(what, 'NIK is not 16 ASCII digits');
  const validUntil = decodeValidity(data.subarray(afterUid + 16, afterUid + 20), what);
  const [nameBytes, end] = field(data, afterUid + 20, what, 'NAME', MAX_NAME);
  if (end !== data.length) throw malformed(what, `${data.length - end} bytes after the last field`);
  let name: string;
  try {
    name = utf8.decode(nameBytes);
  } catch {
    throw malformed(what, 'NAME is not UTF-8');
  }
  if (name.trim().length === 0 || nameBytes.some((byte) => byte < 0x20 || byte === 0x7f)) throw malformed(what, 'NAME is empty or holds control characters');
  return { uid: [...uid].map((byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase(), nik: ascii(nikBytes), validUntil, name };
}

export function encodeChip(chip: ChipData): Uint8Array {
  const uid = Uint8Array.from(chip.uid.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  const nik = encoder.encode(chip.nik);
  const validity =
    chip.validUntil === null
      ? [0, 0, 0, 0]
      : (() => {
          const [year, month, day] = chip.validUntil.split('-').map(Number) as [number, number, number];
          return [toBcd(Math.floor(year / 100)), toBcd(year % 100), toBcd(month), toBcd(day)];
        })();
  const name = encoder.encode(chip.name);
  return Uint8Array.from([Result.OK, uid.length, ...uid, ...nik, ...validity, name.length, ...name]);
}

export function encodeIndication(indication: Indication): Uint8Array {
  const { led, ledMs, beeps, beepMs } = indication;
  return Uint8Array.from([led, ledMs & 0xff, ledMs >> 8, beeps, beepMs & 0xff, beepMs >> 8]);
}

export function decodeIndication(payload: Uint8Array): Indication | null {
  if (payload.length !== 6) return null;
  const indication = {
    led: payload[0] as number,
    ledMs: (payload[1] as number) | ((payload[2] as number) << 8),
    beeps: payload[3] as number,
    beepMs: (payload[4] as number) | ((payload[5] as number) << 8),
  };
  if (indication.led > 3 || indication.ledMs > 10_000 || indication.beeps > 5 || indication.beepMs > 1000) return null;
  return indication;
}

/** A reply that is only a RESULT byte (errors, INDICATE). */
export function resultOnly(result: number): Uint8Array {
  return Uint8Array.from([result]);
}

/**
 * The reader protocol's numbers, exactly as PROTOCOL.md states them (that file is the
 * specification; this is its transcription, and protocol.test.ts checks the examples there).
 */

/** USB HID: one vendor-defined interface, 64-byte input and output reports, no report ids. */
export const REPORT_SIZE = 64;
export const USAGE_PAGE = 0xff00;
export const USAGE = 0x01;
/** Report header: RSEQ (report counter) and N (stream bytes in this report). */
export const REPORT_HEADER_SIZE = 2;
export const REPORT_DATA_MAX = REPORT_SIZE - REPORT_HEADER_SIZE;

/** Frame: SOF, TYPE, SEQ, LEN (2, little-endian), HCS, PAYLOAD, CRC (4, little-endian). */
export const SOF = 0xa5;
export const FRAME_HEADER_SIZE = 6;
export const FRAME_TRAILER_SIZE = 4;
export const MAX_PAYLOAD = 512;
export const MAX_FRAME_SIZE = FRAME_HEADER_SIZE + MAX_PAYLOAD + FRAME_TRAILER_SIZE;

export const PROTOCOL_MAJOR = 1;
export const PROTOCOL_MINOR = 0;

/** Host to reader. A reply has the command's type with bit 7 set. */
export const Command = {
  GET_INFO: 0x01,
  GET_STATUS: 0x02,
  READ_CARD: 0x03,
  INDICATE: 0x04,
} as const;
export type CommandCode = (typeof Command)[keyof typeof Command];

export const REPLY_BIT = 0x80;
export const replyTypeOf = (command: number): number => command | REPLY_BIT;

/** Reader to host, unsolicited. */
export const ReaderEvent = {
  CARD_IN: 0xc1,
  CARD_OUT: 0xc2,
} as const;

/** TYPE ranges: commands 0x01-0x3F, replies 0x81-0xBF, events 0xC0-0xFF; anything else is not a frame. */
export function isValidFrameType(type: number): boolean {
  return (type >= 0x01 && type <= 0x3f) || (type >= 0x81 && type <= 0xbf) || type >= 0xc0;
}

/** The first payload byte of every reply. */
export const Result = {
  OK: 0x00,
  NO_CARD: 0x01,
  CARD_REMOVED: 0x02,
  NOT_EKTP: 0x03,
  CARD_BLOCKED: 0x04,
  AUTH_FAILED: 0x05,
  SAM_LOCKED: 0x06,
  CHIP_IO: 0x07,
  BUSY: 0x08,
  UNKNOWN_COMMAND: 0x11,
  BAD_PARAMETER: 0x12,
  INTERNAL: 0x7f,
} as const;
export type ResultCode = (typeof Result)[keyof typeof Result];

export function resultName(code: number): string {
  const entry = Object.entries(Result).find(([, value]) => value === code);
  return entry === undefined ? `0x${code.toString(16).padStart(2, '0')}` : entry[0];
}

/** GET_STATUS flags. */
export const StatusFlag = {
  CARD_IN_FIELD: 0x01,
  SAM_READY: 0x02,
  SAM_LOCKED: 0x04,
  BUSY: 0x08,
} as const;

/** INDICATE: LED colours. */
export const Led = { OFF: 0, GREEN: 1, RED: 2, AMBER: 3 } as const;

/** Timing (milliseconds). The reader's limits and the host's defaults; PROTOCOL.md explains each. */
export const Timing = {
  /** The reader answers GET_INFO, GET_STATUS and INDICATE within this. */
  readerShortReplyMs: 50,
  /** The reader answers READ_CARD within this (typical 400-1200). */
  readerReadReplyMs: 2000,
  /** The reader sends CARD_IN within this of a card entering the field, CARD_OUT within this of it leaving. */
  readerCardEventMs: 200,
  /** The reader never pauses longer than this between two reports of one frame. */
  readerInterReportMs: 20,
  /** Host: wait for a short reply. */
  hostShortTimeoutMs: 400,
  /** Host: wait for a READ_CARD reply. */
  hostReadTimeoutMs: 3000,
  /** Host: GET_STATUS heartbeat while idle. */
  hostHeartbeatMs: 750,
  /** Host: heartbeats in a row without an answer before the reader counts as not responding. */
  hostHeartbeatMisses: 2,
  /** Host: further READ_CARD attempts while the card stays in the field. */
  hostReadRetries: 2,
  /** Host: pause before a retry. */
  hostRetryDelayMs: 150,
  /** Host: enumeration interval while the reader is absent (never while attached). */
  hostScanIntervalMs: 1500,
} as const;

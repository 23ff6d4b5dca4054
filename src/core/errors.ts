/**
 * Errors with a code. Every failure a person can see carries:
 * - `code`: stable, machine-readable, documented (see ERROR_CODES);
 * - `message`: what went wrong, in words for a person (no personal data);
 * - `hint`: what to do about it;
 * - `cause`: the underlying error, kept for technicians, never shown to residents.
 * Errors cross process boundaries as plain data (`toErrorData`).
 */

export const ERROR_CODES = {
  NIK_INVALID: 'The NIK is not a valid 16-digit Nomor Induk Kependudukan',
  NO_KK_INVALID: 'The No. KK is not a valid 16-digit Kartu Keluarga number',
  RESIDENT_NOT_FOUND: 'The registry has no resident with this NIK',
  CARD_MISMATCH: 'The card does not belong to the resident it claims',
  DOCUMENT_NOT_FOUND: 'No print-ready document with this id for this resident',
  PIN_INVALID: 'The print PIN does not match',
  PIN_USED: 'The print PIN has already been used',
  PIN_LOCKED: 'Too many wrong PINs for this document',
  AUTHORIZATION_NOT_FOUND: 'No open print authorization with this id',
  REGISTRY_UNAVAILABLE: 'The registry cannot be reached',
  REGISTRY_RESPONSE_INVALID: 'The registry answered with data the kiosk cannot accept',
  REGISTRY_AUTH_FAILED: 'The registry did not accept this kiosk',
  TEMPLATE_MISSING: 'There is no template for this document type yet',
  TEMPLATE_INPUT_INVALID: 'The record is missing data the template needs',
  RENDER_FAILED: 'The document could not be rendered',
  PRINTER_OFFLINE: 'The printer is offline',
  PRINTER_COVER_OPEN: 'The printer cover is open',
  PRINTER_PAPER_END: 'The printer is out of paper',
  PRINTER_ERROR: 'The printer reports an error',
  PRINTER_NOT_RESPONDING: 'The printer does not answer',
  PRINTER_DISCONNECTED: 'The printer connection was lost',
  PRINTER_URI_INVALID: 'The printer address is not understood',
  PRINTER_BUSY: 'The printer is busy with another job',
  PRINTER_PROFILE_UNKNOWN: 'No printer profile with this name',
  PRINT_CANCELLED: 'The print job was cancelled',
  PRINT_INTERRUPTED: 'The print was interrupted before it finished',
  CARD_READER_ERROR: 'The card reader reports an error',
  CARD_READ_FAILED: 'The card could not be read',
  CARD_NOT_EKTP: 'The card on the reader is not an e-KTP',
  CARD_BLOCKED: 'The e-KTP chip is blocked and refuses to be read',
  CARD_REMOVED_DURING_READ: 'The card was taken off the reader before it was read',
  CARD_AUTH_FAILED: 'The e-KTP chip and the reader could not authenticate each other',
  CARD_READER_SAM_LOCKED: 'The security module (SAM) of the card reader is locked or missing',
  CARD_READER_PERMISSION: 'The kiosk is not allowed to open the card reader',
  CARD_READER_DISCONNECTED: 'The card reader is not connected',
  CARD_READER_NOT_RESPONDING: 'The card reader does not answer',
  CARD_READER_PROTOCOL: 'The card reader sent data the kiosk cannot accept',
  SESSION_STATE: 'This action is not possible at this step',
  SESSION_EXPIRED: 'The session ended',
  DEMO_ONLY: 'This is only available in demo mode',
  CONFIG_INVALID: 'The configuration is not valid',
  ARGUMENT_INVALID: 'A command argument is not valid',
  PRINT_LOG_ERROR: 'The print log could not be written',
  PRINT_LOG_FULL: 'The disk holding the print log is full',
  PRINT_LOG_READ_ONLY: 'The print log cannot be written: its folder or disk is read-only',
  PRINT_LOG_TAMPERED: 'The print log does not match its hash chain: rows were edited, deleted, inserted or reordered',
  STAFF_PIN_INVALID: 'The staff PIN does not match',
  STAFF_LOCKED: 'Too many wrong staff PINs: this role is locked for a while',
  STAFF_PIN_NOT_SET: 'No PIN is configured for this staff role',
  STAFF_SESSION_EXPIRED: 'The staff session ended (signed out or idle too long)',
  EXPORT_DRIVE_NOT_FOUND: 'No removable drive is mounted',
  EXPORT_FAILED: 'The export could not be written to the drive',
  FLEET_PUSH_FAILED: 'The fleet collector did not take the log rows (they are sent again later)',
  DATA_DIR_LOCKED: 'Another adm-kiosk process is using this data folder',
  API_UNAUTHORIZED: 'The request did not carry the kiosk token',
  API_INPUT_INVALID: 'The request does not match the API contract',
  API_METHOD_UNKNOWN: 'No such API method',
  INTERNAL: 'An unexpected internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Structured facts about an error that a screen shows in its own words (never parsed out of
 * the message): the attempts a wrong PIN leaves, until when a locked PIN stays locked.
 */
export interface ErrorDetails {
  /** After PIN_INVALID: wrong PINs the document still takes before it locks. */
  readonly attemptsLeft?: number | undefined;
  /** With PIN_LOCKED: when the lock ends by itself (ISO 8601, UTC). */
  readonly lockedUntil?: string | undefined;
}

export interface ErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint?: string | undefined;
  readonly details?: ErrorDetails | undefined;
}

export interface KioskErrorOptions {
  readonly hint?: string | undefined;
  readonly cause?: unknown;
  readonly details?: ErrorDetails | undefined;
}

export class KioskError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, options: KioskErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KioskError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  toErrorData(): ErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: { ...this.details } }),
    };
  }
}

export function isKioskError(value: unknown): value is KioskError {
  return value instanceof KioskError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** Any thrown value as plain error data; unknown errors become INTERNAL without leaking their text. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof KioskError) return error.toErrorData();
  return { code: 'INTERNAL', message: ERROR_CODES.INTERNAL, hint: 'Check the kiosk log for details and report the time to a technician.' };
}

/** Rebuilds a KioskError from plain data received across a boundary. */
export function fromErrorData(data: ErrorData): KioskError {
  return new KioskError(isErrorCode(data.code) ? data.code : 'INTERNAL', data.message, {
    ...(data.hint === undefined ? {} : { hint: data.hint }),
    ...(data.details === undefined ? {} : { details: data.details }),
  });
}

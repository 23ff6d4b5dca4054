import type { ErrorData } from '../../src/core/errors.ts';

/**
 * What every card reader gives the kiosk, real (USB HID) or simulated.
 *
 * Card events are asynchronous and may arrive at any step of a session (a card removed
 * mid-read or mid-print): listeners must cope with that. Every event is delivered after the
 * call or device report that caused it has returned (never synchronously inside `open`,
 * `close` or a simulated tap), in the order it happened, to every listener subscribed at
 * that moment. Every failure is one event, once: a `card-read-failed` for a card, a
 * `reader-error` or `reader-disconnected` for the reader. `open` and `close` never reject
 * for a device problem; they report it as an event and in `status().lastError`.
 */
export interface CardRead {
  /** The chip's UID as upper-case hex (4, 7 or 10 bytes); the registry takes it as proof of possession. */
  readonly uid: string;
  /** The NIK read from the chip (through the reader's SAM): 16 digits. */
  readonly nik: string;
  /** The name as written on the chip (upper case, as printed on the card). Absent when a simulated tap gives none. */
  readonly name?: string;
  /**
   * The card's validity as the chip states it: an ISO date (yyyy-mm-dd) for cards issued with
   * an end date, null for "SEUMUR HIDUP" (for life). A blocked chip never reaches `card-present`:
   * it is a `card-read-failed` with CARD_BLOCKED.
   */
  readonly validUntil?: string | null;
}

/** Why a card that entered the field was not read. */
export type CardReadFailureCode =
  | 'CARD_NOT_EKTP'
  | 'CARD_BLOCKED'
  | 'CARD_REMOVED_DURING_READ'
  | 'CARD_AUTH_FAILED'
  | 'CARD_READER_SAM_LOCKED'
  | 'CARD_READ_FAILED';

export const CARD_READ_FAILURE_CODES: readonly CardReadFailureCode[] = [
  'CARD_NOT_EKTP',
  'CARD_BLOCKED',
  'CARD_REMOVED_DURING_READ',
  'CARD_AUTH_FAILED',
  'CARD_READER_SAM_LOCKED',
  'CARD_READ_FAILED',
];

export interface CardReadFailure extends ErrorData {
  readonly code: CardReadFailureCode;
}

/**
 * The order of card events for one card: `card-detected`, then at most one of `card-present`
 * or `card-read-failed`, then `card-removed` (or `reader-disconnected` if the reader went
 * away with the card on it). A card that failed is not read again until it has been removed.
 */
export type CardReaderEvent =
  /** The reader is attached and answering (after `open`, and again after every re-plug). */
  | { readonly type: 'reader-connected'; readonly firmwareVersion: string | null }
  /** The reader went away (pulled, stopped answering). `error` says why; a card on it is forgotten. */
  | { readonly type: 'reader-disconnected'; readonly error: ErrorData }
  /** A card entered the reader's field; its chip is being read. */
  | { readonly type: 'card-detected' }
  /** A card was READ: its NIK and UID are known. */
  | { readonly type: 'card-present'; readonly card: CardRead }
  /** A card in the field could not be read; the code says why (resident-friendly texts exist for each). */
  | { readonly type: 'card-read-failed'; readonly error: CardReadFailure }
  /** The card left the field. */
  | { readonly type: 'card-removed' }
  /** A reader problem that is not a card and not a disconnection: permission, SAM locked, protocol, absent at start. */
  | { readonly type: 'reader-error'; readonly error: ErrorData };

export type CardReaderEventType = CardReaderEvent['type'];

export interface CardReaderStatus {
  readonly kind: 'simulated' | 'hid';
  /** Attached and answering. */
  readonly connected: boolean;
  /** A card is in the field (detected; read or not). */
  readonly cardPresent: boolean;
  /** As the reader reports it; null while not connected or unknown. */
  readonly firmwareVersion: string | null;
  /** The last failure reported as an event (reader or card), null if none since `open`. */
  readonly lastError: ErrorData | null;
  /** Which device, for technicians (no personal data): "hid 1209:0001 serial R-0042 at /dev/hidraw3". */
  readonly device: string;
}

export interface CardReader {
  /**
   * Starts the reader: attaches to it if it is there and keeps looking for it if it is not
   * (hot-plug). Resolves once the first attempt is over; the outcome is in `status()` and the
   * events. Calling it on a started reader does nothing.
   */
  open(): Promise<void>;
  /** Stops the reader and releases the device; no event is delivered after it resolves. The reader can be opened again. */
  close(): Promise<void>;
  status(): CardReaderStatus;
  /** Subscribes; returns the unsubscribe function. A listener that throws does not disturb the reader or other listeners. */
  onEvent(listener: (event: CardReaderEvent) => void): () => void;
}

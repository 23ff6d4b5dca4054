import type { ErrorData } from '../../src/core/errors.ts';

/**
 * What every card reader gives the kiosk, real (USB HID) or simulated.
 * Card events are asynchronous and may arrive at any step of a session
 * (a card removed mid-read or mid-print): listeners must cope with that.
 */
export interface CardRead {
  /** The NIK read from the chip (through the reader's SAM). */
  readonly nik: string;
  /** The chip's UID as upper-case hex; the registry takes it as proof of possession. */
  readonly uid: string;
}

export type CardReaderEvent =
  | { readonly type: 'card-present'; readonly card: CardRead }
  | { readonly type: 'card-removed' }
  | { readonly type: 'reader-error'; readonly error: ErrorData }
  | { readonly type: 'reader-connected' }
  | { readonly type: 'reader-disconnected' };

export interface CardReaderStatus {
  readonly kind: 'simulated' | 'hid';
  readonly connected: boolean;
  readonly cardPresent: boolean;
}

export interface CardReader {
  open(): Promise<void>;
  close(): Promise<void>;
  status(): CardReaderStatus;
  /** Subscribes; returns the unsubscribe function. */
  onEvent(listener: (event: CardReaderEvent) => void): () => void;
}

import type { ErrorData } from '../../src/core/errors.ts';
import type { CardReadFailure, CardReadFailureCode } from './contract.ts';

/**
 * The words every reader uses for its failures, so the simulated reader and the HID driver
 * say the same thing. Messages are for technicians and the application log: never a NIK, a
 * name or a card UID. The UI shows its own texts, chosen by code (src/ui/i18n).
 */
const CARD_FAILURES: Readonly<Record<CardReadFailureCode, { message: string; hint: string }>> = {
  CARD_NOT_EKTP: {
    message: 'The card in the field is not an e-KTP (it has no e-KTP application).',
    hint: 'Place your e-KTP on the reader, not another card.',
  },
  CARD_BLOCKED: {
    message: 'The e-KTP chip is blocked: it refuses the reader.',
    hint: 'The e-KTP must be checked at the Dukcapil counter.',
  },
  CARD_REMOVED_DURING_READ: {
    message: 'The card left the field before its chip was read.',
    hint: 'Place the e-KTP on the reader again and keep it there until your name appears.',
  },
  CARD_AUTH_FAILED: {
    message: 'The reader and the e-KTP chip could not authenticate each other.',
    hint: 'Lift the e-KTP and place it again, holding it still; if it keeps failing, ask the staff.',
  },
  CARD_READER_SAM_LOCKED: {
    message: 'The reader cannot read e-KTP chips: its security module (SAM) is locked or missing.',
    hint: 'A technician must check the SAM of the card reader.',
  },
  CARD_READ_FAILED: {
    message: 'The e-KTP chip could not be read.',
    hint: 'Place the e-KTP on the reader again and keep it there until it is done.',
  },
};

/** A card-level failure; `detail` (technical, no personal data) is appended to the message. */
export function cardReadFailure(code: CardReadFailureCode, detail?: string): CardReadFailure {
  const words = CARD_FAILURES[code];
  return { code, message: detail === undefined ? words.message : `${words.message} (${detail})`, hint: words.hint };
}

export function readerDisconnected(detail: string): ErrorData {
  return { code: 'CARD_READER_DISCONNECTED', message: `The card reader is not connected: ${detail}.`, hint: 'Check the reader cable; the kiosk reconnects by itself when the reader is back.' };
}

export function readerNotResponding(detail: string): ErrorData {
  return {
    code: 'CARD_READER_NOT_RESPONDING',
    message: `The card reader does not answer: ${detail}.`,
    hint: 'The kiosk reopens the reader by itself; if it keeps happening, unplug the reader and plug it back in.',
  };
}

export function readerSamLocked(): ErrorData {
  return { code: 'CARD_READER_SAM_LOCKED', message: CARD_FAILURES.CARD_READER_SAM_LOCKED.message, hint: CARD_FAILURES.CARD_READER_SAM_LOCKED.hint };
}

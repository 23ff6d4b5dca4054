import type { CardReader, CardReaderEvent } from '../../../device-drivers/card-reader/contract.ts';
import type { CardTestResult } from '../../api/tech-contract.ts';
import { KioskError } from '../../core/errors.ts';

/**
 * The technician's live "tap a card" test: waits for the next card on the reader and says
 * whether its chip was read, with the UID masked. Nothing read from the chip (NIK, name)
 * leaves this function. While a staff screen is open the kiosk starts no session for the card.
 */
export function maskUid(uid: string): string {
  const hex = uid.replace(/[^0-9a-f]/gi, '').toUpperCase();
  if (hex.length <= 4) return '*'.repeat(hex.length);
  return `${hex.slice(0, 2)}${'*'.repeat(hex.length - 4)}${hex.slice(-2)}`;
}

export function cardTest(reader: CardReader, seconds: number, signal?: AbortSignal): Promise<CardTestResult> {
  const status = reader.status();
  if (!status.connected) {
    return Promise.reject(
      new KioskError('CARD_READER_DISCONNECTED', 'The card test cannot run: the card reader is not connected.', {
        hint: "Plug the card reader's USB cable back in; the diagnostics screen shows when it is back.",
      }),
    );
  }
  return new Promise<CardTestResult>((resolve) => {
    let off = () => undefined as void;
    const finish = (result: CardTestResult) => {
      clearTimeout(timer);
      off();
      signal?.removeEventListener('abort', aborted);
      resolve(result);
    };
    const timer = setTimeout(() => finish({ outcome: 'no-card', uidMasked: null, words: `no card was placed on the reader within ${seconds} s` }), seconds * 1000);
    const aborted = () => finish({ outcome: 'no-card', uidMasked: null, words: 'the card test was stopped' });
    signal?.addEventListener('abort', aborted, { once: true });
    off = reader.onEvent((event: CardReaderEvent) => {
      if (event.type === 'card-present') finish({ outcome: 'read', uidMasked: maskUid(event.card.uid), words: 'card detected and its chip read (the NIK was read, not shown)' });
      else if (event.type === 'card-read-failed') finish({ outcome: 'failed', uidMasked: null, words: `a card was detected but its chip was not read: ${event.error.message}`, code: event.error.code });
      else if (event.type === 'reader-disconnected') finish({ outcome: 'failed', uidMasked: null, words: 'the card reader was disconnected during the test', code: event.error.code });
    });
  });
}

import type { CardReader } from '../../device-drivers/card-reader/contract.ts';
import type { AppLog } from './app-log.ts';

/**
 * The card reader's story in the application log, for the technician: attached (with its
 * firmware), gone (and why), a problem while looking for it (a missing udev rule: the line
 * carries the hint naming the rule file and how to install it), and the code of every card
 * that could not be read. Never personal data: the reader's errors carry no NIK, name or UID
 * (device-drivers/card-reader/README.md), and card reads themselves are not logged.
 */
export function logReaderEvents(reader: CardReader, appLog: AppLog): () => void {
  return reader.onEvent((event) => {
    switch (event.type) {
      case 'reader-connected':
        appLog.info('card reader', `connected: ${reader.status().device}, firmware ${event.firmwareVersion ?? 'unknown'}`);
        return;
      case 'reader-disconnected':
      case 'reader-error':
        appLog.error('card reader', event.error);
        return;
      case 'card-read-failed':
        appLog.warn('card read', event.error);
        return;
      default:
        return;
    }
  });
}

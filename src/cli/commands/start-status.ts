import type { CardReader, CardReaderStatus } from '../../../device-drivers/card-reader/contract.ts';
import type { Availability } from '../../api/contract.ts';
import type { AvailabilitySource } from '../../api/service-deps.ts';

/**
 * What `adm-kiosk start` tells the technician at its console about the devices, until
 * `adm-kiosk diag` exists: the card reader's state, firmware and last error at start-up, then
 * one `status:` line whenever the reader's state or the kiosk's availability changes. No
 * personal data: reader errors carry none.
 */
export function readerLine(status: CardReaderStatus): string {
  const state = status.connected ? `connected, firmware ${status.firmwareVersion ?? 'unknown'}` : 'NOT CONNECTED';
  const error = status.lastError === null ? 'none' : `${status.lastError.code} (${status.lastError.message})`;
  return `card reader: ${status.device}: ${state}, last error ${error}`;
}

export function availabilityLine(availability: Availability): string {
  if (availability.inService) return 'in service';
  return `OUT OF SERVICE: ${availability.problems.map((p) => `${p.part} ${p.error.code}`).join(', ')} (back in service by itself once fixed)`;
}

/** Writes a `status:` line at each change; returns the function that stops watching. */
export function watchStatus(kiosk: { readonly cardReader: CardReader; readonly health: AvailabilitySource }, write: (line: string) => void): () => void {
  let lastReader = readerLine(kiosk.cardReader.status());
  let lastAvailability = availabilityLine(kiosk.health.current());
  const offReader = kiosk.cardReader.onEvent((event) => {
    if (event.type === 'card-detected' || event.type === 'card-present' || event.type === 'card-removed') return;
    const line = readerLine(kiosk.cardReader.status());
    if (line === lastReader) return;
    lastReader = line;
    write(`status: ${line}`);
    if (event.type === 'reader-error' && event.error.hint !== undefined) write(`  what to do: ${event.error.hint}`);
  });
  const offHealth = kiosk.health.onChange((availability) => {
    const line = availabilityLine(availability);
    if (line === lastAvailability) return;
    lastAvailability = line;
    write(`status: ${line}`);
  });
  return () => {
    offReader();
    offHealth();
  };
}

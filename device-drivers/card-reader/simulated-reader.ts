import type { CardRead, CardReader, CardReaderEvent, CardReaderStatus } from './contract.ts';
import { KioskError } from '../../src/core/errors.ts';

/**
 * A reader with no hardware: a card is "tapped" by calling `present`. Demo mode's card
 * picker and the tests drive it; it behaves like the real driver at the contract.
 */
export class SimulatedCardReader implements CardReader {
  private readonly listeners = new Set<(event: CardReaderEvent) => void>();
  private opened = false;
  private card: CardRead | null = null;

  open(): Promise<void> {
    this.opened = true;
    this.emit({ type: 'reader-connected' });
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.opened = false;
    this.card = null;
    this.listeners.clear();
    return Promise.resolve();
  }

  status(): CardReaderStatus {
    return { kind: 'simulated', connected: this.opened, cardPresent: this.card !== null };
  }

  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Puts a card on the reader. */
  present(card: CardRead): void {
    if (!this.opened) throw new KioskError('CARD_READER_ERROR', 'The simulated card reader is not open.', { hint: 'Open the reader before presenting a card.' });
    if (this.card !== null) this.remove();
    this.card = card;
    this.emit({ type: 'card-present', card });
  }

  /** Takes the card off the reader. */
  remove(): void {
    if (this.card === null) return;
    this.card = null;
    this.emit({ type: 'card-removed' });
  }

  private emit(event: CardReaderEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

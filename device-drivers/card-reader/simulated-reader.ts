import type { CardRead, CardReader, CardReaderEvent, CardReaderStatus } from './contract.ts';
import { CARD_FAULT_CODES, type CardFault } from './card-fault.ts';
import type { ErrorData } from '../../src/core/errors.ts';
import { KioskError } from '../../src/core/errors.ts';
import { CardReaderEventHub } from './event-hub.ts';
import { cardReadFailure, readerDisconnected } from './reader-errors.ts';

export interface SimulatedCard extends CardRead {
  /** The card fails to read this way instead of being read. */
  readonly fault?: CardFault;
}

/**
 * A reader with no hardware: a card is "tapped" by calling `present`. Demo mode's card
 * picker and the tests drive it; it behaves like the real driver at the contract (the same
 * events in the same order, delivered asynchronously), including failed reads, a card
 * pulled mid-read and the reader being unplugged (`detach`) and plugged back (`attach`).
 */
export class SimulatedCardReader implements CardReader {
  private readonly hub: CardReaderEventHub;
  private opened = false;
  private attached = true;
  private cardInField = false;
  private lastError: ErrorData | null = null;

  /** @param options.onListenerError where a throwing event listener is reported (default: one line on stderr with the error's class). */
  constructor(options: { readonly onListenerError?: (error: unknown) => void } = {}) {
    this.hub = new CardReaderEventHub(options.onListenerError);
  }

  open(): Promise<void> {
    if (this.opened) return Promise.resolve();
    this.opened = true;
    this.lastError = null;
    this.hub.unmute();
    if (this.attached) this.hub.emit({ type: 'reader-connected', firmwareVersion: 'simulated' });
    else this.fail({ type: 'reader-error', error: readerDisconnected('the simulated reader is detached') });
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.opened = false;
    this.cardInField = false;
    this.hub.mute();
    return Promise.resolve();
  }

  status(): CardReaderStatus {
    const connected = this.opened && this.attached;
    return {
      kind: 'simulated',
      connected,
      cardPresent: this.cardInField,
      firmwareVersion: connected ? 'simulated' : null,
      lastError: this.lastError,
      device: 'simulated (demo card picker)',
    };
  }

  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  /** Puts a card on the reader (replacing one already there): it is detected, then read or refused. */
  present(card: SimulatedCard): void {
    if (!this.opened) throw new KioskError('CARD_READER_ERROR', 'The simulated card reader is not open.', { hint: 'Open the reader before presenting a card.' });
    if (!this.attached) throw new KioskError('CARD_READER_DISCONNECTED', 'The simulated card reader is detached.', { hint: 'Attach the reader before presenting a card.' });
    if (this.cardInField) this.remove();
    this.cardInField = true;
    this.hub.emit({ type: 'card-detected' });
    if (card.fault === undefined) {
      const { fault: _fault, ...read } = card;
      this.hub.emit({ type: 'card-present', card: read });
      return;
    }
    this.fail({ type: 'card-read-failed', error: cardReadFailure(CARD_FAULT_CODES[card.fault], 'simulated') });
    if (card.fault === 'removed-during-read') this.remove();
  }

  /** Takes the card off the reader. */
  remove(): void {
    if (!this.cardInField) return;
    this.cardInField = false;
    this.hub.emit({ type: 'card-removed' });
  }

  /** Unplugs the simulated reader: a card on it is forgotten. */
  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    this.cardInField = false;
    if (this.opened) this.fail({ type: 'reader-disconnected', error: readerDisconnected('the simulated reader was detached') });
  }

  /** Plugs it back. */
  attach(): void {
    if (this.attached) return;
    this.attached = true;
    if (this.opened) this.hub.emit({ type: 'reader-connected', firmwareVersion: 'simulated' });
  }

  private fail(event: Extract<CardReaderEvent, { error: unknown }>): void {
    this.lastError = event.error;
    this.hub.emit(event);
  }
}

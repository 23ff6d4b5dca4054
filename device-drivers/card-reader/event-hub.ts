import type { CardReaderEvent } from './contract.ts';

type Listener = (event: CardReaderEvent) => void;

/**
 * Delivers a reader's events the way the contract promises: asynchronously (in a microtask
 * after the call or device report that caused them), in order, to the listeners subscribed
 * when each is delivered. A listener that throws is reported to `onListenerError` and does
 * not stop the others. While muted (a closed reader) events are dropped, queued ones too.
 */
export class CardReaderEventHub {
  private readonly listeners = new Set<Listener>();
  private queue: CardReaderEvent[] = [];
  private draining = false;
  private muted = true;

  constructor(private readonly onListenerError: (error: unknown) => void = reportListenerError) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: CardReaderEvent): void {
    if (this.muted) return;
    this.queue.push(event);
    if (this.draining) return;
    this.draining = true;
    queueMicrotask(() => this.drain());
  }

  /** Starts delivering (on open). */
  unmute(): void {
    this.muted = false;
  }

  /** Stops delivering and forgets queued events (on close). */
  mute(): void {
    this.muted = true;
    this.queue = [];
  }

  private drain(): void {
    while (this.queue.length > 0 && !this.muted) {
      const event = this.queue.shift() as CardReaderEvent;
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (error) {
          this.onListenerError(error);
        }
      }
    }
    this.draining = false;
  }
}

/** The default: one technical line, the error's class only (a listener's message may hold personal data). */
function reportListenerError(error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  console.error(`card reader: an event listener threw ${name}; the reader goes on`);
}

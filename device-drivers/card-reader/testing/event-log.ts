import type { CardReader, CardReaderEvent, CardReaderEventType } from '../contract.ts';

/**
 * Records a reader's events and lets a test wait for one without sleeping: `waitFor` resolves
 * with the first matching event at or after a mark (events already received count), and
 * rejects with the events seen so far when it does not come in time.
 */
export class EventLog {
  readonly events: CardReaderEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(reader: CardReader) {
    this.unsubscribe = reader.onEvent((event) => {
      this.events.push(event);
      for (const check of [...this.waiters]) check();
    });
  }

  /** The index the next event will have. */
  mark(): number {
    return this.events.length;
  }

  /** Events since a mark. */
  since(mark: number): CardReaderEvent[] {
    return this.events.slice(mark);
  }

  /** Types of the events since a mark. */
  typesSince(mark: number): CardReaderEventType[] {
    return this.since(mark).map((event) => event.type);
  }

  count(type: CardReaderEventType, from = 0): number {
    return this.since(from).filter((event) => event.type === type).length;
  }

  waitFor(match: CardReaderEventType | ((event: CardReaderEvent) => boolean), from = 0, timeoutMs = 15_000): Promise<CardReaderEvent> {
    const predicate = typeof match === 'string' ? (event: CardReaderEvent) => event.type === match : match;
    const label = typeof match === 'string' ? match : 'a matching event';
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.events.slice(from).find(predicate);
        if (found === undefined) return false;
        this.waiters.delete(onEvent);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const onEvent = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(onEvent);
        reject(new Error(`no ${label} within ${timeoutMs} ms; events since the mark: ${this.typesSince(from).join(', ') || '(none)'}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(onEvent);
    });
  }

  /** Waits for whatever ends a card's read: `card-present` or `card-read-failed`. */
  settled(from: number): Promise<CardReaderEvent> {
    return this.waitFor((event) => event.type === 'card-present' || event.type === 'card-read-failed', from);
  }

  stop(): void {
    this.unsubscribe();
  }
}

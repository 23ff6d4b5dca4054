/**
 * The promises a service started on its own (prints, cancellations, card reactions): each
 * one's failure goes to `report`, never unhandled, and `settle()` waits for all of them.
 */
export class InFlight {
  private readonly promises = new Set<Promise<unknown>>();

  constructor(private readonly report: (context: string, error: unknown) => void) {}

  track(context: string, promise: Promise<unknown>): void {
    const tracked: Promise<unknown> = promise
      .catch((error: unknown) => this.report(context, error))
      .finally(() => this.promises.delete(tracked));
    this.promises.add(tracked);
  }

  /** Every tracked promise (and `more`) settled. */
  async settle(more: readonly Promise<unknown>[] = []): Promise<void> {
    await Promise.allSettled([...more, ...this.promises]);
  }
}

/** Runs a synchronous step as a promise, so that a refusal rejects instead of throwing. */
export function settled<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

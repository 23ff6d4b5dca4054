/**
 * One user of the printer at a time: a print job holds it from its first status request to
 * its last byte; the health monitor's idle status polls only run when nobody holds it (they
 * are skipped, never interleaved with a job's own polls).
 */
export class PrinterGate {
  private tail: Promise<unknown> = Promise.resolve();
  private holders = 0;

  get busy(): boolean {
    return this.holders > 0;
  }

  /** Runs `job` once every earlier holder is done. */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    this.holders += 1;
    const run = this.tail.then(job);
    this.tail = run.catch(() => undefined).finally(() => (this.holders -= 1));
    return run;
  }

  /** Runs `job` only if nobody holds the printer; null when it is busy. */
  tryExclusive<T>(job: () => Promise<T>): Promise<T> | null {
    return this.busy ? null : this.exclusive(job);
  }
}

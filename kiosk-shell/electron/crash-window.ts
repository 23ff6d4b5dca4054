/**
 * Counts failures in a sliding time window: "3 crashes in 60 s" means the third failure
 * within 60 s of the first one still counted. Pure: the caller passes the time.
 */
export class CrashWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a whole number >= 1');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be > 0');
  }

  /** Records one failure at `now`; returns how many fall in the window ending at `now` (this one included). */
  record(now: number): number {
    this.times.push(now);
    while (this.times.length > 0 && (this.times[0] ?? now) <= now - this.windowMs) this.times.shift();
    return this.times.length;
  }

  /** True once `record` has counted `limit` failures within the window. */
  exceeded(count: number): boolean {
    return count >= this.limit;
  }
}

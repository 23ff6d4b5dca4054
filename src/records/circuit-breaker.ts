import type { Clock } from '../core/clock.ts';
import type { ErrorData } from '../core/errors.ts';

/**
 * The registry client's circuit breaker. `failureThreshold` failed attempts in a row (no
 * answer, a timeout, a 5xx) open it at once, and so does one refusal of the kiosk's
 * credentials (`trip`): while open every call fails at once instead of making each resident
 * wait for a timeout, and the health monitor is told (`onChange`) so the kiosk shows out of
 * service. After `cooldownMs` one trial call (or the client's own probe) goes through
 * (half-open): an answer closes it, a failure opens it for another cooldown. Clock injected.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  readonly clock: Clock;
  /** Called when the registry becomes unreachable (with why) or reachable again (null). */
  readonly onChange: (problem: ErrorData | null) => void;
}

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private lastProblem: ErrorData | null = null;

  constructor(private readonly options: BreakerOptions) {}

  get state(): BreakerState {
    return this.current;
  }

  /** Why it is open; null while closed. */
  get problem(): ErrorData | null {
    return this.current === 'closed' ? null : this.lastProblem;
  }

  /** Whether a call may go out now. While open, the first call after the cooldown is the one trial. */
  allow(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open' && this.options.clock.now() - this.openedAt >= this.options.cooldownMs) {
      this.current = 'half-open';
      return true;
    }
    return false;
  }

  /** Milliseconds until a trial may go out (0 when closed or due). */
  waitMs(): number {
    if (this.current !== 'open') return 0;
    return Math.max(0, this.openedAt + this.options.cooldownMs - this.options.clock.now());
  }

  /** The registry answered (whatever it said): reachable. */
  success(): void {
    this.failures = 0;
    if (this.current === 'closed') return;
    this.current = 'closed';
    this.lastProblem = null;
    this.options.onChange(null);
  }

  /** One attempt got no usable answer. */
  failure(problem: ErrorData): void {
    this.failures += 1;
    if (this.current === 'half-open' || (this.current === 'closed' && this.failures >= this.options.failureThreshold)) this.open(problem);
    else if (this.current === 'open') this.lastProblem = problem;
  }

  /** Opens at once (the registry refuses this kiosk: every call would fail the same way). */
  trip(problem: ErrorData): void {
    this.open(problem);
  }

  private open(problem: ErrorData): void {
    const wasOpen = this.current !== 'closed';
    const changed = !wasOpen || this.lastProblem?.code !== problem.code;
    this.current = 'open';
    this.openedAt = this.options.clock.now();
    this.lastProblem = problem;
    if (changed) this.options.onChange(problem);
  }
}

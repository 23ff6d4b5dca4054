import type { KioskApi, SessionView } from '../api/contract.ts';
import type { Countdown } from './components/IdleWarning.tsx';

export type SessionStateView = SessionView['state'];
export type Step = SessionStateView['step'];
export type StateAt<S extends Step> = Extract<SessionStateView, { step: S }>;

/** What every resident screen receives: its slice of the session view and a way to act. */
export interface ScreenProps<S extends Step> {
  readonly state: StateAt<S>;
  readonly api: KioskApi;
  /**
   * Runs one API call: ignores taps while another call is under way, and shows a thrown
   * error on screen. Resolves true when the call succeeded.
   */
  readonly run: (action: () => Promise<unknown>) => Promise<boolean>;
  readonly busy: boolean;
  /** The session's own count-down (time left before it ends by itself). */
  readonly countdown: Countdown;
}

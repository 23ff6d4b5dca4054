/**
 * The lifecycle of one print job, as the print log records it:
 *
 *   authorized -> rendering -> printing (pages done) -> printed
 *        \            \             \
 *         +------------+-------------+--> failed | cancelled | interrupted
 *
 * `printed`, `failed`, `cancelled` and `interrupted` are final: a job never leaves them.
 * `interrupted` is only set by start-up recovery (the kiosk stopped mid-job).
 */
export const PRINT_JOB_STATES = ['authorized', 'rendering', 'printing', 'printed', 'failed', 'cancelled', 'interrupted'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

/** States a job is in while the kiosk is working on it; a job found in one at start-up was interrupted. */
export const ACTIVE_STATES: readonly PrintJobState[] = ['authorized', 'rendering', 'printing'];
export const FINAL_STATES: readonly PrintJobState[] = ['printed', 'failed', 'cancelled', 'interrupted'];

const NEXT: Readonly<Record<PrintJobState, readonly PrintJobState[]>> = {
  authorized: ['rendering', 'failed', 'cancelled', 'interrupted'],
  rendering: ['printing', 'failed', 'cancelled', 'interrupted'],
  printing: ['printed', 'failed', 'cancelled', 'interrupted'],
  printed: [],
  failed: [],
  cancelled: [],
  interrupted: [],
};

export function canTransition(from: PrintJobState, to: PrintJobState): boolean {
  return NEXT[from].includes(to);
}

export function isPrintJobState(value: unknown): value is PrintJobState {
  return typeof value === 'string' && (PRINT_JOB_STATES as readonly string[]).includes(value);
}

export function isActiveState(state: PrintJobState): boolean {
  return ACTIVE_STATES.includes(state);
}

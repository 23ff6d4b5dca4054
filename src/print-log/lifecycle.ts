/**
 * The lifecycle of one print job, as the print log records it (schema version 2):
 *
 *   redeeming -> authorized -> rendering -> printing (pages done) -> printed
 *       |             \            \             \
 *       +--> refused   +------------+-------------+--> failed | cancelled | interrupted | needs-review
 *
 * - `redeeming`: the intent, written BEFORE the registry is asked to redeem the PIN (with the
 *   request id the registry stores the authorization under), so that a kill between the two
 *   always leaves a row that recovery can reconcile with the registry.
 * - `refused`: the registry refused the PIN (wrong, used, locked, ...): nothing was redeemed.
 * - `needs-review`: pages may have come out but the kiosk cannot tell whether the resident got
 *   the whole document; the PIN is held (the authorization left open) for ops to decide.
 * - `interrupted`: the kiosk stopped (crash, power cut, stop) while the job was open and
 *   nothing of it had been handed to the printer; set by recovery and by a stop.
 * `printed`, `refused`, `failed`, `cancelled`, `interrupted` and `needs-review` are final.
 */
export const PRINT_JOB_STATES = ['redeeming', 'authorized', 'rendering', 'printing', 'printed', 'refused', 'failed', 'cancelled', 'interrupted', 'needs-review'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

/** States a job is in while the kiosk is working on it; a job found in one at start-up lost its owner. */
export const ACTIVE_STATES: readonly PrintJobState[] = ['redeeming', 'authorized', 'rendering', 'printing'];
export const FINAL_STATES: readonly PrintJobState[] = ['printed', 'refused', 'failed', 'cancelled', 'interrupted', 'needs-review'];

const NEXT: Readonly<Record<PrintJobState, readonly PrintJobState[]>> = {
  redeeming: ['authorized', 'refused', 'failed', 'cancelled', 'interrupted', 'needs-review'],
  authorized: ['rendering', 'failed', 'cancelled', 'interrupted', 'needs-review'],
  rendering: ['printing', 'failed', 'cancelled', 'interrupted', 'needs-review'],
  printing: ['printed', 'failed', 'cancelled', 'interrupted', 'needs-review'],
  printed: [],
  refused: [],
  failed: [],
  cancelled: [],
  interrupted: [],
  'needs-review': [],
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

/**
 * What became of the resident's one-time PIN, as far as this kiosk knows:
 * - `pending`: the redeem was asked (or is about to be); no answer recorded yet;
 * - `not-redeemed`: the registry redeemed nothing (refused, or never reached);
 * - `open`: redeemed; neither confirmed nor released yet;
 * - `held`: left open on purpose for ops to decide (the job is `needs-review`);
 * - `confirmed`: spent for good (the document was printed);
 * - `released`: given back: the PIN works again.
 */
export const PIN_STATES = ['pending', 'not-redeemed', 'open', 'held', 'confirmed', 'released'] as const;
export type PinState = (typeof PIN_STATES)[number];

/** PIN states that still need a word with the registry (recovery and reconciliation look for them). */
export const UNSETTLED_PIN_STATES: readonly PinState[] = ['pending', 'open'];

const PIN_NEXT: Readonly<Record<PinState, readonly PinState[]>> = {
  pending: ['not-redeemed', 'open', 'released', 'confirmed', 'held'],
  'not-redeemed': [],
  open: ['held', 'confirmed', 'released'],
  held: ['confirmed', 'released'],
  confirmed: [],
  released: [],
};

export function canChangePin(from: PinState, to: PinState): boolean {
  return from === to || PIN_NEXT[from].includes(to);
}

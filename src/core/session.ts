import type { ErrorData } from './errors.ts';
import { KioskError } from './errors.ts';
import type { DocumentSummary } from './record.ts';

/**
 * The resident's session as a pure state machine. The service feeds it events and the
 * current time (core reads no clock); the UI renders whatever state it is in.
 *
 *   attract -> reading-card -> choosing -> authorizing -> previewing -> printing -> done -> attract
 *                    \-> error -> attract          (any step) -> idle timeout -> attract
 */

export interface ResidentView {
  /** Name as printed on the card; shown to the resident, never logged. */
  readonly name: string;
  readonly nikMasked: string;
}

export interface PrintProgress {
  readonly pagesDone: number;
  readonly pageCount: number;
  /** Bytes the printer's transport has accepted so far (a page sent again counts again). */
  readonly bytesSent: number;
  /** Estimate of all the bytes the job will send; exact for each page once it is planned. */
  readonly bytesTotal: number;
  /** A fault the printer reported; the job waits for it to clear. */
  readonly fault: ErrorData | null;
}

/**
 * What became of the resident's one-time PIN when a print did not end in `done`:
 * `still-valid` (released: it prints again), `spent` (the document was printed),
 * `needs-review` (pages may have come out: held until the staff decide).
 */
export type PinOutcome = 'still-valid' | 'spent' | 'needs-review';

interface WithResident {
  readonly resident: ResidentView;
  readonly documents: readonly DocumentSummary[];
}

export type SessionState =
  | { readonly step: 'attract' }
  | { readonly step: 'reading-card' }
  | ({ readonly step: 'choosing'; readonly notice: ErrorData | null } & WithResident)
  | ({ readonly step: 'authorizing'; readonly documentId: string; readonly error: ErrorData | null } & WithResident)
  | ({ readonly step: 'previewing'; readonly documentId: string; readonly pageCount: number } & WithResident)
  | ({ readonly step: 'printing'; readonly documentId: string; readonly progress: PrintProgress } & WithResident)
  | ({ readonly step: 'done'; readonly documentId: string; readonly pageCount: number } & WithResident)
  | { readonly step: 'error'; readonly error: ErrorData; readonly pin: PinOutcome | null };

export type SessionStep = SessionState['step'];

export type SessionEvent =
  | { readonly type: 'card-tapped' }
  | { readonly type: 'resident-loaded'; readonly resident: ResidentView; readonly documents: readonly DocumentSummary[] }
  | { readonly type: 'failed'; readonly error: ErrorData }
  | { readonly type: 'document-chosen'; readonly documentId: string }
  | { readonly type: 'pin-rejected'; readonly error: ErrorData }
  | { readonly type: 'authorized'; readonly pageCount: number }
  | { readonly type: 'print-started'; readonly bytesTotal: number }
  | { readonly type: 'print-progress'; readonly progress: PrintProgress }
  | { readonly type: 'print-finished' }
  | { readonly type: 'print-failed'; readonly error: ErrorData; readonly pin: PinOutcome }
  | { readonly type: 'back' }
  | { readonly type: 'end' };

export interface SessionTimeouts {
  /** No touch for this long on an interactive step ends the session. */
  readonly idleMs: number;
  /** The done and error screens return to attract after this long. */
  readonly resultMs: number;
}

export const DEFAULT_TIMEOUTS: SessionTimeouts = { idleMs: 60_000, resultMs: 15_000 };

const ATTRACT: SessionState = { step: 'attract' };

function illegal(state: SessionState, event: SessionEvent): never {
  throw new KioskError('SESSION_STATE', `Cannot handle "${event.type}" while the session is at "${state.step}".`, {
    hint: 'Start again from the first screen.',
  });
}

/** The next state; throws SESSION_STATE for an event that makes no sense at this step. */
export function nextState(state: SessionState, event: SessionEvent): SessionState {
  if (event.type === 'end') return ATTRACT;
  switch (state.step) {
    case 'attract':
      if (event.type === 'card-tapped') return { step: 'reading-card' };
      return illegal(state, event);
    case 'reading-card':
      if (event.type === 'resident-loaded') return { step: 'choosing', resident: event.resident, documents: event.documents, notice: null };
      if (event.type === 'failed') return { step: 'error', error: event.error, pin: null };
      return illegal(state, event);
    case 'choosing':
      if (event.type === 'document-chosen') {
        // Not a document off the list, nor one whose PIN is locked (the service ends locks on time: endLocks).
        if (!state.documents.some((d) => d.id === event.documentId && d.lockedUntil === null)) return illegal(state, event);
        return { step: 'authorizing', resident: state.resident, documents: state.documents, documentId: event.documentId, error: null };
      }
      if (event.type === 'back') return ATTRACT;
      return illegal(state, event);
    case 'authorizing':
      if (event.type === 'pin-rejected') return { ...state, documents: afterRefusal(state.documents, state.documentId, event.error), error: event.error };
      if (event.type === 'authorized') return { step: 'previewing', resident: state.resident, documents: state.documents, documentId: state.documentId, pageCount: event.pageCount };
      if (event.type === 'back') {
        // A spent PIN is not offered again (the registry would not list it either).
        const documents = state.error?.code === 'PIN_USED' ? state.documents.filter((d) => d.id !== state.documentId) : state.documents;
        return { step: 'choosing', resident: state.resident, documents, notice: null };
      }
      if (event.type === 'failed') return { step: 'choosing', resident: state.resident, documents: state.documents, notice: event.error };
      return illegal(state, event);
    case 'previewing':
      if (event.type === 'print-started') {
        return {
          step: 'printing',
          resident: state.resident,
          documents: state.documents,
          documentId: state.documentId,
          progress: { pagesDone: 0, pageCount: state.pageCount, bytesSent: 0, bytesTotal: event.bytesTotal, fault: null },
        };
      }
      if (event.type === 'back') return { step: 'choosing', resident: state.resident, documents: state.documents, notice: null };
      if (event.type === 'failed') return { step: 'choosing', resident: state.resident, documents: state.documents, notice: event.error };
      return illegal(state, event);
    case 'printing':
      if (event.type === 'print-progress') return { ...state, progress: event.progress };
      if (event.type === 'print-finished') return { step: 'done', resident: state.resident, documents: state.documents, documentId: state.documentId, pageCount: state.progress.pageCount };
      if (event.type === 'print-failed') return { step: 'error', error: event.error, pin: event.pin };
      return illegal(state, event);
    case 'done':
      if (event.type === 'back') {
        const documents = state.documents.filter((d) => d.id !== state.documentId);
        return { step: 'choosing', resident: state.resident, documents, notice: null };
      }
      return illegal(state, event);
    case 'error':
      if (event.type === 'back') return ATTRACT;
      return illegal(state, event);
  }
}

/**
 * The documents after the registry refused a PIN: with PIN_LOCKED the document is marked
 * locked until the instant the registry gave (`details.lockedUntil`), as a new lookup would
 * list it. Anything else leaves the list as it is.
 */
function afterRefusal(documents: readonly DocumentSummary[], documentId: string, error: ErrorData): readonly DocumentSummary[] {
  const until = error.details?.lockedUntil;
  if (error.code !== 'PIN_LOCKED' || typeof until !== 'string' || Number.isNaN(Date.parse(until))) return documents;
  return documents.map((d) => (d.id === documentId ? { ...d, lockedUntil: until } : d));
}

/**
 * Locks end by themselves: at `now` (epoch ms) every document whose `lockedUntil` has passed
 * is offered again (`lockedUntil: null`). The same state object when nothing changed.
 */
export function endLocks(state: SessionState, now: number): SessionState {
  if (!('documents' in state) || !state.documents.some((d) => d.lockedUntil !== null && Date.parse(d.lockedUntil) <= now)) return state;
  return { ...state, documents: state.documents.map((d) => (d.lockedUntil !== null && Date.parse(d.lockedUntil) <= now ? { ...d, lockedUntil: null } : d)) };
}

/** True when, at `now`, the session has waited long enough on its step to end by itself. */
export function hasTimedOut(state: SessionState, lastActivityAt: number, now: number, timeouts: SessionTimeouts = DEFAULT_TIMEOUTS): boolean {
  switch (state.step) {
    case 'attract':
    case 'printing':
      return false;
    case 'done':
    case 'error':
      return now - lastActivityAt >= timeouts.resultMs;
    default:
      return now - lastActivityAt >= timeouts.idleMs;
  }
}

/** Milliseconds left before the session ends by itself, or null when it does not time out. */
export function timeLeft(state: SessionState, lastActivityAt: number, now: number, timeouts: SessionTimeouts = DEFAULT_TIMEOUTS): number | null {
  if (state.step === 'attract' || state.step === 'printing') return null;
  const limit = state.step === 'done' || state.step === 'error' ? timeouts.resultMs : timeouts.idleMs;
  return Math.max(0, limit - (now - lastActivityAt));
}

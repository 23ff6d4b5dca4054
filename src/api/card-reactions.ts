import type { CardRead, CardReaderEvent, CardReadFailure } from '../../device-drivers/card-reader/contract.ts';
import type { SessionStep } from '../core/session.ts';

/**
 * What a card reader event means for the resident's session: one pure decision per event, so
 * the whole table is read (and tested) in one place. The service carries it out.
 *
 * | event | at | reaction |
 * |---|---|---|
 * | card-detected | attract, in service | `reading`: the reading screen while the chip is read |
 * | card-detected | done, error (result screens), in service | `reading`: the session ends, a new one reads this card |
 * | card-detected | attract, done, error, out of service | `ignore` (logged): no session starts, this card is not read into one |
 * | card-detected, card-present | attract while a staff screen is open | `ignore` (logged): staff work is not interrupted by a resident |
 * | card-detected | reading-card | `ignore` (the reader lost a removal; the read goes on) |
 * | card-detected | choosing, authorizing, previewing, printing | `ignore`: a card during a session does not take it over |
 * | card-present | the read a `reading` reaction started, still current | `look-up` the resident |
 * | card-present | attract with no detection seen, in service | `look-up` (a reader that missed the detection) |
 * | card-present | anything else | `ignore` (the session that wanted it ended, or the card was ignored) |
 * | card-read-failed | reading-card, its read current | `read-failed`: the error screen with the code's text |
 * | card-removed, reader-disconnected | reading-card, choosing, authorizing (no PIN accepted yet) | `end`: the session ends |
 * | card-removed, reader-disconnected | previewing, printing, done | `ignore`: the PIN was accepted; a print goes on |
 * | card-removed | error | `ignore`: the error screen stays (a failed read is followed by the card's removal) |
 * | reader-connected, reader-error | any | `ignore` (the health monitor and the application log take them) |
 */
export type CardReaction =
  | { readonly kind: 'ignore'; readonly outOfService?: true; readonly staffScreen?: true }
  | { readonly kind: 'reading' }
  | { readonly kind: 'look-up'; readonly card: CardRead }
  | { readonly kind: 'read-failed'; readonly error: CardReadFailure }
  | { readonly kind: 'end'; readonly reason: 'card-removed' | 'reader-disconnected' };

/** Which read the session is waiting for: the one a `reading` reaction started (its session generation), or one it refused. */
export type PendingRead = { readonly generation: number } | 'ignored' | null;

export interface CardContext {
  readonly step: SessionStep;
  readonly inService: boolean;
  /** A staff (ops or technician) screen is open on the kiosk. */
  readonly staffActive: boolean;
  /** The current session's generation (bumped at every session end). */
  readonly generation: number;
  readonly pending: PendingRead;
}

/** Steps where no PIN has been accepted yet: the card's removal (or the reader's) ends the session. */
const BEFORE_PIN: ReadonlySet<SessionStep> = new Set(['reading-card', 'choosing', 'authorizing']);

export function cardReaction(event: CardReaderEvent, context: CardContext): CardReaction {
  const { step, pending } = context;
  const current = pending !== null && pending !== 'ignored' && pending.generation === context.generation && step === 'reading-card';
  switch (event.type) {
    case 'card-detected':
      if (step === 'attract' && context.staffActive) return { kind: 'ignore', staffScreen: true };
      if (step === 'attract' || step === 'done' || step === 'error') return context.inService ? { kind: 'reading' } : { kind: 'ignore', outOfService: true };
      return { kind: 'ignore' };
    case 'card-present':
      if (current) return { kind: 'look-up', card: event.card };
      if (pending === null && step === 'attract' && context.staffActive) return { kind: 'ignore', staffScreen: true };
      if (pending === null && step === 'attract') return context.inService ? { kind: 'look-up', card: event.card } : { kind: 'ignore', outOfService: true };
      return { kind: 'ignore' };
    case 'card-read-failed':
      return current ? { kind: 'read-failed', error: event.error } : { kind: 'ignore' };
    case 'card-removed':
    case 'reader-disconnected':
      return BEFORE_PIN.has(step) ? { kind: 'end', reason: event.type } : { kind: 'ignore' };
    default:
      return { kind: 'ignore' };
  }
}

/**
 * The read the session waits for after the event was carried out: a `reading` reaction waits
 * for its card in the session it started (`generationAfter`); any other detected card is
 * refused until it is read or removed (a second detection during a read changes nothing); a
 * read, a failed read, a removal or a lost reader closes it; reader-connected and
 * reader-error leave it as it was.
 */
export function nextPending(event: CardReaderEvent, reaction: CardReaction, context: CardContext, generationAfter: number): PendingRead {
  switch (event.type) {
    case 'card-detected':
      if (reaction.kind === 'reading') return { generation: generationAfter };
      return context.step === 'reading-card' ? context.pending : 'ignored';
    case 'card-present':
    case 'card-read-failed':
    case 'card-removed':
    case 'reader-disconnected':
      return null;
    default:
      return context.pending;
  }
}

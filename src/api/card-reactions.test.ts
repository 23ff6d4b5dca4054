import { describe, expect, it } from 'vitest';
import type { CardReaderEvent } from '../../device-drivers/card-reader/contract.ts';
import type { SessionStep } from '../core/session.ts';
import { cardReaction, nextPending, type CardContext } from './card-reactions.ts';

/** The table in card-reactions.ts, row by row. */
const CARD = { uid: '04A1B2C3', nik: '3273015708850001' };
const DETECTED: CardReaderEvent = { type: 'card-detected' };
const PRESENT: CardReaderEvent = { type: 'card-present', card: CARD };
const FAILED: CardReaderEvent = { type: 'card-read-failed', error: { code: 'CARD_BLOCKED', message: 'blocked' } };
const REMOVED: CardReaderEvent = { type: 'card-removed' };
const PULLED: CardReaderEvent = { type: 'reader-disconnected', error: { code: 'CARD_READER_DISCONNECTED', message: 'pulled' } };
const ALL_STEPS: SessionStep[] = ['attract', 'reading-card', 'choosing', 'authorizing', 'previewing', 'printing', 'done', 'error'];

const at = (step: SessionStep, more: Partial<CardContext> = {}): CardContext => ({ step, inService: true, staffActive: false, generation: 4, pending: null, ...more });
const kind = (event: CardReaderEvent, context: CardContext) => cardReaction(event, context).kind;

describe('card reactions', () => {
  it('a detected card opens the reading screen on attract and on the result screens only; out of service it is ignored and marked', () => {
    expect(ALL_STEPS.filter((step) => kind(DETECTED, at(step)) === 'reading')).toEqual(['attract', 'done', 'error']);
    for (const step of ['attract', 'done', 'error'] as const) expect(cardReaction(DETECTED, at(step, { inService: false }))).toEqual({ kind: 'ignore', outOfService: true });
    expect(nextPending(DETECTED, { kind: 'reading' }, at('done'), 5)).toEqual({ generation: 5 });
    expect(nextPending(DETECTED, { kind: 'ignore' }, at('printing'), 4)).toBe('ignored');
    expect(nextPending(DETECTED, { kind: 'ignore' }, at('reading-card', { pending: { generation: 4 } }), 4)).toEqual({ generation: 4 });
  });

  it('a read card is looked up only for the read its session is waiting for (or, with no detection seen, on attract in service)', () => {
    expect(cardReaction(PRESENT, at('reading-card', { pending: { generation: 4 } }))).toEqual({ kind: 'look-up', card: CARD });
    expect(kind(PRESENT, at('reading-card', { pending: { generation: 3 } }))).toBe('ignore');
    expect(kind(PRESENT, at('attract', { pending: { generation: 3 } }))).toBe('ignore');
    expect(kind(PRESENT, at('attract', { pending: 'ignored' }))).toBe('ignore');
    expect(kind(PRESENT, at('attract'))).toBe('look-up');
    expect(cardReaction(PRESENT, at('attract', { inService: false }))).toEqual({ kind: 'ignore', outOfService: true });
    for (const step of ALL_STEPS.filter((s) => s !== 'attract')) expect(kind(PRESENT, at(step))).toBe('ignore');
  });

  it('while a staff screen is open on attract, a card starts nothing and is marked for the log; on a result screen it still ends the session', () => {
    expect(cardReaction(DETECTED, at('attract', { staffActive: true }))).toEqual({ kind: 'ignore', staffScreen: true });
    expect(cardReaction(PRESENT, at('attract', { staffActive: true }))).toEqual({ kind: 'ignore', staffScreen: true });
    expect(kind(DETECTED, at('done', { staffActive: true }))).toBe('reading');
  });

  it('a failed read shows its error only on the reading screen of its own read', () => {
    expect(cardReaction(FAILED, at('reading-card', { pending: { generation: 4 } }))).toMatchObject({ kind: 'read-failed', error: { code: 'CARD_BLOCKED' } });
    for (const step of ALL_STEPS) expect(kind(FAILED, at(step, { pending: 'ignored' }))).toBe('ignore');
  });

  it('the card or the reader gone ends the session only before a PIN was accepted; everything else keeps its screen', () => {
    for (const event of [REMOVED, PULLED]) {
      expect(ALL_STEPS.filter((step) => kind(event, at(step)) === 'end')).toEqual(['reading-card', 'choosing', 'authorizing']);
      expect(nextPending(event, cardReaction(event, at('error')), at('error', { pending: { generation: 4 } }), 4)).toBeNull();
    }
  });

  it('reader-connected and reader-error change nothing in the session', () => {
    const pending = { generation: 4 };
    for (const event of [{ type: 'reader-connected', firmwareVersion: '1' }, { type: 'reader-error', error: { code: 'CARD_READER_SAM_LOCKED', message: 'sam' } }] as const) {
      for (const step of ALL_STEPS) expect(kind(event, at(step))).toBe('ignore');
      expect(nextPending(event, { kind: 'ignore' }, at('reading-card', { pending }), 4)).toBe(pending);
    }
  });
});

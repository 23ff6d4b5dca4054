import { describe, expect, it } from 'vitest';
import { fromErrorData, KioskError } from '../core/errors.ts';
import { errorDataSchema, kioskApiContract, sessionViewSchema } from './contract.ts';
import { dispatch } from './dispatch.ts';
import type { KioskApiHandlers } from './contract.ts';

/**
 * ErrorData.details (attempts left, locked until) crosses the KioskApi as data: the session
 * view keeps it, a method's refusal keeps it, and the client rebuilds it, so the UI never reads
 * numbers out of a message.
 */
const LOCKED_UNTIL = '2026-11-20T07:15:00.000Z';

describe('structured error details over the KioskApi', () => {
  it('the session view keeps the details of a wrong PIN and of a locked one', () => {
    const view = (error: unknown) => ({
      state: { step: 'authorizing', resident: { name: 'X', nikMasked: '3273********0001' }, documents: [], documentId: 'DOC-0001', error },
      timeLeftMs: 1000,
      availability: { inService: true, problems: [] },
    });
    const wrong = sessionViewSchema.parse(view({ code: 'PIN_INVALID', message: 'The PIN is not correct.', details: { attemptsLeft: 2 } }));
    expect(wrong.state).toMatchObject({ error: { details: { attemptsLeft: 2 } } });
    const locked = sessionViewSchema.parse(view({ code: 'PIN_LOCKED', message: 'Locked.', details: { lockedUntil: LOCKED_UNTIL } }));
    expect(locked.state).toMatchObject({ error: { details: { lockedUntil: LOCKED_UNTIL } } });
  });

  it('refuses details that are not what they claim (a negative count, a date that is not a time, an unknown field)', () => {
    expect(errorDataSchema.safeParse({ code: 'PIN_INVALID', message: 'x', details: { attemptsLeft: -1 } }).success).toBe(false);
    expect(errorDataSchema.safeParse({ code: 'PIN_LOCKED', message: 'x', details: { lockedUntil: 'soon' } }).success).toBe(false);
    expect(errorDataSchema.safeParse({ code: 'PIN_LOCKED', message: 'x', details: { nik: '3273010101010001' } }).success).toBe(false);
  });

  it('a method refused with details answers them in its envelope, and the client side rebuilds them', async () => {
    const handlers = {
      submitPin: () => Promise.reject(new KioskError('PIN_INVALID', 'The PIN is not correct.', { hint: 'Try again.', details: { attemptsLeft: 1 } })),
    } as unknown as KioskApiHandlers;
    const envelope = await dispatch(kioskApiContract, handlers, 'submitPin', { pin: '123456' });
    expect(envelope).toEqual({ ok: false, error: { code: 'PIN_INVALID', message: 'The PIN is not correct.', hint: 'Try again.', details: { attemptsLeft: 1 } } });
    if (envelope.ok) throw new Error('expected a refusal');
    const rebuilt = fromErrorData(errorDataSchema.parse(envelope.error));
    expect(rebuilt.details).toEqual({ attemptsLeft: 1 });
    expect(rebuilt.toErrorData()).toEqual(envelope.error);
  });
});

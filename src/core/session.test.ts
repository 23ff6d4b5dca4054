import { describe, expect, it } from 'vitest';
import { KioskError } from './errors.ts';
import { endLocks, hasTimedOut, nextState, timeLeft, type SessionState } from './session.ts';

const resident = { name: 'SITI AMINAH', nikMasked: '327301********03' };
const documents = [
  { id: 'DOC-1', type: 'kk' as const, subjectName: 'BUDI SANTOSO', issuedAt: '2026-11-01', pinLength: 6, lockedUntil: null },
  { id: 'DOC-2', type: 'ktp' as const, subjectName: 'SITI AMINAH', issuedAt: '2026-11-02', pinLength: 6, lockedUntil: null },
];
const pinError = { code: 'PIN_INVALID' as const, message: 'wrong PIN, 4 attempts left' };

function walkToPrinting(): SessionState {
  let s: SessionState = { step: 'attract' };
  s = nextState(s, { type: 'card-tapped' });
  s = nextState(s, { type: 'resident-loaded', resident, documents });
  s = nextState(s, { type: 'document-chosen', documentId: 'DOC-1' });
  s = nextState(s, { type: 'authorized', pageCount: 1 });
  return nextState(s, { type: 'print-started', bytesTotal: 1000 });
}

describe('session state machine', () => {
  it('walks the whole resident flow', () => {
    const printing = walkToPrinting();
    expect(printing).toMatchObject({ step: 'printing', documentId: 'DOC-1', progress: { pagesDone: 0, pageCount: 1 } });
    const done = nextState(printing, { type: 'print-finished' });
    expect(done).toMatchObject({ step: 'done', documentId: 'DOC-1' });
    const again = nextState(done, { type: 'back' });
    expect(again.step).toBe('choosing');
    expect(again.step === 'choosing' && again.documents.map((d) => d.id)).toEqual(['DOC-2']);
  });

  it('keeps the resident on the PIN screen after a wrong PIN, with the reason', () => {
    let s: SessionState = nextState(nextState({ step: 'attract' }, { type: 'card-tapped' }), { type: 'resident-loaded', resident, documents });
    s = nextState(s, { type: 'document-chosen', documentId: 'DOC-2' });
    s = nextState(s, { type: 'pin-rejected', error: pinError });
    expect(s).toMatchObject({ step: 'authorizing', documentId: 'DOC-2', error: pinError });
  });

  it('a locked PIN marks its document locked until the end the registry gave; it cannot be chosen until the lock ends', () => {
    const lockedUntil = '2026-11-20T03:15:00.000Z';
    let s: SessionState = nextState(nextState({ step: 'attract' }, { type: 'card-tapped' }), { type: 'resident-loaded', resident, documents });
    s = nextState(s, { type: 'document-chosen', documentId: 'DOC-2' });
    s = nextState(s, { type: 'pin-rejected', error: { code: 'PIN_LOCKED', message: 'locked', details: { lockedUntil } } });
    s = nextState(s, { type: 'back' });
    expect(s.step === 'choosing' && s.documents.map((d) => [d.id, d.lockedUntil])).toEqual([
      ['DOC-1', null],
      ['DOC-2', lockedUntil],
    ]);
    expect(() => nextState(s, { type: 'document-chosen', documentId: 'DOC-2' })).toThrow(KioskError);
    const end = Date.parse(lockedUntil);
    expect(endLocks(s, end - 1)).toBe(s);
    const ended = endLocks(s, end);
    expect(ended.step === 'choosing' && ended.documents.map((d) => d.lockedUntil)).toEqual([null, null]);
    expect(nextState(ended, { type: 'document-chosen', documentId: 'DOC-2' })).toMatchObject({ step: 'authorizing', documentId: 'DOC-2' });
  });

  it('a PIN the registry says is spent: the document is not offered again after going back; a wrong PIN changes nothing in the list', () => {
    let s: SessionState = nextState(nextState({ step: 'attract' }, { type: 'card-tapped' }), { type: 'resident-loaded', resident, documents });
    s = nextState(s, { type: 'document-chosen', documentId: 'DOC-1' });
    s = nextState(s, { type: 'pin-rejected', error: pinError });
    expect(s.step === 'authorizing' && s.documents).toEqual(documents);
    s = nextState(s, { type: 'pin-rejected', error: { code: 'PIN_USED', message: 'used' } });
    s = nextState(s, { type: 'back' });
    expect(s.step === 'choosing' && s.documents.map((d) => d.id)).toEqual(['DOC-2']);
  });

  it('refuses a document that is not on the list', () => {
    const s = nextState(nextState({ step: 'attract' }, { type: 'card-tapped' }), { type: 'resident-loaded', resident, documents });
    expect(() => nextState(s, { type: 'document-chosen', documentId: 'DOC-9' })).toThrow(KioskError);
  });

  it('refuses events that make no sense at a step', () => {
    expect(() => nextState({ step: 'attract' }, { type: 'print-finished' })).toThrow(/Cannot handle "print-finished" while the session is at "attract"/);
  });

  it('goes to the error screen when printing fails, and from there back to attract', () => {
    const failed = nextState(walkToPrinting(), { type: 'print-failed', error: { code: 'PRINTER_PAPER_END', message: 'out of paper' }, pin: 'still-valid' });
    expect(failed).toMatchObject({ step: 'error', error: { code: 'PRINTER_PAPER_END' }, pin: 'still-valid' });
    expect(nextState(failed, { type: 'back' })).toEqual({ step: 'attract' });
  });

  it('ends from any step on "end"', () => {
    expect(nextState(walkToPrinting(), { type: 'end' })).toEqual({ step: 'attract' });
  });

  it('times out idle interactive steps but never a print under way', () => {
    const choosing = nextState(nextState({ step: 'attract' }, { type: 'card-tapped' }), { type: 'resident-loaded', resident, documents });
    const t = { idleMs: 60_000, resultMs: 15_000 };
    expect(hasTimedOut(choosing, 0, 59_999, t)).toBe(false);
    expect(hasTimedOut(choosing, 0, 60_000, t)).toBe(true);
    expect(timeLeft(choosing, 0, 50_000, t)).toBe(10_000);
    expect(hasTimedOut(walkToPrinting(), 0, 10_000_000, t)).toBe(false);
    expect(timeLeft(walkToPrinting(), 0, 1, t)).toBeNull();
    const done = nextState(walkToPrinting(), { type: 'print-finished' });
    expect(hasTimedOut(done, 0, 15_000, t)).toBe(true);
  });
});

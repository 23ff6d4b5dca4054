import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.ts';
import { KioskError, type ErrorCode } from '../core/errors.ts';
import { templateInputSchema } from '../core/record.ts';
import { generateDemoData, type DemoDocument } from './demo/demo-data.ts';
import { DemoRegistry, demoStateFilePath } from './demo-registry.ts';
import { LOCKOUT_MS } from './demo-state.ts';

/** A redeem request with a fresh request id, as the kiosk sends it. */
const req = (nik: string, documentId: string, pin: string) => ({ requestId: randomUUID(), nik, documentId, pin });

const data = generateDemoData();
const people = data.families.flatMap((f) => f.members);
const uidOf = (nik: string) => data.cards.find((c) => c.nik === nik)?.uid ?? '';

/** A cardholder with at least two documents (so one can be spent while the other stays). */
function holderWithTwo(): { nik: string; uid: string; docs: DemoDocument[] } {
  const card = data.cards.find((c) => data.documents.filter((d) => d.holderNik === c.nik).length >= 2);
  if (card === undefined) throw new Error('no holder with two documents');
  return { nik: card.nik, uid: card.uid, docs: data.documents.filter((d) => d.holderNik === card.nik) };
}

function wrongPin(pin: string): string {
  return pin === '000000' ? '111111' : '000000';
}

/** Rejects with a KioskError of this code whose message carries no NIK and no name. */
async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<KioskError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, got success`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskError);
  const kioskError = error as KioskError;
  expect(kioskError.code).toBe(code);
  expect(kioskError.hint).toBeTruthy();
  const text = `${kioskError.message} ${kioskError.hint ?? ''}`;
  expect(text).not.toMatch(/\d{16}/);
  for (const p of people) expect(text.includes(p.namaLengkap), 'no names in messages').toBe(false);
  return kioskError;
}

describe('DemoRegistry: lookup', () => {
  const registry = new DemoRegistry();
  const { nik, uid, docs } = holderWithTwo();

  it('returns the resident and the documents they may print', async () => {
    const found = await registry.lookupResident(nik, uid);
    expect(found.nik).toBe(nik);
    expect(found.name).toBe(people.find((p) => p.nik === nik)?.namaLengkap);
    expect(found.documents.map((d) => d.id)).toEqual(docs.map((d) => d.document.id));
    for (const summary of found.documents) {
      const doc = docs.find((d) => d.document.id === summary.id);
      expect(summary.subjectName).toBe(people.find((p) => p.nik === doc?.document.subjectNik)?.namaLengkap);
      expect(summary).not.toHaveProperty('pin');
    }
  });

  it('accepts the UID in lower case, refuses an unknown NIK and a card that is not the resident’s', async () => {
    await expect(registry.lookupResident(nik, uid.toLowerCase())).resolves.toMatchObject({ nik });
    await rejectsWith(registry.lookupResident('3273010101900001', uid), 'RESIDENT_NOT_FOUND');
    const other = data.cards.find((c) => c.nik !== nik);
    await rejectsWith(registry.lookupResident(nik, other?.uid ?? 'DEADBEEF'), 'CARD_MISMATCH');
    const child = people.find((p) => !data.cards.some((c) => c.nik === p.nik));
    await rejectsWith(registry.lookupResident(child?.nik ?? '', uid), 'CARD_MISMATCH');
  });

  it('lets the head of family see the KK, the children’s KIA and the akta kematian they reported', async () => {
    const kia = data.documents.find((d) => d.document.type === 'kia');
    const kematian = data.documents.find((d) => d.document.type === 'akta-kematian');
    for (const doc of [kia, kematian]) {
      if (doc === undefined) throw new Error('missing document type in demo data');
      const found = await registry.lookupResident(doc.holderNik, uidOf(doc.holderNik));
      expect(found.documents.map((d) => d.id)).toContain(doc.document.id);
      expect(doc.holderNik).not.toBe(doc.document.subjectNik);
    }
  });
});

describe('DemoRegistry: one-time PINs', () => {
  let registry: DemoRegistry;
  const { nik, uid, docs } = holderWithTwo();
  const [doc, second] = docs as [DemoDocument, DemoDocument];

  beforeEach(() => {
    registry = new DemoRegistry();
  });

  it('redeems the right PIN into a validated template input', async () => {
    const auth = await registry.redeemPin(req(nik, doc.document.id, doc.pin));
    expect(auth.authorizationId).toMatch(/^AUTH-/);
    expect(() => templateInputSchema.parse(auth.input)).not.toThrow();
    expect(auth.input.document).toEqual(doc.document);
    expect(auth.input.family.members.map((m) => m.nik)).toContain(doc.document.subjectNik);
  });

  it('counts wrong PINs down in the details and locks the document for 15 minutes after the third', async () => {
    const clock = new ManualClock(Date.parse('2026-11-20T03:00:00Z'));
    registry = new DemoRegistry({ clock });
    const bad = wrongPin(doc.pin);
    for (const left of [2, 1]) {
      const error = await rejectsWith(registry.redeemPin(req(nik, doc.document.id, bad)), 'PIN_INVALID');
      expect(error.details).toEqual({ attemptsLeft: left });
      expect(error.message).toContain(`${left} ${left === 1 ? 'attempt' : 'attempts'} left`);
    }
    const locked = await rejectsWith(registry.redeemPin(req(nik, doc.document.id, bad)), 'PIN_LOCKED');
    expect(locked.details).toEqual({ lockedUntil: '2026-11-20T03:15:00.000Z' });
    clock.advance(LOCKOUT_MS - 1);
    // Locked means locked: the right PIN too, until the lock ends.
    expect((await rejectsWith(registry.redeemPin(req(nik, doc.document.id, doc.pin)), 'PIN_LOCKED')).details).toEqual({ lockedUntil: '2026-11-20T03:15:00.000Z' });
    const found = await registry.lookupResident(nik, uid);
    // Listed as locked, with the end of the lock; the other document stays ready.
    expect(found.documents.find((d) => d.id === doc.document.id)?.lockedUntil).toBe('2026-11-20T03:15:00.000Z');
    expect(found.documents.find((d) => d.id === second.document.id)?.lockedUntil).toBeNull();
    expect(registry.demoCitizens().find((c) => c.nik === nik)?.documents.find((d) => d.id === doc.document.id)?.status).toBe('locked');
    // The lock ends by itself: the document is offered again with three fresh attempts.
    clock.advance(1);
    expect(registry.demoCitizens().find((c) => c.nik === nik)?.documents.find((d) => d.id === doc.document.id)?.status).toBe('ready');
    expect((await registry.lookupResident(nik, uid)).documents.find((d) => d.id === doc.document.id)?.lockedUntil).toBeNull();
    expect((await rejectsWith(registry.redeemPin(req(nik, doc.document.id, bad)), 'PIN_INVALID')).details).toEqual({ attemptsLeft: 2 });
    await expect(registry.redeemPin(req(nik, doc.document.id, doc.pin))).resolves.toHaveProperty('authorizationId');
  });

  it('forgets wrong attempts once the right PIN is given', async () => {
    for (let i = 0; i < 2; i++) await rejectsWith(registry.redeemPin(req(nik, doc.document.id, wrongPin(doc.pin))), 'PIN_INVALID');
    const auth = await registry.redeemPin(req(nik, doc.document.id, doc.pin));
    await registry.releasePrint(auth.authorizationId, 'printer out of paper');
    const error = await rejectsWith(registry.redeemPin(req(nik, doc.document.id, wrongPin(doc.pin))), 'PIN_INVALID');
    expect(error.details).toEqual({ attemptsLeft: 2 });
  });

  it('refuses a PIN in use, gives it back on release, and kills it on confirm; closing twice the same way is no error', async () => {
    const first = await registry.redeemPin(req(nik, doc.document.id, doc.pin));
    await rejectsWith(registry.redeemPin(req(nik, doc.document.id, doc.pin)), 'PIN_USED');
    expect((await registry.lookupResident(nik, uid)).documents.map((d) => d.id)).not.toContain(doc.document.id);
    await registry.releasePrint(first.authorizationId, 'cancelled by the resident');
    await registry.releasePrint(first.authorizationId, 'again');
    await rejectsWith(registry.confirmPrint(first.authorizationId), 'AUTHORIZATION_NOT_FOUND');
    expect((await registry.lookupResident(nik, uid)).documents.map((d) => d.id)).toContain(doc.document.id);

    const again = await registry.redeemPin(req(nik, doc.document.id, doc.pin));
    expect(again.authorizationId).not.toBe(first.authorizationId);
    await registry.confirmPrint(again.authorizationId);
    await registry.confirmPrint(again.authorizationId);
    await rejectsWith(registry.releasePrint(again.authorizationId, 'too late'), 'AUTHORIZATION_NOT_FOUND');
    await rejectsWith(registry.redeemPin(req(nik, doc.document.id, doc.pin)), 'PIN_USED');
    await rejectsWith(registry.redeemPin(req(nik, doc.document.id, wrongPin(doc.pin))), 'PIN_USED');
    const after = await registry.lookupResident(nik, uid);
    expect(after.documents.map((d) => d.id)).toEqual(docs.slice(1).map((d) => d.document.id));
    expect(registry.demoCitizens().find((c) => c.nik === nik)?.documents.map((d) => d.status)).toEqual(['printed', ...docs.slice(1).map(() => 'ready')]);
  });

  it('refuses documents that are not the resident’s, unknown ids and unknown authorizations', async () => {
    const someoneElses = data.documents.find((d) => d.holderNik !== nik);
    await rejectsWith(registry.redeemPin(req(nik, someoneElses?.document.id ?? '', someoneElses?.pin ?? '')), 'DOCUMENT_NOT_FOUND');
    await rejectsWith(registry.redeemPin(req(nik, 'DOC-9999', '123456')), 'DOCUMENT_NOT_FOUND');
    await rejectsWith(registry.redeemPin(req('3273010101900001', doc.document.id, doc.pin)), 'RESIDENT_NOT_FOUND');
    await rejectsWith(registry.confirmPrint('AUTH-unknown'), 'AUTHORIZATION_NOT_FOUND');
  });

  it('redeems a request id at most once: a repeat gets the same authorization, or the same refusal without counting again', async () => {
    const request = req(nik, doc.document.id, doc.pin);
    const first = await registry.redeemPin(request);
    const repeat = await registry.redeemPin(request);
    expect(repeat.authorizationId).toBe(first.authorizationId);
    await expect(registry.findAuthorization(request.requestId)).resolves.toEqual({ authorizationId: first.authorizationId, documentId: doc.document.id, state: 'open' });
    await registry.releasePrint(first.authorizationId, 'resident went back');
    await expect(registry.findAuthorization(request.requestId)).resolves.toMatchObject({ state: 'released' });
    await rejectsWith(registry.redeemPin(request), 'AUTHORIZATION_NOT_FOUND');

    const wrong = req(nik, second.document.id, wrongPin(second.pin));
    const once = await rejectsWith(registry.redeemPin(wrong), 'PIN_INVALID');
    const twice = await rejectsWith(registry.redeemPin(wrong), 'PIN_INVALID');
    expect(twice.message).toBe(once.message);
    expect(twice.details).toEqual({ attemptsLeft: 2 });
    // Counted once: the next wrong PIN of a new request leaves one.
    expect((await rejectsWith(registry.redeemPin(req(nik, second.document.id, wrongPin(second.pin))), 'PIN_INVALID')).details).toEqual({ attemptsLeft: 1 });
    // The refused request id sent again for another document is a kiosk bug, not a second answer.
    await rejectsWith(registry.redeemPin({ ...wrong, documentId: doc.document.id }), 'API_INPUT_INVALID');
    await expect(registry.findAuthorization(wrong.requestId)).resolves.toBeNull();
    await expect(registry.findAuthorization(randomUUID())).resolves.toBeNull();
    const error = await rejectsWith(registry.redeemPin({ ...request, requestId: 'x' }), 'API_INPUT_INVALID');
    expect(error.message).toContain('request id');
  });

  it('keeps in-memory state per instance', async () => {
    await registry.confirmPrint((await registry.redeemPin(req(nik, doc.document.id, doc.pin))).authorizationId);
    await expect(new DemoRegistry().redeemPin(req(nik, doc.document.id, doc.pin))).resolves.toHaveProperty('authorizationId');
  });
});

describe('DemoRegistry: state database', () => {
  let dir: string;
  let file: string;
  const { nik, uid, docs } = holderWithTwo();
  const [doc, second] = docs as [DemoDocument, DemoDocument];
  const legacy = () => join(dir, 'demo-registry-state.json');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'adm-demo-registry-'));
    file = demoStateFilePath(dir);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('shares spent, locked and open PINs between instances (a PIN spent in one process is dead in the next)', async () => {
    const a = new DemoRegistry({ stateFile: file });
    await a.confirmPrint((await a.redeemPin(req(nik, doc.document.id, doc.pin))).authorizationId);
    await rejectsWith(a.redeemPin(req(nik, second.document.id, wrongPin(second.pin))), 'PIN_INVALID');

    const b = new DemoRegistry({ stateFile: file });
    await rejectsWith(b.redeemPin(req(nik, doc.document.id, doc.pin)), 'PIN_USED');
    const error = await rejectsWith(b.redeemPin(req(nik, second.document.id, wrongPin(second.pin))), 'PIN_INVALID');
    expect(error.details).toEqual({ attemptsLeft: 1 });

    // An authorization opened by one process can be closed by the next (crash recovery).
    const open = await b.redeemPin(req(nik, second.document.id, second.pin));
    const c = new DemoRegistry({ stateFile: file });
    await rejectsWith(c.redeemPin(req(nik, second.document.id, second.pin)), 'PIN_USED');
    await c.releasePrint(open.authorizationId, 'kiosk restarted mid-print');
    await expect(new DemoRegistry({ stateFile: file }).redeemPin(req(nik, second.document.id, second.pin))).resolves.toHaveProperty('authorizationId');
    for (const r of [a, b, c]) r.close();
  });

  it('keeps its state in SQLite (WAL) without personal data, and reading creates nothing', async () => {
    const reader = new DemoRegistry({ stateFile: join(dir, 'sub', 'demo-registry.sqlite') });
    expect(reader.demoCitizens().length).toBeGreaterThan(10);
    await reader.lookupResident(nik, uid);
    expect(readdirSync(dir)).toEqual([]);
    const registry = new DemoRegistry({ stateFile: file });
    await registry.redeemPin(req(nik, doc.document.id, doc.pin));
    await rejectsWith(registry.redeemPin(req(nik, second.document.id, wrongPin(second.pin))), 'PIN_INVALID');
    expect(readdirSync(dir).sort()).toEqual(['demo-registry.sqlite', 'demo-registry.sqlite-shm', 'demo-registry.sqlite-wal']);
    registry.close();
    const bytes = Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f)))).toString('latin1');
    expect(bytes).toContain(second.document.id);
    expect(bytes).not.toContain(nik);
    expect(bytes).not.toContain(doc.pin);
  });

  it('imports a legacy JSON state file once (version 1): its open authorizations stay open and can be released', async () => {
    writeFileSync(legacy(), JSON.stringify({ version: 1, seed: 17081945, documents: { [second.document.id]: { failedAttempts: 1, printed: false } }, authorizations: { 'AUTH-old': { documentId: doc.document.id } } }));
    const registry = new DemoRegistry({ stateFile: file });
    expect(registry.demoCitizens().find((c) => c.nik === nik)?.documents.map((d) => d.status)).toEqual(['redeemed', 'ready', ...docs.slice(2).map(() => 'ready')]);
    expect(readdirSync(dir)).toContain('demo-registry-state.json.imported');
    expect(readdirSync(dir)).not.toContain('demo-registry-state.json');
    await registry.releasePrint('AUTH-old', 'upgrade');
    const error = await rejectsWith(registry.redeemPin(req(nik, second.document.id, wrongPin(second.pin))), 'PIN_INVALID');
    expect(error.details).toEqual({ attemptsLeft: 1 });
    registry.close();
    // Imported once: a stale copy put back is not imported over newer state.
    writeFileSync(legacy(), JSON.stringify({ version: 1, seed: 17081945, documents: {}, authorizations: { 'AUTH-old': { documentId: doc.document.id } } }));
    const again = new DemoRegistry({ stateFile: file });
    expect(again.demoCitizens().find((c) => c.nik === nik)?.documents[0]?.status).toBe('ready');
    again.close();
  });

  it('refuses a damaged legacy state file, or a damaged database, with a clear error naming demo reset instead of starting afresh', async () => {
    writeFileSync(legacy(), '{"version": 1, "seed": ');
    const registry = new DemoRegistry({ stateFile: file });
    for (const call of [registry.lookupResident(nik, uid), registry.redeemPin(req(nik, doc.document.id, doc.pin)), registry.confirmPrint('AUTH-x')]) {
      const error = await rejectsWith(call, 'REGISTRY_UNAVAILABLE');
      expect(error.message).toContain(legacy());
      expect(error.hint).toContain('adm-kiosk demo reset');
    }
    expect(() => registry.demoCitizens()).toThrow(KioskError);
    expect(readFileSync(legacy(), 'utf8')).toBe('{"version": 1, "seed": ');
    rmSync(legacy());
    rmSync(file, { force: true });
    writeFileSync(file, 'this is not a database, it is a damaged file of some length'.repeat(100));
    const damaged = await rejectsWith(new DemoRegistry({ stateFile: file }).redeemPin(req(nik, doc.document.id, doc.pin)), 'REGISTRY_UNAVAILABLE');
    expect(damaged.message).toContain(file);
    expect(damaged.hint).toContain('adm-kiosk demo reset');
  });

  it('refuses a state database written for another seed', async () => {
    const seven = new DemoRegistry({ stateFile: file, seed: 7 });
    const card = generateDemoData(7).cards[0];
    const held = generateDemoData(7).documents.find((d) => d.holderNik === card?.nik);
    await seven.redeemPin(req(card?.nik ?? '', held?.document.id ?? '', held?.pin ?? ''));
    seven.close();
    const error = await rejectsWith(new DemoRegistry({ stateFile: file }).redeemPin(req(nik, doc.document.id, doc.pin)), 'REGISTRY_UNAVAILABLE');
    expect(error.message).toContain('another seed');
  });

  it('reset() makes every PIN usable again, even when the database or a legacy file is damaged', async () => {
    const registry = new DemoRegistry({ stateFile: file });
    expect(registry.reset()).toBe(false);
    await registry.confirmPrint((await registry.redeemPin(req(nik, doc.document.id, doc.pin))).authorizationId);
    expect(registry.reset()).toBe(true);
    await expect(registry.redeemPin(req(nik, doc.document.id, doc.pin))).resolves.toHaveProperty('authorizationId');
    registry.close();
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
    writeFileSync(file, 'garbage'.repeat(1000));
    writeFileSync(legacy(), 'garbage');
    expect(new DemoRegistry({ stateFile: file }).reset()).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});

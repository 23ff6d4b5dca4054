import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError, type ErrorCode } from '../core/errors.ts';
import { templateInputSchema } from '../core/record.ts';
import { generateDemoData, type DemoDocument } from './demo/demo-data.ts';
import { DemoRegistry, demoStateFilePath } from './demo-registry.ts';

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

  it('counts wrong PINs down and locks the document after the fifth', async () => {
    const bad = wrongPin(doc.pin);
    for (const left of [4, 3, 2, 1]) {
      const error = await rejectsWith(registry.redeemPin(req(nik, doc.document.id, bad)), 'PIN_INVALID');
      expect(error.message).toContain(`${left} ${left === 1 ? 'attempt' : 'attempts'} left`);
    }
    await rejectsWith(registry.redeemPin(req(nik, doc.document.id, bad)), 'PIN_LOCKED');
    await rejectsWith(registry.redeemPin(req(nik, doc.document.id, doc.pin)), 'PIN_LOCKED');
    const found = await registry.lookupResident(nik, uid);
    expect(found.documents.map((d) => d.id)).not.toContain(doc.document.id);
    expect(found.documents.map((d) => d.id)).toContain(second.document.id);
    expect(registry.demoCitizens().find((c) => c.nik === nik)?.documents.find((d) => d.id === doc.document.id)?.status).toBe('locked');
  });

  it('forgets wrong attempts once the right PIN is given', async () => {
    for (let i = 0; i < 4; i++) await rejectsWith(registry.redeemPin(req(nik, doc.document.id, wrongPin(doc.pin))), 'PIN_INVALID');
    const auth = await registry.redeemPin(req(nik, doc.document.id, doc.pin));
    await registry.releasePrint(auth.authorizationId, 'printer out of paper');
    const error = await rejectsWith(registry.redeemPin(req(nik, doc.document.id, wrongPin(doc.pin))), 'PIN_INVALID');
    expect(error.message).toContain('4 attempts left');
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
    expect(once.message).toContain('4 attempts left');
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

describe('DemoRegistry: state file', () => {
  let dir: string;
  let file: string;
  const { nik, uid, docs } = holderWithTwo();
  const [doc, second] = docs as [DemoDocument, DemoDocument];

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
    expect(error.message).toContain('3 attempts left');

    // An authorization opened by one process can be closed by the next (crash recovery).
    const open = await b.redeemPin(req(nik, second.document.id, second.pin));
    const c = new DemoRegistry({ stateFile: file });
    await rejectsWith(c.redeemPin(req(nik, second.document.id, second.pin)), 'PIN_USED');
    await c.releasePrint(open.authorizationId, 'kiosk restarted mid-print');
    await expect(new DemoRegistry({ stateFile: file }).redeemPin(req(nik, second.document.id, second.pin))).resolves.toHaveProperty('authorizationId');
  });

  it('writes the file atomically, without personal data, and leaves no temp files', async () => {
    const registry = new DemoRegistry({ stateFile: file });
    await registry.redeemPin(req(nik, doc.document.id, doc.pin));
    await rejectsWith(registry.redeemPin(req(nik, second.document.id, wrongPin(second.pin))), 'PIN_INVALID');
    expect(readdirSync(dir)).toEqual(['demo-registry-state.json']);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ version: 2, documents: { [second.document.id]: { failedAttempts: 1, printed: false } } });
    expect(text).not.toContain(nik);
    expect(text).not.toContain(doc.pin);
  });

  it('reads a version-1 state file: its open authorizations stay open and can be released', async () => {
    writeFileSync(file, JSON.stringify({ version: 1, seed: 17081945, documents: { [second.document.id]: { failedAttempts: 2, printed: false } }, authorizations: { 'AUTH-old': { documentId: doc.document.id } } }));
    const registry = new DemoRegistry({ stateFile: file });
    expect(registry.demoCitizens().find((c) => c.nik === nik)?.documents.map((d) => d.status)).toEqual(['redeemed', 'ready', ...docs.slice(2).map(() => 'ready')]);
    await registry.releasePrint('AUTH-old', 'upgrade');
    const error = await rejectsWith(registry.redeemPin(req(nik, second.document.id, wrongPin(second.pin))), 'PIN_INVALID');
    expect(error.message).toContain('2 attempts left');
  });

  it('refuses a damaged state file with a clear error instead of starting afresh', async () => {
    writeFileSync(file, '{"version": 1, "seed": ');
    const registry = new DemoRegistry({ stateFile: file });
    for (const call of [registry.lookupResident(nik, uid), registry.redeemPin(req(nik, doc.document.id, doc.pin)), registry.confirmPrint('AUTH-x')]) {
      const error = await rejectsWith(call, 'REGISTRY_UNAVAILABLE');
      expect(error.hint).toContain(file);
      expect(error.hint).toContain('adm-kiosk demo reset');
    }
    expect(() => registry.demoCitizens()).toThrow(KioskError);
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "seed": ');
  });

  it('refuses a state file written for another seed', async () => {
    const seven = new DemoRegistry({ stateFile: file, seed: 7 });
    const card = generateDemoData(7).cards[0];
    const held = generateDemoData(7).documents.find((d) => d.holderNik === card?.nik);
    await seven.redeemPin(req(card?.nik ?? '', held?.document.id ?? '', held?.pin ?? ''));
    const error = await rejectsWith(new DemoRegistry({ stateFile: file }).lookupResident(nik, uid), 'REGISTRY_UNAVAILABLE');
    expect(error.message).toContain('another seed');
  });

  it('reset() makes every PIN usable again, even when the file is damaged', async () => {
    const registry = new DemoRegistry({ stateFile: file });
    expect(registry.reset()).toBe(false);
    await registry.confirmPrint((await registry.redeemPin(req(nik, doc.document.id, doc.pin))).authorizationId);
    expect(registry.reset()).toBe(true);
    await expect(registry.redeemPin(req(nik, doc.document.id, doc.pin))).resolves.toHaveProperty('authorizationId');
    writeFileSync(file, 'garbage');
    expect(new DemoRegistry({ stateFile: file }).reset()).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});

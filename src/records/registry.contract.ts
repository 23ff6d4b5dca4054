import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { entitlementOf } from '../core/entitlements.ts';
import { KioskError, type ErrorCode } from '../core/errors.ts';
import { templateInputSchema } from '../core/record.ts';
import type { Registry } from './contract.ts';
import { generateDemoData, type DemoDocument } from './demo/demo-data.ts';

/**
 * The one contract test suite for `Registry` (README.md in this folder): run against the
 * in-process demo registry and against the HTTP client talking to `adm-kiosk registry serve`
 * over loopback. A harness gives a registry over the default demo population and a way to
 * forget every spent, locked and open PIN before each test.
 */
export interface RegistryHarness {
  readonly registry: () => Registry;
  readonly reset: () => Promise<void>;
}

const data = generateDemoData();
const people = data.families.flatMap((f) => f.members);
const req = (nik: string, documentId: string, pin: string) => ({ requestId: randomUUID(), nik, documentId, pin });
const wrongPin = (pin: string) => (pin === '000000' ? '111111' : '000000');

function holderWithTwo(): { nik: string; uid: string; docs: DemoDocument[] } {
  const card = data.cards.find((c) => data.documents.filter((d) => d.holderNik === c.nik).length >= 2);
  if (card === undefined) throw new Error('no holder with two documents');
  return { nik: card.nik, uid: card.uid, docs: data.documents.filter((d) => d.holderNik === card.nik) };
}

async function refused(promise: Promise<unknown>, code: ErrorCode): Promise<KioskError> {
  const error = await promise.then(
    () => new Error(`expected ${code}, got success`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskError);
  expect((error as KioskError).code).toBe(code);
  const text = `${(error as KioskError).message} ${(error as KioskError).hint ?? ''}`;
  expect(text).not.toMatch(/\d{16}/);
  for (const p of people) expect(text.includes(p.namaLengkap), 'no names in messages').toBe(false);
  return error as KioskError;
}

export function registryContractSuite(name: string, harness: RegistryHarness): void {
  describe(`Registry contract: ${name}`, () => {
    const { nik, uid, docs } = holderWithTwo();
    const [doc, second] = docs as [DemoDocument, DemoDocument];
    let registry: Registry;

    beforeEach(async () => {
      await harness.reset();
      registry = harness.registry();
    });

    it('looks a resident up by NIK and card UID: their name and print-ready documents with their PIN length, no PINs', async () => {
      const found = await registry.lookupResident(nik, uid);
      expect(found).toMatchObject({ nik, name: people.find((p) => p.nik === nik)?.namaLengkap });
      expect(found.documents.map((d) => d.id)).toEqual(docs.map((d) => d.document.id));
      for (const summary of found.documents) expect(Object.keys(summary).sort()).toEqual(['id', 'issuedAt', 'lockedUntil', 'pinLength', 'subjectName', 'type']);
      expect(found.documents.map((d) => d.pinLength)).toEqual(docs.map((d) => d.pin.length));
      expect(found.documents.map((d) => d.lockedUntil)).toEqual(docs.map(() => null));
    });

    it('refuses an unknown NIK and a card that is not the resident’s active card', async () => {
      await refused(registry.lookupResident('3273010101900001', uid), 'RESIDENT_NOT_FOUND');
      const other = data.cards.find((c) => c.nik !== nik);
      await refused(registry.lookupResident(nik, other?.uid ?? 'DEADBEEF'), 'CARD_MISMATCH');
    });

    it('redeems the right PIN into the document asked for, whole and the resident’s to print', async () => {
      const auth = await registry.redeemPin(req(nik, doc.document.id, doc.pin));
      expect(() => templateInputSchema.parse(auth.input)).not.toThrow();
      expect(auth.input.document).toEqual(doc.document);
      expect(entitlementOf(nik, auth.input.document, auth.input.family)).toEqual({ ok: true });
    });

    it('wrong PINs: the attempts left in the details, then locked with the end of the lock 15 minutes on, the right PIN too', async () => {
      for (const left of [2, 1]) expect((await refused(registry.redeemPin(req(nik, doc.document.id, wrongPin(doc.pin))), 'PIN_INVALID')).details).toEqual({ attemptsLeft: left });
      const before = Date.now();
      const locked = await refused(registry.redeemPin(req(nik, doc.document.id, wrongPin(doc.pin))), 'PIN_LOCKED');
      const until = Date.parse(locked.details?.lockedUntil ?? '');
      expect(until - before).toBeGreaterThan(14 * 60_000);
      expect(until - before).toBeLessThan(16 * 60_000);
      await refused(registry.redeemPin(req(nik, doc.document.id, doc.pin)), 'PIN_LOCKED');
      // Still listed, marked locked with the same end as the refusal said; the other one stays ready.
      const listed = (await registry.lookupResident(nik, uid)).documents;
      expect(listed.find((d) => d.id === doc.document.id)).toMatchObject({ lockedUntil: locked.details?.lockedUntil, pinLength: doc.pin.length });
      expect(Date.parse(listed.find((d) => d.id === doc.document.id)?.lockedUntil ?? '')).toBe(until);
      expect(listed.find((d) => d.id === second.document.id)?.lockedUntil).toBeNull();
    });

    it('a redeem is idempotent by request id: the same authorization while open, the same refusal counted once', async () => {
      const request = req(nik, doc.document.id, doc.pin);
      const first = await registry.redeemPin(request);
      expect((await registry.redeemPin(request)).authorizationId).toBe(first.authorizationId);
      await expect(registry.findAuthorization(request.requestId)).resolves.toEqual({ authorizationId: first.authorizationId, documentId: doc.document.id, state: 'open' });
      const wrong = req(nik, second.document.id, wrongPin(second.pin));
      expect((await refused(registry.redeemPin(wrong), 'PIN_INVALID')).details).toEqual({ attemptsLeft: 2 });
      expect((await refused(registry.redeemPin(wrong), 'PIN_INVALID')).details).toEqual({ attemptsLeft: 2 });
      await expect(registry.findAuthorization(wrong.requestId)).resolves.toBeNull();
      await expect(registry.findAuthorization(randomUUID())).resolves.toBeNull();
    });

    it('a PIN in use or spent is refused (reused PINs); confirm replayed succeeds, release after confirm does not', async () => {
      const auth = await registry.redeemPin(req(nik, doc.document.id, doc.pin));
      await refused(registry.redeemPin(req(nik, doc.document.id, doc.pin)), 'PIN_USED');
      // A PIN in use by a print not yet closed is not offered.
      expect((await registry.lookupResident(nik, uid)).documents.map((d) => d.id)).not.toContain(doc.document.id);
      await registry.confirmPrint(auth.authorizationId);
      await registry.confirmPrint(auth.authorizationId);
      await refused(registry.releasePrint(auth.authorizationId, 'too late'), 'AUTHORIZATION_NOT_FOUND');
      await refused(registry.redeemPin(req(nik, doc.document.id, doc.pin)), 'PIN_USED');
      expect((await registry.lookupResident(nik, uid)).documents.map((d) => d.id)).not.toContain(doc.document.id);
      await expect(registry.findAuthorization(randomUUID())).resolves.toBeNull();
    });

    it('release replayed succeeds and the PIN works again; confirm after release does not; the released request stays released', async () => {
      const request = req(nik, doc.document.id, doc.pin);
      const auth = await registry.redeemPin(request);
      await registry.releasePrint(auth.authorizationId, 'paper out');
      await registry.releasePrint(auth.authorizationId, 'paper out (again)');
      await refused(registry.confirmPrint(auth.authorizationId), 'AUTHORIZATION_NOT_FOUND');
      await refused(registry.redeemPin(request), 'AUTHORIZATION_NOT_FOUND');
      await expect(registry.findAuthorization(request.requestId)).resolves.toMatchObject({ state: 'released' });
      await expect(registry.redeemPin(req(nik, doc.document.id, doc.pin))).resolves.toHaveProperty('authorizationId');
      await refused(registry.confirmPrint('AUTH-never-issued'), 'AUTHORIZATION_NOT_FOUND');
    });

    it('never hands out another person’s document by a guessed id, even with its right PIN', async () => {
      const family = data.families.find((f) => f.members.some((m) => m.nik === nik));
      const stranger = data.documents.find((d) => !family?.members.some((m) => m.nik === d.document.subjectNik));
      if (stranger === undefined) throw new Error('no document of another family');
      await refused(registry.redeemPin(req(nik, stranger.document.id, stranger.pin)), 'DOCUMENT_NOT_FOUND');
      await refused(registry.redeemPin(req(nik, 'DOC-9999', '123456')), 'DOCUMENT_NOT_FOUND');
      // The holder's own PIN still works: the guess cost them nothing and gained nothing.
      await expect(registry.redeemPin(req(stranger.holderNik, stranger.document.id, stranger.pin))).resolves.toHaveProperty('authorizationId');
    });
  });
}

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../test/integration/fault-proxy.ts';
import { KioskError, type ErrorData } from '../core/errors.ts';
import { DemoRegistry } from './demo-registry.ts';
import { generateDemoData, type DemoDocument } from './demo/demo-data.ts';
import { HttpRegistry, type HttpRegistryOptions } from './http-registry.ts';
import { startRegistryServer, type RegistryServer } from './registry-server.ts';

/**
 * A slow, flaky or lying registry (issue 10): the HTTP client in front of a registry server
 * through a proxy that delays, drops connections, answers 500, malformed JSON, or a
 * valid-looking record that is not the one asked for. The resident gets a coded error, never a
 * wrong document; a redeem whose answer was lost is retried under its request id and opens
 * no second authorization; a dead registry trips the breaker at once.
 */
const data = generateDemoData();
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const KIOSK = 'ADM-FAULT-01';
const card = data.cards.find((c) => data.documents.filter((d) => d.holderNik === c.nik).length >= 2);
if (card === undefined) throw new Error('no holder with two documents');
const [doc] = data.documents.filter((d) => d.holderNik === card.nik) as [DemoDocument];
const otherFamily = data.families.find((f) => !f.members.some((m) => m.nik === card.nik));
if (otherFamily === undefined) throw new Error('no other family');

let backend: DemoRegistry;
let server: RegistryServer;
let proxy: FaultProxy;
let reports: { context: string; error: unknown }[];
let reachability: (ErrorData | null)[];

function client(extra: Partial<HttpRegistryOptions> = {}): HttpRegistry {
  const registry = new HttpRegistry({
    url: proxy.url,
    kioskId: KIOSK,
    privateKey,
    timeoutMs: 1500,
    backoffMs: 10,
    breaker: { failureThreshold: 3, cooldownMs: 200 },
    report: (context, error) => reports.push({ context, error }),
    ...extra,
  });
  registry.onReachability((problem) => reachability.push(problem));
  return registry;
}

async function failure(promise: Promise<unknown>): Promise<KioskError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskError);
  return error as KioskError;
}

/** What was reported to the application log holds no NIK and no name. */
function expectReportsClean(): void {
  const text = reports.map((r) => `${r.context} ${r.error instanceof Error ? `${r.error.message} ${(r.error as KioskError).hint ?? ''}` : JSON.stringify(r.error)}`).join('\n');
  expect(text).not.toMatch(/\d{16}/);
  for (const f of data.families) for (const m of f.members) expect(text.includes(m.namaLengkap)).toBe(false);
}

beforeAll(async () => {
  backend = new DemoRegistry();
  server = await startRegistryServer({ registry: backend, kiosks: new Map([[KIOSK, publicKey]]) });
  proxy = await startFaultProxy(server.url);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});
beforeEach(() => {
  reports = [];
  reachability = [];
  backend.reset();
});
afterEach(() => proxy.heal());

describe('HTTP registry client: a slow or flaky registry', () => {
  it('a slow answer is cut by the timeout and retried; the redeem repeats its request id, so the retry gets the same authorization (no second one, no burned PIN)', async () => {
    const registry = client();
    proxy.inject({ kind: 'delay', ms: 4000 });
    const requestId = randomUUID();
    const before = proxy.requests();
    const auth = await registry.redeemPin({ requestId, nik: card.nik, documentId: doc.document.id, pin: doc.pin });
    expect(proxy.requests() - before).toBeGreaterThanOrEqual(2);
    await expect(registry.findAuthorization(requestId)).resolves.toEqual({ authorizationId: auth.authorizationId, documentId: doc.document.id, state: 'open' });
    await registry.releasePrint(auth.authorizationId, 'test');
    expect(backend.demoCitizens().find((c) => c.nik === card.nik)?.documents.find((d) => d.id === doc.document.id)?.status).toBe('ready');
    expect(reachability).toEqual([]);
  });

  it('a dropped connection and a 500 are retried with backoff and the call succeeds', async () => {
    const registry = client();
    proxy.inject({ kind: 'drop' }, { kind: 'status', status: 500 });
    await expect(registry.lookupResident(card.nik, card.uid)).resolves.toMatchObject({ nik: card.nik });
    expect(reachability).toEqual([]);
  });

  it('a registry that keeps failing: REGISTRY_UNAVAILABLE, the health monitor told at once, then every call fails at once without asking', async () => {
    const registry = client({ breaker: { failureThreshold: 3, cooldownMs: 60_000 } });
    proxy.always({ kind: 'status', status: 503 });
    const error = await failure(registry.lookupResident(card.nik, card.uid));
    expect(error.code).toBe('REGISTRY_UNAVAILABLE');
    expect(reachability).toEqual([expect.objectContaining({ code: 'REGISTRY_UNAVAILABLE' })]);
    expect(registry.reachability()).toMatchObject({ code: 'REGISTRY_UNAVAILABLE' });
    const asked = proxy.requests();
    expect((await failure(registry.redeemPin({ requestId: randomUUID(), nik: card.nik, documentId: doc.document.id, pin: doc.pin }))).code).toBe('REGISTRY_UNAVAILABLE');
    expect(proxy.requests()).toBe(asked);
    expect(backend.demoCitizens().find((c) => c.nik === card.nik)?.documents.find((d) => d.id === doc.document.id)?.status).toBe('ready');
  });

  it('a dead registry that comes back: the probe closes the breaker by itself and says so', async () => {
    const registry = client({ breaker: { failureThreshold: 1, cooldownMs: 100 }, retries: 0, probeEveryMs: 60_000 });
    proxy.always({ kind: 'drop' });
    registry.start();
    await expect.poll(() => reachability.length, { timeout: 5000 }).toBe(1);
    expect(reachability[0]).toMatchObject({ code: 'REGISTRY_UNAVAILABLE' });
    proxy.heal();
    await expect.poll(() => reachability.length, { timeout: 5000 }).toBe(2);
    expect(reachability[1]).toBeNull();
    await registry.close();
    await expect(registry.lookupResident(card.nik, card.uid)).resolves.toMatchObject({ nik: card.nik });
  });
});

describe('HTTP registry client: a lying registry', () => {
  it('malformed JSON: REGISTRY_RESPONSE_INVALID, not retried, logged without personal data', async () => {
    const registry = client();
    proxy.inject({ kind: 'body', text: '{"resident": {"nik": "' });
    const before = proxy.requests();
    const error = await failure(registry.lookupResident(card.nik, card.uid));
    expect(error.code).toBe('REGISTRY_RESPONSE_INVALID');
    expect(error.message).toContain('not JSON');
    expect(proxy.requests() - before).toBe(1);
    expect(reports.map((r) => r.context)).toContain('registry answer to getResident');
    expectReportsClean();
  });

  it('a valid-looking record of another NIK, or with a field missing: REGISTRY_RESPONSE_INVALID, nothing of it used', async () => {
    const registry = client();
    const other = otherFamily.members.find((m) => m.kematian === null);
    proxy.inject({ kind: 'body', rewrite: (json) => ({ ...(json as object), resident: other }) });
    expect((await failure(registry.lookupResident(card.nik, card.uid))).message).toContain('another NIK');
    proxy.inject({ kind: 'body', rewrite: (json) => ({ ...(json as object), family: { ...(json as { family: object }).family, noKk: undefined } }) });
    expect((await failure(registry.lookupResident(card.nik, card.uid))).message).toContain('does not match registry-api.yaml');
    expectReportsClean();
  });

  it('a lookup that lists a document of another family: the whole list is refused', async () => {
    const registry = client();
    const foreign = data.documents.find((d) => otherFamily.members.some((m) => m.nik === d.document.subjectNik));
    proxy.inject({ kind: 'body', rewrite: (json) => ({ ...(json as object), documents: [...(json as { documents: unknown[] }).documents, { document: foreign?.document, status: 'ready', pinLength: 6 }] }) });
    const error = await failure(registry.lookupResident(card.nik, card.uid));
    expect(error.code).toBe('REGISTRY_RESPONSE_INVALID');
    expect(error.message).toContain("not the resident's to print");
  });

  it('a locked document without the end of its lock, a ready one with one, or a PIN length the kiosk cannot take: REGISTRY_RESPONSE_INVALID', async () => {
    const registry = client();
    const listings = (json: unknown) => (json as { documents: Record<string, unknown>[] }).documents;
    const lies: ((listing: Record<string, unknown>) => Record<string, unknown>)[] = [
      (listing) => ({ ...listing, status: 'locked' }),
      (listing) => ({ ...listing, lockedUntil: '2026-11-20T03:15:00.000Z' }),
      (listing) => ({ ...listing, pinLength: 3 }),
      ({ pinLength: _dropped, ...listing }) => listing,
    ];
    for (const lie of lies) {
      proxy.inject({ kind: 'body', rewrite: (json) => ({ ...(json as object), documents: listings(json).map(lie) }) });
      const error = await failure(registry.lookupResident(card.nik, card.uid));
      expect(error.code).toBe('REGISTRY_RESPONSE_INVALID');
      expect(error.message).toContain('does not match registry-api.yaml');
    }
    // Told the truth, the same lookup goes through.
    await expect(registry.lookupResident(card.nik, card.uid)).resolves.toMatchObject({ nik: card.nik });
    expectReportsClean();
  });

  it('a redeem that hands out a document of another family: REGISTRY_RESPONSE_INVALID; the authorization it opened can be found and released (no burned PIN)', async () => {
    const registry = client();
    proxy.inject({ kind: 'body', rewrite: (json) => ({ ...(json as object), family: otherFamily }) });
    const requestId = randomUUID();
    const error = await failure(registry.redeemPin({ requestId, nik: card.nik, documentId: doc.document.id, pin: doc.pin }));
    expect(error.code).toBe('REGISTRY_RESPONSE_INVALID');
    const record = await registry.findAuthorization(requestId);
    expect(record).toMatchObject({ state: 'open' });
    await registry.releasePrint(record?.authorizationId ?? '', 'the answer failed the kiosk check');
    await expect(registry.redeemPin({ requestId: randomUUID(), nik: card.nik, documentId: doc.document.id, pin: doc.pin })).resolves.toHaveProperty('authorizationId');
    expectReportsClean();
  });

  it('an error code the operation does not answer, or details of the wrong shape: REGISTRY_RESPONSE_INVALID', async () => {
    const registry = client();
    proxy.inject({ kind: 'body', rewrite: () => ({ error: { code: 'PIN_LOCKED', message: 'x' } }) });
    expect((await failure(registry.lookupResident(card.nik, '00000000'))).message).toContain('PIN_LOCKED, which getResident does not answer');
    proxy.inject({ kind: 'body', rewrite: () => ({ error: { code: 'PIN_INVALID', message: 'x', details: { attemptsLeft: 'two' } } }) });
    expect((await failure(registry.redeemPin({ requestId: randomUUID(), nik: card.nik, documentId: doc.document.id, pin: '000000' }))).code).toBe('REGISTRY_RESPONSE_INVALID');
  });
});

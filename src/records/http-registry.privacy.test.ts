import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoRegistry } from './demo-registry.ts';
import { HttpRegistry } from './http-registry.ts';
import { startRegistryServer, type RegistryServer } from './registry-server.ts';

/**
 * The look-up's URL holds the NIK (/residents/{nik}); Node's fetch keeps a
 * PerformanceResourceTiming naming every URL it fetched (up to 250), which kept residents in
 * the kiosk's memory long after their session (found by test/faults/privacy.test.ts).
 */
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const KIOSK = 'ADM-PRIVACY-01';
let backend: DemoRegistry;
let server: RegistryServer;

beforeAll(async () => {
  backend = new DemoRegistry();
  server = await startRegistryServer({ registry: backend, kiosks: new Map([[KIOSK, publicKey]]) });
});
afterAll(async () => {
  await server.close();
});

describe('HTTP registry client: the resident leaves no URL behind', () => {
  it('after a look-up, no resource timing entry names the NIK', async () => {
    const citizen = backend.demoCitizens()[0];
    if (citizen === undefined) throw new Error('no demo citizen');
    const registry = new HttpRegistry({ url: server.url, kioskId: KIOSK, privateKey });
    const lookup = await registry.lookupResident(citizen.nik, citizen.cardUid);
    expect(lookup.nik).toBe(citizen.nik);
    // Node adds the entry a moment after the answer was read.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(urls.filter((url) => url.includes(citizen.nik))).toEqual([]);
  });
});

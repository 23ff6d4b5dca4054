import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRegistry } from './http-registry.ts';
import { startEnrolledRegistry, type EnrolledRegistry } from './test-support.ts';

/**
 * The look-up's URL holds the NIK (/residents/{nik}); Node's fetch keeps a
 * PerformanceResourceTiming naming every URL it fetched (up to 250), which kept residents in
 * the kiosk's memory long after their session (found by test/faults/privacy.test.ts).
 */
let registryServer: EnrolledRegistry;

beforeAll(async () => {
  registryServer = await startEnrolledRegistry('ADM-PRIVACY-01');
});
afterAll(() => registryServer.close());

describe('HTTP registry client: the resident leaves no URL behind', () => {
  it('after a look-up, no resource timing entry names the NIK', async () => {
    const { backend, server, kioskId, privateKey } = registryServer;
    const citizen = backend.demoCitizens()[0];
    if (citizen === undefined) throw new Error('no demo citizen');
    const registry = new HttpRegistry({ url: server.url, kioskId, privateKey });
    const lookup = await registry.lookupResident(citizen.nik, citizen.cardUid);
    expect(lookup.nik).toBe(citizen.nik);
    // Node adds the entry a moment after the answer was read.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(urls.filter((url) => url.includes(citizen.nik))).toEqual([]);
  });
});

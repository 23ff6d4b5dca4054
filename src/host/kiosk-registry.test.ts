import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCardReader } from '../../device-drivers/card-reader/simulated-reader.ts';
import { startFaultProxy, type FaultProxy } from '../../test/integration/fault-proxy.ts';
import { useTempDirs } from '../api/test-support.ts';
import { DemoRegistry } from '../records/demo-registry.ts';
import { generateDemoData } from '../records/demo/demo-data.ts';
import { startRegistryServer, type RegistryServer } from '../records/registry-server.ts';
import { createAppLog } from './app-log.ts';
import { parseConfig } from './config.ts';
import { openKiosk, type Kiosk } from './kiosk.ts';
import { BUILT_IN_PARTS, type PartBuilders } from './parts.ts';

/**
 * The kiosk with `registry.kind "http"` (issue 10): the registry's reachability is a part's
 * health (out of service at once, back by itself), and a lying registry gets the resident a
 * clear message with the PIN still valid, never a wrong document.
 */
const tempDir = useTempDirs();
const data = generateDemoData();
const doc = data.documents.find((d) => d.document.type === 'kk' && data.cards.some((c) => c.nik === d.holderNik));
const card = data.cards.find((c) => c.nik === doc?.holderNik);
const otherFamily = data.families.find((f) => !f.members.some((m) => m.nik === card?.nik));
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
let backend: DemoRegistry;
let server: RegistryServer;
let proxy: FaultProxy;

beforeAll(async () => {
  backend = new DemoRegistry();
  server = await startRegistryServer({ registry: backend, kiosks: new Map([['ADM-HTTP-01', publicKey]]) });
  proxy = await startFaultProxy(server.url);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

async function httpKiosk(): Promise<{ kiosk: Kiosk; reader: SimulatedCardReader }> {
  const dataDir = tempDir();
  const keyFile = join(dataDir, 'key.pem');
  writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const reader = new SimulatedCardReader();
  const parts: PartBuilders = { registry: BUILT_IN_PARTS.registry, cardReader: { simulated: () => ({ reader, description: 'simulated (test)' }) } };
  const config = parseConfig({ kioskId: 'ADM-HTTP-01', registry: { kind: 'http', url: proxy.url, keyFile, retries: 0, timeoutSeconds: 2, breaker: { failures: 1, cooldownSeconds: 1 } } });
  const kiosk = await openKiosk({ config, dataDir, interactive: false, appLog: createAppLog({ dataDir, echo: false }), parts });
  return { kiosk, reader };
}

describe('the kiosk on an http registry', () => {
  it('a registry that stops answering puts the kiosk out of service at once, and it comes back by itself', async () => {
    proxy.always({ kind: 'drop' });
    const { kiosk } = await httpKiosk();
    try {
      await expect.poll(() => kiosk.health.current().problems.map((p) => `${p.part} ${p.error.code}`), { timeout: 10_000 }).toEqual(['registry REGISTRY_UNAVAILABLE']);
      expect(kiosk.service.view().availability.inService).toBe(false);
      proxy.heal();
      await expect.poll(() => kiosk.health.current().inService, { timeout: 10_000 }).toBe(true);
    } finally {
      proxy.heal();
      await kiosk.close();
    }
  });

  it('a registry that hands out a document of another family: the resident is told the data cannot be shown, the PIN stays valid', async () => {
    if (doc === undefined || card === undefined || otherFamily === undefined) throw new Error('demo data');
    backend.reset();
    const { kiosk, reader } = await httpKiosk();
    try {
      reader.present({ nik: card.nik, uid: card.uid });
      await expect.poll(() => kiosk.service.view().state.step, { timeout: 10_000 }).toBe('choosing');
      await kiosk.service.chooseDocument({ documentId: doc.document.id });
      proxy.inject({ kind: 'body', rewrite: (json) => ({ ...(json as object), family: otherFamily }) });
      await kiosk.service.submitPin({ pin: doc.pin });
      const state = kiosk.service.view().state;
      // Back on the list with the notice ("Data tidak dapat ditampilkan. Mohon hubungi petugas."); nothing rendered.
    expect(state).toMatchObject({ step: 'choosing', notice: { code: 'REGISTRY_RESPONSE_INVALID' } });
      await expect.poll(() => backend.demoCitizens().find((c) => c.nik === card.nik)?.documents.find((d) => d.id === doc.document.id)?.status, { timeout: 10_000 }).toBe('ready');
      const [job] = kiosk.printLog.listJobs({ from: '2000-01-01', to: '2100-12-31' });
      expect(job).toMatchObject({ state: 'failed', errorCode: 'REGISTRY_RESPONSE_INVALID', pinState: 'released' });
    } finally {
      await kiosk.close();
    }
  });
});

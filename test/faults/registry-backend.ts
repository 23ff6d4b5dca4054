import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { DemoRegistry } from '../../src/records/demo-registry.ts';
import { startRegistryServer, type RegistryServer } from '../../src/records/registry-server.ts';
import { loadKioskKey } from '../../src/records/request-signing.ts';

/**
 * A real registry server (`startRegistryServer` over the demo registry, in the test process)
 * with one enrolled kiosk whose key file is made in `dir`: what a kiosk with
 * `registry.kind: "http"` talks to. The kiosk process then holds no registry data of its own.
 */
export interface RegistryBackend {
  readonly backend: DemoRegistry;
  readonly server: RegistryServer;
  readonly kioskId: string;
  readonly keyFile: string;
  /** The residents with a print-ready document of `type`, one per person, with their card UID. */
  holders(type: string): { nik: string; uid: string; name: string; documentId: string; pin: string; type: string }[];
  status(documentId: string): string;
  close(): Promise<void>;
}

export async function startRegistryBackend(dir: string, kioskId = 'ADM-FAULT-01'): Promise<RegistryBackend> {
  const keyFile = join(dir, 'kiosk-key.pem');
  const key = loadKioskKey(keyFile, { create: true });
  const backend = new DemoRegistry();
  const server = await startRegistryServer({ registry: backend, kiosks: new Map([[kioskId, createPublicKey(key)]]) });
  return {
    backend,
    server,
    kioskId,
    keyFile,
    holders: (type) =>
      backend
        .demoCitizens()
        .flatMap((c) => c.documents.filter((d) => d.type === type && d.status === 'ready').map((d) => ({ nik: c.nik, uid: c.cardUid, name: c.name, documentId: d.id, pin: d.pin, type })))
        .filter((h, i, all) => all.findIndex((o) => o.nik === h.nik) === i),
    status: (documentId) => backend.demoCitizens().flatMap((c) => c.documents).find((d) => d.id === documentId)?.status ?? 'unknown',
    close: () => server.close(),
  };
}

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { DemoRegistry } from './demo-registry.ts';
import { startRegistryServer, type RegistryServer } from './registry-server.ts';

/** Test-only: the demo registry served over HTTP, with one enrolled kiosk and its signing key. */
export interface EnrolledRegistry {
  readonly backend: DemoRegistry;
  readonly server: RegistryServer;
  readonly kioskId: string;
  /** The enrolled kiosk's private key (what `HttpRegistry` signs with). */
  readonly privateKey: KeyObject;
  close(): Promise<void>;
}

export async function startEnrolledRegistry(kioskId: string): Promise<EnrolledRegistry> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const backend = new DemoRegistry();
  const server = await startRegistryServer({ registry: backend, kiosks: new Map([[kioskId, publicKey]]) });
  return {
    backend,
    server,
    kioskId,
    privateKey,
    close: async () => {
      await server.close();
      backend.close();
    },
  };
}

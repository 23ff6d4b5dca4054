import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRegistry } from './http-registry.ts';
import { startEnrolledRegistry, type EnrolledRegistry } from './test-support.ts';

/**
 * What the technician's diagnostics learn from the HTTP client (issue 13's registry section):
 * reachability and latency with a harmless GET /status, whether the registry accepts this
 * kiosk's key, and the server certificate's expiry for an https registry.
 */
const KIOSK = 'ADM-DIAG-01';
let registryServer: EnrolledRegistry;
let server: EnrolledRegistry['server'];
let privateKey: EnrolledRegistry['privateKey'];

beforeAll(async () => {
  registryServer = await startEnrolledRegistry(KIOSK);
  ({ server, privateKey } = registryServer);
});
afterAll(() => registryServer.close());

describe('HttpRegistry.diagnose', () => {
  it('a registry that answers: reachable, its latency, the key accepted, no TLS on plain http', async () => {
    const registry = new HttpRegistry({ url: server.url, kioskId: KIOSK, privateKey });
    const diagnosis = await registry.diagnose();
    expect(diagnosis).toMatchObject({ endpoint: server.url.replace(/\/+$/, ''), reachable: true, tls: null, credential: { status: 'ok', expiresAt: null } });
    expect(diagnosis.latencyMs).toBeGreaterThanOrEqual(0);
    expect(diagnosis.error).toBeUndefined();
  });

  it('a kiosk the registry does not know: it answers, and says the key is rejected', async () => {
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const diagnosis = await new HttpRegistry({ url: server.url, kioskId: 'ADM-UNKNOWN-9', privateKey: stranger }).diagnose();
    expect(diagnosis).toMatchObject({ reachable: true, credential: { status: 'rejected' }, error: { code: 'REGISTRY_AUTH_FAILED' } });
  });

  it('nothing listening: not reachable, no latency, REGISTRY_UNAVAILABLE, and the call does not reject', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const { port } = dead.address() as AddressInfo;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const diagnosis = await new HttpRegistry({ url: `http://127.0.0.1:${port}/v1`, kioskId: KIOSK, privateKey, timeoutMs: 2000 }).diagnose();
    expect(diagnosis).toMatchObject({ reachable: false, latencyMs: null, tls: null, error: { code: 'REGISTRY_UNAVAILABLE' } });
  });

  it('an https registry: the certificate it presents, with its expiry in days, even when the kiosk would not trust it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30', '-subj', '/CN=registry.test/O=Test CA', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const tls = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = tls.address() as AddressInfo;
      const diagnosis = await new HttpRegistry({ url: `https://127.0.0.1:${port}/v1`, kioskId: KIOSK, privateKey, timeoutMs: 2000 }).diagnose();
      expect(diagnosis.tls).toMatchObject({ subject: 'registry.test', issuer: 'Test CA' });
      expect(diagnosis.tls?.daysLeft).toBeGreaterThanOrEqual(29);
      expect(diagnosis.tls?.daysLeft).toBeLessThanOrEqual(30);
      // Self-signed: the kiosk's own call refuses it, which diagnostics reports as not reachable.
      expect(diagnosis.reachable).toBe(false);
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});

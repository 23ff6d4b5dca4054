import { afterAll, beforeAll } from 'vitest';
import { startRegistryProcess, type RegistryProcess } from '../../test/integration/registry-process.ts';
import { DemoRegistry, demoStateFilePath } from './demo-registry.ts';
import { HttpRegistry } from './http-registry.ts';
import { registryContractSuite } from './registry.contract.ts';

/**
 * The Registry contract against the HTTP client talking to `adm-kiosk registry serve`, a real
 * process, over loopback. The state is reset between tests through the shared SQLite file.
 */
let server: RegistryProcess;

beforeAll(async () => {
  server = await startRegistryProcess();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

registryContractSuite('HTTP client against adm-kiosk registry serve', {
  registry: () => new HttpRegistry({ url: server.url, kioskId: server.kioskId, privateKey: server.key }),
  reset: () => {
    const state = new DemoRegistry({ stateFile: demoStateFilePath(server.dataDir) });
    state.reset();
    state.close();
    return Promise.resolve();
  },
});

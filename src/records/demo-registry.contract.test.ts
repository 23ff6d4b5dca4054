import { DemoRegistry } from './demo-registry.ts';
import { registryContractSuite } from './registry.contract.ts';

/** The Registry contract against the in-process demo registry (what demo mode uses). */
let registry = new DemoRegistry();
registryContractSuite('in-process demo registry', {
  registry: () => registry,
  reset: () => {
    registry.close();
    registry = new DemoRegistry();
    return Promise.resolve();
  },
});

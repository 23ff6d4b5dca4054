import { defineConfig } from 'vitest/config';

/**
 * `npm run faults`: every row of the fault matrix (ADM_KIOSK_FAULTS=all) and the slower
 * checks kept out of `npm test`: the privacy test's heap snapshots (test/faults/*.faults.ts).
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts', 'test/faults/**/*.faults.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

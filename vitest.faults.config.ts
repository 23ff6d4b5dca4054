import { defineConfig } from 'vitest/config';

/**
 * `npm run faults`: every row of the fault matrix (ADM_KIOSK_FAULTS=all; `npm test` runs the
 * rows marked inNpmTest) and the privacy test's heap snapshots, which `npm test` runs too.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

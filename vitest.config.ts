import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'device-drivers/**/*.test.ts', 'print-templates/**/*.test.ts', 'kiosk-shell/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on 2 cores (Vitest's default there is one): most of the suite
    // waits on kiosk processes, ptys and Chromium, so the whole run takes about 3.5 minutes
    // instead of 5.5 here, and every timing-sensitive test passed this way in repeated runs.
    maxWorkers: 2,
    // Builds dist/electron/cli.mjs when it is missing or stale: bin/adm-kiosk runs it.
    globalSetup: ['test/global-setup.ts'],
  },
});

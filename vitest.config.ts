import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'device-drivers/**/*.test.ts', 'print-templates/**/*.test.ts', 'kiosk-shell/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds dist/electron/cli.mjs when it is missing or stale: bin/adm-kiosk runs it.
    globalSetup: ['test/global-setup.ts'],
  },
});

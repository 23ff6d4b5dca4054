import { z } from 'zod';

/**
 * Imported first by main.tsx, before any schema exists: the kiosk's Content-Security-Policy
 * forbids eval, and zod would otherwise probe for it with `new Function` when it builds its
 * first object schema (a CSP violation report on every start; test/e2e/electron-csp.test.ts).
 */
z.config({ jitless: true });

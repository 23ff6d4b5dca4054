import { z } from 'zod';

/**
 * The page runs under a strict Content-Security-Policy (src/host/loopback-http.ts): no eval,
 * no inline script or style. zod compiles fast parsers with `new Function` when eval is
 * allowed and probes for it otherwise, and the refused probe is a CSP violation; jitless
 * mode never probes. Imported first by main.tsx.
 */
z.config({ jitless: true });

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KioskError } from '../core/errors.ts';

/**
 * The demo registry's state as earlier versions kept it: a JSON file in the data folder
 * (`demo-registry-state.json`, version 1 or 2). Read once, when the SQLite state is first
 * opened beside it, and imported (demo-state.ts); the file is then renamed `.imported`.
 * A damaged file, or one for another seed, is refused naming the file and `adm-kiosk demo
 * reset`: the registry never starts afresh on its own.
 */
export const LEGACY_STATE_FILE_NAME = 'demo-registry-state.json';

const documentStateSchema = z.object({ failedAttempts: z.number().int().min(0), printed: z.boolean() });
const authorizationSchema = z.object({ documentId: z.string(), requestId: z.string(), state: z.enum(['open', 'confirmed', 'released']) });
const refusalSchema = z.object({ documentId: z.string(), code: z.enum(['PIN_INVALID', 'PIN_USED', 'PIN_LOCKED']), message: z.string(), hint: z.string() });

const v2Schema = z.object({
  version: z.literal(2),
  seed: z.number().int(),
  documents: z.record(z.string(), documentStateSchema),
  authorizations: z.record(z.string(), authorizationSchema),
  refusals: z.record(z.string(), refusalSchema),
});
const v1Schema = z.object({
  version: z.literal(1),
  seed: z.number().int(),
  documents: z.record(z.string(), documentStateSchema),
  authorizations: z.record(z.string(), z.object({ documentId: z.string() })),
});

export type LegacyState = z.infer<typeof v2Schema>;

function hint(file: string): string {
  return `Run "adm-kiosk demo reset" to start the demo afresh (every demo PIN becomes usable again; it also removes ${file}), or fix the file.`;
}

/** Version 2, or version 1 upgraded (its open authorizations get their own id as request id). */
export function readLegacyState(file: string, seed: number): LegacyState {
  let state: LegacyState;
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const v1 = v1Schema.safeParse(raw);
    if (v1.success) {
      const authorizations: LegacyState['authorizations'] = {};
      for (const [id, auth] of Object.entries(v1.data.authorizations)) authorizations[id] = { documentId: auth.documentId, requestId: id, state: 'open' };
      state = { version: 2, seed: v1.data.seed, documents: v1.data.documents, authorizations, refusals: {} };
    } else state = v2Schema.parse(raw);
  } catch (error) {
    throw new KioskError('REGISTRY_UNAVAILABLE', `The old demo registry state file ${file} is damaged and cannot be imported.`, { hint: hint(file), cause: error });
  }
  if (state.seed !== seed) {
    throw new KioskError('REGISTRY_UNAVAILABLE', `The old demo registry state file ${file} belongs to demo data with another seed (${state.seed}, not ${seed}).`, { hint: hint(file) });
  }
  return state;
}

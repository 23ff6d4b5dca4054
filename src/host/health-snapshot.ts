import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { availabilitySchema, type Availability } from '../api/contract.ts';

/**
 * The running kiosk's health, as a file in its data folder (`health.json`, rewritten at every
 * change): what `adm-kiosk diag` reads when a kiosk holds the data folder and therefore the
 * printer and card reader, which the CLI must not open beside it. No personal data.
 */
export const HEALTH_SNAPSHOT_FILE = 'health.json';

const snapshotSchema = z.object({
  /** ISO 8601: when the kiosk last wrote it. */
  at: z.string(),
  pid: z.number().int(),
  availability: availabilitySchema,
});
export type HealthSnapshot = z.infer<typeof snapshotSchema>;

export function writeHealthSnapshot(dataDir: string, availability: Availability, now: Date): void {
  const file = join(dataDir, HEALTH_SNAPSHOT_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const snapshot: HealthSnapshot = { at: now.toISOString(), pid: process.pid, availability };
  writeFileSync(temp, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** The snapshot, or null when there is none or it cannot be read. */
export function readHealthSnapshot(dataDir: string): HealthSnapshot | null {
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(join(dataDir, HEALTH_SNAPSHOT_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

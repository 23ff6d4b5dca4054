import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KioskError } from '../../core/errors.ts';

/**
 * The fleet push's cursor: the chain position of the last row the collector acknowledged,
 * per collector URL, in `<dataDir>/fleet-cursor.json` (written whole, synced, renamed). A
 * restart resumes after it; a new collector URL starts from the first row.
 */
export const FLEET_CURSOR_FILE = 'fleet-cursor.json';
const schema = z.object({ version: z.literal(1), endpoint: z.string(), seq: z.number().int().min(0) }).strict();

export function readCursor(dataDir: string, endpoint: string): number {
  const file = join(dataDir, FLEET_CURSOR_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw damaged(file, error);
  }
  let parsed: z.infer<typeof schema>;
  try {
    parsed = schema.parse(JSON.parse(text));
  } catch (error) {
    throw damaged(file, error);
  }
  return parsed.endpoint === endpoint ? parsed.seq : 0;
}

export function writeCursor(dataDir: string, endpoint: string, seq: number): void {
  const file = join(dataDir, FLEET_CURSOR_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ version: 1, endpoint, seq })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

function damaged(file: string, cause: unknown): KioskError {
  return new KioskError('CONFIG_INVALID', `The fleet push cursor ${file} is damaged.`, {
    hint: 'Remove it: the kiosk then pushes every row again (the collector keeps each row id once).',
    cause,
  });
}

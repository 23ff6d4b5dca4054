import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { KioskError } from '../core/errors.ts';

/**
 * What the demo registry remembers between calls: per document the wrong-PIN count and
 * whether it was printed; every authorization with the request id that opened it and its
 * state (open, confirmed, released); and refused redeem requests, so that a repeated request
 * gets the same answer without counting twice. Kept in memory, or in a JSON file shared by
 * every process that names it. The file holds document, authorization and request ids only:
 * no NIK, no names, no PINs.
 */

export const MAX_PIN_ATTEMPTS = 5;
/** Closed authorizations and refusals kept for request-id look-ups (the oldest are dropped). */
export const MAX_CLOSED_KEPT = 1000;

const documentStateSchema = z.object({
  failedAttempts: z.number().int().min(0),
  printed: z.boolean(),
});
export type DocumentState = z.infer<typeof documentStateSchema>;

const authorizationSchema = z.object({
  documentId: z.string(),
  requestId: z.string(),
  state: z.enum(['open', 'confirmed', 'released']),
});
export type AuthorizationEntry = z.infer<typeof authorizationSchema>;

const refusalSchema = z.object({
  documentId: z.string(),
  code: z.enum(['PIN_INVALID', 'PIN_USED', 'PIN_LOCKED']),
  message: z.string(),
  hint: z.string(),
});
export type RefusalEntry = z.infer<typeof refusalSchema>;

const stateSchema = z.object({
  version: z.literal(2),
  seed: z.number().int(),
  documents: z.record(z.string(), documentStateSchema),
  authorizations: z.record(z.string(), authorizationSchema),
  refusals: z.record(z.string(), refusalSchema),
});
export type DemoState = z.infer<typeof stateSchema>;

/** Version 1 (before request ids): open authorizations only, by id. */
const stateV1Schema = z.object({
  version: z.literal(1),
  seed: z.number().int(),
  documents: z.record(z.string(), documentStateSchema),
  authorizations: z.record(z.string(), z.object({ documentId: z.string() })),
});

export function emptyState(seed: number): DemoState {
  return { version: 2, seed, documents: {}, authorizations: {}, refusals: {} };
}

/** Reads version 2, or upgrades version 1 (its open authorizations get their own id as request id). */
export function parseState(raw: unknown): DemoState {
  const v1 = stateV1Schema.safeParse(raw);
  if (v1.success) {
    const authorizations: DemoState['authorizations'] = {};
    for (const [id, auth] of Object.entries(v1.data.authorizations)) authorizations[id] = { documentId: auth.documentId, requestId: id, state: 'open' };
    return { version: 2, seed: v1.data.seed, documents: v1.data.documents, authorizations, refusals: {} };
  }
  return stateSchema.parse(raw);
}

/** Drops the oldest closed authorizations and refusals beyond MAX_CLOSED_KEPT (open ones always stay). */
export function trimState(state: DemoState): void {
  const closed = Object.entries(state.authorizations).filter(([, auth]) => auth.state !== 'open');
  for (const [id] of closed.slice(0, Math.max(0, closed.length - MAX_CLOSED_KEPT))) delete state.authorizations[id];
  const refused = Object.keys(state.refusals);
  for (const id of refused.slice(0, Math.max(0, refused.length - MAX_CLOSED_KEPT))) delete state.refusals[id];
}

export interface StateStore {
  /** The current state (a copy the caller may change). */
  read(): DemoState;
  write(state: DemoState): void;
  /** Forgets everything; true when there was something to forget. */
  clear(): boolean;
}

export class MemoryStateStore implements StateStore {
  private state: DemoState;

  constructor(private readonly seed: number) {
    this.state = emptyState(seed);
  }

  read(): DemoState {
    return structuredClone(this.state);
  }

  write(state: DemoState): void {
    trimState(state);
    this.state = structuredClone(state);
  }

  clear(): boolean {
    const had = Object.keys(this.state.documents).length > 0 || Object.keys(this.state.authorizations).length > 0 || Object.keys(this.state.refusals).length > 0;
    this.state = emptyState(this.seed);
    return had;
  }
}

function resetHint(file: string): string {
  return `Fix or delete ${file}, or run "adm-kiosk demo reset" to start the demo afresh (every demo PIN becomes usable again).`;
}

/** State in a JSON file, read afresh on every call and replaced atomically (temp file + rename). */
export class FileStateStore implements StateStore {
  constructor(
    readonly file: string,
    private readonly seed: number,
  ) {}

  read(): DemoState {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(this.seed);
      throw new KioskError('REGISTRY_UNAVAILABLE', 'The demo registry cannot read its state file.', { hint: `Check that ${this.file} is readable by the kiosk user.`, cause: error });
    }
    let parsed: DemoState;
    try {
      parsed = parseState(JSON.parse(text));
    } catch (error) {
      throw new KioskError('REGISTRY_UNAVAILABLE', 'The demo registry state file is damaged and cannot be read.', { hint: resetHint(this.file), cause: error });
    }
    if (parsed.seed !== this.seed) {
      throw new KioskError('REGISTRY_UNAVAILABLE', `The demo registry state file belongs to demo data with another seed (${parsed.seed}, not ${this.seed}).`, {
        hint: resetHint(this.file),
      });
    }
    return parsed;
  }

  write(state: DemoState): void {
    trimState(state);
    const temp = `${this.file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      // Flushed before the rename, so a power cut leaves the old file or the new one, never half of one.
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new KioskError('REGISTRY_UNAVAILABLE', 'The demo registry cannot save its state file.', {
        hint: `Check that the folder of ${this.file} exists, is writable and has free space.`,
        cause: error,
      });
    }
  }

  clear(): boolean {
    try {
      rmSync(this.file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new KioskError('REGISTRY_UNAVAILABLE', 'The demo registry cannot delete its state file.', { hint: `Check the permissions of ${this.file}.`, cause: error });
    }
  }
}

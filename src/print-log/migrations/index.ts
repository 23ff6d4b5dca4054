import type { Migration } from './migration.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-intent-and-pin-state.ts';

export type { Migration } from './migration.ts';

/** Every schema version in order; `MIGRATIONS[i].version === i + 1`. Append only. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002];

export const LATEST_VERSION = MIGRATIONS.length;

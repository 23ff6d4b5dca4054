import type { Migration } from './migration.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-intent-and-pin-state.ts';
import { migration0003 } from './0003-hash-chain-and-audit.ts';

export type { Migration, MigrationContext } from './migration.ts';

/** Every schema version in order; `MIGRATIONS[i].version === i + 1`. Append only. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003];

export const LATEST_VERSION = MIGRATIONS.length;

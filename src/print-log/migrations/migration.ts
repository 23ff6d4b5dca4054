import type { Database } from 'better-sqlite3';

/**
 * One schema version. `up` moves a database from `version - 1` to `version`; it runs inside
 * the transaction `migrate` opens, so it must not open its own or change pragmas that
 * cannot be changed in a transaction (journal_mode, foreign_keys). A migration file is
 * frozen once released: later changes go into a new file with the next number.
 *
 * `rebuildsTables`: the migration replaces a table (create new, copy, drop, rename), which
 * SQLite needs to change a CHECK or NOT NULL constraint. `migrate` then switches foreign
 * keys off around the transaction (they cannot be switched inside one) and runs
 * `PRAGMA foreign_key_check` before committing: a dangling reference rolls it all back.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly rebuildsTables?: boolean;
  /** The migration needs the chain key (it computes hashes for existing rows). */
  readonly needsChainKey?: boolean;
  up(db: Database, context: MigrationContext): void;
}

/** What a migration may need besides the database. */
export interface MigrationContext {
  /** The print log's chain key (`deriveChainKey(nikKey)`); absent when the caller has no key. */
  readonly chainKey?: Buffer;
}

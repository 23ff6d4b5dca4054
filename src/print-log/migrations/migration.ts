import type { Database } from 'better-sqlite3';

/**
 * One schema version. `up` moves a database from `version - 1` to `version`; it runs inside
 * the transaction `migrate` opens, so it must not open its own or change pragmas that
 * cannot be changed in a transaction (journal_mode, foreign_keys). A migration file is
 * frozen once released: later changes go into a new file with the next number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

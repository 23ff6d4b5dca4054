import type { Database } from 'better-sqlite3';
import { KioskError } from '../core/errors.ts';
import { MIGRATIONS, type Migration, type MigrationContext } from './migrations/index.ts';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new KioskError('INTERNAL', `Print log migration "${migration.name}" has version ${migration.version}, expected ${index + 1}.`);
    }
  });
}

/** Fails the migration (rolling it back) when a table rebuild left a dangling foreign key. */
function checkForeignKeys(db: Database): void {
  const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0];
    throw new KioskError('PRINT_LOG_ERROR', `A print log migration would leave ${broken.length} row(s) pointing at missing rows (first: ${first?.table} row ${first?.rowid} -> ${first?.parent}).`, {
      hint: 'The log was left unchanged. Keep a copy of the print log file and report it to a technician.',
    });
  }
}

/**
 * Brings the database to `target` (default: the latest version): every pending migration
 * runs in one IMMEDIATE transaction together with the `PRAGMA user_version` update, so a
 * failure leaves the database exactly as it was. A database newer than this program knows
 * is refused rather than guessed at. Returns the versions applied.
 *
 * When a pending migration rebuilds a table (`rebuildsTables`), foreign keys are switched off
 * around the transaction (SQLite ignores the pragma inside one, and the events' ON DELETE
 * RESTRICT would refuse the DROP at once), `PRAGMA foreign_key_check` runs before the commit,
 * and the previous setting is restored afterwards, whatever happened.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target = migrations.length, context: MigrationContext = {}): number[] {
  checkList(migrations);
  const applied: number[] = [];
  const pending = migrations.slice(schemaVersion(db), target);
  const rebuilds = pending.some((migration) => migration.rebuildsTables === true);
  const keyless = pending.find((migration) => migration.needsChainKey === true && context.chainKey === undefined);
  if (keyless !== undefined) {
    throw new KioskError('PRINT_LOG_ERROR', `Print log migration ${keyless.version} (${keyless.name}) needs the print log key.`, {
      hint: 'Open the log with PrintLog.open (it reads print-log.key from the data folder).',
    });
  }
  const run = db.transaction(() => {
    // Read the version inside the write transaction: two processes opening at once cannot both migrate.
    const current = schemaVersion(db);
    if (current > migrations.length) {
      throw new KioskError('PRINT_LOG_ERROR', `The print log has schema version ${current}, newer than this adm-kiosk knows (${migrations.length}).`, {
        hint: 'Update adm-kiosk on this machine; do not open the log with an older version.',
      });
    }
    for (const migration of migrations.slice(current, target)) {
      migration.up(db, context);
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    }
    if (rebuilds) checkForeignKeys(db);
  });
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuilds) db.pragma('foreign_keys = OFF');
  try {
    run.immediate();
  } catch (error) {
    if (error instanceof KioskError) throw error;
    const version = applied.length > 0 ? (applied.at(-1) ?? 0) + 1 : schemaVersion(db) + 1;
    throw new KioskError('PRINT_LOG_ERROR', `Migrating the print log to schema version ${version} failed; the log was left unchanged.`, {
      hint: 'Keep a copy of the print log file and report it to a technician.',
      cause: error,
    });
  } finally {
    if (rebuilds) db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
  return applied;
}

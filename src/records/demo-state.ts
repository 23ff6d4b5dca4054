import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { KioskError, type ErrorDetails } from '../core/errors.ts';
import { readLegacyState } from './demo-state-legacy.ts';

/**
 * What the demo registry remembers between calls, in SQLite (WAL) in the data folder: per
 * document the wrong-PIN count, until when it is locked and whether it was printed; every
 * authorization with the request id that opened it and its state (open, confirmed, released);
 * refused redeem requests (so a repeat gets the same answer without counting twice); and the
 * nonces of signed requests the registry server has seen (replay protection).
 *
 * Every change is one IMMEDIATE transaction, so any number of processes on one data folder
 * (the kiosk, `adm-kiosk registry serve`, a CLI) never lose each other's updates. Ids and
 * counters only: no NIK, no names, no PINs. Without a file the same schema lives in memory.
 */

/** Wrong PINs a document takes before it locks. */
export const MAX_PIN_ATTEMPTS = 3;
/** How long a lock lasts; it ends by itself. */
export const LOCKOUT_MS = 15 * 60 * 1000;
/** Closed authorizations and refusals kept for request-id look-ups (the oldest are dropped). */
export const MAX_CLOSED_KEPT = 1000;
const SCHEMA_VERSION = 1;

export type AuthorizationState = 'open' | 'confirmed' | 'released';
export type RefusalCode = 'PIN_INVALID' | 'PIN_USED' | 'PIN_LOCKED';

export interface DocumentState {
  readonly failedAttempts: number;
  /** Epoch ms; null when not locked. */
  readonly lockedUntil: number | null;
  readonly printed: boolean;
}

export interface AuthorizationEntry {
  readonly authorizationId: string;
  readonly documentId: string;
  readonly requestId: string;
  readonly state: AuthorizationState;
}

export interface RefusalEntry {
  readonly documentId: string;
  readonly code: RefusalCode;
  readonly message: string;
  readonly hint: string;
  readonly details?: ErrorDetails | undefined;
}

export const FRESH_DOCUMENT: DocumentState = { failedAttempts: 0, lockedUntil: null, printed: false };

/** Reads inside a transaction (or on a snapshot). */
export interface StateReader {
  document(documentId: string): DocumentState;
  authorization(authorizationId: string): AuthorizationEntry | undefined;
  authorizationByRequest(requestId: string): AuthorizationEntry | undefined;
  refusal(requestId: string): RefusalEntry | undefined;
  hasOpenAuthorization(documentId: string): boolean;
  /** Every document with state (for the demo citizens list). */
  allDocuments(): ReadonlyMap<string, DocumentState & { readonly open: boolean }>;
}

export interface StateWriter extends StateReader {
  setDocument(documentId: string, state: DocumentState): void;
  addAuthorization(entry: AuthorizationEntry): void;
  setAuthorizationState(authorizationId: string, state: AuthorizationState): void;
  addRefusal(requestId: string, refusal: RefusalEntry): void;
}

function resetHint(file: string): string {
  return `Run "adm-kiosk demo reset" to start the demo afresh (every demo PIN becomes usable again), or restore ${file} from a backup.`;
}

function unavailable(message: string, file: string, cause?: unknown, hint = resetHint(file)): KioskError {
  return new KioskError('REGISTRY_UNAVAILABLE', message, { hint, ...(cause === undefined ? {} : { cause }) });
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  document_id TEXT PRIMARY KEY,
  failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
  locked_until INTEGER,
  printed INTEGER NOT NULL CHECK (printed IN (0, 1))
);
CREATE TABLE IF NOT EXISTS authorizations (
  authorization_id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE,
  document_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'confirmed', 'released'))
);
CREATE INDEX IF NOT EXISTS authorizations_by_document ON authorizations (document_id, state);
CREATE TABLE IF NOT EXISTS refusals (
  request_id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  hint TEXT NOT NULL,
  details TEXT
);
CREATE TABLE IF NOT EXISTS nonces (
  kiosk_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (kiosk_id, nonce)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nonces_by_expiry ON nonces (expires_at);
`;

interface DocumentRow {
  failed_attempts: number;
  locked_until: number | null;
  printed: number;
}
interface AuthorizationRow {
  authorization_id: string;
  request_id: string;
  document_id: string;
  state: AuthorizationState;
}
interface RefusalRow {
  document_id: string;
  code: RefusalCode;
  message: string;
  hint: string;
  details: string | null;
}

const toAuthorization = (row: AuthorizationRow | undefined): AuthorizationEntry | undefined =>
  row === undefined ? undefined : { authorizationId: row.authorization_id, documentId: row.document_id, requestId: row.request_id, state: row.state };

/** One SQLite connection to the state (a file in the data folder, or memory). */
export class DemoStateDb implements StateWriter {
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {}

  /** Opens (creating it when missing) the state for `seed`; migrates a legacy JSON state file once. */
  static open(file: string, seed: number, options: { readonly legacyJsonFile?: string | undefined; readonly now?: () => number } = {}): DemoStateDb {
    let db: Database.Database;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      db = new Database(file);
    } catch (error) {
      throw unavailable(`The demo registry cannot open its state database ${file}.`, file, error, `Check that the folder of ${file} exists and is writable by the kiosk user.`);
    }
    try {
      db.pragma('busy_timeout = 10000');
      if (file !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const state = new DemoStateDb(db, file);
      state.prepare(seed, options.legacyJsonFile, options.now ?? Date.now);
      return state;
    } catch (error) {
      db.close();
      if (error instanceof KioskError) throw error;
      throw unavailable(`The demo registry state database ${file} is damaged and cannot be read.`, file, error);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** One IMMEDIATE transaction: the write lock is taken before the first read, so no update is lost. */
  write<T>(step: (state: StateWriter) => T): T {
    return this.guard(() => this.db.transaction(() => step(this)).immediate());
  }

  /** A consistent read (a deferred transaction). */
  read<T>(step: (state: StateReader) => T): T {
    return this.guard(() => this.db.transaction(() => step(this)).deferred());
  }

  /** Forgets every spent, locked and open PIN (and seen nonces). True when there was something. */
  clear(): boolean {
    return this.write(() => {
      let changes = 0;
      for (const table of ['documents', 'authorizations', 'refusals', 'nonces']) changes += this.db.prepare(`DELETE FROM ${table}`).run().changes;
      return changes > 0;
    });
  }

  /** Records a signed request's nonce; false when it was seen before (a replay). Expired nonces are dropped. */
  rememberNonce(kioskId: string, nonce: string, now: number, keepMs: number): boolean {
    return this.write(() => {
      this.statement('DELETE FROM nonces WHERE expires_at < ?').run(now);
      return this.statement('INSERT OR IGNORE INTO nonces (kiosk_id, nonce, expires_at) VALUES (?, ?, ?)').run(kioskId, nonce, now + keepMs).changes === 1;
    });
  }

  // ---- StateReader / StateWriter (only inside read() / write()) -------------------------

  document(documentId: string): DocumentState {
    const row = this.statement('SELECT failed_attempts, locked_until, printed FROM documents WHERE document_id = ?').get(documentId) as DocumentRow | undefined;
    return row === undefined ? FRESH_DOCUMENT : { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until, printed: row.printed === 1 };
  }

  authorization(authorizationId: string): AuthorizationEntry | undefined {
    return toAuthorization(this.statement('SELECT * FROM authorizations WHERE authorization_id = ?').get(authorizationId) as AuthorizationRow | undefined);
  }

  authorizationByRequest(requestId: string): AuthorizationEntry | undefined {
    return toAuthorization(this.statement('SELECT * FROM authorizations WHERE request_id = ?').get(requestId) as AuthorizationRow | undefined);
  }

  refusal(requestId: string): RefusalEntry | undefined {
    const row = this.statement('SELECT document_id, code, message, hint, details FROM refusals WHERE request_id = ?').get(requestId) as RefusalRow | undefined;
    if (row === undefined) return undefined;
    return { documentId: row.document_id, code: row.code, message: row.message, hint: row.hint, ...(row.details === null ? {} : { details: JSON.parse(row.details) as ErrorDetails }) };
  }

  hasOpenAuthorization(documentId: string): boolean {
    return this.statement("SELECT 1 FROM authorizations WHERE document_id = ? AND state = 'open' LIMIT 1").get(documentId) !== undefined;
  }

  allDocuments(): ReadonlyMap<string, DocumentState & { readonly open: boolean }> {
    const map = new Map<string, DocumentState & { open: boolean }>();
    for (const row of this.statement('SELECT document_id, failed_attempts, locked_until, printed FROM documents').all() as (DocumentRow & { document_id: string })[]) {
      map.set(row.document_id, { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until, printed: row.printed === 1, open: false });
    }
    for (const row of this.statement("SELECT DISTINCT document_id FROM authorizations WHERE state = 'open'").all() as { document_id: string }[]) {
      map.set(row.document_id, { ...(map.get(row.document_id) ?? FRESH_DOCUMENT), open: true });
    }
    return map;
  }

  setDocument(documentId: string, state: DocumentState): void {
    this.statement(
      'INSERT INTO documents (document_id, failed_attempts, locked_until, printed) VALUES (?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET failed_attempts = excluded.failed_attempts, locked_until = excluded.locked_until, printed = excluded.printed',
    ).run(documentId, state.failedAttempts, state.lockedUntil, state.printed ? 1 : 0);
  }

  addAuthorization(entry: AuthorizationEntry): void {
    this.statement('INSERT INTO authorizations (authorization_id, request_id, document_id, state) VALUES (?, ?, ?, ?)').run(entry.authorizationId, entry.requestId, entry.documentId, entry.state);
  }

  setAuthorizationState(authorizationId: string, state: AuthorizationState): void {
    this.statement('UPDATE authorizations SET state = ? WHERE authorization_id = ?').run(state, authorizationId);
    if (state !== 'open') {
      this.statement(
        `DELETE FROM authorizations WHERE state != 'open' AND rowid <= (SELECT rowid FROM authorizations WHERE state != 'open' ORDER BY rowid DESC LIMIT 1 OFFSET ${MAX_CLOSED_KEPT})`,
      ).run();
    }
  }

  addRefusal(requestId: string, refusal: RefusalEntry): void {
    this.statement('INSERT OR REPLACE INTO refusals (request_id, document_id, code, message, hint, details) VALUES (?, ?, ?, ?, ?, ?)').run(
      requestId,
      refusal.documentId,
      refusal.code,
      refusal.message,
      refusal.hint,
      refusal.details === undefined ? null : JSON.stringify(refusal.details),
    );
    this.statement(`DELETE FROM refusals WHERE rowid <= (SELECT rowid FROM refusals ORDER BY rowid DESC LIMIT 1 OFFSET ${MAX_CLOSED_KEPT})`).run();
  }

  // ---- plumbing -------------------------------------------------------------------------

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (error instanceof KioskError || !(error instanceof Database.SqliteError)) throw error;
      throw unavailable(`The demo registry cannot use its state database ${this.file} (${error.code}).`, this.file, error, `Check the disk and the permissions of ${this.file}; ${resetHint(this.file)}`);
    }
  }

  /** Schema, seed check, and the one-time import of a legacy JSON state file. */
  private prepare(seed: number, legacyJsonFile: string | undefined, now: () => number): void {
    this.db
      .transaction(() => {
        this.db.exec(SCHEMA);
        const version = this.meta('schema_version');
        if (version !== undefined && Number(version) > SCHEMA_VERSION) {
          throw unavailable(`The demo registry state database ${this.file} was written by a newer adm-kiosk (schema ${version}).`, this.file, undefined, 'Update adm-kiosk, or run "adm-kiosk demo reset".');
        }
        this.setMeta('schema_version', String(SCHEMA_VERSION));
        const stored = this.meta('seed');
        if (stored === undefined) this.setMeta('seed', String(seed));
        else if (Number(stored) !== seed) {
          throw unavailable(`The demo registry state database belongs to demo data with another seed (${stored}, not ${seed}).`, this.file);
        }
        if (legacyJsonFile !== undefined && this.meta('legacy_json_imported') === undefined && existsSync(legacyJsonFile)) {
          this.importLegacy(readLegacyState(legacyJsonFile, seed), legacyJsonFile, now());
        }
      })
      .immediate();
    // After the commit: the JSON file is out of the way (a crash before this renames it on the next open).
    if (legacyJsonFile !== undefined && existsSync(legacyJsonFile) && this.meta('legacy_json_imported') !== undefined) {
      renameSync(legacyJsonFile, `${legacyJsonFile}.imported`);
    }
  }

  /** A document the old file had locked (5 wrong PINs, no end) is locked for LOCKOUT_MS from the import. */
  private importLegacy(legacy: ReturnType<typeof readLegacyState>, file: string, now: number): void {
    for (const [documentId, doc] of Object.entries(legacy.documents)) {
      const locked = doc.failedAttempts >= MAX_PIN_ATTEMPTS;
      this.setDocument(documentId, { failedAttempts: locked ? MAX_PIN_ATTEMPTS : doc.failedAttempts, lockedUntil: locked ? now + LOCKOUT_MS : null, printed: doc.printed });
    }
    for (const [authorizationId, auth] of Object.entries(legacy.authorizations)) this.addAuthorization({ authorizationId, ...auth });
    for (const [requestId, refusal] of Object.entries(legacy.refusals)) this.addRefusal(requestId, refusal);
    this.setMeta('legacy_json_imported', file);
  }

  private meta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

/** Deletes a state database that cannot even be opened (demo reset on a damaged file). True when a file was there. */
export function deleteStateFiles(file: string): boolean {
  const had = existsSync(file);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return had;
}

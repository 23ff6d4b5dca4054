import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import { KioskError } from '../../core/errors.ts';
import { LockoutStore } from './lockout-store.ts';
import { parsePinHash, verifyPin, type ParsedPinHash } from './pin-hash.ts';
import type { StaffRole } from './roles.ts';

export { STAFF_ROLES, DEMO_STAFF_PINS, DEMO_STAFF_PIN_HASHES, type StaffRole } from './roles.ts';

/** Wrong PINs in a row that lock a role, and for how long. */
export const STAFF_MAX_TRIES = 5;
export const STAFF_LOCK_MS = 10 * 60_000;
/** A staff token dies after this long without a call (the staff screen closes then too). */
export const STAFF_IDLE_MS = 2 * 60_000;
/** ... and after this long whatever happens. */
export const STAFF_MAX_SESSION_MS = 30 * 60_000;

export interface StaffGrant {
  readonly token: string;
  /** ISO 8601: when the token dies unless used before (idle expiry). */
  readonly expiresAt: string;
}

export interface StaffSession {
  readonly role: StaffRole;
  readonly startedAt: number;
  lastUsedAt: number;
}

/** What staff access writes to the audit table (the print log's `audit`). */
export type StaffAudit = (entry: { readonly actor: StaffRole; readonly action: string; readonly detail?: string }) => void;

export interface StaffAccessOptions {
  readonly dataDir: string;
  /** The configured scrypt hash per role; a role without one cannot sign in. */
  readonly pinHashes: Partial<Record<StaffRole, string>>;
  readonly clock: Clock;
  readonly audit: StaffAudit;
  readonly idleMs?: number;
}

const ROLE_NAMES: Readonly<Record<StaffRole, string>> = { ops: 'ops', technician: 'technician' };

/**
 * Staff sign-in for the kiosk screen (ops and technician PINs), per docs/operations.md:
 * - the PIN is checked against the role's scrypt hash in constant time;
 * - 5 wrong PINs in a row lock the role for 10 minutes; the count and the lock live in the data
 *   folder (a restart does not reset them) and attempts are checked one at a time;
 * - a token is 32 random bytes, dies after 2 minutes without use (30 at most) and at sign-out;
 *   one live token per role (signing in again replaces it);
 * - every sign-in, failure, lock and sign-out (also by idle expiry) is audited; if the audit
 *   cannot be written, the sign-in is refused.
 */
export class StaffAccess {
  private readonly hashes = new Map<StaffRole, ParsedPinHash>();
  private readonly sessions = new Map<string, StaffSession>();
  private readonly lockouts: LockoutStore;
  private readonly idleMs: number;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: StaffAccessOptions) {
    this.lockouts = new LockoutStore(options.dataDir);
    this.idleMs = options.idleMs ?? STAFF_IDLE_MS;
    for (const [role, hash] of Object.entries(options.pinHashes) as [StaffRole, string | undefined][]) {
      if (hash !== undefined) this.hashes.set(role, parsePinHash(hash, role === 'ops' ? 'staff.opsPinHash' : 'staff.technicianPinHash'));
    }
  }

  /** Roles that have a PIN configured. */
  roles(): StaffRole[] {
    return [...this.hashes.keys()];
  }

  /** Signs a role in; attempts are checked one at a time (no parallel guessing past the count). */
  signIn(role: StaffRole, pin: string): Promise<StaffGrant> {
    const attempt = this.queue.then(() => this.attempt(role, pin));
    this.queue = attempt.catch(() => undefined);
    return attempt;
  }

  /** Ends the session of this token; false when it was not live. */
  signOut(token: string, why: 'signed out' | 'idle' = 'signed out'): boolean {
    const key = tokenKey(token);
    const session = this.sessions.get(key);
    if (session === undefined) return false;
    this.sessions.delete(key);
    this.auditQuietly(session.role, 'sign-out', why);
    this.changed();
    return true;
  }

  /** The live session of `role` holding `token` (its idle clock restarted), or null. */
  authorize(role: StaffRole, token: string | undefined): StaffSession | null {
    this.sweep();
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    const session = this.sessions.get(tokenKey(token));
    if (session === undefined || session.role !== role) return null;
    session.lastUsedAt = this.options.clock.now();
    return session;
  }

  /** Like `authorize`, throwing STAFF_SESSION_EXPIRED. */
  require(role: StaffRole, token: string | undefined): StaffSession {
    const session = this.authorize(role, token);
    if (session === null) throw new KioskError('STAFF_SESSION_EXPIRED', 'The staff session has ended (signed out, or idle too long).', { hint: 'Sign in again with the staff PIN.' });
    return session;
  }

  /** True while any staff session is live (a resident's card starts nothing then). */
  isActive(): boolean {
    this.sweep();
    return this.sessions.size > 0;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends sessions idle too long (or too old); called by every check and by the kiosk's timer. */
  sweep(): void {
    const now = this.options.clock.now();
    for (const [key, session] of this.sessions) {
      if (now - session.lastUsedAt >= this.idleMs || now - session.startedAt >= STAFF_MAX_SESSION_MS) {
        this.sessions.delete(key);
        this.auditQuietly(session.role, 'sign-out', 'idle');
        this.changed();
      }
    }
  }

  /** Ends every session (the kiosk stops). */
  close(): void {
    for (const session of this.sessions.values()) this.auditQuietly(session.role, 'sign-out', 'the kiosk stopped');
    this.sessions.clear();
  }

  private async attempt(role: StaffRole, pin: string): Promise<StaffGrant> {
    const hash = this.hashes.get(role);
    if (hash === undefined) {
      throw new KioskError('STAFF_PIN_NOT_SET', `No ${ROLE_NAMES[role]} PIN is configured on this kiosk, so that role cannot sign in.`, {
        hint: `A technician makes one with \`adm-kiosk staff hash-pin\` and sets staff.${role === 'ops' ? 'opsPinHash' : 'technicianPinHash'} in the configuration (docs/operations.md).`,
      });
    }
    const now = this.options.clock.now();
    const state = this.lockouts.get(role);
    if (state.lockedUntil !== null && Date.parse(state.lockedUntil) > now) throw lockedError(role, state.lockedUntil);
    // A lock that ran out starts a fresh count.
    const failures = state.lockedUntil === null ? state.failures : 0;
    if (!(await verifyPin(pin, hash))) {
      const count = failures + 1;
      if (count >= STAFF_MAX_TRIES) {
        const lockedUntil = new Date(this.options.clock.now() + STAFF_LOCK_MS).toISOString();
        this.lockouts.set(role, { failures: count, lockedUntil });
        this.options.audit({ actor: role, action: 'sign-in-failed', detail: `wrong PIN, try ${count} of ${STAFF_MAX_TRIES}` });
        this.options.audit({ actor: role, action: 'locked', detail: `until ${lockedUntil}` });
        throw lockedError(role, lockedUntil);
      }
      this.lockouts.set(role, { failures: count, lockedUntil: null });
      this.options.audit({ actor: role, action: 'sign-in-failed', detail: `wrong PIN, try ${count} of ${STAFF_MAX_TRIES}` });
      throw new KioskError('STAFF_PIN_INVALID', `The ${ROLE_NAMES[role]} PIN is wrong.`, {
        hint: `${STAFF_MAX_TRIES - count} tries left before this role is locked for ${STAFF_LOCK_MS / 60_000} minutes.`,
        details: { attemptsLeft: STAFF_MAX_TRIES - count },
      });
    }
    if (state.failures !== 0 || state.lockedUntil !== null) this.lockouts.set(role, { failures: 0, lockedUntil: null });
    // Audited before the token exists: no audit row, no sign-in.
    this.options.audit({ actor: role, action: 'sign-in' });
    for (const [key, session] of this.sessions) {
      if (session.role === role) {
        this.sessions.delete(key);
        this.auditQuietly(role, 'sign-out', 'replaced by a new sign-in');
      }
    }
    const token = randomBytes(32).toString('base64url');
    const at = this.options.clock.now();
    this.sessions.set(tokenKey(token), { role, startedAt: at, lastUsedAt: at });
    this.changed();
    return { token, expiresAt: new Date(at + this.idleMs).toISOString() };
  }

  private auditQuietly(role: StaffRole, action: string, detail: string): void {
    try {
      this.options.audit({ actor: role, action, detail });
    } catch {
      // The session ends regardless; a log that cannot be written is reported by the print path.
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Sessions are kept under the token's hash: the map never holds a usable token. */
function tokenKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function lockedError(role: StaffRole, lockedUntil: string): KioskError {
  return new KioskError('STAFF_LOCKED', `Too many wrong ${ROLE_NAMES[role]} PINs: this role is locked until ${lockedUntil}.`, {
    hint: 'Wait until then; every try is recorded in the audit log.',
    details: { lockedUntil },
  });
}

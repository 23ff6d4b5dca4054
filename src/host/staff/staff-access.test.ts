import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../api/test-support.ts';
import { ManualClock } from '../../core/clock.ts';
import { KioskError } from '../../core/errors.ts';
import { hashPin, parsePinHash, verifyPin } from './pin-hash.ts';
import { LOCKOUT_FILE } from './lockout-store.ts';
import { STAFF_IDLE_MS, STAFF_LOCK_MS, StaffAccess } from './staff-access.ts';

const tempDir = useTempDirs();
/** Cheap scrypt parameters for tests (the format carries them); the kiosk's own are N=32768. */
const FAST = { N: 1024, r: 8, p: 1 };
const OPS_PIN = '918273';
const TECH_PIN = '564738';

async function access(dataDir = tempDir(), clock = new ManualClock(Date.parse('2026-11-20T03:00:00.000Z'))) {
  const audit: string[] = [];
  const staff = new StaffAccess({
    dataDir,
    pinHashes: { ops: await hashPin(OPS_PIN, FAST), technician: await hashPin(TECH_PIN, FAST) },
    clock,
    audit: (entry) => audit.push(`${entry.actor} ${entry.action}${entry.detail === undefined ? '' : ` (${entry.detail})`}`),
  });
  return { staff, audit, clock, dataDir };
}

async function refusal(promise: Promise<unknown>): Promise<KioskError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskError);
  return error as KioskError;
}

describe('staff PIN hashes', () => {
  it('round-trips through the self-describing scrypt format and compares by PIN', async () => {
    const text = await hashPin('24681012', FAST);
    expect(text).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPin('24681012', parsePinHash(text))).toBe(true);
    expect(await verifyPin('24681013', parsePinHash(text))).toBe(false);
    expect(await hashPin('24681012', FAST)).not.toBe(text);
  });

  it('refuses a hash it did not make, naming the key, and PINs that are not 6 to 12 digits', async () => {
    expect(() => parsePinHash('bcrypt$2b$10$abc', 'staff.opsPinHash')).toThrow(/staff.opsPinHash is not a PIN hash adm-kiosk made/);
    expect(() => parsePinHash('scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaA==')).toThrow(/power of two/);
    await expect(hashPin('1234', FAST)).rejects.toThrow(/6 to 12 digits/);
  });
});

describe('StaffAccess', () => {
  it('signs a role in with its PIN: a token that opens only that role, short-lived, revoked at sign-out; all audited', async () => {
    const { staff, audit, clock } = await access();
    const grant = await staff.signIn('ops', OPS_PIN);
    expect(grant.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(grant.expiresAt).toBe(new Date(clock.now() + STAFF_IDLE_MS).toISOString());
    expect(staff.authorize('ops', grant.token)).not.toBeNull();
    expect(staff.authorize('technician', grant.token)).toBeNull();
    expect(staff.isActive()).toBe(true);
    expect(staff.signOut(grant.token)).toBe(true);
    expect(staff.authorize('ops', grant.token)).toBeNull();
    expect(staff.isActive()).toBe(false);
    expect(audit).toEqual(['ops sign-in', 'ops sign-out (signed out)']);
  });

  it('ends a session idle for 2 minutes (audited), and each call restarts the idle clock', async () => {
    const { staff, audit, clock } = await access();
    const grant = await staff.signIn('technician', TECH_PIN);
    clock.advance(STAFF_IDLE_MS - 1000);
    expect(staff.authorize('technician', grant.token)).not.toBeNull();
    clock.advance(STAFF_IDLE_MS - 1000);
    expect(staff.authorize('technician', grant.token)).not.toBeNull();
    clock.advance(STAFF_IDLE_MS);
    expect(staff.authorize('technician', grant.token)).toBeNull();
    expect(() => staff.require('technician', grant.token)).toThrow(expect.objectContaining({ code: 'STAFF_SESSION_EXPIRED' }) as unknown);
    expect(audit).toEqual(['technician sign-in', 'technician sign-out (idle)']);
  });

  it('counts wrong PINs down (details.attemptsLeft), locks the role for 10 minutes at the fifth (details.lockedUntil), even for the right PIN', async () => {
    const { staff, audit, clock } = await access();
    for (const left of [4, 3, 2, 1]) {
      const error = await refusal(staff.signIn('ops', '000000'));
      expect(error.code).toBe('STAFF_PIN_INVALID');
      expect(error.details).toEqual({ attemptsLeft: left });
    }
    const locked = await refusal(staff.signIn('ops', '000000'));
    const until = new Date(clock.now() + STAFF_LOCK_MS).toISOString();
    expect(locked.code).toBe('STAFF_LOCKED');
    expect(locked.details).toEqual({ lockedUntil: until });
    expect((await refusal(staff.signIn('ops', OPS_PIN))).code).toBe('STAFF_LOCKED');
    // The other role is not locked.
    await expect(staff.signIn('technician', TECH_PIN)).resolves.toMatchObject({ token: expect.any(String) as unknown });
    clock.advance(STAFF_LOCK_MS);
    await expect(staff.signIn('ops', OPS_PIN)).resolves.toMatchObject({ token: expect.any(String) as unknown });
    expect(audit.filter((line) => line.startsWith('ops'))).toEqual([
      'ops sign-in-failed (wrong PIN, try 1 of 5)',
      'ops sign-in-failed (wrong PIN, try 2 of 5)',
      'ops sign-in-failed (wrong PIN, try 3 of 5)',
      'ops sign-in-failed (wrong PIN, try 4 of 5)',
      'ops sign-in-failed (wrong PIN, try 5 of 5)',
      `ops locked (until ${until})`,
      'ops sign-in',
    ]);
  });

  it('keeps the count and the lock across a restart (a new StaffAccess on the same data folder)', async () => {
    const first = await access();
    for (let i = 0; i < 3; i += 1) await refusal(first.staff.signIn('ops', '111111'));
    const restarted = await access(first.dataDir, first.clock);
    expect((await refusal(restarted.staff.signIn('ops', '111111'))).details).toEqual({ attemptsLeft: 1 });
    expect((await refusal(restarted.staff.signIn('ops', '111111'))).code).toBe('STAFF_LOCKED');
    const again = await access(first.dataDir, first.clock);
    expect((await refusal(again.staff.signIn('ops', OPS_PIN))).code).toBe('STAFF_LOCKED');
    expect(JSON.parse(readFileSync(join(first.dataDir, LOCKOUT_FILE), 'utf8'))).toMatchObject({ roles: { ops: { failures: 5 } } });
  });

  it('checks attempts one at a time: ten wrong PINs sent at once get four refusals and six locks', async () => {
    const { staff } = await access();
    const codes = (await Promise.all(Array.from({ length: 10 }, () => refusal(staff.signIn('ops', '222222'))))).map((e) => e.code);
    expect(codes.filter((c) => c === 'STAFF_PIN_INVALID')).toHaveLength(4);
    expect(codes.filter((c) => c === 'STAFF_LOCKED')).toHaveLength(6);
  });

  it('a role without a configured PIN cannot sign in, and says how to set one', async () => {
    const staff = new StaffAccess({ dataDir: tempDir(), pinHashes: { ops: await hashPin(OPS_PIN, FAST) }, clock: new ManualClock(0), audit: () => undefined });
    const error = await refusal(staff.signIn('technician', TECH_PIN));
    expect(error.code).toBe('STAFF_PIN_NOT_SET');
    expect(error.hint).toMatch(/adm-kiosk staff hash-pin.*staff\.technicianPinHash/);
  });

  it('refuses the sign-in when the audit row cannot be written', async () => {
    const staff = new StaffAccess({
      dataDir: tempDir(),
      pinHashes: { ops: await hashPin(OPS_PIN, FAST) },
      clock: new ManualClock(0),
      audit: () => {
        throw new KioskError('PRINT_LOG_FULL', 'disk full');
      },
    });
    await expect(staff.signIn('ops', OPS_PIN)).rejects.toMatchObject({ code: 'PRINT_LOG_FULL' });
    expect(staff.isActive()).toBe(false);
  });
});

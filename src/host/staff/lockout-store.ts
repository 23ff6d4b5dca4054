import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KioskError } from '../../core/errors.ts';
import { STAFF_ROLES, type StaffRole } from './roles.ts';

/**
 * Wrong staff PINs and lockouts, per role, in `<dataDir>/staff-lockout.json`, so that a
 * restart (or a power cut) does not hand out five fresh tries. Written whole to a temporary
 * file, synced, then renamed over the old one: it is always complete.
 */
export const LOCKOUT_FILE = 'staff-lockout.json';

const roleSchema = z.object({ failures: z.number().int().min(0), lockedUntil: z.string().nullable() }).strict();
const fileSchema = z.object({ version: z.literal(1), roles: z.object({ ops: roleSchema, technician: roleSchema }).strict() }).strict();
export type RoleLockout = z.infer<typeof roleSchema>;
type LockoutFile = z.infer<typeof fileSchema>;

const FRESH: RoleLockout = { failures: 0, lockedUntil: null };

export class LockoutStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, LOCKOUT_FILE);
  }

  get(role: StaffRole): RoleLockout {
    return this.read().roles[role];
  }

  set(role: StaffRole, state: RoleLockout): void {
    const current = this.read();
    const next: LockoutFile = { version: 1, roles: { ...current.roles, [role]: state } };
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(next)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
    } catch (error) {
      throw new KioskError('STAFF_LOCKED', 'The kiosk cannot record staff sign-in attempts, so staff sign-in is refused.', {
        hint: `Check that the data folder is writable and not full (${this.file}).`,
        cause: error,
      });
    }
  }

  private read(): LockoutFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, roles: Object.fromEntries(STAFF_ROLES.map((r) => [r, FRESH])) as LockoutFile['roles'] };
      throw this.damaged(error);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw this.damaged(error);
    }
    const result = fileSchema.safeParse(parsed);
    if (!result.success) throw this.damaged(result.error);
    return result.data;
  }

  /** A damaged record fails closed: nobody signs in until a technician looks. */
  private damaged(cause: unknown): KioskError {
    return new KioskError('STAFF_LOCKED', 'The record of staff sign-in attempts is damaged, so staff sign-in is refused.', {
      hint: `A technician checks ${this.file} over SSH (remove it to reset the counts).`,
      cause,
    });
  }
}

import { KioskError } from '../../core/errors.ts';
import type { KioskConfig } from '../config.ts';
import { parsePinHash, verifyPin } from './pin-hash.ts';
import { DEMO_STAFF_PIN_HASHES, DEMO_STAFF_PINS, STAFF_ROLES, type StaffRole } from './roles.ts';

const KEYS: Readonly<Record<StaffRole, 'opsPinHash' | 'technicianPinHash'>> = { ops: 'opsPinHash', technician: 'technicianPinHash' };

/** The PIN hash each role signs in with: the configured one; in demo mode the demo PIN's otherwise. */
export function staffPinHashes(config: KioskConfig): Partial<Record<StaffRole, string>> {
  const hashes: Partial<Record<StaffRole, string>> = {};
  for (const role of STAFF_ROLES) {
    const configured = config.staff[KEYS[role]];
    const hash = configured ?? (config.mode === 'demo' ? DEMO_STAFF_PIN_HASHES[role] : undefined);
    if (hash !== undefined) hashes[role] = hash;
  }
  return hashes;
}

/**
 * Start-up check of the staff PINs: each configured hash must be one adm-kiosk made (named by
 * key), and a production kiosk refuses a hash of a documented demo PIN, whatever its salt.
 */
export async function checkStaffConfig(config: KioskConfig): Promise<void> {
  const problems: string[] = [];
  for (const role of STAFF_ROLES) {
    const key = `staff.${KEYS[role]}`;
    const text = config.staff[KEYS[role]];
    if (text === undefined) continue;
    const parsed = parsePinHash(text, key);
    if (config.mode === 'production' && (await verifyPin(DEMO_STAFF_PINS[role], parsed))) {
      problems.push(`${key} is the hash of the documented demo PIN; a production kiosk needs its own PIN`);
    }
  }
  if (problems.length > 0) {
    throw new KioskError('CONFIG_INVALID', problems.join('\n'), { hint: 'Make a new PIN hash with `adm-kiosk staff hash-pin` and put it in the configuration.' });
  }
}

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { hashPin } from './pin-hash.ts';
import { DEMO_STAFF_PIN_HASHES, DEMO_STAFF_PINS } from './roles.ts';
import { checkStaffConfig, staffPinHashes } from './staff-config.ts';

const FAST = { N: 1024, r: 8, p: 1 };

describe('staff PINs in the configuration', () => {
  it('demo mode falls back to the documented demo PINs; production has only what is configured', () => {
    expect(staffPinHashes(parseConfig({}))).toEqual(DEMO_STAFF_PIN_HASHES);
    expect(staffPinHashes(parseConfig({ mode: 'production' }))).toEqual({});
    expect(staffPinHashes(parseConfig({ mode: 'production', staff: { opsPinHash: 'x' } }))).toEqual({ ops: 'x' });
  });

  it('production refuses a hash of a demo PIN, whatever its salt, naming the key', async () => {
    const own = await hashPin('918273', FAST);
    await expect(checkStaffConfig(parseConfig({ mode: 'production', staff: { opsPinHash: own } }))).resolves.toBeUndefined();
    const demoAgain = await hashPin(DEMO_STAFF_PINS.technician, FAST);
    await expect(checkStaffConfig(parseConfig({ mode: 'production', staff: { opsPinHash: own, technicianPinHash: demoAgain } }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/staff.technicianPinHash is the hash of the documented demo PIN/) as unknown,
    });
    await expect(checkStaffConfig(parseConfig({ mode: 'production', staff: { opsPinHash: DEMO_STAFF_PIN_HASHES.ops } }))).rejects.toThrow(/staff.opsPinHash/);
    // Demo mode may use them.
    await expect(checkStaffConfig(parseConfig({ staff: { opsPinHash: DEMO_STAFF_PIN_HASHES.ops } }))).resolves.toBeUndefined();
  });

  it('refuses a malformed hash and an unknown staff key by name', async () => {
    await expect(checkStaffConfig(parseConfig({ staff: { opsPinHash: 'hunter2' } }))).rejects.toThrow(/staff.opsPinHash is not a PIN hash adm-kiosk made/);
    expect(() => parseConfig({ staff: { opsPin: '246810' } })).toThrow(/unknown key "staff.opsPin"/);
  });
});

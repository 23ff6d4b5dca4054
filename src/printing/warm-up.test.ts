import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { warmUpPrinting } from './warm-up.ts';

describe('warmUpPrinting', () => {
  it('runs the whole pipeline once for the profile and reports its time', async () => {
    const ms = await warmUpPrinting(loadProfile('generic-80mm-203'));
    expect(ms).toBeGreaterThan(0);
  });
});

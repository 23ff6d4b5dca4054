import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { DOCUMENT_CATALOGUE } from '../core/documents.ts';
import { printability } from './printability.ts';

describe('printability', () => {
  it('an A4 printer prints every document at its own resolution', () => {
    const profile = loadProfile('generic-a4-203');
    for (const kind of Object.values(DOCUMENT_CATALOGUE)) {
      expect(printability(profile, kind.pageSize), kind.type).toMatchObject({ ok: true, dpi: 203 });
    }
  });

  it('an 80 mm receipt printer refuses A4 documents and says why, but prints cards', () => {
    const profile = loadProfile('generic-80mm-203');
    const kk = printability(profile, DOCUMENT_CATALOGUE.kk.pageSize);
    expect(kk.ok).toBe(false);
    expect(kk.dpi).toBeLessThan(80);
    expect(kk.reason).toMatch(/297 x 210 mm page would print at \d+ dpi on the generic-80mm-203 profile/);
    expect(printability(profile, DOCUMENT_CATALOGUE['akta-kelahiran'].pageSize).ok).toBe(false);
    expect(printability(profile, DOCUMENT_CATALOGUE.ktp.pageSize).ok).toBe(true);
  });
});

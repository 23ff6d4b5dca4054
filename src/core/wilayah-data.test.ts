import { readFileSync } from 'node:fs';
import { getProvinces } from 'idn-area-data';
import { describe, expect, it } from 'vitest';
import { CORE_FILE, DEMO_FILE, generateAreaModules } from '../../scripts/generate-areas.ts';
import { PROVINCES } from './regions.ts';
import { isKecamatanCode, regencyName } from './wilayah.ts';

describe('the area modules generated from idn-area-data', () => {
  it('are exactly what scripts/generate-areas.ts makes from the installed package (run npm run gen:areas if not)', async () => {
    const { core, demo } = await generateAreaModules();
    expect(readFileSync(CORE_FILE, 'utf8') === core, 'src/core/wilayah-data.ts is stale').toBe(true);
    expect(readFileSync(DEMO_FILE, 'utf8') === demo, 'src/records/demo/areas-data.ts is stale').toBe(true);
  });

  it('has the same province codes as DOMAIN.md\'s list in regions.ts', async () => {
    const codes = (await getProvinces()).map((p) => p.code).sort();
    expect(codes).toEqual(Object.keys(PROVINCES).sort());
  });

  it('holds every kecamatan (about 7 300) and kabupaten/kota', () => {
    expect(regencyName('3273')).toBe('KOTA BANDUNG');
    expect(regencyName('3174')).toBe('KOTA ADMINISTRASI JAKARTA SELATAN');
    expect(isKecamatanCode('327302')).toBe(true);
    expect(isKecamatanCode('327399')).toBe(false);
    expect(isKecamatanCode('32730')).toBe(false);
  });
});

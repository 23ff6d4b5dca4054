import { describe, expect, it } from 'vitest';
import { KioskError } from './errors.ts';
import { isValidNik, nikBirthDate, nikDateDigits, parseNik } from './nik.ts';
import { isValidNoKk, parseNoKk } from './kk-number.ts';
import { maskNik } from './mask.ts';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof KioskError ? `${error.code}: ${error.message}` : 'not a KioskError';
  }
  return 'no error';
}

describe('parseNik', () => {
  it('reads region, sex, birth date and serial from a man\'s NIK', () => {
    const info = parseNik('3273011708900003');
    expect(info).toMatchObject({ provinceCode: '32', regencyCode: '3273', districtCode: '327301', sex: 'LAKI-LAKI', birthDay: 17, birthMonth: 8, birthYear2: 90, serial: 3 });
  });

  it('subtracts 40 from the day for women', () => {
    const info = parseNik('3578015708850001');
    expect(info.sex).toBe('PEREMPUAN');
    expect(info.birthDay).toBe(17);
  });

  it('accepts the spaces and dots people type between groups', () => {
    expect(parseNik('3273 01 170890 0003').nik).toBe('3273011708900003');
  });

  it.each([
    ['327301170890000', 'it must have 16 digits, this has 15'],
    ['32730117089000031', 'it must have 16 digits, this has 17'],
    ['32730117089O0003', 'digits only'],
    ['2073011708900003', 'province code 20'],
    ['3200011708900003', 'kabupaten/kota code is 00'],
    ['3273001708900003', 'kecamatan code is 00'],
    ['3273013508900003', 'birth day'],
    ['3273017208900003', 'birth day'],
    ['3273013102900003', 'not a real date'],
    ['3273012902910003', 'not a real date'],
    ['3273011713900003', 'not a real date'],
    ['3273011708900000', 'serial number'],
    ['3273991708900003', 'region code 327399 is not a kecamatan of KOTA BANDUNG'],
    ['3299011708900003', 'region code 3299 is not a kabupaten/kota'],
    ['3171991708900003', 'region code 317199 is not a kecamatan'],
  ])('refuses %s with a reason naming what is wrong', (nik, reason) => {
    const result = codeOf(() => parseNik(nik));
    expect(result).toMatch(/^NIK_INVALID: /);
    expect(result).toContain(reason);
    expect(result).not.toContain(nik);
  });

  it('checks the wilayah prefix against Kemendagri\'s kecamatan codes (Coblong 327302, Antapani 327320, Jagakarsa 317409)', () => {
    for (const nik of ['3273021708900003', '3273201708900003', '3174091708900003', '3471091708900003']) expect(isValidNik(nik), nik).toBe(true);
    // Before the 2022 split Merauke was 9101 (now 9301): a NIK keeps its old prefix for life.
    expect(isValidNik('9101011708900003')).toBe(true);
    expect(isValidNik('9301011708900003')).toBe(true);
    // A province that was not split has no former codes to excuse an unknown kabupaten/kota.
    expect(isValidNik('3371991708900003')).toBe(false);
  });

  it('accepts, for numbers the registry vouches for, a kecamatan code that a later split moved (the NIK keeps it for life)', () => {
    // Pangandaran's kecamatan were Ciamis (3207) codes before 2012; Parigi was 320720 then.
    const beforeSplit = '3207201708900003';
    expect(isValidNik(beforeSplit)).toBe(false);
    expect(isValidNik(beforeSplit, { region: 'lifelong' })).toBe(true);
    // The province and the kabupaten/kota are still checked.
    expect(isValidNik('3399201708900003', { region: 'lifelong' })).toBe(false);
    expect(isValidNik('9999201708900003', { region: 'lifelong' })).toBe(false);
  });

  it('accepts 29 February only in leap years', () => {
    expect(isValidNik('3273012902920003')).toBe(true);
    expect(isValidNik('3273016902000003')).toBe(true);
    expect(isValidNik('3273012902930003')).toBe(false);
  });

  it('places the birth year in the century that keeps it in the past', () => {
    expect(nikBirthDate(parseNik('3273011708900003'), '2026-11-27')).toBe('1990-08-17');
    expect(nikBirthDate(parseNik('3273011708150003'), '2026-11-27')).toBe('2015-08-17');
    expect(nikBirthDate(parseNik('3273011712260003'), '2026-11-27')).toBe('1926-12-17');
  });

  it('builds the date digits a NIK carries for a birth date', () => {
    expect(nikDateDigits('1985-08-17', 'PEREMPUAN')).toBe('570885');
    expect(nikDateDigits('2001-01-05', 'LAKI-LAKI')).toBe('050101');
  });
});

describe('parseNoKk', () => {
  it('reads the region and entry date', () => {
    expect(parseNoKk('3273012005150007')).toMatchObject({ provinceCode: '32', districtCode: '327301', entryDay: 20, entryMonth: 5, entryYear2: 15, serial: 7 });
  });

  it('refuses a No. KK whose entry date carries the +40 of a woman\'s NIK', () => {
    expect(codeOf(() => parseNoKk('3273016005150007'))).toContain('entry date');
  });

  it('refuses unknown provinces and short numbers', () => {
    expect(isValidNoKk('9973012005150007')).toBe(false);
    expect(codeOf(() => parseNoKk('32730120051500'))).toMatch(/^NO_KK_INVALID: .*16 digits/);
  });
});

describe('maskNik', () => {
  it('keeps the region and last two digits only', () => {
    expect(maskNik('3273011708900003')).toBe('327301********03');
  });
});

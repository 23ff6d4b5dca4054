import { KioskError } from './errors.ts';
import { wilayahProblem, type WilayahCheck } from './wilayah.ts';
import type { JenisKelamin } from './codes.ts';

/**
 * NIK: 16 digits `PP KK CC DDMMYY SSSS`: province, kabupaten/kota and kecamatan of first
 * registration; birth date with 40 added to the day for women; a serial from 0001.
 */
export interface NikInfo {
  readonly nik: string;
  readonly provinceCode: string;
  /** Four digits: province + kabupaten/kota. */
  readonly regencyCode: string;
  /** Six digits: province + kabupaten/kota + kecamatan. */
  readonly districtCode: string;
  readonly sex: JenisKelamin;
  readonly birthDay: number;
  readonly birthMonth: number;
  /** Two digits only: the century is not in the NIK (see `nikBirthDate`). */
  readonly birthYear2: number;
  readonly serial: number;
}

const DIGITS_16 = /^\d{16}$/;

/** Removes the spaces, dots and dashes people type between groups. */
export function normalizeNumber(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

function fail(reason: string): never {
  throw new KioskError('NIK_INVALID', `NIK is not valid: ${reason}.`, {
    hint: 'Check the 16 digits printed on the KTP-el or KK and enter them again.',
  });
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when day/month/two-digit-year names a real date in 19yy or 20yy. */
function realDateTwoDigitYear(day: number, month: number, yy: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(1900 + yy, month) || day <= daysInMonth(2000 + yy, month);
}

/** Checks the region prefix shared by NIK and No. KK against Kemendagri's codes; returns a reason or undefined. */
export function regionProblem(digits: string, check: WilayahCheck = 'current'): string | undefined {
  return wilayahProblem(digits, check);
}

export interface NikCheckOptions {
  /** `current` (default) for typed numbers; `lifelong` for numbers the registry vouches for (see WilayahCheck). */
  readonly region?: WilayahCheck;
}

export function parseNik(input: string, options: NikCheckOptions = {}): NikInfo {
  const nik = normalizeNumber(input);
  if (!/^\d*$/.test(nik)) fail('it may contain digits only');
  if (!DIGITS_16.test(nik)) fail(`it must have 16 digits, this has ${nik.length}`);
  const region = regionProblem(nik, options.region);
  if (region !== undefined) fail(region);
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = Number(nik.slice(12, 16));
  const female = rawDay > 40;
  const day = female ? rawDay - 40 : rawDay;
  if (rawDay === 0 || (rawDay > 31 && rawDay <= 40) || rawDay > 71) fail('the birth day (digits 7-8) must be 01-31, or 41-71 for women');
  if (!realDateTwoDigitYear(day, month, yy)) fail('the birth date (digits 7-12) is not a real date');
  if (serial === 0) fail('the serial number (last 4 digits) cannot be 0000');
  return {
    nik,
    provinceCode: nik.slice(0, 2),
    regencyCode: nik.slice(0, 4),
    districtCode: nik.slice(0, 6),
    sex: female ? 'PEREMPUAN' : 'LAKI-LAKI',
    birthDay: day,
    birthMonth: month,
    birthYear2: yy,
    serial,
  };
}

export function isValidNik(input: string, options: NikCheckOptions = {}): boolean {
  try {
    parseNik(input, options);
    return true;
  } catch {
    return false;
  }
}

/**
 * The full birth date, choosing the century so that the date is not after `reference`
 * (an ISO date such as the issue date or today, passed in: core reads no clock).
 */
export function nikBirthDate(info: NikInfo, reference: string): string {
  const refYear = Number(reference.slice(0, 4));
  let year = 2000 + info.birthYear2;
  const iso = (y: number) => `${y}-${String(info.birthMonth).padStart(2, '0')}-${String(info.birthDay).padStart(2, '0')}`;
  if (year > refYear || iso(year) > reference || info.birthDay > daysInMonth(year, info.birthMonth)) year -= 100;
  return iso(year);
}

/** The NIK digits of the birth date for a person: day (+40 for women), month, two-digit year. */
export function nikDateDigits(isoBirthDate: string, sex: JenisKelamin): string {
  const [y, m, d] = isoBirthDate.split('-');
  const day = Number(d) + (sex === 'PEREMPUAN' ? 40 : 0);
  return `${String(day).padStart(2, '0')}${m}${(y ?? '').slice(2)}`;
}

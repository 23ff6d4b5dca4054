import { KioskError } from './errors.ts';
import { daysInMonth, normalizeNumber, regionProblem, type NikCheckOptions } from './nik.ts';

/**
 * No. KK: 16 digits: region code (province, kabupaten/kota, kecamatan), the date the
 * data was entered (ddmmyy) and a 4-digit serial.
 */
export interface NoKkInfo {
  readonly noKk: string;
  readonly provinceCode: string;
  readonly districtCode: string;
  readonly entryDay: number;
  readonly entryMonth: number;
  readonly entryYear2: number;
  readonly serial: number;
}

function fail(reason: string): never {
  throw new KioskError('NO_KK_INVALID', `No. KK is not valid: ${reason}.`, {
    hint: 'Check the 16 digits printed at the top of the Kartu Keluarga.',
  });
}

/** `options.region` as for parseNik: `lifelong` for numbers the registry vouches for. */
export function parseNoKk(input: string, options: NikCheckOptions = {}): NoKkInfo {
  const noKk = normalizeNumber(input);
  if (!/^\d*$/.test(noKk)) fail('it may contain digits only');
  if (noKk.length !== 16) fail(`it must have 16 digits, this has ${noKk.length}`);
  const region = regionProblem(noKk, options.region);
  if (region !== undefined) fail(region);
  const day = Number(noKk.slice(6, 8));
  const month = Number(noKk.slice(8, 10));
  const yy = Number(noKk.slice(10, 12));
  const okDate = month >= 1 && month <= 12 && day >= 1 && (day <= daysInMonth(1900 + yy, month) || day <= daysInMonth(2000 + yy, month));
  if (!okDate) fail('the entry date (digits 7-12) is not a real date');
  const serial = Number(noKk.slice(12, 16));
  if (serial === 0) fail('the serial number (last 4 digits) cannot be 0000');
  return { noKk, provinceCode: noKk.slice(0, 2), districtCode: noKk.slice(0, 6), entryDay: day, entryMonth: month, entryYear2: yy, serial };
}

export function isValidNoKk(input: string, options: NikCheckOptions = {}): boolean {
  try {
    parseNoKk(input, options);
    return true;
  } catch {
    return false;
  }
}

import { PROVINCES } from './regions.ts';
import { KECAMATAN_BY_REGENCY, REGENCY_NAMES } from './wilayah-data.ts';

/**
 * The wilayah (region) prefix of a NIK or No. KK, `PPKKCC`: province, kabupaten/kota and
 * kecamatan of first registration, checked against Kemendagri's current codes
 * (`wilayah-data.ts`, generated from the area dataset by `npm run gen:areas`).
 *
 * A NIK is for life: people registered before a province was split keep the old prefix. The
 * provinces below lost kabupaten/kota to a new province after NIKs became national, and the
 * moved kabupaten/kota were renumbered, so their old codes are no longer in the current list.
 * A NIK of such a province whose kabupaten/kota code is not a current one is accepted as a
 * former code (its kecamatan cannot be checked against current data).
 */
export const SPLIT_PROVINCES: Readonly<Record<string, string>> = {
  '64': 'Kalimantan Utara was formed from it in 2012',
  '91': 'Papua Selatan, Papua Tengah and Papua Pegunungan were formed from it in 2022',
  '92': 'Papua Barat Daya was formed from it in 2022',
};

/** The kabupaten/kota name for a four-digit code, as the dataset writes it ("KOTA BANDUNG"). */
export function regencyName(code4: string): string | undefined {
  return REGENCY_NAMES[code4];
}

/** Whether `code6` is a current kecamatan code. */
export function isKecamatanCode(code6: string): boolean {
  if (!/^\d{6}$/.test(code6)) return false;
  const list = KECAMATAN_BY_REGENCY[code6.slice(0, 4)];
  if (list === undefined) return false;
  const kec = code6.slice(4);
  for (let i = 0; i < list.length; i += 2) if (list.slice(i, i + 2) === kec) return true;
  return false;
}

/**
 * How strictly a prefix is checked:
 * - `current`: the six digits must name a kecamatan in today's list (or a former kabupaten/kota
 *   of a split province). For numbers a person types (the command line) and for the demo data.
 * - `lifelong`: province and kabupaten/kota must exist, the kecamatan is not looked up. For
 *   numbers the registry vouches for (a card's chip, a registry record, the print log): a
 *   kecamatan moved to a new kabupaten by a later split (Pangandaran from Ciamis in 2012) has a
 *   new code today, while the NIKs of those registered before it keep the old one for life.
 *   Refusing them would lock real residents out of their own documents.
 */
export type WilayahCheck = 'current' | 'lifelong';

/**
 * What is wrong with the first six digits of a NIK or No. KK as a wilayah code, in words for
 * a person, or undefined when they name a kecamatan (or a former kabupaten/kota of a split
 * province, see SPLIT_PROVINCES).
 */
export function wilayahProblem(digits: string, check: WilayahCheck = 'current'): string | undefined {
  const province = digits.slice(0, 2);
  if (PROVINCES[province] === undefined) return `the province code ${province} is not an Indonesian province`;
  const regency = digits.slice(0, 4);
  const kecamatan = digits.slice(0, 6);
  if (digits.slice(2, 4) === '00') return 'the kabupaten/kota code is 00';
  if (digits.slice(4, 6) === '00') return 'the kecamatan code is 00';
  if (REGENCY_NAMES[regency] === undefined) {
    if (SPLIT_PROVINCES[province] !== undefined) return undefined;
    return `the region code ${regency} is not a kabupaten/kota in Kemendagri's list`;
  }
  if (check === 'current' && !isKecamatanCode(kecamatan)) return `the region code ${kecamatan} is not a kecamatan of ${REGENCY_NAMES[regency]} in Kemendagri's list`;
  return undefined;
}

import type { Agama, JenisKelamin } from '../../core/codes.ts';
import type { CultureId } from './names.ts';

/**
 * The fixed outline of the demo population: which tradition lives where, in what kind of
 * household. The seed fills in names, dates and numbers; the outline (and so every edge
 * case listed here) is the same for every seed.
 */
export type Shape =
  | 'single' // one young adult
  | 'single-elder' // a widowed elder living alone
  | 'couple' // newly married, or an old couple whose children have left
  | 'nuclear' // husband, wife, children
  | 'extended' // nuclear plus the extras listed
  | 'single-parent' // divorced mother and her children
  | 'widow' // the husband has died (kept in the record, with his akta kematian)
  | 'female-head' // the wife is head of family, the husband SUAMI
  | 'big12'; // exactly 12 members: parents, 7 children, menantu, cucu, mertua

export type Extra =
  | 'orangtua' // the head's widowed mother (or both parents)
  | 'ayah-wafat' // the head's parents, the father deceased
  | 'mertua' // the wife's widowed mother
  | 'mertua-wafat' // the wife's parents, the father deceased
  | 'pembantu' // a live-in domestic helper
  | 'famili-lain' // a nephew studying in town
  | 'menantu-cucu'; // the eldest child married, with spouse and a grandchild

export interface FamilyPlan {
  readonly culture: CultureId;
  /** Four-digit kabupaten/kota code from places.ts. */
  readonly regency: string;
  readonly shape: Shape;
  readonly agama?: Agama;
  readonly children?: number;
  readonly childSexes?: readonly JenisKelamin[];
  readonly extras?: readonly Extra[];
  /** The wife is a foreign national with a KITAP. */
  readonly wna?: boolean;
  /** The family line's surname or title, for edge-case names that need it. */
  readonly surname?: string;
  readonly title?: string;
  /** Fixed names: 'head', 'spouse', 'child1', 'child2', ... */
  readonly names?: Readonly<Record<string, string>>;
}

const ISLAM: Agama = 'ISLAM';
const KEPERCAYAAN: Agama = 'KEPERCAYAAN TERHADAP TUHAN YME';

/** 59 characters: near SIAK's limit of 60. */
export const LONG_NAME = 'Andi Muhammad Fadhlurrahman Syamsuddin Daeng Mappaewa Petta';
export const APOSTROPHE_NAME = "Muh. Syafi'i";
export const BALINESE_NAME = 'Ni Luh Putu Ayu Widyastuti';
/** An Arabic name as SIAK writes it: no diacritics, a hyphen. */
export const HYPHEN_NAME = 'Salah Al-Din Hasan Lubis';

export const FAMILY_PLANS: readonly FamilyPlan[] = [
  // Javanese
  { culture: 'javanese', regency: '3310', shape: 'extended', extras: ['ayah-wafat'], agama: ISLAM },
  { culture: 'javanese', regency: '3310', shape: 'nuclear', agama: KEPERCAYAAN },
  { culture: 'javanese', regency: '3404', shape: 'nuclear', agama: 'KATHOLIK' },
  { culture: 'javanese', regency: '3404', shape: 'single' },
  { culture: 'javanese', regency: '3471', shape: 'nuclear' },
  { culture: 'javanese', regency: '3471', shape: 'couple' },
  { culture: 'javanese', regency: '3374', shape: 'nuclear' },
  { culture: 'javanese', regency: '3578', shape: 'nuclear', agama: ISLAM, names: { head: APOSTROPHE_NAME } },
  { culture: 'javanese', regency: '3578', shape: 'extended', extras: ['pembantu'] },
  { culture: 'javanese', regency: '3507', shape: 'nuclear' },
  { culture: 'javanese', regency: '3507', shape: 'single-elder' },
  { culture: 'javanese', regency: '3175', shape: 'nuclear' },
  { culture: 'javanese', regency: '3175', shape: 'single-parent' },
  // Sundanese
  { culture: 'sundanese', regency: '3273', shape: 'nuclear' },
  { culture: 'sundanese', regency: '3273', shape: 'extended', extras: ['mertua'] },
  { culture: 'sundanese', regency: '3273', shape: 'single' },
  { culture: 'sundanese', regency: '3201', shape: 'widow', agama: ISLAM },
  { culture: 'sundanese', regency: '3201', shape: 'nuclear' },
  { culture: 'sundanese', regency: '3208', shape: 'nuclear', agama: KEPERCAYAAN },
  { culture: 'sundanese', regency: '3208', shape: 'couple', agama: KEPERCAYAAN },
  { culture: 'sundanese', regency: '3174', shape: 'nuclear' },
  // Batak
  { culture: 'batak', regency: '1271', shape: 'nuclear', agama: ISLAM, surname: 'Lubis', childSexes: ['LAKI-LAKI'], names: { child1: HYPHEN_NAME } },
  { culture: 'batak', regency: '1271', shape: 'nuclear', agama: 'KRISTEN' },
  { culture: 'batak', regency: '1212', shape: 'extended', extras: ['ayah-wafat'], agama: 'KRISTEN' },
  { culture: 'batak', regency: '1212', shape: 'nuclear', agama: KEPERCAYAAN },
  { culture: 'batak', regency: '1212', shape: 'single-elder', agama: 'KATHOLIK' },
  { culture: 'batak', regency: '3174', shape: 'nuclear', agama: 'KRISTEN' },
  { culture: 'batak', regency: '1271', shape: 'single' },
  // Minang
  { culture: 'minang', regency: '1371', shape: 'nuclear' },
  { culture: 'minang', regency: '1371', shape: 'female-head' },
  { culture: 'minang', regency: '1371', shape: 'single' },
  { culture: 'minang', regency: '1375', shape: 'extended', extras: ['orangtua'] },
  { culture: 'minang', regency: '1375', shape: 'nuclear' },
  { culture: 'minang', regency: '3273', shape: 'nuclear' },
  // Balinese
  { culture: 'balinese', regency: '5171', shape: 'nuclear', title: '', childSexes: ['PEREMPUAN'], names: { child1: BALINESE_NAME } },
  { culture: 'balinese', regency: '5171', shape: 'extended', extras: ['orangtua'] },
  { culture: 'balinese', regency: '5171', shape: 'couple' },
  { culture: 'balinese', regency: '5104', shape: 'nuclear', wna: true },
  { culture: 'balinese', regency: '5104', shape: 'extended', extras: ['menantu-cucu'] },
  { culture: 'balinese', regency: '5104', shape: 'nuclear' },
  { culture: 'balinese', regency: '5171', shape: 'single' },
  // Bugis and Makassar
  { culture: 'bugis', regency: '7308', shape: 'big12', title: 'Andi', names: { head: LONG_NAME } },
  { culture: 'bugis', regency: '7308', shape: 'nuclear' },
  { culture: 'bugis', regency: '7371', shape: 'nuclear' },
  { culture: 'bugis', regency: '7371', shape: 'extended', extras: ['famili-lain'] },
  { culture: 'bugis', regency: '7371', shape: 'single-parent' },
  { culture: 'bugis', regency: '7371', shape: 'couple' },
  // Papuan
  { culture: 'papuan', regency: '9171', shape: 'nuclear' },
  { culture: 'papuan', regency: '9171', shape: 'widow', agama: 'KRISTEN' },
  { culture: 'papuan', regency: '9171', shape: 'nuclear', agama: 'KATHOLIK' },
  { culture: 'papuan', regency: '9103', shape: 'extended', extras: ['orangtua'] },
  { culture: 'papuan', regency: '9103', shape: 'nuclear' },
  { culture: 'papuan', regency: '9103', shape: 'single' },
  // Chinese-Indonesian
  { culture: 'chinese', regency: '1271', shape: 'nuclear', agama: 'BUDHA' },
  { culture: 'chinese', regency: '3374', shape: 'extended', extras: ['mertua-wafat'], agama: 'KRISTEN' },
  { culture: 'chinese', regency: '6171', shape: 'nuclear', agama: 'BUDHA' },
  { culture: 'chinese', regency: '6172', shape: 'nuclear', agama: 'KHONGHUCU' },
  { culture: 'chinese', regency: '6172', shape: 'extended', extras: ['orangtua'], agama: 'KHONGHUCU' },
  { culture: 'chinese', regency: '3578', shape: 'nuclear', agama: 'KATHOLIK' },
  { culture: 'chinese', regency: '3174', shape: 'couple', agama: 'KRISTEN' },
  { culture: 'chinese', regency: '6171', shape: 'single-elder', agama: 'BUDHA' },
  // Nusa Tenggara Timur
  { culture: 'ntt', regency: '5371', shape: 'nuclear', agama: 'KATHOLIK' },
  { culture: 'ntt', regency: '5371', shape: 'nuclear', agama: 'KRISTEN' },
  { culture: 'ntt', regency: '5371', shape: 'widow', agama: 'KRISTEN' },
  { culture: 'ntt', regency: '5371', shape: 'extended', extras: ['menantu-cucu'] },
  { culture: 'ntt', regency: '5371', shape: 'single-parent' },
];

import { PENDIDIKAN, type Agama, type GolonganDarah, type Pendidikan, type StatusHubungan } from '../../core/codes.ts';
import { familySchema, type Family, type Person } from '../../core/record.ts';
import { addYears, ageAt, toDays, toIso, yearOf } from './dates.ts';
import { documentsFor } from './demo-documents.ts';
import { DemoNumbers } from './demo-numbers.ts';
import { DEMO_REFERENCE_DATE, REF } from './demo-reference-date.ts';
import { FAMILY_PLANS, type FamilyPlan } from './family-plans.ts';
import { HouseholdBuilder, type Draft } from './household-builder.ts';
import { generationOf } from './names.ts';
import { PLACES, regency, type Kecamatan, type Kelurahan, type ProvincePlaces, type Regency } from './places.ts';
import { Prng } from './prng.ts';
import type { DemoCard, DemoData, DemoDocument } from './types.ts';

/**
 * The demo registry's population, generated from a seed: about 65 families in 12
 * provinces, their print-ready documents, one-time PINs and card UIDs. Pure and
 * deterministic: no clock, no Math.random; the same seed gives the same data.
 * "Today" for the data is DEMO_REFERENCE_DATE (ages, "recent" issue dates).
 */

export const DEFAULT_DEMO_SEED = 17_081_945;
export { DEMO_REFERENCE_DATE };
export type { DemoCard, DemoData, DemoDocument } from './types.ts';

/** Most KKs say TIDAK TAHU: few people have had their blood group tested when the data is entered. */
const BLOOD: readonly (readonly [GolonganDarah, number])[] = [
  ['TIDAK TAHU', 68], ['O', 11], ['B', 8], ['A', 7], ['AB', 3], ['O+', 1], ['A+', 1], ['B+', 1],
];

const JOBS_TOWN: readonly (readonly [string, number])[] = [
  ['KARYAWAN SWASTA', 20], ['WIRASWASTA', 18], ['PERDAGANGAN', 6], ['APARATUR SIPIL NEGARA (ASN)', 7], ['GURU', 5], ['KARYAWAN BUMN', 3],
  ['BURUH HARIAN LEPAS', 5], ['TRANSPORTASI', 3], ['DOKTER', 1], ['PERAWAT', 2], ['DOSEN', 1], ['KONSTRUKSI', 2], ['KARYAWAN HONORER', 3],
  ['KEPOLISIAN RI (POLRI)', 1], ['TENTARA NASIONAL INDONESIA (TNI)', 1], ['INDUSTRI', 2],
];
const JOBS_RURAL: readonly (readonly [string, number])[] = [
  ['PETANI/PEKEBUN', 24], ['BURUH TANI/PERKEBUNAN', 8], ['WIRASWASTA', 12], ['PERDAGANGAN', 6], ['PETERNAK', 3], ['NELAYAN/PERIKANAN', 3],
  ['BURUH HARIAN LEPAS', 8], ['KARYAWAN SWASTA', 8], ['APARATUR SIPIL NEGARA (ASN)', 4], ['GURU', 4], ['KARYAWAN HONORER', 2], ['TRANSPORTASI', 2],
];

const EDU_BY_GENERATION: Readonly<Record<'old' | 'adult' | 'young', readonly (readonly [Pendidikan, number])[]>> = {
  old: [['TIDAK/BELUM SEKOLAH', 8], ['BELUM TAMAT SD/SEDERAJAT', 10], ['TAMAT SD/SEDERAJAT', 35], ['SLTP/SEDERAJAT', 20], ['SLTA/SEDERAJAT', 20], ['DIPLOMA IV/STRATA I', 7]],
  adult: [['TAMAT SD/SEDERAJAT', 10], ['SLTP/SEDERAJAT', 14], ['SLTA/SEDERAJAT', 40], ['DIPLOMA I/II', 4], ['AKADEMI/DIPLOMA III/S. MUDA', 8], ['DIPLOMA IV/STRATA I', 20], ['STRATA II', 3], ['STRATA III', 1]],
  young: [['SLTP/SEDERAJAT', 8], ['SLTA/SEDERAJAT', 45], ['AKADEMI/DIPLOMA III/S. MUDA', 10], ['DIPLOMA IV/STRATA I', 33], ['STRATA II', 4]],
};

interface Household {
  readonly plan: FamilyPlan;
  readonly province: ProvincePlaces;
  readonly regency: Regency;
  readonly kecamatan: Kecamatan;
  readonly kelurahan: Kelurahan;
  readonly members: Draft[];
  /** Registration date of the current No. KK. */
  kkEntry: number;
}

const ROLE_ORDER: readonly StatusHubungan[] = ['KEPALA KELUARGA', 'SUAMI', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANGTUA', 'MERTUA', 'FAMILI LAIN', 'PEMBANTU', 'LAINNYA'];

/** The least schooling an occupation needs (police, army, civil service, teaching, medicine...). */
const MIN_EDUCATION: Readonly<Record<string, Pendidikan>> = {
  'KEPOLISIAN RI (POLRI)': 'SLTA/SEDERAJAT',
  'TENTARA NASIONAL INDONESIA (TNI)': 'SLTA/SEDERAJAT',
  'APARATUR SIPIL NEGARA (ASN)': 'SLTA/SEDERAJAT',
  'KARYAWAN BUMN': 'SLTA/SEDERAJAT',
  GURU: 'DIPLOMA IV/STRATA I',
  DOSEN: 'STRATA II',
  DOKTER: 'DIPLOMA IV/STRATA I',
  PERAWAT: 'AKADEMI/DIPLOMA III/S. MUDA',
  PENDETA: 'DIPLOMA IV/STRATA I',
};
/** Occupations a university graduate rarely has on a KK. */
const MAX_SLTA = new Set(['BURUH HARIAN LEPAS', 'BURUH TANI/PERKEBUNAN', 'PETANI/PEKEBUN', 'NELAYAN/PERIKANAN', 'PEMBANTU RUMAH TANGGA', 'PETERNAK']);

/** Education as of the KK's date (or death): by age while at school, then consistent with the occupation. */
function education(rng: Prng, d: Draft, pekerjaan: string): Pendidikan {
  if (d.pendidikan !== null) return d.pendidikan;
  const age = ageAt(d.birth, d.death?.date ?? REF);
  if (age < 7) return 'TIDAK/BELUM SEKOLAH';
  if (age < 13) return 'BELUM TAMAT SD/SEDERAJAT';
  if (age < 16) return 'TAMAT SD/SEDERAJAT';
  if (age < 19) return 'SLTP/SEDERAJAT';
  if (age < 22) return 'SLTA/SEDERAJAT';
  const drawn = rng.weighted(EDU_BY_GENERATION[generationOf(yearOf(d.birth))]);
  const min = MIN_EDUCATION[pekerjaan];
  if (min !== undefined && PENDIDIKAN.indexOf(drawn) < PENDIDIKAN.indexOf(min)) return min;
  if (MAX_SLTA.has(pekerjaan) && PENDIDIKAN.indexOf(drawn) > PENDIDIKAN.indexOf('SLTA/SEDERAJAT')) return 'SLTA/SEDERAJAT';
  return drawn;
}

/** No pupil under 7: children below school age are BELUM/TIDAK BEKERJA. */
function occupation(rng: Prng, d: Draft, rural: boolean, agama: Agama): string {
  if (d.pekerjaan !== null) return d.pekerjaan;
  const age = ageAt(d.birth, d.death?.date ?? REF);
  if (age < 7) return 'BELUM/TIDAK BEKERJA';
  if (age < 22 || (age < 24 && rng.chance(0.5))) return 'PELAJAR/MAHASISWA';
  if (age >= 62 && rng.chance(0.6)) return rng.chance(0.5) ? 'PENSIUNAN' : 'BELUM/TIDAK BEKERJA';
  if (d.sex === 'PEREMPUAN' && d.statusPerkawinan !== 'BELUM KAWIN' && rng.chance(0.45)) return 'MENGURUS RUMAH TANGGA';
  if ((agama === 'KRISTEN' || agama === 'KATHOLIK') && rng.chance(0.03)) return 'PENDETA';
  return rng.weighted(rural ? JOBS_RURAL : JOBS_TOWN);
}

function time(rng: Prng): string | null {
  return rng.chance(0.7) ? `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}` : null;
}

/** Turns the drafts of one household into a validated Family; numbers are assigned here. */
function finalize(rng: Prng, reg: DemoNumbers, h: Household): Family {
  const members = [...h.members].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.birth - b.birth);
  for (const d of members) d.nik = reg.nik(d.district, d.birth, d.sex);
  const rural = h.regency.name.startsWith('KABUPATEN');
  const people: Person[] = members.map((d) => {
    let kelahiran: Person['kelahiran'] = null;
    if (d.registerBirth && d.wna === null) {
      const registered = Math.min(d.birth + rng.int(3, 60), REF - 1);
      kelahiran = { nomorAkta: reg.akta(d.district.slice(0, 4), 'LT', registered), anakKe: d.anakKe, tempatKelahiran: d.tempatLahir, pukul: time(rng) };
    }
    let kematian: Person['kematian'] = null;
    if (d.death !== null) {
      const registered = Math.min(d.death.date + rng.int(2, 30), REF - 1);
      kematian = {
        nomorAkta: reg.akta(h.regency.code, 'KM', registered),
        tanggalKematian: toIso(d.death.date),
        pukul: d.death.time,
        tempatKematian: d.death.place,
        sebab: d.death.cause,
        pelapor: { nama: d.death.reporter.name, nik: d.death.reporter.nik, hubungan: d.death.relation },
      };
    }
    const pekerjaan = occupation(rng, d, rural, d.agama);
    return {
      nik: d.nik,
      namaLengkap: d.name,
      jenisKelamin: d.sex,
      tempatLahir: d.tempatLahir,
      tanggalLahir: toIso(d.birth),
      agama: d.agama,
      pendidikan: education(rng, d, pekerjaan),
      jenisPekerjaan: pekerjaan,
      golonganDarah: rng.weighted(BLOOD),
      statusPerkawinan: d.statusPerkawinan,
      tanggalPerkawinan: d.tanggalPerkawinan === null ? null : toIso(d.tanggalPerkawinan),
      statusHubungan: d.role,
      kewarganegaraan: d.wna === null ? 'WNI' : 'WNA',
      noPaspor: d.wna?.paspor ?? null,
      noKitap: d.wna?.kitap ?? null,
      namaAyah: d.namaAyah,
      namaIbu: d.namaIbu,
      kelahiran,
      kematian,
    };
  });
  const head = members.find((d) => d.role === 'KEPALA KELUARGA');
  if (head === undefined) throw new Error('demo data: a household without a head');
  const streetNo = rng.int(1, 120);
  const street = rng.pick(h.regency.streets);
  const alamat = h.regency.streetPrefix === 'JL.' || h.regency.streetPrefix === 'GG.' ? `${h.regency.streetPrefix} ${street} NO. ${streetNo}` : `${h.regency.streetPrefix} ${street}`;
  const family: Family = {
    noKk: reg.noKk(h.kecamatan.code, h.kkEntry),
    kepalaKeluargaNik: head.nik,
    address: {
      alamat,
      rt: String(rng.int(1, 12)).padStart(3, '0'),
      rw: String(rng.int(1, 15)).padStart(3, '0'),
      kelurahan: h.kelurahan.name,
      kecamatan: h.kecamatan.name,
      kabupatenKota: h.regency.name,
      provinsi: h.province.name,
      kodePos: h.kelurahan.kodePos,
    },
    members: people,
  };
  return familySchema.parse(family);
}

function pickPlace(rng: Prng, plan: FamilyPlan): { province: ProvincePlaces; regency: Regency; kecamatan: Kecamatan; kelurahan: Kelurahan } {
  const { province, regency: reg } = regency(plan.regency);
  const kecamatan = rng.pick(reg.kecamatan);
  return { province, regency: reg, kecamatan, kelurahan: rng.pick(kecamatan.kelurahan) };
}

/** Generates the data afresh (no cache); `generateDemoData` is the cached entry point. */
export function buildDemoData(seed: number = DEFAULT_DEMO_SEED): DemoData {
  const root = new Prng(seed);
  const reg = new DemoNumbers(seed);
  const families: Family[] = [];
  const documents: DemoDocument[] = [];
  const cards: DemoCard[] = [];
  let docSerial = 0;
  const nextId = () => `DOC-${String(++docSerial).padStart(4, '0')}`;

  FAMILY_PLANS.forEach((plan, index) => {
    const rng = root.fork(index);
    const place = pickPlace(rng, plan);
    const drafts = new HouseholdBuilder(rng, plan, place.province, place.regency, place.kecamatan).build();
    const headDraft = drafts.find((d) => d.role === 'KEPALA KELUARGA');
    if (headDraft === undefined) throw new Error('demo data: no head of family');
    // The No. KK dates from when the household was formed: the marriage, or coming of age.
    const formed = headDraft.tanggalPerkawinan ?? addYears(headDraft.birth, rng.int(18, 25));
    const kkEntry = Math.min(REF - 30, Math.max(formed, toDays('2006-01-01')) + rng.int(14, 400));
    const family = finalize(rng, reg, { plan, ...place, members: drafts, kkEntry });
    families.push(family);
    for (const m of family.members) {
      if (m.kematian === null && ageAt(toDays(m.tanggalLahir), REF) >= 17) cards.push({ nik: m.nik, uid: reg.uid(rng) });
    }
    documents.push(...documentsFor(rng, reg, index, family, place.province, place.regency, nextId));
  });
  return { seed, referenceDate: DEMO_REFERENCE_DATE, families, documents, cards };
}

const cache = new Map<number, DemoData>();

/**
 * The demo population for a seed (DEFAULT_DEMO_SEED when omitted). Cached per seed; the
 * returned objects are shared, so callers must not mutate them (the registry hands out
 * parsed copies).
 */
export function generateDemoData(seed: number = DEFAULT_DEMO_SEED): DemoData {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError('demo seed must be a whole number from 0 to 4294967295');
  let data = cache.get(seed);
  if (data === undefined) {
    data = buildDemoData(seed);
    cache.set(seed, data);
  }
  return data;
}

/** All provinces the demo data covers (for docs and tests). */
export const DEMO_PROVINCES: readonly string[] = PLACES.map((p) => p.name);

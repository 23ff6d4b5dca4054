import type { Agama, GolonganDarah, JenisKelamin, Pendidikan, StatusHubungan, StatusPerkawinan } from '../core/codes.ts';
import { nikDateDigits } from '../core/nik.ts';
import { familySchema, type Family, type Official, type Person, type PrintableDocument } from '../core/record.ts';
import type { DocumentType } from '../core/documents.ts';
import { addYears, ageAt, ddmmyy, ddmmyyyy, toDays, toIso, yearOf } from './dates.ts';
import { FAMILY_PLANS, type Extra, type FamilyPlan } from './family-plans.ts';
import { CULTURES, FOREIGN_PEOPLE, generationOf, type Culture, type CultureId, type Lineage } from './names.ts';
import { dinasTitle, PLACES, regency, type Kecamatan, type Kelurahan, type ProvincePlaces, type Regency } from './places.ts';
import { Prng } from './prng.ts';

/**
 * The demo registry's population, generated from a seed: about 65 families in 12
 * provinces, their print-ready documents, one-time PINs and card UIDs. Pure and
 * deterministic: no clock, no Math.random; the same seed gives the same data.
 * "Today" for the data is DEMO_REFERENCE_DATE (ages, "recent" issue dates).
 */

export const DEFAULT_DEMO_SEED = 17_081_945;
export const DEMO_REFERENCE_DATE = '2026-10-31';

export interface DemoDocument {
  readonly document: PrintableDocument;
  /** The resident allowed to print it (whose card unlocks it). */
  readonly holderNik: string;
  /** The one-time print PIN, six digits. */
  readonly pin: string;
}

export interface DemoCard {
  readonly nik: string;
  /** Upper-case hex, 8 (4-byte NUID) or 14 (7-byte UID) characters. */
  readonly uid: string;
}

export interface DemoData {
  readonly seed: number;
  readonly referenceDate: string;
  readonly families: readonly Family[];
  readonly documents: readonly DemoDocument[];
  /** Every living resident of 17 or more has an e-KTP (for WNA: KTP-el WNA) with this UID. */
  readonly cards: readonly DemoCard[];
}

const REF = toDays(DEMO_REFERENCE_DATE);
const KEPERCAYAAN: Agama = 'KEPERCAYAAN TERHADAP TUHAN YME';

interface Death {
  readonly date: number;
  readonly time: string | null;
  readonly place: string;
  readonly cause: string | null;
  readonly reporter: Draft;
  /** The reporter's relation to the deceased: ANAK, ISTRI, ... */
  readonly relation: string;
}

interface Draft {
  name: string;
  readonly sex: JenisKelamin;
  readonly birth: number;
  role: StatusHubungan;
  readonly agama: Agama;
  readonly lineage: Lineage;
  readonly tempatLahir: string;
  /** Six-digit region of first registration (the NIK prefix). */
  district: string;
  statusPerkawinan: StatusPerkawinan;
  tanggalPerkawinan: number | null;
  namaAyah: string | null;
  namaIbu: string | null;
  anakKe: number;
  registerBirth: boolean;
  wna: { readonly paspor: string; readonly kitap: string } | null;
  death: Death | null;
  pekerjaan: string | null;
  pendidikan: Pendidikan | null;
  nik: string;
}

interface Parent {
  readonly name: string;
  readonly lineage: Lineage;
}

function alive(d: Draft): boolean {
  return d.death === null;
}

function isAdult(d: Draft): boolean {
  return alive(d) && ageAt(d.birth, REF) >= 17;
}

const BLOOD: readonly (readonly [GolonganDarah, number])[] = [
  ['O', 30], ['B', 22], ['A', 20], ['AB', 6], ['TIDAK TAHU', 14], ['O+', 3], ['A+', 2], ['B+', 2], ['AB-', 1],
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

function culture(id: CultureId): Culture {
  return CULTURES[id];
}

/** Which tradition names the officials of a province (for plausible official names). */
const OFFICIAL_CULTURE: Readonly<Record<string, CultureId>> = {
  '31': 'javanese', '32': 'sundanese', '33': 'javanese', '34': 'javanese', '35': 'javanese', '12': 'batak', '13': 'minang',
  '51': 'balinese', '73': 'bugis', '91': 'papuan', '61': 'javanese', '53': 'ntt',
};
const OFFICIAL_TITLES: readonly (readonly [string, string])[] = [
  ['', ', S.Sos., M.Si.'], ['Drs. ', ', M.Si.'], ['Dr. ', ', S.H., M.H.'], ['', ', S.STP., M.Si.'], ['H. ', ', S.E., M.M.'], ['', ', S.IP., M.AP.'], ['Ir. ', ', M.T.'],
];

/** Mutable state of one generation run: counters that keep numbers unique. */
class Registry {
  private readonly nikSerials = new Map<string, number>();
  private readonly aktaSerials = new Map<string, number>();
  private readonly kkSerials = new Map<string, number>();
  private readonly uids = new Set<string>();
  private readonly officials = new Map<string, Official>();

  constructor(private readonly seed: number) {}

  nik(district: string, birth: number, sex: JenisKelamin): string {
    const prefix = district + nikDateDigits(toIso(birth), sex);
    const serial = (this.nikSerials.get(prefix) ?? 0) + 1;
    this.nikSerials.set(prefix, serial);
    return prefix + String(serial).padStart(4, '0');
  }

  noKk(district: string, entry: number): string {
    const prefix = district + ddmmyy(entry);
    const serial = (this.kkSerials.get(prefix) ?? 0) + 1;
    this.kkSerials.set(prefix, serial);
    return prefix + String(serial).padStart(4, '0');
  }

  /** `3273-LT-12032020-0001`, `3273-KM-05062023-0001`. */
  akta(regencyCode: string, kind: 'LT' | 'KM', date: number): string {
    const prefix = `${regencyCode}-${kind}-${ddmmyyyy(date)}`;
    const serial = (this.aktaSerials.get(prefix) ?? 0) + 1;
    this.aktaSerials.set(prefix, serial);
    return `${prefix}-${String(serial).padStart(4, '0')}`;
  }

  uid(rng: Prng): string {
    for (;;) {
      const uid = rng.chance(0.7) ? rng.hex(8) : `04${rng.hex(12)}`;
      if (!this.uids.has(uid)) {
        this.uids.add(uid);
        return uid;
      }
    }
  }

  official(province: ProvincePlaces, reg: Regency): Official {
    const cached = this.officials.get(reg.code);
    if (cached !== undefined) return cached;
    const rng = new Prng(this.seed ^ Math.imul(Number(reg.code), 2_246_822_519));
    const c = culture(OFFICIAL_CULTURE[province.code] ?? 'javanese');
    const sex: JenisKelamin = rng.chance(0.7) ? 'LAKI-LAKI' : 'PEREMPUAN';
    const agama = rng.weighted(c.religions.filter(([a]) => a !== KEPERCAYAAN));
    const name = c.name(rng, { sex, generation: 'adult', order: rng.int(1, 4), lineage: c.lineage(rng, agama), agama });
    const [prefix, suffix] = rng.pick(OFFICIAL_TITLES);
    const birth = toDays(`${rng.int(1968, 1978)}-01-01`) + rng.int(0, 364);
    const tmt = addYears(birth, rng.int(24, 29));
    const iso = toIso(birth);
    const nip = `${iso.replaceAll('-', '')}${toIso(tmt).slice(0, 7).replace('-', '')}${sex === 'LAKI-LAKI' ? 1 : 2}${String(rng.int(1, 12)).padStart(3, '0')}`;
    const official: Official = { nama: `${sex === 'LAKI-LAKI' ? prefix : prefix.replace('Drs. ', 'Dra. ')}${name}${suffix}`, nip, jabatan: dinasTitle(province, reg) };
    this.officials.set(reg.code, official);
    return official;
  }
}

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

/** Builds one household from its plan. */
class HouseholdBuilder {
  private readonly c: Culture;
  private readonly agama: Agama;
  private readonly members: Draft[] = [];

  constructor(
    private readonly rng: Prng,
    private readonly plan: FamilyPlan,
    private readonly province: ProvincePlaces,
    private readonly reg: Regency,
    private readonly kec: Kecamatan,
  ) {
    this.c = culture(plan.culture);
    this.agama = plan.agama ?? rng.weighted(this.c.religions);
  }

  private lineage(avoid: string | null = null): Lineage {
    const base = this.c.lineage(this.rng, this.agama, avoid);
    return base;
  }

  /** The head's family line, honouring the plan's fixed surname or title. */
  private headLineage(): Lineage {
    const base = this.lineage();
    return {
      ...base,
      surname: this.plan.surname ?? base.surname,
      title: this.plan.title === undefined ? base.title : this.plan.title === '' ? null : this.plan.title,
    };
  }

  private nameFor(sex: JenisKelamin, birth: number, lineage: Lineage, order: number, agama: Agama = this.agama): string {
    return this.c.name(this.rng, { sex, generation: generationOf(yearOf(birth)), order, lineage, agama });
  }

  /** A district (NIK prefix) for someone who first registered elsewhere in the same province. */
  private districtFor(movedIn: boolean): string {
    if (!movedIn || this.rng.chance(0.6)) return this.kec.code;
    const reg = this.rng.pick(this.province.regencies);
    return this.rng.pick(reg.kecamatan).code;
  }

  private birthBetween(minAge: number, maxAge: number): number {
    const age = this.rng.int(minAge, maxAge);
    return addYears(REF, -age) - this.rng.int(1, 364);
  }

  private person(init: {
    sex: JenisKelamin;
    birth: number;
    role: StatusHubungan;
    lineage: Lineage;
    name?: string | undefined;
    order?: number;
    movedIn?: boolean;
    agama?: Agama;
    tempatLahir?: string;
  }): Draft {
    const order = init.order ?? this.rng.int(1, 5);
    const agama = init.agama ?? this.agama;
    // No two members of a household share a name (fixed edge-case names excepted).
    let name = init.name ?? this.nameFor(init.sex, init.birth, init.lineage, order, agama);
    for (let tries = 0; init.name === undefined && tries < 40 && this.members.some((m) => m.name === name); tries++) {
      name = this.nameFor(init.sex, init.birth, init.lineage, order, agama);
    }
    const draft: Draft = {
      name,
      sex: init.sex,
      birth: init.birth,
      role: init.role,
      agama,
      lineage: init.lineage,
      tempatLahir: init.tempatLahir ?? (init.movedIn === true && this.rng.chance(0.4) ? this.rng.pick(this.province.regencies).town : this.reg.town),
      district: this.districtFor(init.movedIn ?? false),
      statusPerkawinan: 'BELUM KAWIN',
      tanggalPerkawinan: null,
      namaAyah: null,
      namaIbu: null,
      anakKe: order,
      registerBirth: yearOf(init.birth) >= 1985 && this.rng.chance(0.6),
      wna: null,
      death: null,
      pekerjaan: null,
      pendidikan: null,
      nik: '',
    };
    this.members.push(draft);
    return draft;
  }

  /** Names of parents who are not in the household. */
  private outsideParents(d: Draft): void {
    if (yearOf(d.birth) < 1962 && this.rng.chance(0.5)) return; // not recorded for some elders
    const parentBirth = addYears(d.birth, -this.rng.int(24, 34));
    d.namaAyah = this.nameFor('LAKI-LAKI', parentBirth, d.lineage, this.rng.int(1, 4));
    d.namaIbu = this.nameFor('PEREMPUAN', parentBirth, this.lineage(d.lineage.surname), this.rng.int(1, 4));
  }

  /** A registered marriage between `latestOk` bounds: both at least 19 (the husband 21), before `latest`. */
  private marry(husband: Draft, wife: Draft, latest: number, early = false): number {
    const lo = Math.max(addYears(husband.birth, 21), addYears(wife.birth, 19));
    const span = early ? 500 : 2200;
    const date = lo >= latest ? latest : Math.min(latest, lo + this.rng.int(0, span));
    const registered = this.rng.chance(0.92) || early;
    for (const d of [husband, wife]) {
      d.statusPerkawinan = registered ? 'KAWIN TERCATAT' : 'KAWIN BELUM TERCATAT';
      d.tanggalPerkawinan = registered ? date : null;
    }
    return date;
  }

  /** Children born after `from` (the marriage), spaced, while the mother is at most 44. */
  private children(father: Parent, mother: Draft, from: number, count: number, role: StatusHubungan = 'ANAK', compact = false): Draft[] {
    const kids: Draft[] = [];
    let last = from;
    for (let i = 0; i < count; i++) {
      const birth = i === 0 ? from + this.rng.int(290, compact ? 600 : 1000) : last + this.rng.int(compact ? 400 : 430, compact ? 1000 : 1700);
      if (birth > REF - 20 || ageAt(mother.birth, birth) > 44) break;
      const sex: JenisKelamin = this.plan.childSexes?.[i] ?? (this.rng.chance(0.5) ? 'LAKI-LAKI' : 'PEREMPUAN');
      const fixed = role === 'ANAK' ? this.plan.names?.[`child${i + 1}`] : undefined;
      const kid = this.person({ sex, birth, role, lineage: father.lineage, name: fixed, order: i + 1 });
      kid.namaAyah = father.name;
      kid.namaIbu = mother.name;
      kid.registerBirth = ageAt(birth, REF) < 17 || this.rng.chance(0.8);
      kids.push(kid);
      last = birth;
    }
    return kids;
  }

  private die(d: Draft, after: number, reporter: Draft, relation: string): void {
    const date = this.rng.int(Math.max(after + 30, REF - 1800), REF - 40);
    d.death = {
      date,
      time: this.rng.chance(0.75) ? `${String(this.rng.int(0, 23)).padStart(2, '0')}:${String(this.rng.int(0, 59)).padStart(2, '0')}` : null,
      place: this.rng.chance(0.5) ? this.rng.pick(this.reg.hospitals) : this.reg.town,
      cause: this.rng.weighted<string | null>([['SAKIT', 5], ['SAKIT TUA', 3], ['KECELAKAAN LALU LINTAS', 1], [null, 2]]),
      reporter,
      relation,
    };
  }

  private childCount(min: number, max: number): number {
    return this.plan.children ?? this.rng.weighted(Array.from({ length: max - min + 1 }, (_, i) => [min + i, max - i + 1] as const));
  }

  /** Husband and wife, the husband (or, for 'female-head', the wife) heading the family. */
  private couple(headAge: [number, number], femaleHead = false, wifeYounger: [number, number] = [0, 6]): { husband: Draft; wife: Draft } {
    const hBirth = this.birthBetween(headAge[0], headAge[1]);
    const husband = this.person({ sex: 'LAKI-LAKI', birth: hBirth, role: femaleHead ? 'SUAMI' : 'KEPALA KELUARGA', lineage: this.headLineage(), name: femaleHead ? undefined : this.plan.names?.['head'], movedIn: femaleHead });
    const wBirth = Math.min(hBirth + this.rng.int(wifeYounger[0] * 365, wifeYounger[1] * 365), addYears(REF, -21));
    let wife: Draft;
    if (this.plan.wna === true) {
      const foreign = FOREIGN_PEOPLE[0];
      wife = this.person({ sex: 'PEREMPUAN', birth: wBirth, role: 'ISTRI', lineage: this.lineage(), name: foreign.nama, agama: foreign.agama, tempatLahir: foreign.tempatLahir });
      wife.wna = { paspor: `N${this.rng.pick(['W', 'X', 'P'])}${this.rng.hex(6).replace(/[0O]/g, 'K')}${this.rng.int(1, 9)}`, kitap: `2C2${this.rng.pick(['AD', 'JD', 'KB'])}${this.rng.digits(7)}` };
      wife.namaAyah = foreign.ayah;
      wife.namaIbu = foreign.ibu;
      wife.registerBirth = false;
      wife.pekerjaan = 'WIRASWASTA';
      wife.pendidikan = 'DIPLOMA IV/STRATA I';
    } else {
      wife = this.person({ sex: 'PEREMPUAN', birth: wBirth, role: femaleHead ? 'KEPALA KELUARGA' : 'ISTRI', lineage: this.lineage(husband.lineage.surname), name: femaleHead ? this.plan.names?.['head'] : this.plan.names?.['spouse'], movedIn: !femaleHead });
      this.outsideParents(wife);
    }
    this.outsideParents(husband);
    return { husband, wife };
  }

  build(): Draft[] {
    const shape = this.plan.shape;
    switch (shape) {
      case 'single': {
        const sex: JenisKelamin = this.rng.chance(0.55) ? 'LAKI-LAKI' : 'PEREMPUAN';
        const head = this.person({ sex, birth: this.birthBetween(20, 36), role: 'KEPALA KELUARGA', lineage: this.headLineage(), name: this.plan.names?.['head'] });
        this.outsideParents(head);
        break;
      }
      case 'single-elder': {
        const sex: JenisKelamin = this.rng.chance(0.7) ? 'PEREMPUAN' : 'LAKI-LAKI';
        const head = this.person({ sex, birth: this.birthBetween(66, 84), role: 'KEPALA KELUARGA', lineage: this.headLineage() });
        head.statusPerkawinan = 'CERAI MATI';
        this.outsideParents(head);
        break;
      }
      case 'couple': {
        const newlyweds = this.rng.chance(0.6);
        const { husband, wife } = this.couple(newlyweds ? [24, 32] : [58, 72]);
        this.marry(husband, wife, newlyweds ? REF - 60 : addYears(REF, -30));
        break;
      }
      case 'nuclear':
      case 'female-head': {
        const { husband, wife } = this.couple([27, 56], shape === 'female-head');
        const married = this.marry(husband, wife, REF - 400);
        this.children(husband, wife, married, this.childCount(1, 5));
        break;
      }
      case 'extended':
        this.extended(this.plan.extras ?? []);
        break;
      case 'single-parent': {
        const mother = this.person({ sex: 'PEREMPUAN', birth: this.birthBetween(28, 48), role: 'KEPALA KELUARGA', lineage: this.headLineage() });
        this.outsideParents(mother);
        const exBirth = mother.birth - this.rng.int(0, 5 * 365);
        const exLineage = this.lineage(mother.lineage.surname);
        const ex: Parent = { name: this.nameFor('LAKI-LAKI', exBirth, exLineage, 1), lineage: exLineage };
        const married = Math.max(addYears(mother.birth, 20), addYears(exBirth, 21)) + this.rng.int(0, 900);
        const kids = this.children(ex, mother, married, this.childCount(1, 3));
        const lastBirth = kids.at(-1)?.birth ?? married;
        mother.statusPerkawinan = 'CERAI HIDUP TERCATAT';
        mother.tanggalPerkawinan = Math.min(REF - 30, lastBirth + this.rng.int(200, 1500));
        break;
      }
      case 'widow': {
        const { husband, wife } = this.couple([40, 62]);
        husband.role = 'SUAMI';
        wife.role = 'KEPALA KELUARGA';
        const married = this.marry(husband, wife, REF - 3000, true);
        const kids = this.children(husband, wife, married, this.childCount(2, 4));
        const eldest = kids.find(isAdult);
        this.die(husband, kids.at(-1)?.birth ?? married, eldest ?? wife, eldest === undefined ? 'ISTRI' : 'ANAK');
        wife.statusPerkawinan = 'CERAI MATI';
        wife.tanggalPerkawinan = null;
        break;
      }
      case 'big12': {
        const { husband, wife } = this.couple([61, 64], false, [3, 5]);
        const married = this.marry(husband, wife, addYears(REF, -36), true);
        const kids = this.children(husband, wife, married, 7, 'ANAK', true);
        this.menantuCucu(kids, 1);
        this.elders('mertua', wife, false);
        break;
      }
    }
    return this.members;
  }

  private extended(extras: readonly Extra[]): void {
    const withGrandchild = extras.includes('menantu-cucu');
    const { husband, wife } = this.couple(withGrandchild ? [52, 62] : [33, 58]);
    const married = this.marry(husband, wife, REF - 700, withGrandchild);
    const kids = this.children(husband, wife, married, withGrandchild ? 3 : this.childCount(1, 3), 'ANAK', withGrandchild);
    for (const extra of extras) {
      switch (extra) {
        case 'orangtua':
          this.elders('orangtua', husband, this.rng.chance(0.4));
          break;
        case 'ayah-wafat':
          this.elders('orangtua', husband, true, true);
          break;
        case 'mertua':
          this.elders('mertua', wife, false);
          break;
        case 'mertua-wafat':
          this.elders('mertua', wife, true, true);
          break;
        case 'pembantu': {
          const helper = this.person({ sex: 'PEREMPUAN', birth: this.birthBetween(25, 52), role: 'PEMBANTU', lineage: this.lineage(), movedIn: true });
          helper.statusPerkawinan = this.rng.chance(0.5) ? 'BELUM KAWIN' : 'CERAI HIDUP BELUM TERCATAT';
          helper.pekerjaan = 'PEMBANTU RUMAH TANGGA';
          this.outsideParents(helper);
          break;
        }
        case 'famili-lain': {
          const nephew = this.person({ sex: 'LAKI-LAKI', birth: this.birthBetween(18, 22), role: 'FAMILI LAIN', lineage: husband.lineage, movedIn: true });
          nephew.pekerjaan = 'PELAJAR/MAHASISWA';
          this.outsideParents(nephew);
          break;
        }
        case 'menantu-cucu':
          this.menantuCucu(kids, this.rng.int(1, 2));
          break;
      }
    }
  }

  /** The head's (or wife's) parents; `both` adds the father; `fatherDied` records his death. */
  private elders(kind: 'orangtua' | 'mertua', child: Draft, both: boolean, fatherDied = false): void {
    const role: StatusHubungan = kind === 'orangtua' ? 'ORANGTUA' : 'MERTUA';
    // Older siblings (not in the household) came first: the marriage predates them.
    const before = (child.anakKe - 1) * 500;
    const fBirth = addYears(child.birth, -this.rng.int(27, 36)) - before - this.rng.int(0, 300);
    const mBirth = Math.min(fBirth + this.rng.int(0, 4 * 365), addYears(child.birth - before - 320, -19));
    const mother = this.person({ sex: 'PEREMPUAN', birth: mBirth, role, lineage: this.lineage(child.lineage.surname), name: undefined, movedIn: true });
    this.outsideParents(mother);
    if (both) {
      const father = this.person({ sex: 'LAKI-LAKI', birth: fBirth, role, lineage: child.lineage, movedIn: true });
      this.outsideParents(father);
      const lo = Math.max(addYears(fBirth, 20), addYears(mBirth, 19));
      const hi = child.birth - 290 - before;
      const date = lo < hi ? this.rng.int(Math.max(lo, hi - 1500), hi) : hi;
      for (const d of [father, mother]) {
        d.statusPerkawinan = 'KAWIN TERCATAT';
        d.tanggalPerkawinan = date;
      }
      child.namaAyah = father.name;
      if (fatherDied) {
        this.die(father, child.birth, child, 'ANAK');
        mother.statusPerkawinan = 'CERAI MATI';
        mother.tanggalPerkawinan = null;
      }
    } else {
      mother.statusPerkawinan = 'CERAI MATI';
    }
    child.namaIbu = mother.name;
  }

  /** The eldest child marries; the couple's children (cucu) follow. */
  private menantuCucu(kids: readonly Draft[], grandchildren: number): void {
    const eldest = kids[0];
    if (eldest === undefined || ageAt(eldest.birth, REF) < 23) throw new Error('demo data: the eldest child is too young to be married');
    const spouseSex: JenisKelamin = eldest.sex === 'LAKI-LAKI' ? 'PEREMPUAN' : 'LAKI-LAKI';
    const spouseBirth = eldest.birth + this.rng.int(-3 * 365, 2 * 365);
    const menantu = this.person({ sex: spouseSex, birth: Math.min(spouseBirth, addYears(REF, -22)), role: 'MENANTU', lineage: this.lineage(eldest.lineage.surname), movedIn: true });
    this.outsideParents(menantu);
    const [husband, wife] = eldest.sex === 'LAKI-LAKI' ? [eldest, menantu] : [menantu, eldest];
    const married = this.marry(husband, wife, REF - 500, true);
    this.children(husband, wife, married, grandchildren, 'CUCU');
  }
}

const ROLE_ORDER: readonly StatusHubungan[] = ['KEPALA KELUARGA', 'SUAMI', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANGTUA', 'MERTUA', 'FAMILI LAIN', 'PEMBANTU', 'LAINNYA'];

function education(rng: Prng, d: Draft): Pendidikan {
  if (d.pendidikan !== null) return d.pendidikan;
  const age = ageAt(d.birth, d.death?.date ?? REF);
  if (age < 6) return 'TIDAK/BELUM SEKOLAH';
  if (age < 12) return 'BELUM TAMAT SD/SEDERAJAT';
  if (age < 15) return 'TAMAT SD/SEDERAJAT';
  if (age < 18) return 'SLTP/SEDERAJAT';
  if (age < 22) return 'SLTA/SEDERAJAT';
  return rng.weighted(EDU_BY_GENERATION[generationOf(yearOf(d.birth))]);
}

function occupation(rng: Prng, d: Draft, rural: boolean, agama: Agama): string {
  if (d.pekerjaan !== null) return d.pekerjaan;
  const age = ageAt(d.birth, d.death?.date ?? REF);
  if (age < 5) return 'BELUM/TIDAK BEKERJA';
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
function finalize(rng: Prng, reg: Registry, h: Household): Family {
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
    return {
      nik: d.nik,
      namaLengkap: d.name,
      jenisKelamin: d.sex,
      tempatLahir: d.tempatLahir,
      tanggalLahir: toIso(d.birth),
      agama: d.agama,
      pendidikan: education(rng, d),
      jenisPekerjaan: occupation(rng, d, rural, d.agama),
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

/** The latest dated event in a family (births, marriages, deaths): a new KK follows it. */
function lastEvent(family: Family): number {
  let last = 0;
  for (const m of family.members) {
    last = Math.max(last, toDays(m.tanggalLahir), m.tanggalPerkawinan === null ? 0 : toDays(m.tanggalPerkawinan));
    if (m.kematian !== null) last = Math.max(last, toDays(m.kematian.tanggalKematian));
  }
  return last;
}

function recentDate(rng: Prng, notBefore: number): number {
  const lo = Math.max(notBefore + 3, REF - 700);
  return lo >= REF - 2 ? REF - 1 : rng.int(lo, REF - 2);
}

function aktaDate(nomor: string): number {
  const m = /-(\d{2})(\d{2})(\d{4})-/.exec(nomor);
  if (m === null) throw new Error('demo data: akta number without a date');
  return toDays(`${m[3] ?? ''}-${m[2] ?? ''}-${m[1] ?? ''}`);
}

/** Decides which documents are print-ready and who holds them (the entitlement rules). */
function documentsFor(rng: Prng, reg: Registry, familyIndex: number, family: Family, province: ProvincePlaces, regencyPlace: Regency, next: () => string): DemoDocument[] {
  const out: DemoDocument[] = [];
  const official = reg.official(province, regencyPlace);
  const add = (type: DocumentType, subject: Person, holder: Person, nomor: string, issuedAt: number) => {
    // An akta is issued where it was registered (the region in its number); cards and KK where the family lives.
    const issuer = type.startsWith('akta-') ? regency(nomor.slice(0, 4)) : { province, regency: regencyPlace };
    out.push({
      document: {
        id: next(),
        type,
        subjectNik: subject.nik,
        nomor,
        issuedAt: toIso(issuedAt),
        issuedIn: issuer.regency.name,
        official: issuer.regency === regencyPlace ? official : reg.official(issuer.province, issuer.regency),
      },
      holderNik: holder.nik,
      pin: rng.digits(6),
    });
  };
  const living = family.members.filter((m) => m.kematian === null);
  const adults = living.filter((m) => ageAt(toDays(m.tanggalLahir), REF) >= 17);
  const head = family.members.find((m) => m.nik === family.kepalaKeluargaNik);
  if (head === undefined) throw new Error('demo data: head of family missing');

  if (familyIndex % 2 === 0 || rng.chance(0.3)) add('kk', head, head, family.noKk, recentDate(rng, lastEvent(family)));
  for (const child of living.filter((m) => ageAt(toDays(m.tanggalLahir), REF) < 17)) {
    if (rng.chance(0.55)) add('kia', child, head, child.nik, recentDate(rng, toDays(child.tanggalLahir)));
    const parent = adults.find((a) => a.namaLengkap === child.namaIbu) ?? adults.find((a) => a.namaLengkap === child.namaAyah);
    if (child.kelahiran !== null && parent !== undefined && rng.chance(0.4)) add('akta-kelahiran', child, parent, child.kelahiran.nomorAkta, aktaDate(child.kelahiran.nomorAkta));
  }
  for (const deceased of family.members.filter((m) => m.kematian !== null)) {
    const kematian = deceased.kematian;
    const reporter = adults.find((a) => a.nik === kematian?.pelapor.nik);
    if (kematian === null || reporter === undefined) throw new Error('demo data: a death without a living reporter');
    add('akta-kematian', deceased, reporter, kematian.nomorAkta, aktaDate(kematian.nomorAkta));
  }
  for (const adult of adults) {
    const holdsSomething = out.some((d) => d.holderNik === adult.nik);
    if (!holdsSomething || rng.chance(0.5)) add('ktp', adult, adult, adult.nik, recentDate(rng, addYears(toDays(adult.tanggalLahir), 17)));
  }
  return out;
}

function pickPlace(rng: Prng, plan: FamilyPlan): { province: ProvincePlaces; regency: Regency; kecamatan: Kecamatan; kelurahan: Kelurahan } {
  const { province, regency: reg } = regency(plan.regency);
  const kecamatan = rng.pick(reg.kecamatan);
  return { province, regency: reg, kecamatan, kelurahan: rng.pick(kecamatan.kelurahan) };
}

/** Generates the data afresh (no cache); `generateDemoData` is the cached entry point. */
export function buildDemoData(seed: number = DEFAULT_DEMO_SEED): DemoData {
  const root = new Prng(seed);
  const reg = new Registry(seed);
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

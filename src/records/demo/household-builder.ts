import type { Agama, JenisKelamin, Pendidikan, StatusHubungan, StatusPerkawinan } from '../../core/codes.ts';
import { addYears, ageAt, yearOf } from './dates.ts';
import { REF } from './demo-reference-date.ts';
import type { Extra, FamilyPlan } from './family-plans.ts';
import { CULTURES, FOREIGN_PEOPLE, generationOf, type Culture, type CultureId, type Lineage } from './names.ts';
import type { Kecamatan, ProvincePlaces, Regency } from './places.ts';
import type { Prng } from './prng.ts';

/**
 * Builds the members of one demo household from its family plan (who lives there, how
 * they are related, births, marriages, deaths) as mutable drafts; `demo-data.ts` turns
 * the drafts into a validated Family and assigns the numbers.
 */

interface Death {
  readonly date: number;
  readonly time: string | null;
  readonly place: string;
  readonly cause: string | null;
  readonly reporter: Draft;
  /** The reporter's relation to the deceased: ANAK, ISTRI, ... */
  readonly relation: string;
}

export interface Draft {
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

/** A name as SIAK takes it: letters, apostrophe, period, comma, hyphen, space; at most 60 characters; from 2023 at least two words. */
export function siakName(name: string, birth: number): boolean {
  if (!/^[A-Za-z'.,-]+(?: [A-Za-z'.,-]+)*$/.test(name) || name.length > 60) return false;
  return yearOf(birth) < 2023 || name.split(' ').length >= 2;
}

function alive(d: Draft): boolean {
  return d.death === null;
}

function isAdult(d: Draft): boolean {
  return alive(d) && ageAt(d.birth, REF) >= 17;
}

function culture(id: CultureId): Culture {
  return CULTURES[id];
}

/** Builds one household from its plan. */
export class HouseholdBuilder {
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
    for (let tries = 0; init.name === undefined && tries < 40 && (this.members.some((m) => m.name === name) || !siakName(name, init.birth)); tries++) {
      name = this.nameFor(init.sex, init.birth, init.lineage, order, agama);
    }
    // Children born from 2023 need two words at least: give a one-word name a second given name.
    if (init.name === undefined && !siakName(name, init.birth)) name = `${name} ${this.nameFor(init.sex, init.birth, init.lineage, order, agama).split(' ')[0] ?? ''}`.trim();
    if (!siakName(name, init.birth)) throw new Error('demo data: a name outside SIAK\'s rules');
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
      // The akta kematian names the kabupaten/kota where the death happened, not the hospital.
      place: this.reg.town,
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

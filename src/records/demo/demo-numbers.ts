import type { Agama, JenisKelamin } from '../../core/codes.ts';
import { nikDateDigits } from '../../core/nik.ts';
import type { Official } from '../../core/record.ts';
import { addYears, ddmmyy, ddmmyyyy, toDays, toIso } from './dates.ts';
import { CULTURES, type CultureId } from './names.ts';
import { dinasTitle, type ProvincePlaces, type Regency } from './places.ts';
import { Prng } from './prng.ts';

/**
 * The numbers a demo generation run hands out (NIK, No. KK, akta numbers, card UIDs),
 * kept unique by per-prefix counters, and the made-up Kepala Dinas who signs each
 * kabupaten/kota's documents.
 */

const KEPERCAYAAN: Agama = 'KEPERCAYAAN TERHADAP TUHAN YME';

/** Which tradition names the officials of a province (for plausible official names). */
const OFFICIAL_CULTURE: Readonly<Record<string, CultureId>> = {
  '31': 'javanese', '32': 'sundanese', '33': 'javanese', '34': 'javanese', '35': 'javanese', '12': 'batak', '13': 'minang',
  '51': 'balinese', '73': 'bugis', '91': 'papuan', '61': 'javanese', '53': 'ntt',
};
/** Registrations from this day get the current akta number format (the 2016 blanko; an inference). */
export const AKTA_CURRENT_FORMAT_SINCE = '2016-01-01';

const OFFICIAL_TITLES: readonly (readonly [string, string])[] = [
  ['', ', S.Sos., M.Si.'], ['Drs. ', ', M.Si.'], ['Dr. ', ', S.H., M.H.'], ['', ', S.STP., M.Si.'], ['H. ', ', S.E., M.M.'], ['', ', S.IP., M.AP.'], ['Ir. ', ', M.T.'],
];

/** The number allocator of one generation run: per-prefix counters keep NIK, No. KK and akta numbers unique. */
export class DemoNumbers {
  private readonly nikSerials = new Map<string, number>();
  private readonly aktaSerials = new Map<string, number>();
  private readonly kkSerials = new Map<string, number>();
  private readonly uids = new Set<string>();
  private readonly officials = new Map<string, Official>();
  private readonly registered = new Map<string, { readonly day: number; readonly regencyCode: string }>();
  /** Draws for serials only, apart from the caller's generator (so the rest of the data does not shift with them). */
  private readonly serialRng: Prng;

  constructor(private readonly seed: number) {
    this.serialRng = new Prng(seed ^ 0x5eed_5e41);
  }

  /**
   * The next serial after a prefix's last one: not all 0001, as real ones are not. A NIK
   * serial counts people of one kecamatan born on one day (mostly small); a No. KK or akta
   * serial counts the KKs or akta of one office on one day (often dozens, sometimes hundreds).
   */
  private nextSerial(serials: Map<string, number>, prefix: string, spread: readonly (readonly [number, number])[]): string {
    const last = serials.get(prefix);
    const [lo, hi] = this.serialRng.weighted(spread.map((range) => [range, 1] as const));
    const serial = last === undefined ? this.serialRng.int(lo, hi) : last + this.serialRng.int(1, 3);
    serials.set(prefix, serial);
    return String(serial).padStart(4, '0');
  }

  nik(district: string, birth: number, sex: JenisKelamin): string {
    const prefix = district + nikDateDigits(toIso(birth), sex);
    return prefix + this.nextSerial(this.nikSerials, prefix, [[1, 1], [1, 1], [1, 1], [2, 4], [2, 4], [5, 12], [13, 60]]);
  }

  noKk(district: string, entry: number): string {
    const prefix = district + ddmmyy(entry);
    return prefix + this.nextSerial(this.kkSerials, prefix, [[1, 9], [10, 40], [10, 40], [41, 150]]);
  }

  /**
   * An akta number registered on `date`. From AKTA_CURRENT_FORMAT_SINCE: `3273-LT-12032020-0123`,
   * `3273-KM-05062023-0045` (region, LT/KM, registration date, serial of the day); before it the
   * older local register format `474.1/1234/2009` (the archive code of birth records,
   * a serial of the year, the year: an inference from older kutipan, formats varied by region).
   */
  akta(regencyCode: string, kind: 'LT' | 'KM', date: number): string {
    let nomor: string;
    if (toIso(date) >= AKTA_CURRENT_FORMAT_SINCE) {
      const prefix = `${regencyCode}-${kind}-${ddmmyyyy(date)}`;
      nomor = `${prefix}-${this.nextSerial(this.aktaSerials, prefix, [[1, 30], [1, 30], [31, 200], [201, 900]])}`;
    } else {
      const prefix = `${kind}/${toIso(date).slice(0, 4)}`;
      const serial = this.nextSerial(this.aktaSerials, prefix, [[100, 3000], [3001, 9000]]);
      nomor = `${kind === 'LT' ? '474.1' : '474.3'}/${serial}/${toIso(date).slice(0, 4)}`;
    }
    this.registered.set(nomor, { day: date, regencyCode });
    return nomor;
  }

  /** Where and when an akta number this run handed out was registered. */
  registration(nomor: string): { readonly day: number; readonly regencyCode: string } {
    const found = this.registered.get(nomor);
    if (found === undefined) throw new Error('demo data: an akta number this run did not hand out');
    return found;
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

  /** The Kepala Dinas who signs for a dinas: one per kabupaten/kota (DKI: one for the province). */
  official(province: ProvincePlaces, reg: Regency): Official {
    const jabatan = dinasTitle(province, reg);
    const cached = this.officials.get(jabatan);
    if (cached !== undefined) return cached;
    const rng = new Prng(this.seed ^ Math.imul(Number(province.code === '31' ? '3100' : reg.code), 2_246_822_519));
    const c = CULTURES[OFFICIAL_CULTURE[province.code] ?? 'javanese'];
    const sex: JenisKelamin = rng.chance(0.7) ? 'LAKI-LAKI' : 'PEREMPUAN';
    const agama = rng.weighted(c.religions.filter(([a]) => a !== KEPERCAYAAN));
    const name = c.name(rng, { sex, generation: 'adult', order: rng.int(1, 4), lineage: c.lineage(rng, agama), agama });
    const [prefix, suffix] = rng.pick(OFFICIAL_TITLES);
    const birth = toDays(`${rng.int(1968, 1978)}-01-01`) + rng.int(0, 364);
    const tmt = addYears(birth, rng.int(24, 29));
    const iso = toIso(birth);
    const nip = `${iso.replaceAll('-', '')}${toIso(tmt).slice(0, 7).replace('-', '')}${sex === 'LAKI-LAKI' ? 1 : 2}${String(rng.int(1, 12)).padStart(3, '0')}`;
    // A woman's honorifics: Dra. for Drs., Hj. for H. (a hajjah).
    const own = sex === 'LAKI-LAKI' ? prefix : prefix.replace('Drs. ', 'Dra. ').replace('H. ', 'Hj. ');
    const official: Official = { nama: `${own}${name}${suffix}`, nip, jabatan };
    this.officials.set(jabatan, official);
    return official;
  }
}

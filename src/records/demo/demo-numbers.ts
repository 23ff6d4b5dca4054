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
    const c = CULTURES[OFFICIAL_CULTURE[province.code] ?? 'javanese'];
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

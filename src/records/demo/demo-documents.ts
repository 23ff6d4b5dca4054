import type { DocumentType } from '../../core/documents.ts';
import type { Family, Person } from '../../core/record.ts';
import type { DemoNumbers } from './demo-numbers.ts';
import type { DemoDocument } from './types.ts';
import { addYears, ageAt, toDays, toIso } from './dates.ts';
import { REF } from './demo-reference-date.ts';
import { regency, type ProvincePlaces, type Regency } from './places.ts';
import type { Prng } from './prng.ts';

/**
 * Which of a demo family's documents are print-ready, who holds each one (the
 * entitlement rules) and when each was issued.
 */

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

/** Kutipan akta on HVS with a TTE QR exist since 2020: an older registration prints as a reprint of recent date. */
const HVS_TTE_SINCE = toDays('2020-01-01');

function aktaIssueDate(rng: Prng, registered: number): number {
  return registered >= HVS_TTE_SINCE ? registered : recentDate(rng, HVS_TTE_SINCE);
}

/** Decides which documents are print-ready and who holds them (the entitlement rules). */
export function documentsFor(rng: Prng, reg: DemoNumbers, familyIndex: number, family: Family, province: ProvincePlaces, regencyPlace: Regency, next: () => string): DemoDocument[] {
  const out: DemoDocument[] = [];
  const official = reg.official(province, regencyPlace);
  const add = (type: DocumentType, subject: Person, holder: Person, nomor: string, issuedAt: number, aktaRegency = regencyPlace.code) => {
    // An akta is issued where it was registered; cards and KK where the family lives.
    const issuer = type.startsWith('akta-') ? regency(aktaRegency) : { province, regency: regencyPlace };
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

  // Every household too big for one KK page has its KK print-ready (a two-page KK on purpose).
  if (familyIndex % 2 === 0 || family.members.length > 10 || rng.chance(0.3)) add('kk', head, head, family.noKk, recentDate(rng, lastEvent(family)));
  for (const child of living.filter((m) => ageAt(toDays(m.tanggalLahir), REF) < 17)) {
    if (rng.chance(0.55)) add('kia', child, head, child.nik, recentDate(rng, toDays(child.tanggalLahir)));
    const parent = adults.find((a) => a.namaLengkap === child.namaIbu) ?? adults.find((a) => a.namaLengkap === child.namaAyah);
    if (child.kelahiran !== null && parent !== undefined && rng.chance(0.4)) {
      const registered = reg.registration(child.kelahiran.nomorAkta);
      add('akta-kelahiran', child, parent, child.kelahiran.nomorAkta, aktaIssueDate(rng, registered.day), registered.regencyCode);
    }
  }
  for (const deceased of family.members.filter((m) => m.kematian !== null)) {
    const kematian = deceased.kematian;
    const reporter = adults.find((a) => a.nik === kematian?.pelapor.nik);
    if (kematian === null || reporter === undefined) throw new Error('demo data: a death without a living reporter');
    const registered = reg.registration(kematian.nomorAkta);
    add('akta-kematian', deceased, reporter, kematian.nomorAkta, aktaIssueDate(rng, registered.day), registered.regencyCode);
  }
  for (const adult of adults) {
    const holdsSomething = out.some((d) => d.holderNik === adult.nik);
    if (!holdsSomething || rng.chance(0.5)) add('ktp', adult, adult, adult.nik, recentDate(rng, addYears(toDays(adult.tanggalLahir), 17)));
  }
  return out;
}

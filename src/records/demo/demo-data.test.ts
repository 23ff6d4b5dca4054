import { describe, expect, it } from 'vitest';
import { AGAMA, PENDIDIKAN } from '../../core/codes.ts';
import { parseNoKk } from '../../core/kk-number.ts';
import { nikBirthDate, parseNik } from '../../core/nik.ts';
import { familySchema, printableDocumentSchema, type Family, type Person } from '../../core/record.ts';
import { PROVINCES } from '../../core/regions.ts';
import { ageAt, toDays } from './dates.ts';
import { buildDemoData, DEFAULT_DEMO_SEED, DEMO_REFERENCE_DATE, generateDemoData, type DemoData } from './demo-data.ts';
import { APOSTROPHE_NAME, BALINESE_NAME, HYPHEN_NAME, LONG_NAME } from './family-plans.ts';
import { isKecamatanCode, regencyName } from '../../core/wilayah.ts';
import { AKTA_CURRENT_FORMAT_SINCE } from './demo-numbers.ts';
import { siakName } from './household-builder.ts';
import { PLACES } from './places.ts';

const REF = toDays(DEMO_REFERENCE_DATE);
const data = generateDemoData();
const people = data.families.flatMap((f) => f.members);
const age = (p: Person) => ageAt(toDays(p.tanggalLahir), REF);
const provinceCodeByName = new Map(Object.entries(PROVINCES).map(([code, name]) => [name, code]));

function familyOf(d: DemoData, nik: string): Family {
  const family = d.families.find((f) => f.members.some((m) => m.nik === nik));
  if (family === undefined) throw new Error(`no family for ${nik}`);
  return family;
}

function person(nik: string): Person {
  const found = people.find((p) => p.nik === nik);
  if (found === undefined) throw new Error(`no person ${nik}`);
  return found;
}

/** The invariants every seed must keep: schemas, numbers, dates, entitlement. */
function checkInvariants(d: DemoData): void {
  const all = d.families.flatMap((f) => f.members);
  expect(new Set(all.map((p) => p.nik)).size).toBe(all.length);
  expect(new Set(d.families.map((f) => f.noKk)).size).toBe(d.families.length);
  for (const family of d.families) {
    expect(() => familySchema.parse(family)).not.toThrow();
    const provinceCode = provinceCodeByName.get(family.address.provinsi);
    expect(provinceCode).toBeDefined();
    const kk = parseNoKk(family.noKk);
    expect(kk.provinceCode).toBe(provinceCode);
    expect(family.members.filter((m) => m.statusHubungan === 'KEPALA KELUARGA').map((m) => m.nik)).toEqual([family.kepalaKeluargaNik]);
    const head = family.members.find((m) => m.nik === family.kepalaKeluargaNik);
    expect(head?.kematian).toBeNull();
    for (const m of family.members) {
      const info = parseNik(m.nik);
      expect(info.provinceCode, m.nik).toBe(provinceCode);
      expect(info.sex).toBe(m.jenisKelamin);
      expect(nikBirthDate(info, DEMO_REFERENCE_DATE)).toBe(m.tanggalLahir);
      expect(m.tanggalLahir <= DEMO_REFERENCE_DATE).toBe(true);
      if (m.kewarganegaraan === 'WNI') expect([m.noPaspor, m.noKitap]).toEqual([null, null]);
      if (ageAt(toDays(m.tanggalLahir), REF) < 17 && m.kematian === null) {
        expect(m.kelahiran, 'children under 17 have an akta kelahiran').not.toBeNull();
        expect(m.statusPerkawinan).toBe('BELUM KAWIN');
      }
      expect(siakName(m.namaLengkap, toDays(m.tanggalLahir)), `${m.nik}: name in SIAK's characters, at most 60, two words from 2023`).toBe(true);
      if (m.kelahiran !== null) {
        const current = /^(\d{4})-LT-(\d{2})(\d{2})(\d{4})-\d{4}$/.exec(m.kelahiran.nomorAkta);
        if (current === null) {
          expect(m.kelahiran.nomorAkta, 'older registrations keep the older number format').toMatch(/^474\.1\/\d{4}\/\d{4}$/);
          expect(m.kelahiran.nomorAkta.slice(-4) < AKTA_CURRENT_FORMAT_SINCE.slice(0, 4)).toBe(true);
        } else {
          expect(current[1]?.slice(0, 2)).toBe(provinceCode);
          expect(`${current[4]}-${current[3]}-${current[2]}` >= AKTA_CURRENT_FORMAT_SINCE).toBe(true);
        }
      }
      const years = ageAt(toDays(m.tanggalLahir), toDays(m.kematian?.tanggalKematian ?? DEMO_REFERENCE_DATE));
      if (years < 7) expect([m.pendidikan, m.jenisPekerjaan], `${m.nik}: no pupil under 7`).toEqual(['TIDAK/BELUM SEKOLAH', 'BELUM/TIDAK BEKERJA']);
      if (m.jenisPekerjaan === 'KEPOLISIAN RI (POLRI)' || m.jenisPekerjaan === 'TENTARA NASIONAL INDONESIA (TNI)') expect(PENDIDIKAN.indexOf(m.pendidikan)).toBeGreaterThanOrEqual(PENDIDIKAN.indexOf('SLTA/SEDERAJAT'));
      if (m.jenisPekerjaan === 'GURU' || m.jenisPekerjaan === 'DOKTER') expect(PENDIDIKAN.indexOf(m.pendidikan)).toBeGreaterThanOrEqual(PENDIDIKAN.indexOf('DIPLOMA IV/STRATA I'));
      if (m.tanggalPerkawinan !== null && m.statusPerkawinan === 'KAWIN TERCATAT') {
        expect(ageAt(toDays(m.tanggalLahir), toDays(m.tanggalPerkawinan)), 'married at 19 or later').toBeGreaterThanOrEqual(19);
      }
      // Children are born after their parents' registered marriage, to a mother of 16 to 45.
      const mother = family.members.find((p) => p.namaLengkap === m.namaIbu && p.jenisKelamin === 'PEREMPUAN' && p.nik !== m.nik);
      if (mother !== undefined && (m.statusHubungan === 'ANAK' || m.statusHubungan === 'CUCU')) {
        const motherAge = ageAt(toDays(mother.tanggalLahir), toDays(m.tanggalLahir));
        expect(motherAge).toBeGreaterThanOrEqual(16);
        expect(motherAge).toBeLessThanOrEqual(45);
        const marriage = mother.statusPerkawinan === 'KAWIN TERCATAT' ? mother.tanggalPerkawinan : null;
        if (marriage !== null) expect(m.tanggalLahir > marriage, `${m.nik} born after the marriage`).toBe(true);
      }
      if (m.kematian !== null) {
        expect(m.kematian.nomorAkta).toMatch(/^\d{4}-KM-\d{8}-\d{4}$/);
        expect(m.kematian.tempatKematian, 'the akta names the kabupaten/kota, not a hospital').not.toMatch(/^(RS|PUSKESMAS)/);
        expect(m.kematian.tanggalKematian > m.tanggalLahir && m.kematian.tanggalKematian <= DEMO_REFERENCE_DATE).toBe(true);
        const reporter = family.members.find((p) => p.nik === m.kematian?.pelapor.nik);
        expect(reporter?.kematian, 'the reporter is a living member').toBeNull();
        expect(reporter?.namaLengkap).toBe(m.kematian.pelapor.nama);
      }
    }
  }

  // Cards: every living resident of 17 or more, nobody else; unique upper-case UIDs.
  const cardNiks = new Set(d.cards.map((c) => c.nik));
  for (const p of all) expect(cardNiks.has(p.nik), p.nik).toBe(p.kematian === null && ageAt(toDays(p.tanggalLahir), REF) >= 17);
  for (const card of d.cards) expect(card.uid).toMatch(/^(?:[0-9A-F]{8}|[0-9A-F]{14})$/);
  expect(new Set(d.cards.map((c) => c.uid)).size).toBe(d.cards.length);

  // Documents: valid, stable ids, PINs, and held by whoever may print them.
  expect(new Set(d.documents.map((x) => x.document.id)).size).toBe(d.documents.length);
  for (const { document: doc, holderNik, pin } of d.documents) {
    expect(() => printableDocumentSchema.parse(doc)).not.toThrow();
    expect(doc.id).toMatch(/^DOC-\d{4}$/);
    expect(pin).toMatch(/^\d{6}$/);
    expect(cardNiks.has(holderNik), `${doc.id}: the holder has a card`).toBe(true);
    expect(doc.official.nip).toMatch(/^\d{18}$/);
    expect(doc.official.jabatan).toMatch(/^KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL (KOTA|KABUPATEN|PROVINSI) /);
    expect(doc.issuedAt <= DEMO_REFERENCE_DATE).toBe(true);
    const family = familyOf(d, doc.subjectNik);
    const subject = family.members.find((m) => m.nik === doc.subjectNik);
    const holder = family.members.find((m) => m.nik === holderNik);
    expect(holder, `${doc.id}: holder in the subject's family`).toBeDefined();
    if (subject === undefined || holder === undefined) continue;
    expect(doc.issuedAt >= subject.tanggalLahir).toBe(true);
    if (doc.type.startsWith('akta-')) expect(doc.issuedAt >= '2020-01-01', `${doc.id}: a kutipan on HVS with a TTE QR is from 2020 on`).toBe(true);
    switch (doc.type) {
      case 'ktp':
        expect(holderNik).toBe(doc.subjectNik);
        expect(doc.nomor).toBe(subject.nik);
        expect(doc.issuedIn).toBe(family.address.kabupatenKota);
        break;
      case 'kk':
        expect(holderNik).toBe(family.kepalaKeluargaNik);
        expect(doc.subjectNik).toBe(family.kepalaKeluargaNik);
        expect(doc.nomor).toBe(family.noKk);
        break;
      case 'kia':
        expect(ageAt(toDays(subject.tanggalLahir), REF)).toBeLessThan(17);
        expect(holderNik).toBe(family.kepalaKeluargaNik);
        expect(doc.nomor).toBe(subject.nik);
        break;
      case 'akta-kelahiran':
        expect([subject.namaAyah, subject.namaIbu]).toContain(holder.namaLengkap);
        expect(doc.nomor).toBe(subject.kelahiran?.nomorAkta);
        break;
      case 'akta-kematian':
        expect(holder.kematian).toBeNull();
        expect(doc.nomor).toBe(subject.kematian?.nomorAkta);
        break;
    }
  }
  for (const card of d.cards) expect(d.documents.some((x) => x.holderNik === card.nik), `${card.nik} holds a document`).toBe(true);

  // One Kepala Dinas per dinas (DKI: one for the province), whatever the document.
  const byJabatan = new Map<string, string>();
  for (const { document: doc } of d.documents) {
    expect(byJabatan.get(doc.official.jabatan) ?? doc.official.nama, doc.official.jabatan).toBe(doc.official.nama);
    byJabatan.set(doc.official.jabatan, doc.official.nama);
    expect(doc.official.nama, 'a woman hajjah is Hj., never Dra. H.').not.toMatch(/^Dra\. H\. |^H\. .*(Dra|Hj)/);
  }
  // Blood groups mostly unknown, serials not all 0001.
  expect(all.filter((p) => p.golonganDarah === 'TIDAK TAHU').length / all.length).toBeGreaterThan(0.5);
  expect(all.filter((p) => p.nik.endsWith('0001')).length / all.length).toBeLessThan(0.6);
  expect(d.families.filter((f) => f.noKk.endsWith('0001')).length / d.families.length).toBeLessThan(0.3);
}

describe('demo data', () => {
  it('is the same on every run for a seed, and different for another seed', () => {
    const a = buildDemoData(DEFAULT_DEMO_SEED);
    const b = buildDemoData(DEFAULT_DEMO_SEED);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(buildDemoData(7))).not.toBe(JSON.stringify(a));
    expect(generateDemoData()).toBe(generateDemoData(DEFAULT_DEMO_SEED));
  });

  it('keeps a few stable facts for the default seed (change them only on purpose)', () => {
    const first = data.families[0];
    expect(first?.noKk).toBe('3310082202080008');
    expect(first?.kepalaKeluargaNik).toBe('3310080106830005');
    expect(first?.members[0]?.namaLengkap).toBe('Teguh Santoso');
    expect(data.documents[0]).toMatchObject({ document: { id: 'DOC-0001', type: 'kk', nomor: '3310082202080008', issuedAt: '2025-06-19', issuedIn: 'KABUPATEN KLATEN' }, pin: '624602' });
    expect(data.cards[0]).toEqual({ nik: '3310080106830005', uid: '3262B6E1' });
    expect([data.families.length, people.length, data.cards.length]).toEqual([66, 268, 192]);
  });

  it('passes every invariant for the default seed and for other seeds', () => {
    checkInvariants(data);
    checkInvariants(buildDemoData(1));
    checkInvariants(buildDemoData(0xdeadbeef));
  });

  it('has the promised population: families, provinces, religions, household sizes', () => {
    expect(data.families.length).toBeGreaterThanOrEqual(60);
    const sizes = data.families.map((f) => f.members.length);
    expect(sizes.filter((n) => n === 12)).toHaveLength(1);
    expect(sizes.filter((n) => n !== 12).every((n) => n >= 1 && n <= 10)).toBe(true);
    expect(sizes.filter((n) => n === 1).length).toBeGreaterThanOrEqual(5);
    expect(new Set(data.families.map((f) => f.address.provinsi)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(people.map((p) => p.agama))).toEqual(new Set(AGAMA));
    expect(new Set(people.map((p) => p.statusHubungan)).size).toBeGreaterThanOrEqual(10);
  });

  it('includes the edge cases on purpose', () => {
    const names = people.map((p) => p.namaLengkap);
    for (const name of [LONG_NAME, APOSTROPHE_NAME, BALINESE_NAME, HYPHEN_NAME]) expect(names).toContain(name);
    expect(LONG_NAME.length).toBeGreaterThan(55);
    const deceased = people.filter((p) => p.kematian !== null);
    expect(deceased.length).toBeGreaterThanOrEqual(5);
    const kiaChildren = people.filter((p) => p.kematian === null && age(p) < 17);
    expect(kiaChildren.length).toBeGreaterThanOrEqual(40);
    expect(kiaChildren.every((p) => p.kelahiran !== null)).toBe(true);
    const wna = people.filter((p) => p.kewarganegaraan === 'WNA');
    expect(wna.length).toBeGreaterThanOrEqual(1);
    expect(wna.every((p) => p.noPaspor !== null && p.noKitap !== null)).toBe(true);
    // Optional fields that are sometimes unknown.
    expect(people.some((p) => p.namaAyah === null)).toBe(true);
    expect(people.some((p) => p.tanggalPerkawinan === null && p.statusPerkawinan !== 'BELUM KAWIN')).toBe(true);
    expect(people.some((p) => p.kelahiran !== null && p.kelahiran.pukul === null)).toBe(true);
    expect(deceased.some((p) => p.kematian?.sebab === null || p.kematian?.pukul === null)).toBe(true);
  });

  it('has print-ready documents of every type, with at least 15 KK held by heads of family', () => {
    const byType = (t: string) => data.documents.filter((d) => d.document.type === t);
    expect(byType('kk').length).toBeGreaterThanOrEqual(15);
    expect(byType('ktp').length).toBeGreaterThanOrEqual(60);
    expect(byType('kia').length).toBeGreaterThanOrEqual(10);
    expect(byType('akta-kelahiran').length).toBeGreaterThanOrEqual(5);
    expect(byType('akta-kematian').length).toBe(people.filter((p) => p.kematian !== null).length);
    const wnaKtp = byType('ktp').filter((d) => person(d.document.subjectNik).kewarganegaraan === 'WNA');
    expect(wnaKtp.length).toBeGreaterThanOrEqual(1);
  });

  it('places every kecamatan code under its kabupaten/kota and province', () => {
    for (const province of PLACES) {
      for (const reg of province.regencies) {
        expect(reg.code.slice(0, 2)).toBe(province.code);
        expect(regencyName(reg.code)?.endsWith(reg.name), `${reg.code} is ${reg.name} in Kemendagri's list`).toBe(true);
        for (const kec of reg.kecamatan) {
          expect(kec.code.slice(0, 4)).toBe(reg.code);
          expect(isKecamatanCode(kec.code), kec.code).toBe(true);
          for (const kel of kec.kelurahan) expect(kel.kodePos).toMatch(/^\d{5}$/);
        }
      }
    }
  });
});

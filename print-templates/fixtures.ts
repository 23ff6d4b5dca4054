import { AGAMA, type Agama, type JenisKelamin } from '../src/core/codes.ts';
import type { DocumentType } from '../src/core/documents.ts';
import { nikDateDigits } from '../src/core/nik.ts';
import { templateInputSchema, type Family, type Official, type Person, type TemplateInput } from '../src/core/record.ts';

/**
 * Hand-made, valid TemplateInputs for template tests, snapshots and the benchmark. They do
 * not depend on the demo registry. Names are invented; they exercise apostrophes, diacritics,
 * 60+ character names, missing optional fields, 12 members and all religions.
 */
export const FIXTURE_CREATED_AT = new Date('2024-08-17T02:30:00Z');
export const FIXTURE_ISSUED_AT = '2024-08-17';
const REGION = '327301'; // Kota Bandung, kecamatan 01
const NO_KK = '3273011203150005';

export const FIXTURE_OFFICIAL: Official = {
  nama: 'Dr. H. Andi Pratama Wiraatmadja, S.Sos., M.Si.',
  nip: '197001011995031001',
  jabatan: 'KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA BANDUNG',
};

export function fixtureNik(birth: string, sex: JenisKelamin, serial: number): string {
  return `${REGION}${nikDateDigits(birth, sex)}${String(serial).padStart(4, '0')}`;
}

interface PersonSeed {
  nama: string;
  sex: JenisKelamin;
  birth: string;
  serial: number;
  hubungan: Person['statusHubungan'];
  agama?: Agama;
  tempat?: string;
}

export function fixturePerson(seed: PersonSeed, overrides: Partial<Person> = {}): Person {
  const adult = seed.hubungan === 'KEPALA KELUARGA' || seed.hubungan === 'ISTRI' || seed.hubungan === 'SUAMI';
  return {
    nik: fixtureNik(seed.birth, seed.sex, seed.serial),
    namaLengkap: seed.nama,
    jenisKelamin: seed.sex,
    tempatLahir: seed.tempat ?? 'Bandung',
    tanggalLahir: seed.birth,
    agama: seed.agama ?? 'ISLAM',
    pendidikan: adult ? 'DIPLOMA IV/STRATA I' : 'BELUM TAMAT SD/SEDERAJAT',
    jenisPekerjaan: adult ? (seed.sex === 'LAKI-LAKI' ? 'KARYAWAN SWASTA' : 'MENGURUS RUMAH TANGGA') : 'PELAJAR/MAHASISWA',
    golonganDarah: 'O',
    statusPerkawinan: adult ? 'KAWIN TERCATAT' : 'BELUM KAWIN',
    tanggalPerkawinan: adult ? '2010-06-12' : null,
    statusHubungan: seed.hubungan,
    kewarganegaraan: 'WNI',
    noPaspor: null,
    noKitap: null,
    namaAyah: adult ? 'Abdul Karim' : "Muh. Syafi'i",
    namaIbu: adult ? 'Siti Aminah' : 'Ni Luh Putu Ayu Widyastuti',
    kelahiran: null,
    kematian: null,
    ...overrides,
  };
}

const HEAD = fixturePerson({ nama: "Muh. Syafi'i", sex: 'LAKI-LAKI', birth: '1985-08-17', serial: 1, hubungan: 'KEPALA KELUARGA' });
const WIFE = fixturePerson({ nama: 'Ni Luh Putu Ayu Widyastuti', sex: 'PEREMPUAN', birth: '1988-02-29', serial: 2, hubungan: 'ISTRI', agama: 'HINDU', tempat: 'Denpasar' }, { namaAyah: 'I Made Suarta', namaIbu: 'Ni Wayan Sukerti' });
const CHILD = fixturePerson(
  { nama: 'Ṣalāḥ al-Dīn Syafi\'i', sex: 'LAKI-LAKI', birth: '2012-12-09', serial: 3, hubungan: 'ANAK' },
  { kelahiran: { nomorAkta: '3273-LT-10122012-0042', anakKe: 1, tempatKelahiran: 'Bandung', pukul: '07:45' } },
);
const TODDLER = fixturePerson(
  { nama: 'Aisyah Putri', sex: 'PEREMPUAN', birth: '2021-05-03', serial: 4, hubungan: 'ANAK', tempat: 'Cimahi' },
  { pendidikan: 'TIDAK/BELUM SEKOLAH', jenisPekerjaan: 'BELUM/TIDAK BEKERJA', golonganDarah: 'TIDAK TAHU', kelahiran: { nomorAkta: '3273-LT-05052021-0007', anakKe: 2, tempatKelahiran: 'Cimahi', pukul: null } },
);
const GRANDFATHER = fixturePerson(
  { nama: 'Abdul Karim', sex: 'LAKI-LAKI', birth: '1950-01-10', serial: 5, hubungan: 'ORANGTUA', tempat: 'Garut' },
  {
    pendidikan: 'TAMAT SD/SEDERAJAT',
    jenisPekerjaan: 'PENSIUNAN',
    statusPerkawinan: 'CERAI MATI',
    tanggalPerkawinan: null,
    namaAyah: null,
    namaIbu: null,
    kematian: {
      nomorAkta: '3273-KM-02032024-0011',
      tanggalKematian: '2024-03-01',
      pukul: '23:10',
      tempatKematian: 'RSUD Kota Bandung',
      sebab: null,
      pelapor: { nama: "Muh. Syafi'i", nik: HEAD.nik, hubungan: 'ANAK' },
    },
  },
);

export const FIXTURE_ADDRESS: Family['address'] = {
  alamat: 'Jl. Cihampelas Gg. Kenanga No. 12',
  rt: '004',
  rw: '007',
  kelurahan: 'Cipaganti',
  kecamatan: 'Coblong',
  kabupatenKota: 'Kota Bandung',
  provinsi: 'Jawa Barat',
  kodePos: '40131',
};

export function fixtureFamily(members: Person[] = [HEAD, WIFE, CHILD, TODDLER, GRANDFATHER]): Family {
  return { noKk: NO_KK, kepalaKeluargaNik: HEAD.nik, address: FIXTURE_ADDRESS, members };
}

function nomorFor(type: DocumentType, subject: Person, family: Family): string {
  if (type === 'kk') return family.noKk;
  if (type === 'akta-kelahiran') return subject.kelahiran?.nomorAkta ?? '-';
  if (type === 'akta-kematian') return subject.kematian?.nomorAkta ?? '-';
  return subject.nik;
}

/** A TemplateInput of `type` for `subject` in `family`, parsed with templateInputSchema. */
export function fixtureInput(type: DocumentType, family: Family = fixtureFamily(), subjectNik?: string): TemplateInput {
  const defaultSubject: Record<DocumentType, Person> = { kk: HEAD, ktp: WIFE, kia: CHILD, 'akta-kelahiran': CHILD, 'akta-kematian': GRANDFATHER };
  const subject = family.members.find((m) => m.nik === (subjectNik ?? defaultSubject[type].nik)) ?? family.members[0];
  if (subject === undefined) throw new Error('fixture family has no members');
  const input: TemplateInput = {
    document: {
      id: `DOC-${type.toUpperCase()}-0001`,
      type,
      subjectNik: subject.nik,
      nomor: nomorFor(type, subject, family),
      issuedAt: FIXTURE_ISSUED_AT,
      issuedIn: 'KOTA BANDUNG',
      official: FIXTURE_OFFICIAL,
    },
    family,
  };
  return templateInputSchema.parse(input);
}

/** The ordinary case of every type. */
export function standardFixtures(): Record<DocumentType, TemplateInput> {
  return {
    kk: fixtureInput('kk'),
    ktp: fixtureInput('ktp'),
    kia: fixtureInput('kia'),
    'akta-kelahiran': fixtureInput('akta-kelahiran'),
    'akta-kematian': fixtureInput('akta-kematian'),
  };
}

export const LONG_NAME = 'Raden Mas Muhammad Ṣalāḥuddīn Al-Ayyūbi Prawiranegara Kusumawardhana Hadiningrat';
export const LONG_NAME_2 = "Ni Luh Putu Ayu Widyastuti Kusumaningrum Dewi Saraswati Anak Agung Ngurah Rai'ya";

/** Every name, place and address at its longest plausible length. */
export function longNameFamily(): Family {
  const head = { ...HEAD, namaLengkap: LONG_NAME, tempatLahir: 'Kabupaten Kepulauan Siau Tagulandang Biaro', namaAyah: 'Raden Mas Haji Abdul Karim Prawiranegara Kusumawardhana Hadiningrat' };
  const wife = { ...WIFE, namaLengkap: LONG_NAME_2, namaIbu: 'Anak Agung Istri Ayu Made Sukerti Kusumawardhani Dewi Saraswati' };
  const child = { ...CHILD, namaLengkap: LONG_NAME.replace('Raden Mas', 'Raden'), namaAyah: LONG_NAME, namaIbu: LONG_NAME_2, kelahiran: { nomorAkta: '3273-LT-10122012-0042', anakKe: 12, tempatKelahiran: 'Rumah Sakit Umum Daerah Kabupaten Kepulauan Siau Tagulandang Biaro', pukul: '07:45' } };
  const grandpa = GRANDFATHER.kematian === null ? GRANDFATHER : { ...GRANDFATHER, namaLengkap: `${LONG_NAME} Sepuh`, kematian: { ...GRANDFATHER.kematian, tempatKematian: 'Rumah Sakit Umum Pusat Dr. Hasan Sadikin Bandung, Ruang Instalasi Gawat Darurat', pelapor: { ...GRANDFATHER.kematian.pelapor, nama: LONG_NAME } } };
  return {
    noKk: NO_KK,
    kepalaKeluargaNik: head.nik,
    address: { ...FIXTURE_ADDRESS, alamat: 'Jalan Raya Cihampelas Gang Kenanga Tujuh Belas Blok C-12 Nomor 123A, Kompleks Perumahan Griya Asri Permai', kelurahan: 'Cipaganti Kulon Wetan Lebak', kecamatan: 'Kecamatan Coblong Tengah Baru' },
    members: [head, wife, child, TODDLER, grandpa],
  };
}

/** Optional fields all missing (printed as "-"). */
export function missingFieldsFamily(): Family {
  const blank = (p: Person): Person => ({ ...p, tanggalPerkawinan: null, noPaspor: null, noKitap: null, namaAyah: null, namaIbu: null });
  const child = blank({ ...CHILD, kelahiran: CHILD.kelahiran === null ? null : { ...CHILD.kelahiran, pukul: null } });
  const grandpa = blank({ ...GRANDFATHER, kematian: GRANDFATHER.kematian === null ? null : { ...GRANDFATHER.kematian, pukul: null, sebab: null } });
  return fixtureFamily([blank(HEAD), blank(WIFE), child, blank(TODDLER), grandpa]);
}

/** Twelve members with all seven religions (continuation page on the KK). */
export function twelveMemberFamily(): Family {
  const names = ['Yohanes Baptista Sitorus', 'Maria Goretti Simanjuntak', 'I Gede Bagus Mahendra', 'Siddharta Wijaya', 'Kong Hu Liong', 'Sunarto Kejawen', 'Ahmad Fauzi', 'Fransiska Romana', 'Komang Ayu Lestari', 'Lie Mei Ling'];
  const religions: Agama[] = ['KRISTEN', 'KATHOLIK', 'HINDU', 'BUDHA', 'KHONGHUCU', 'KEPERCAYAAN TERHADAP TUHAN YME', 'ISLAM', 'KATHOLIK', 'HINDU', 'BUDHA'];
  const extra = names.map((nama, i) =>
    fixturePerson(
      { nama, sex: i % 2 === 0 ? 'LAKI-LAKI' : 'PEREMPUAN', birth: `${2000 + i}-0${(i % 9) + 1}-1${i % 9}`, serial: 10 + i, hubungan: i < 6 ? 'ANAK' : 'FAMILI LAIN', agama: religions[i] ?? 'ISLAM' },
      i === 3 ? { kewarganegaraan: 'WNA', noPaspor: 'X1234567', noKitap: '2C11AB1234-Q' } : {},
    ),
  );
  return fixtureFamily([HEAD, WIFE, ...extra]);
}

export const ALL_RELIGIONS: readonly Agama[] = AGAMA;

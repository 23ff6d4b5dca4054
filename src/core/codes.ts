/** SIAK code lists, spelt as SIAK prints them. */
export const AGAMA = ['ISLAM', 'KRISTEN', 'KATHOLIK', 'HINDU', 'BUDHA', 'KHONGHUCU', 'KEPERCAYAAN TERHADAP TUHAN YME'] as const;
export type Agama = (typeof AGAMA)[number];

export const PENDIDIKAN = [
  'TIDAK/BELUM SEKOLAH',
  'BELUM TAMAT SD/SEDERAJAT',
  'TAMAT SD/SEDERAJAT',
  'SLTP/SEDERAJAT',
  'SLTA/SEDERAJAT',
  'DIPLOMA I/II',
  'AKADEMI/DIPLOMA III/S. MUDA',
  'DIPLOMA IV/STRATA I',
  'STRATA II',
  'STRATA III',
] as const;
export type Pendidikan = (typeof PENDIDIKAN)[number];

export const STATUS_PERKAWINAN = [
  'BELUM KAWIN',
  'KAWIN TERCATAT',
  'KAWIN BELUM TERCATAT',
  'CERAI HIDUP TERCATAT',
  'CERAI HIDUP BELUM TERCATAT',
  'CERAI MATI',
] as const;
export type StatusPerkawinan = (typeof STATUS_PERKAWINAN)[number];

export const STATUS_HUBUNGAN = [
  'KEPALA KELUARGA',
  'SUAMI',
  'ISTRI',
  'ANAK',
  'MENANTU',
  'CUCU',
  'ORANGTUA',
  'MERTUA',
  'FAMILI LAIN',
  'PEMBANTU',
  'LAINNYA',
] as const;
export type StatusHubungan = (typeof STATUS_HUBUNGAN)[number];

export const GOLONGAN_DARAH = ['A', 'B', 'AB', 'O', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'TIDAK TAHU'] as const;
export type GolonganDarah = (typeof GOLONGAN_DARAH)[number];

export const JENIS_KELAMIN = ['LAKI-LAKI', 'PEREMPUAN'] as const;
export type JenisKelamin = (typeof JENIS_KELAMIN)[number];

export const KEWARGANEGARAAN = ['WNI', 'WNA'] as const;
export type Kewarganegaraan = (typeof KEWARGANEGARAAN)[number];

/**
 * Jenis pekerjaan as SIAK numbers them. Entries 21-87 are not all listed in our sources;
 * the kiosk carries the ones the demo registry and templates use and accepts any
 * upper-case text from a real registry.
 */
export const JENIS_PEKERJAAN: Readonly<Record<number, string>> = {
  1: 'BELUM/TIDAK BEKERJA',
  2: 'MENGURUS RUMAH TANGGA',
  3: 'PELAJAR/MAHASISWA',
  4: 'PENSIUNAN',
  5: 'APARATUR SIPIL NEGARA (ASN)',
  6: 'TENTARA NASIONAL INDONESIA (TNI)',
  7: 'KEPOLISIAN RI (POLRI)',
  8: 'PERDAGANGAN',
  9: 'PETANI/PEKEBUN',
  10: 'PETERNAK',
  11: 'NELAYAN/PERIKANAN',
  12: 'INDUSTRI',
  13: 'KONSTRUKSI',
  14: 'TRANSPORTASI',
  15: 'KARYAWAN SWASTA',
  16: 'KARYAWAN BUMN',
  17: 'KARYAWAN BUMD',
  18: 'KARYAWAN HONORER',
  19: 'BURUH HARIAN LEPAS',
  20: 'BURUH TANI/PERKEBUNAN',
  88: 'WIRASWASTA',
  89: 'LAINNYA',
};

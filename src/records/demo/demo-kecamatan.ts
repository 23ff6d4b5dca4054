/**
 * The kecamatan the demo population lives in (six-digit Kemendagri codes). Their names and
 * desa/kelurahan come from the area dataset: `scripts/generate-areas.ts` writes them into
 * `areas-data.ts`; run `npm run gen:areas` after changing this list.
 */
export const DEMO_KECAMATAN_CODES: readonly string[] = [
  '317407', '317409', // Jakarta Selatan: Kebayoran Baru, Jagakarsa
  '317503', '317507', // Jakarta Timur: Jatinegara, Duren Sawit
  '327301', '327302', '327320', // Kota Bandung: Sukasari, Coblong, Antapani
  '320101', '320124', // Kabupaten Bogor: Cibinong, Ciawi
  '320818', // Kabupaten Kuningan: Cigugur
  '337401', '337411', // Kota Semarang: Semarang Tengah, Banyumanik
  '331008', // Kabupaten Klaten: Jogonalan
  '340407', '340412', // Kabupaten Sleman: Depok, Ngaglik
  '347103', '347109', // Kota Yogyakarta: Gondokusuman, Kraton
  '357804', '357809', // Kota Surabaya: Wonokromo, Sukolilo
  '350724', // Kabupaten Malang: Singosari
  '127117', '127119', // Kota Medan: Medan Baru, Medan Petisah
  '121201', // Kabupaten Toba: Balige
  '137104', '137111', // Kota Padang: Padang Utara, Koto Tangah
  '137501', // Kota Bukittinggi: Guguak Panjang
  '517101', '517102', // Kota Denpasar: Denpasar Selatan, Denpasar Timur
  '510405', // Kabupaten Gianyar: Ubud
  '737109', '737114', // Kota Makassar: Panakkukang, Tamalanrea
  '730821', // Kabupaten Bone: Tanete Riattang
  '917101', '917103', // Kota Jayapura: Jayapura Utara, Abepura
  '910301', // Kabupaten Jayapura: Sentani
  '617101', '617103', // Kota Pontianak: Pontianak Selatan, Pontianak Barat
  '617202', // Kota Singkawang: Singkawang Barat
  '537101', '537104', // Kota Kupang: Alak, Oebobo
];

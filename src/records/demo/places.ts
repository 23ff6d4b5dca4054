import { PROVINCES } from '../../core/regions.ts';

/**
 * Places for the demo data: real kabupaten/kota, kecamatan and kelurahan names with
 * plausible Kemendagri codes and postcodes. The codes are close to the official ones but
 * not authoritative: this is demo data, not a gazetteer.
 */

export interface Kelurahan {
  readonly name: string;
  readonly kodePos: string;
}

export interface Kecamatan {
  /** Six digits: province, kabupaten/kota, kecamatan. */
  readonly code: string;
  readonly name: string;
  readonly kelurahan: readonly Kelurahan[];
}

export interface Regency {
  /** Four digits: province and kabupaten/kota. */
  readonly code: string;
  /** As printed on documents: "KOTA BANDUNG", "KABUPATEN SLEMAN"; DKI's cities by their bare name. */
  readonly name: string;
  /** The short form used as a place of birth or death: "BANDUNG". */
  readonly town: string;
  /** Street or hamlet names; an address is "<prefix> <street> NO. <n>". */
  readonly streets: readonly string[];
  readonly streetPrefix: 'JL.' | 'KP.' | 'DUSUN' | 'BANJAR' | 'HUTA' | 'JORONG' | 'GG.';
  readonly hospitals: readonly string[];
  readonly kecamatan: readonly Kecamatan[];
}

export interface ProvincePlaces {
  readonly code: string;
  readonly name: string;
  readonly regencies: readonly Regency[];
}

const kel = (name: string, kodePos: string): Kelurahan => ({ name, kodePos });

const PLACES_RAW: readonly Omit<ProvincePlaces, 'name'>[] = [
  {
    code: '31',
    regencies: [
      {
        code: '3171', name: 'JAKARTA SELATAN', town: 'JAKARTA', streetPrefix: 'JL.',
        streets: ['WIJAYA I', 'SENOPATI', 'MOH. KAHFI II', 'KEBAGUSAN RAYA', 'TANJUNG BARAT'],
        hospitals: ['RS FATMAWATI', 'RSUD PASAR MINGGU'],
        kecamatan: [
          { code: '317101', name: 'JAGAKARSA', kelurahan: [kel('SRENGSENG SAWAH', '12640'), kel('CIPEDAK', '12630'), kel('TANJUNG BARAT', '12530')] },
          { code: '317106', name: 'KEBAYORAN BARU', kelurahan: [kel('GUNUNG', '12120'), kel('SENAYAN', '12190'), kel('MELAWAI', '12160')] },
        ],
      },
      {
        code: '3172', name: 'JAKARTA TIMUR', town: 'JAKARTA', streetPrefix: 'GG.',
        streets: ['MANGGIS', 'KELAPA DUA', 'H. NAMAN', 'PERCETAKAN NEGARA'],
        hospitals: ['RSUD DUREN SAWIT', 'RS PERSAHABATAN'],
        kecamatan: [
          { code: '317205', name: 'DUREN SAWIT', kelurahan: [kel('PONDOK BAMBU', '13430'), kel('KLENDER', '13470')] },
          { code: '317210', name: 'JATINEGARA', kelurahan: [kel('CIPINANG BESAR UTARA', '13410'), kel('BALI MESTER', '13310')] },
        ],
      },
    ],
  },
  {
    code: '32',
    regencies: [
      {
        code: '3273', name: 'KOTA BANDUNG', town: 'BANDUNG', streetPrefix: 'JL.',
        streets: ['DIPATIUKUR', 'TUBAGUS ISMAIL', 'SEKELOA SELATAN', 'GEGERKALONG HILIR', 'TERUSAN JAKARTA', 'CIHAMPELAS'],
        hospitals: ['RSUP DR. HASAN SADIKIN', 'RS BORROMEUS', 'RSIA HARAPAN BUNDA'],
        kecamatan: [
          { code: '327311', name: 'COBLONG', kelurahan: [kel('DAGO', '40135'), kel('LEBAK SILIWANGI', '40132'), kel('SEKELOA', '40134')] },
          { code: '327301', name: 'SUKASARI', kelurahan: [kel('GEGERKALONG', '40153'), kel('ISOLA', '40154')] },
          { code: '327318', name: 'ANTAPANI', kelurahan: [kel('ANTAPANI KIDUL', '40291'), kel('ANTAPANI TENGAH', '40291')] },
        ],
      },
      {
        code: '3201', name: 'KABUPATEN BOGOR', town: 'BOGOR', streetPrefix: 'KP.',
        streets: ['CIBEUREUM', 'SUKAMANAH', 'BABAKAN', 'PASIR JAMBU', 'CILEUNGSI HILIR'],
        hospitals: ['RSUD CIBINONG', 'PUSKESMAS CIAWI'],
        kecamatan: [
          { code: '320101', name: 'CIBINONG', kelurahan: [kel('PAKANSARI', '16915'), kel('CIRIMEKAR', '16917')] },
          { code: '320117', name: 'CIAWI', kelurahan: [kel('BANJARWANGI', '16720'), kel('BENDUNGAN', '16720')] },
        ],
      },
      {
        code: '3208', name: 'KABUPATEN KUNINGAN', town: 'KUNINGAN', streetPrefix: 'KP.',
        streets: ['PALEBAR', 'WAGE', 'CIGUGUR GIRANG', 'MAYASARI'],
        hospitals: ['RSUD 45 KUNINGAN'],
        kecamatan: [{ code: '320820', name: 'CIGUGUR', kelurahan: [kel('CIGUGUR', '45552'), kel('CIPARI', '45552')] }],
      },
    ],
  },
  {
    code: '33',
    regencies: [
      {
        code: '3374', name: 'KOTA SEMARANG', town: 'SEMARANG', streetPrefix: 'JL.',
        streets: ['GANG PINGGIR', 'WOTGANDUL TIMUR', 'BANYUMANIK RAYA', 'SETIABUDI', 'PANDANARAN'],
        hospitals: ['RSUP DR. KARIADI', 'RS TELOGOREJO'],
        kecamatan: [
          { code: '337401', name: 'SEMARANG TENGAH', kelurahan: [kel('KRANGGAN', '50137'), kel('PEKUNDEN', '50134'), kel('MIROTO', '50134')] },
          { code: '337409', name: 'BANYUMANIK', kelurahan: [kel('SRONDOL WETAN', '50263'), kel('PUDAKPAYUNG', '50265')] },
        ],
      },
      {
        code: '3310', name: 'KABUPATEN KLATEN', town: 'KLATEN', streetPrefix: 'DUSUN',
        streets: ['NGEMPLAK', 'KRAJAN', 'GONDANGREJO', 'SIDOMULYO'],
        hospitals: ['RSUP DR. SOERADJI TIRTONEGORO', 'PUSKESMAS JOGONALAN'],
        kecamatan: [{ code: '331013', name: 'JOGONALAN', kelurahan: [kel('PRAWATAN', '57452'), kel('TEGALMAS', '57452')] }],
      },
    ],
  },
  {
    code: '34',
    regencies: [
      {
        code: '3404', name: 'KABUPATEN SLEMAN', town: 'SLEMAN', streetPrefix: 'DUSUN',
        streets: ['KARANGGAYAM', 'NGROPOH', 'SANTREN', 'PANDEYAN', 'KRAPYAK'],
        hospitals: ['RSUD SLEMAN', 'RS PANTI RAPIH'],
        kecamatan: [
          { code: '340407', name: 'DEPOK', kelurahan: [kel('CATURTUNGGAL', '55281'), kel('MAGUWOHARJO', '55282'), kel('CONDONGCATUR', '55283')] },
          { code: '340412', name: 'NGAGLIK', kelurahan: [kel('SARIHARJO', '55581'), kel('SINDUHARJO', '55581')] },
        ],
      },
      {
        code: '3471', name: 'KOTA YOGYAKARTA', town: 'YOGYAKARTA', streetPrefix: 'JL.',
        streets: ['ROTOWIJAYAN', 'PATEHAN KIDUL', 'CIK DI TIRO', 'SUROTO', 'KRATON'],
        hospitals: ['RSUP DR. SARDJITO', 'RS BETHESDA'],
        kecamatan: [
          { code: '347110', name: 'KRATON', kelurahan: [kel('PATEHAN', '55133'), kel('KADIPATEN', '55132')] },
          { code: '347107', name: 'GONDOKUSUMAN', kelurahan: [kel('TERBAN', '55223'), kel('KOTABARU', '55224')] },
        ],
      },
    ],
  },
  {
    code: '35',
    regencies: [
      {
        code: '3578', name: 'KOTA SURABAYA', town: 'SURABAYA', streetPrefix: 'JL.',
        streets: ['JAGIR WONOKROMO', 'NGAGEL JAYA SELATAN', 'KEPUTIH TEGAL', 'KLAMPIS JAYA', 'KEMBANG JEPUN'],
        hospitals: ['RSUD DR. SOETOMO', 'RS WILLIAM BOOTH', 'RSI JEMURSARI'],
        kecamatan: [
          { code: '357807', name: 'WONOKROMO', kelurahan: [kel('JAGIR', '60244'), kel('DARMO', '60241'), kel('NGAGEL REJO', '60245')] },
          { code: '357822', name: 'SUKOLILO', kelurahan: [kel('KEPUTIH', '60111'), kel('KLAMPIS NGASEM', '60117')] },
        ],
      },
      {
        code: '3507', name: 'KABUPATEN MALANG', town: 'MALANG', streetPrefix: 'DUSUN',
        streets: ['KRAJAN', 'BOROBUGIS', 'NGUJUNG', 'GLATIK'],
        hospitals: ['RSUD KANJURUHAN', 'PUSKESMAS SINGOSARI'],
        kecamatan: [{ code: '350718', name: 'SINGOSARI', kelurahan: [kel('ARDIMULYO', '65153'), kel('CANDIRENGGO', '65153')] }],
      },
    ],
  },
  {
    code: '12',
    regencies: [
      {
        code: '1271', name: 'KOTA MEDAN', town: 'MEDAN', streetPrefix: 'JL.',
        streets: ['JAMIN GINTING', 'SEI PADANG', 'KAPTEN MUSLIM', 'SEMARANG', 'HUSNI THAMRIN'],
        hospitals: ['RSUP H. ADAM MALIK', 'RS ST. ELISABETH', 'RS MURNI TEGUH'],
        kecamatan: [
          { code: '127109', name: 'MEDAN BARU', kelurahan: [kel('PADANG BULAN', '20155'), kel('TITI RANTAI', '20157')] },
          { code: '127113', name: 'MEDAN PETISAH', kelurahan: [kel('PETISAH TENGAH', '20111'), kel('SEI PUTIH BARAT', '20118')] },
        ],
      },
      {
        code: '1212', name: 'KABUPATEN TOBA', town: 'BALIGE', streetPrefix: 'HUTA',
        streets: ['NAPITUPULU', 'LUMBAN GORAT', 'SIBOLAHOTANG', 'PARDEDE ONAN'],
        hospitals: ['RSUD PORSEA', 'RS HKBP BALIGE'],
        kecamatan: [{ code: '121203', name: 'BALIGE', kelurahan: [kel('NAPITUPULU BAGASAN', '22312'), kel('SANGKAR NIHUTA', '22312'), kel('LUMBAN DOLOK HAUMABANGE', '22313')] }],
      },
    ],
  },
  {
    code: '13',
    regencies: [
      {
        code: '1371', name: 'KOTA PADANG', town: 'PADANG', streetPrefix: 'JL.',
        streets: ['KHATIB SULAIMAN', 'ULAK KARANG', 'BY PASS', 'GAJAH MADA', 'ADINEGORO'],
        hospitals: ['RSUP DR. M. DJAMIL', 'RS SITI RAHMAH'],
        kecamatan: [
          { code: '137105', name: 'PADANG UTARA', kelurahan: [kel('AIR TAWAR BARAT', '25132'), kel('ULAK KARANG SELATAN', '25133')] },
          { code: '137108', name: 'KOTO TANGAH', kelurahan: [kel('LUBUK BUAYA', '25173'), kel('DADOK TUNGGUL HITAM', '25176')] },
        ],
      },
      {
        code: '1375', name: 'KOTA BUKITTINGGI', town: 'BUKITTINGGI', streetPrefix: 'JORONG',
        streets: ['TANGAH SAWAH', 'BIRUGO', 'AUR KUNING', 'KAMPUANG CINO'],
        hospitals: ['RSUD DR. ACHMAD MOCHTAR'],
        kecamatan: [{ code: '137502', name: 'GUGUK PANJANG', kelurahan: [kel('BENTENG PASAR ATAS', '26111'), kel('BUKIK CANGANG KAYU RAMANG', '26116')] }],
      },
    ],
  },
  {
    code: '51',
    regencies: [
      {
        code: '5171', name: 'KOTA DENPASAR', town: 'DENPASAR', streetPrefix: 'BANJAR',
        streets: ['BATANINYUH', 'TEGAL ASSAH', 'KELANDIS', 'PANTI', 'ABIAN TIMBUL'],
        hospitals: ['RSUP PROF. DR. I.G.N.G. NGOERAH', 'RSUD WANGAYA'],
        kecamatan: [
          { code: '517101', name: 'DENPASAR SELATAN', kelurahan: [kel('SANUR', '80228'), kel('PANJER', '80225'), kel('SESETAN', '80223')] },
          { code: '517102', name: 'DENPASAR TIMUR', kelurahan: [kel('KESIMAN', '80237'), kel('SUMERTA', '80236')] },
        ],
      },
      {
        code: '5104', name: 'KABUPATEN GIANYAR', town: 'GIANYAR', streetPrefix: 'BANJAR',
        streets: ['TEGALLANTANG', 'KUTUH KAJA', 'PADANG TEGAL', 'TEBESAYA'],
        hospitals: ['RSUD SANJIWANI', 'PUSKESMAS UBUD I'],
        kecamatan: [{ code: '510406', name: 'UBUD', kelurahan: [kel('UBUD', '80571'), kel('PELIATAN', '80571'), kel('MAS', '80571')] }],
      },
    ],
  },
  {
    code: '73',
    regencies: [
      {
        code: '7371', name: 'KOTA MAKASSAR', town: 'MAKASSAR', streetPrefix: 'JL.',
        streets: ['PENGAYOMAN', 'BOULEVARD', 'PERINTIS KEMERDEKAAN', 'SOMBA OPU', 'HERTASNING'],
        hospitals: ['RSUP DR. WAHIDIN SUDIROHUSODO', 'RS STELLA MARIS', 'RSIA SITTI FATIMAH'],
        kecamatan: [
          { code: '737110', name: 'PANAKKUKANG', kelurahan: [kel('PANDANG', '90231'), kel('KARUWISI', '90232')] },
          { code: '737107', name: 'TAMALANREA', kelurahan: [kel('TAMALANREA', '90245'), kel('KAPASA', '90241')] },
        ],
      },
      {
        code: '7308', name: 'KABUPATEN BONE', town: 'WATAMPONE', streetPrefix: 'JL.',
        streets: ['MH. THAMRIN', 'LAPAWAWOI', 'ANDI MALLOMBASANG', 'YOS SUDARSO'],
        hospitals: ['RSUD TENRIAWARU'],
        kecamatan: [{ code: '730817', name: 'TANETE RIATTANG', kelurahan: [kel('MANURUNGE', '92716'), kel('BIRU', '92715'), kel('MACANANG', '92713')] }],
      },
    ],
  },
  {
    code: '91',
    regencies: [
      {
        code: '9171', name: 'KOTA JAYAPURA', town: 'JAYAPURA', streetPrefix: 'JL.',
        streets: ['DOK V ATAS', 'ANGKASA INDAH', 'PASIR DUA', 'RAYA ABEPURA', 'KOTARAJA DALAM'],
        hospitals: ['RSUD JAYAPURA', 'RS DIAN HARAPAN'],
        kecamatan: [
          { code: '917101', name: 'JAYAPURA UTARA', kelurahan: [kel('BAYANGKARA', '99112'), kel('TANJUNG RIA', '99117')] },
          { code: '917104', name: 'ABEPURA', kelurahan: [kel('KOTA BARU', '99351'), kel('AWIYO', '99351')] },
        ],
      },
      {
        code: '9103', name: 'KABUPATEN JAYAPURA', town: 'SENTANI', streetPrefix: 'JL.',
        streets: ['KEMIRI', 'YAHIM', 'SOSIAL', 'RAYA SENTANI'],
        hospitals: ['RSUD YOWARI'],
        kecamatan: [{ code: '910303', name: 'SENTANI', kelurahan: [kel('HINEKOMBE', '99352'), kel('SENTANI KOTA', '99359')] }],
      },
    ],
  },
  {
    code: '61',
    regencies: [
      {
        code: '6171', name: 'KOTA PONTIANAK', town: 'PONTIANAK', streetPrefix: 'GG.',
        streets: ['GAJAH MADA', 'DIPONEGORO', 'SIAM', 'TANJUNGPURA', 'SUNGAI JAWI'],
        hospitals: ['RSUD DR. SOEDARSO', 'RS ST. ANTONIUS'],
        kecamatan: [
          { code: '617103', name: 'PONTIANAK BARAT', kelurahan: [kel('SUNGAI BELIUNG', '78113'), kel('PAL LIMA', '78114')] },
          { code: '617102', name: 'PONTIANAK SELATAN', kelurahan: [kel('BENUA MELAYU DARAT', '78122'), kel('DARAT SEKIP', '78117')] },
        ],
      },
      {
        code: '6172', name: 'KOTA SINGKAWANG', town: 'SINGKAWANG', streetPrefix: 'JL.',
        streets: ['BUDI UTOMO', 'KEPOL MACHMUD', 'SEJAHTERA', 'SALIGADO'],
        hospitals: ['RSUD ABDUL AZIZ', 'RS SANTO VINCENTIUS'],
        kecamatan: [{ code: '617201', name: 'SINGKAWANG BARAT', kelurahan: [kel('PASIRAN', '79123'), kel('MELAYU', '79122')] }],
      },
    ],
  },
  {
    code: '53',
    regencies: [
      {
        code: '5371', name: 'KOTA KUPANG', town: 'KUPANG', streetPrefix: 'JL.',
        streets: ['EL TARI', 'FRANS SEDA', 'W.J. LALAMENTIK', 'SUMBA'],
        hospitals: ['RSUD PROF. DR. W.Z. JOHANNES', 'RS ST. CAROLUS BORROMEUS'],
        kecamatan: [
          { code: '537104', name: 'OEBOBO', kelurahan: [kel('OEBOBO', '85111'), kel('FATULULI', '85111')] },
          { code: '537101', name: 'ALAK', kelurahan: [kel('NUN BAUN SABU', '85231'), kel('NAMOSAIN', '85231')] },
        ],
      },
    ],
  },
];

export const PLACES: readonly ProvincePlaces[] = PLACES_RAW.map((p) => {
  const name = PROVINCES[p.code];
  if (name === undefined) throw new Error(`demo places: unknown province ${p.code}`);
  return { ...p, name };
});

export function regency(code: string): { province: ProvincePlaces; regency: Regency } {
  for (const province of PLACES) {
    const found = province.regencies.find((r) => r.code === code);
    if (found !== undefined) return { province, regency: found };
  }
  throw new Error(`demo places: unknown kabupaten/kota ${code}`);
}

/** "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA BANDUNG"; DKI's dinas is provincial. */
export function dinasTitle(province: ProvincePlaces, reg: Regency): string {
  const base = 'KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL';
  return province.code === '31' ? `${base} PROVINSI DKI JAKARTA` : `${base} ${reg.name}`;
}

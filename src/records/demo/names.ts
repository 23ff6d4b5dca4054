import type { Agama, JenisKelamin } from '../../core/codes.ts';
import type { Prng } from './prng.ts';

/**
 * Personal names for the demo data, by naming tradition. Names are written in mixed case
 * as people write them; templates upper-case them where the document prints capitals.
 * Every name here is made up from common parts; none is meant to be a real person.
 */

export type CultureId = 'javanese' | 'sundanese' | 'batak' | 'minang' | 'balinese' | 'bugis' | 'papuan' | 'chinese' | 'ntt';

/** Born before 1966, 1966-1995, after 1995: names follow the fashion of the time. */
export type Generation = 'old' | 'adult' | 'young';

/** What a family line passes on: a marga, fam or surname, a Balinese or Bugis title. */
export interface Lineage {
  readonly culture: CultureId;
  readonly surname: string | null;
  /** Chinese-Indonesian: the older, Chinese form of the surname (Liem for Salim). */
  readonly oldSurname: string | null;
  readonly title: string | null;
}

export interface NameRequest {
  readonly sex: JenisKelamin;
  readonly generation: Generation;
  /** Birth order among siblings, 1-based (Balinese names depend on it). */
  readonly order: number;
  readonly lineage: Lineage;
  readonly agama: Agama;
}

export interface Culture {
  readonly id: CultureId;
  /** Religions in this tradition's families, with weights. */
  readonly religions: readonly (readonly [Agama, number])[];
  /** A family line; `avoid` is a surname it must differ from (Batak marga are exogamous). */
  lineage(rng: Prng, agama: Agama, avoid?: string | null): Lineage;
  name(rng: Prng, request: NameRequest): string;
}

export function generationOf(birthYear: number): Generation {
  if (birthYear < 1966) return 'old';
  if (birthYear < 1996) return 'adult';
  return 'young';
}

type Bank = Readonly<Record<Generation, readonly string[]>>;

const plain = (culture: CultureId): Lineage => ({ culture, surname: null, oldSurname: null, title: null });

/** "first [last]" from two banks per sex and generation. */
function twoPart(rng: Prng, first: Bank, last: Bank, generation: Generation, lastChance: number): string {
  const head = rng.pick(first[generation]);
  return rng.chance(lastChance) ? `${head} ${rng.pick(last[generation])}` : head;
}

function isChristian(agama: Agama): boolean {
  return agama === 'KRISTEN' || agama === 'KATHOLIK';
}

function isMuslim(agama: Agama): boolean {
  return agama === 'ISLAM';
}

const BAPTISMAL = {
  KATHOLIK: { m: ['Yohanes', 'Antonius', 'Fransiskus', 'Ignatius', 'Albertus', 'Yoseph', 'Stefanus'], f: ['Maria', 'Theresia', 'Caecilia', 'Agnes', 'Bernadeta', 'Veronika', 'Anastasia'] },
  KRISTEN: { m: ['Daniel', 'Yosua', 'Samuel', 'Timotius', 'Yakub'], f: ['Debora', 'Ruth', 'Ester', 'Lidya', 'Hana'] },
} as const;

function baptismal(rng: Prng, agama: Agama, sex: JenisKelamin): string | null {
  if (agama !== 'KATHOLIK' && agama !== 'KRISTEN') return null;
  return rng.pick(BAPTISMAL[agama][sex === 'LAKI-LAKI' ? 'm' : 'f']);
}

// ---------------------------------------------------------------- Javanese

const JAVANESE = {
  m: {
    first: {
      old: ['Sumarno', 'Sukiman', 'Paimin', 'Tukiyo', 'Suparman', 'Mulyono', 'Karto', 'Sastro', 'Hadi', 'Wagimin', 'Darmo'],
      adult: ['Budi', 'Agus', 'Bambang', 'Eko', 'Joko', 'Heru', 'Wahyu', 'Teguh', 'Slamet', 'Dwi', 'Bayu', 'Sigit', 'Hari', 'Yudi', 'Ma\'ruf'],
      young: ['Rizky', 'Aditya', 'Dimas', 'Fajar', 'Galih', 'Bagus', 'Arya', 'Raka', 'Bima', 'Naufal', 'Yoga', 'Ilham'],
    },
    last: {
      old: ['Wiyono', 'Sudarmo', 'Sumarto', 'Atmojo', 'Wiryo', 'Prawiro'],
      adult: ['Santoso', 'Setiawan', 'Riyanto', 'Prasetyo', 'Susilo', 'Purnomo', 'Hidayat', 'Wibowo', 'Riyadi', 'Cahyono', 'Nugroho', 'Saputro', 'Wicaksono', 'Handoko'],
      young: ['Pratama', 'Saputra', 'Nugroho', 'Wicaksana', 'Ramadhan', 'Firmansyah', 'Prakoso', 'Wijanarko', 'Setiawan'],
    },
  },
  f: {
    first: {
      old: ['Sumiyati', 'Painem', 'Tukinem', 'Sukarti', 'Wagiyem', 'Suparmi', 'Ngatini', 'Sri', 'Siti'],
      adult: ['Sri', 'Endang', 'Rini', 'Dewi', 'Ratna', 'Wulan', 'Tri', 'Puji', 'Yuni', 'Siti', 'Dyah', 'Retno', 'Indah', 'Nur\'aini'],
      young: ['Nayla', 'Putri', 'Aulia', 'Anisa', 'Salsabila', 'Citra', 'Dinda', 'Laras', 'Ayu', 'Nadia', 'Kirana', 'Zahra'],
    },
    last: {
      old: ['Rejeki', 'Rahayu', 'Mulyani', 'Suwarni', 'Wasini'],
      adult: ['Lestari', 'Wahyuni', 'Rahayu', 'Astuti', 'Handayani', 'Susilowati', 'Sulistyowati', 'Kusumawati', 'Purwaningsih', 'Rahmawati', 'Widayati'],
      young: ['Lestari', 'Rahmawati', 'Puspita', 'Anggraini', 'Maharani', 'Kusuma', 'Pratiwi', 'Safitri', 'Ramadhani'],
    },
  },
} as const;

const javanese: Culture = {
  id: 'javanese',
  religions: [['ISLAM', 80], ['KATHOLIK', 8], ['KRISTEN', 8], ['KEPERCAYAAN TERHADAP TUHAN YME', 2]],
  lineage: () => plain('javanese'),
  name(rng, { sex, generation, agama }) {
    const bank = sex === 'LAKI-LAKI' ? JAVANESE.m : JAVANESE.f;
    const base = twoPart(rng, bank.first, bank.last, generation, generation === 'old' ? 0.35 : 0.9);
    const christian = isChristian(agama) && generation !== 'old' && rng.chance(0.7) ? baptismal(rng, agama, sex) : null;
    return christian === null ? base : `${christian} ${base}`;
  },
};

// ---------------------------------------------------------------- Sundanese

const SUNDANESE = {
  m: {
    first: {
      old: ['Dadang', 'Engkos', 'Oman', 'Atang', 'Ukar', 'Usep', 'Endang', 'Otong'],
      adult: ['Asep', 'Ujang', 'Cecep', 'Dede', 'Yayan', 'Ade', 'Iwan', 'Hendra', 'Deden', 'Aep', 'Dadan'],
      young: ['Rafi', 'Fikri', 'Reza', 'Gilang', 'Rendi', 'Dafa', 'Alif', 'Ikhsan', 'Raihan'],
    },
    last: {
      old: ['Sunarya', 'Kosasih', 'Suryana', 'Sutisna', 'Rukmana', 'Hidayat'],
      adult: ['Saepudin', 'Kurniawan', 'Hermawan', 'Permana', 'Gunawan', 'Ruhiyat', 'Supriatna', 'Mulyana', 'Sopandi'],
      young: ['Maulana', 'Ramdani', 'Firdaus', 'Nugraha', 'Permana', 'Hidayatullah'],
    },
  },
  f: {
    first: {
      old: ['Euis', 'Enok', 'Icih', 'Iyoh', 'Entin', 'Cucu', 'Imas'],
      adult: ['Neneng', 'Yeni', 'Iis', 'Lilis', 'Rina', 'Nining', 'Yanti', 'Wiwin', 'Tuti', 'Eneng'],
      young: ['Siti', 'Nurul', 'Syifa', 'Rizka', 'Elsa', 'Tiara', 'Alya', 'Hana', 'Nisa'],
    },
    last: {
      old: ['Rukmini', 'Komalasari', 'Rohaeti', 'Suminar', 'Kurniasih'],
      adult: ['Nurhasanah', 'Rahayu', 'Komariah', 'Maryati', 'Sumiati', 'Herawati', 'Kartika', 'Nurjanah'],
      young: ['Nuraini', 'Fauziah', 'Awaliyah', 'Rahmadani', 'Sholihah', 'Azzahra', 'Nurfadilah'],
    },
  },
} as const;

const sundanese: Culture = {
  id: 'sundanese',
  religions: [['ISLAM', 96], ['KRISTEN', 2], ['KEPERCAYAAN TERHADAP TUHAN YME', 2]],
  lineage: () => plain('sundanese'),
  name(rng, { sex, generation }) {
    const bank = sex === 'LAKI-LAKI' ? SUNDANESE.m : SUNDANESE.f;
    return twoPart(rng, bank.first, bank.last, generation, 0.8);
  },
};

// ---------------------------------------------------------------- Batak

const TOBA_MARGA = ['Simanjuntak', 'Siregar', 'Nainggolan', 'Hutapea', 'Sitompul', 'Situmorang', 'Pardede', 'Manurung', 'Sihombing', 'Napitupulu', 'Hutagalung', 'Panjaitan', 'Simatupang', 'Tampubolon', 'Silalahi', 'Sinaga'];
const MANDAILING_MARGA = ['Lubis', 'Nasution', 'Harahap', 'Hasibuan', 'Daulay', 'Batubara', 'Pulungan'];
const BATAK_CHRISTIAN = {
  m: { old: ['Tumpal', 'Binsar', 'Parlindungan', 'Maruli', 'Hotman', 'Sahat', 'Lamhot', 'Pangihutan', 'Togar'], adult: ['Jonggi', 'Rudolf', 'Hendrik', 'Bonar', 'Freddy', 'Martin', 'Daniel', 'Roy', 'Maruli Tua'], young: ['Kevin', 'Joshua', 'Samuel', 'Yosua', 'Gabriel', 'Immanuel', 'Christian'] },
  f: { old: ['Rosmawati', 'Tiurma', 'Nurmaida', 'Rosita', 'Lasmaria', 'Tiominar', 'Dorlan'], adult: ['Romauli', 'Debora', 'Lasma', 'Sondang', 'Hotnida', 'Erna', 'Rotua', 'Melati'], young: ['Grace', 'Angelina', 'Natalia', 'Yohana', 'Putri', 'Sarah', 'Cindy'] },
} as const;
const BATAK_MUSLIM = {
  m: { old: ['Ahmad Syukri', 'Abdul Halim', 'Muhammad Yunus', 'Harun'], adult: ['Ridwan', 'Syahrul', 'Muhammad Iqbal', 'Zulfikar', 'Irfan Hakim'], young: ['Muhammad Rafi', 'Fadhil', 'Hafiz', 'Ahmad Fauzan', 'Rayyan'] },
  f: { old: ['Nurhalimah', 'Siti Hajar', 'Maimunah', 'Rukiah'], adult: ['Rahmadani', 'Fitri', 'Nurhasanah', 'Sri Wahyuni', 'Ernawati'], young: ['Aisyah', 'Nabila', 'Khairunnisa', 'Zahra', 'Syakila'] },
} as const;

const batak: Culture = {
  id: 'batak',
  religions: [['KRISTEN', 62], ['KATHOLIK', 18], ['ISLAM', 18], ['KEPERCAYAAN TERHADAP TUHAN YME', 2]],
  lineage(rng, agama, avoid) {
    const pool = (isMuslim(agama) ? MANDAILING_MARGA : TOBA_MARGA).filter((m) => m !== avoid);
    return { culture: 'batak', surname: rng.pick(pool), oldSurname: null, title: null };
  },
  name(rng, { sex, generation, lineage, agama }) {
    const bank = isMuslim(agama) ? BATAK_MUSLIM : BATAK_CHRISTIAN;
    const given = rng.pick(sex === 'LAKI-LAKI' ? bank.m[generation] : bank.f[generation]);
    const marga = lineage.surname ?? rng.pick(TOBA_MARGA);
    if (sex === 'PEREMPUAN' && (generation !== 'young' || rng.chance(0.3))) return `${given} Br. ${marga}`;
    return `${given} ${marga}`;
  },
};

// ---------------------------------------------------------------- Minang

const MINANG = {
  m: {
    old: ['Syamsul Bahri', 'Zainal Abidin', 'Darwis', 'Nasrul', 'Yunus', 'Basri', 'Anwar', 'Syahrial'],
    adult: ['Afrizal', 'Zulkifli', 'Syafrizal', 'Yusrizal', 'Hendri Putra', 'Rahmat Hidayat', 'Fadli Efendi', 'Irwan Syahputra', 'Defri Hamdani', 'Erizon'],
    young: ['Muhammad Fadhil', 'Rafif Alfarizi', 'Habib Maulana', 'Zaki Ramadhan', 'Farhan Al-Ghifari', 'Dzaky Hanif', 'Ahmad Rasyid'],
  },
  f: {
    old: ['Nurhayati', 'Rosnah', 'Yusnimar', 'Siti Aminah', 'Nurlela', 'Jusniar', 'Ramlah'],
    adult: ['Desmawati', 'Yulia Rahmi', 'Fitri Yeni', 'Rosnita', 'Elvi Susanti', 'Nofriyanti', 'Yusra Dewi', 'Mardiana', 'Rahmi Yuliani'],
    young: ['Aisyah Nur Rahma', 'Khalisa Azzahra', 'Nabila Putri', 'Syakira Hanum', 'Raisa Amelia', 'Fathiya Husna'],
  },
} as const;

const minang: Culture = {
  id: 'minang',
  religions: [['ISLAM', 100]],
  lineage: () => plain('minang'),
  name: (rng, { sex, generation }) => rng.pick(sex === 'LAKI-LAKI' ? MINANG.m[generation] : MINANG.f[generation]),
};

// ---------------------------------------------------------------- Balinese

const BALI_ORDER: readonly (readonly string[])[] = [['Wayan', 'Putu', 'Gede'], ['Made', 'Kadek', 'Nengah'], ['Nyoman', 'Komang'], ['Ketut']];
const BALI_GIVEN = {
  m: ['Sudarma', 'Arsana', 'Suardana', 'Adi Saputra', 'Agus Suryawan', 'Eka Putra', 'Dharma Yasa', 'Bagus Mahendra', 'Mertha', 'Sukadana', 'Artawan', 'Wira Pratama'],
  f: ['Sri Wahyuni', 'Ari Susanti', 'Sukerti', 'Suarni', 'Ayu Lestari', 'Dewi Kartika', 'Sekar Arum', 'Eka Pratiwi', 'Yuliantari', 'Ayu Widyastuti', 'Sukasih'],
} as const;
const BALI_TITLES: readonly (readonly [string | null, number])[] = [[null, 70], ['Ida', 10], ['Anak Agung', 10], ['Gusti', 10]];

const balinese: Culture = {
  id: 'balinese',
  religions: [['HINDU', 100]],
  lineage: (rng) => ({ culture: 'balinese', surname: null, oldSurname: null, title: rng.weighted(BALI_TITLES) }),
  name(rng, { sex, order, lineage }) {
    const male = sex === 'LAKI-LAKI';
    const pool = male ? BALI_GIVEN.m : BALI_GIVEN.f;
    // Titled women's names already carry "Ayu": avoid "Ida Ayu Ayu Lestari".
    const given = rng.pick(lineage.title === null ? pool : pool.filter((n) => !n.startsWith('Ayu')));
    switch (lineage.title) {
      case 'Ida':
        return male ? `Ida Bagus ${given}` : `Ida Ayu ${given}`;
      case 'Anak Agung':
        return male ? `Anak Agung ${rng.pick(['Ngurah', 'Gede'])} ${given}` : `Anak Agung Ayu ${given}`;
      case 'Gusti':
        return male ? `I Gusti Ngurah ${given}` : `I Gusti Ayu ${given}`;
      default: {
        const slot = BALI_ORDER[(Math.max(order, 1) - 1) % 4] ?? ['Wayan'];
        const names = male ? slot : slot.filter((n) => n !== 'Gede');
        const birthName = rng.pick(names);
        return male ? `I ${birthName} ${given}` : `Ni ${rng.chance(0.4) ? 'Luh ' : ''}${birthName} ${given}`;
      }
    }
  },
};

// ---------------------------------------------------------------- Bugis / Makassar

const BUGIS = {
  m: {
    old: ['Baharuddin', 'Syamsuddin', 'Hasanuddin', 'Amiruddin', 'Abdul Rahman', 'Muhammad Arsyad', 'La Tenri'],
    adult: ['Muhammad Ikhsan', 'Syamsul Alam', 'Arifuddin', 'Muh. Yusuf', 'Rusdi Hamzah', 'Irwan Syah', 'Asri Baso', 'Ahmad Mu\'min'],
    young: ['Muhammad Fadlan', 'Ahmad Zaki', 'Muh. Fikri', 'Akbar Maulana', 'Rezky Pratama', 'Muh. Alif'],
  },
  f: {
    old: ['Sitti Aminah', 'Hasnah', 'Becce', 'Nurmiati', 'Sitti Maryam', 'Hadijah'],
    adult: ['Haslinda', 'Rahmawati', 'Megawati', 'Nurhayati', 'Hasnawati', 'Sitti Rahmah', 'Nurhaedah', 'Sukmawati', 'Mu\'minah'],
    young: ['Nurul Inayah', 'Tenri Ajeng', 'Aulia Putri', 'Nur Fadhilah', 'Syahrani', 'Khaerunnisa'],
  },
} as const;

const bugis: Culture = {
  id: 'bugis',
  religions: [['ISLAM', 100]],
  lineage: (rng) => ({ culture: 'bugis', surname: null, oldSurname: null, title: rng.chance(0.3) ? 'Andi' : null }),
  name(rng, { sex, generation, lineage }) {
    const given = rng.pick(sex === 'LAKI-LAKI' ? BUGIS.m[generation] : BUGIS.f[generation]);
    return lineage.title === null ? given : `${lineage.title} ${given}`;
  },
};

// ---------------------------------------------------------------- Papuan and NTT (Christian given names + fam)

const EASTERN_GIVEN = {
  m: { old: ['Yohanes', 'Markus', 'Yakobus', 'Nikolas', 'Petrus', 'Elias', 'Frans'], adult: ['Alberth', 'Yulius', 'Benny', 'Otto', 'Septinus', 'Agustinus', 'Demianus', 'Yance'], young: ['Yosias', 'Natanael', 'Gideon', 'Steven', 'Marthen', 'Ishak', 'Jeremy'] },
  f: { old: ['Yohana', 'Maria', 'Agustina', 'Ribka', 'Martha', 'Debora'], adult: ['Selfina', 'Yuliana', 'Ester', 'Fince', 'Mariana', 'Novita', 'Priscilla', 'Yakomina'], young: ['Angel', 'Yemima', 'Clara', 'Sherly', 'Kezia', 'Febiola', 'Cantika'] },
} as const;
const PAPUAN_FAM = ['Wenda', 'Kogoya', 'Yoku', 'Rumbiak', 'Mandowen', 'Ohee', 'Sanggenafa', 'Wonda', 'Ireeuw', 'Kambu', 'Fonataba', 'Mirino', 'Kaisiepo', 'Rumkorem', 'Hamadi', 'Mebri'];
const NTT_FAM = ['Ndun', 'Manafe', 'Lado', 'Bessie', 'Tefa', 'Nenobais', 'Ratu', 'Kana', 'Riwu', 'Lay', 'Pello', 'Tanone', 'Fanggidae', 'Mooy'];

function eastern(id: 'papuan' | 'ntt', fams: readonly string[], religions: Culture['religions']): Culture {
  return {
    id,
    religions,
    lineage: (rng, _agama, avoid) => ({ culture: id, surname: rng.pick(fams.filter((f) => f !== avoid)), oldSurname: null, title: null }),
    name(rng, { sex, generation, lineage }) {
      const bank = sex === 'LAKI-LAKI' ? EASTERN_GIVEN.m : EASTERN_GIVEN.f;
      const first = rng.pick(bank[generation]);
      const second = rng.chance(0.35) ? ` ${rng.pick(bank.adult.filter((n) => n !== first))}` : '';
      return `${first}${second} ${lineage.surname ?? rng.pick(fams)}`;
    },
  };
}

const papuan = eastern('papuan', PAPUAN_FAM, [['KRISTEN', 75], ['KATHOLIK', 25]]);
const ntt = eastern('ntt', NTT_FAM, [['KRISTEN', 55], ['KATHOLIK', 45]]);

// ---------------------------------------------------------------- Chinese-Indonesian

/** Indonesian surname and the Chinese surname it was formed from. */
const CHINESE_SURNAMES: readonly (readonly [string, string])[] = [
  ['Salim', 'Liem'], ['Wijaya', 'Oei'], ['Halim', 'Lim'], ['Tanoto', 'Tan'], ['Santoso', 'Tan'], ['Kusuma', 'Kwee'],
  ['Hartono', 'Oei'], ['Setiadi', 'The'], ['Tanujaya', 'Tan'], ['Lukito', 'Lie'], ['Gunawan', 'Goei'], ['Sugiarto', 'Ong'],
];
const HAKKA_SURNAMES = ['Bong', 'Tjhai', 'Lo', 'Tjhin', 'Lim', 'Tan', 'Liu', 'Chang'];
const SYLLABLES = {
  m: ['Kim', 'Fui', 'Fat', 'Khiun', 'Jin', 'Hok', 'Kiong', 'Bing', 'Swie', 'Tjoen', 'Sen', 'Liong', 'Hian', 'Tjong', 'Djie'],
  f: ['Siu', 'Lan', 'Mei', 'Ling', 'Hoa', 'Nio', 'Khim', 'Fong', 'Moi', 'Nyit', 'Sui', 'Ngo', 'Hiang', 'Lie'],
} as const;
const CHINESE_GIVEN = {
  adult: { m: ['Hendra', 'Budi', 'Rudy', 'Herman', 'Iwan', 'Willy', 'Johan', 'Sutrisno'], f: ['Linda', 'Susanti', 'Lily', 'Fenny', 'Sandra', 'Meliana', 'Yuliana'] },
  young: { m: ['Kevin', 'Vincent', 'Michael', 'Jason', 'Steven', 'Nicholas', 'Felix'], f: ['Jessica', 'Felicia', 'Stephanie', 'Clarissa', 'Angeline', 'Michelle', 'Cindy'] },
} as const;

const chinese: Culture = {
  id: 'chinese',
  religions: [['BUDHA', 40], ['KRISTEN', 25], ['KATHOLIK', 20], ['KHONGHUCU', 15]],
  lineage(rng, agama, avoid) {
    if (agama === 'KHONGHUCU' || rng.chance(0.15)) {
      const surname = rng.pick(HAKKA_SURNAMES.filter((s) => s !== avoid));
      return { culture: 'chinese', surname, oldSurname: surname, title: null };
    }
    const [surname, old] = rng.pick(CHINESE_SURNAMES.filter(([s]) => s !== avoid));
    return { culture: 'chinese', surname, oldSurname: old, title: null };
  },
  name(rng, { sex, generation, lineage, agama }) {
    const key = sex === 'LAKI-LAKI' ? 'm' : 'f';
    const traditional = lineage.surname === lineage.oldSurname;
    if (generation === 'old' || (traditional && (agama === 'KHONGHUCU' || rng.chance(0.5)))) {
      const a = rng.pick(SYLLABLES[key]);
      const b = rng.pick(SYLLABLES[key].filter((s) => s !== a));
      return `${lineage.oldSurname ?? 'Tan'} ${a} ${b}`;
    }
    const given = rng.pick(CHINESE_GIVEN[generation][key]);
    return `${given} ${lineage.surname ?? 'Wijaya'}`;
  },
};

export const CULTURES: Readonly<Record<CultureId, Culture>> = { javanese, sundanese, batak, minang, balinese, bugis, papuan, chinese, ntt };

/** Foreign residents (WNA with KITAP) in the demo data. */
export const FOREIGN_PEOPLE = [
  { nama: 'Sophie Anne van der Berg', negara: 'BELANDA', tempatLahir: 'UTRECHT', ayah: 'Pieter van der Berg', ibu: 'Marieke Jansen', agama: 'KATHOLIK' as const },
] as const;

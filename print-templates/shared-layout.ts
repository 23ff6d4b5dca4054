import { BSRE_STATEMENT, DEMO_STATEMENT } from './texts.ts';
import { AGAMA, GOLONGAN_DARAH, JENIS_KELAMIN, JENIS_PEKERJAAN, KEWARGANEGARAAN, PENDIDIKAN, STATUS_HUBUNGAN, STATUS_PERKAWINAN } from '../src/core/codes.ts';

/**
 * Shaping results shared across documents, for a fixed list of words that are never
 * personal data: the templates' own labels and statements, the SIAK code lists and small
 * numbers. pdfkit shapes every distinct word of a document with fontkit (GSUB/GPOS) once per
 * document and keeps the result in that document's font object; shaping is the largest cost
 * of a render. Here each font gets one table, filled once per process with every word of the
 * list (never with what a render happened to print), and each document's font looks up
 * that table before shaping a word itself. Words not on the list (names, addresses, NIKs,
 * dates) are shaped per document as before and go away with the document.
 *
 * A cached run equals a fresh one: shaping a word does not depend on its neighbours (pdfkit
 * already caches per word), and pdfkit only reads a cached run. This touches two pdfkit
 * internals (`doc._font`, `EmbeddedFont.layoutCache`/`layoutRun`); when they are absent the
 * documents simply shape every word themselves (same output, slower), which
 * `shared-layout.test.ts` would notice.
 */

/** Labels and fixed texts of the templates (KK, cards, akta); code lists are added below. */
const TEMPLATE_TEXTS = [
  // KK
  'KARTU KELUARGA', 'Halaman dari', 'Nama Kepala Keluarga', 'Alamat', 'RT/RW', 'Desa/Kelurahan', 'Kecamatan', 'Kabupaten/Kota', 'Kode Pos', 'Provinsi',
  'No Nama Lengkap NIK Jenis Kelamin Tempat Lahir Tanggal Lahir Agama Pendidikan Jenis Pekerjaan Golongan Darah',
  'Status Perkawinan', 'Tanggal Perkawinan/Perceraian', 'Status Hubungan Dalam Keluarga', 'Kewarganegaraan', 'Dokumen Imigrasi',
  'No. Paspor', 'No. KITAS/KITAP', 'Nama Orang Tua', 'Ayah', 'Ibu', 'Dikeluarkan Tanggal :', 'KEPALA KELUARGA', 'NIP.', 'No.', 'ADM', ':',
  'KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA KABUPATEN',
  // cards
  'PROVINSI', 'REPUBLIK INDONESIA', 'PAS FOTO', 'Nama', 'Tempat/Tgl Lahir', 'Gol. Darah', 'Kel/Desa', 'Pekerjaan', 'Berlaku Hingga', 'SEUMUR HIDUP',
  'KARTU TANDA PENDUDUK ELEKTRONIK', 'KARTU IDENTITAS ANAK', 'No. KK', 'No. Akta Kelahiran',
  // akta
  'Personal Identification Number', 'REPUBLIC OF INDONESIA', 'PENCATATAN SIPIL', 'CIVIL REGISTRY', 'WARGA NEGARA INDONESIA', 'INDONESIAN CITIZEN',
  'PEJABAT PENCATATAN SIPIL', 'Civil Registrar', 'Kutipan ini dikeluarkan di', 'This excerpt is issued in', 'KUTIPAN AKTA KELAHIRAN',
  'EXCERPT OF BIRTH CERTIFICATE', 'KUTIPAN AKTA KEMATIAN', 'EXCERPT OF DEATH CERTIFICATE', 'Berdasarkan Akta Kelahiran Nomor',
  'By virtue of Birth Certificate Number', 'Berdasarkan Akta Kematian Nomor', 'By virtue of Death Certificate Number', 'NIK pelapor',
  "Reporter's identification number", 'Tn. Nn. Ny.',
];

/** Every text whose words go into the shared tables. */
export function sharedTexts(extra: readonly string[] = []): string[] {
  const numbers = Array.from({ length: 40 }, (_, i) => `${i + 1} (${i + 1})`);
  return [
    ...TEMPLATE_TEXTS,
    BSRE_STATEMENT,
    DEMO_STATEMENT,
    ...extra,
    ...AGAMA,
    ...PENDIDIKAN,
    ...STATUS_PERKAWINAN,
    ...STATUS_HUBUNGAN,
    ...GOLONGAN_DARAH,
    ...JENIS_KELAMIN,
    ...KEWARGANEGARAAN,
    ...Object.values(JENIS_PEKERJAAN),
    '-',
    ...numbers,
  ];
}

/**
 * The keys pdfkit would look up for these texts: it splits a string after each space or tab
 * ("Kepala " and "Keluarga"); the fit helper may end a line after "/" ("Perkawinan/").
 */
export function sharedWords(texts: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of text.split(/\s+/)) {
      if (word === '') continue;
      const pieces = [word, ...(word.match(/[^/]+\/*|\/+/g) ?? [])];
      for (const piece of pieces) {
        words.add(piece);
        words.add(`${piece} `);
      }
    }
  }
  return words;
}

/** What this module needs of pdfkit's per-document font object. */
interface EmbeddedFontInternals {
  font: object;
  layoutCache?: Record<string, unknown>;
  layoutRun(text: string): unknown;
}

function isEmbeddedFont(value: unknown): value is EmbeddedFontInternals {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<EmbeddedFontInternals>;
  return typeof v.font === 'object' && typeof v.layoutRun === 'function' && typeof v.layoutCache === 'object';
}

/** One table per parsed font (the fontkit object shared by all documents). */
const tables = new WeakMap<object, Readonly<Record<string, unknown>>>();
const linked = new WeakSet<object>();
let words: readonly string[] | undefined;
let enabled = true;

/** For tests: turn sharing off (documents shape every word themselves) to compare output. */
export function setSharedLayouts(on: boolean): void {
  enabled = on;
}

function tableFor(font: EmbeddedFontInternals): Readonly<Record<string, unknown>> {
  let table = tables.get(font.font);
  if (table === undefined) {
    words ??= [...sharedWords(sharedTexts())];
    const filled = Object.create(null) as Record<string, unknown>;
    // layoutRun is exactly what pdfkit runs (and caches) for a word it has not seen.
    for (const word of words) filled[word] = font.layoutRun(word);
    table = Object.freeze(filled);
    tables.set(font.font, table);
  }
  return table;
}

/**
 * Links the document's current font to the shared table (once per document and font).
 * Call after every `doc.font(...)`; `createDoc` wraps `doc.font` to do so.
 */
export function linkSharedLayouts(doc: object): void {
  if (!enabled) return;
  const font = (doc as { _font?: unknown })._font;
  if (!isEmbeddedFont(font) || linked.has(font)) return;
  linked.add(font);
  const own = font.layoutCache ?? {};
  // Own entries (this document's words) stay on the document; lookups fall back to the shared table.
  font.layoutCache = Object.assign(Object.create(tableFor(font)) as Record<string, unknown>, own);
}

/**
 * Empties the document's own shaping caches (pdfkit keeps every shaped word, names included,
 * on the document's font objects); `finish` calls it once the PDF is written.
 */
export function forgetDocumentLayouts(doc: object): void {
  const families = (doc as { _fontFamilies?: Record<string, unknown> })._fontFamilies ?? {};
  for (const font of Object.values(families)) {
    if (!isEmbeddedFont(font) || font.layoutCache === undefined) continue;
    font.layoutCache = Object.create(Object.getPrototypeOf(font.layoutCache) as object | null) as Record<string, unknown>;
  }
}

/** For tests: the document's own (not shared) shaped words. */
export function documentLayoutKeys(doc: object): string[] {
  const families = (doc as { _fontFamilies?: Record<string, unknown> })._fontFamilies ?? {};
  return Object.values(families).flatMap((font) => (isEmbeddedFont(font) && font.layoutCache !== undefined ? Object.keys(font.layoutCache) : []));
}

/** For tests: whether the document's current font uses a shared table. */
export function usesSharedLayouts(doc: object): boolean {
  const font = (doc as { _font?: unknown })._font;
  return isEmbeddedFont(font) && font.layoutCache !== undefined && tables.get(font.font) === Object.getPrototypeOf(font.layoutCache);
}

/** For tests: the words held in the shared table of a parsed font (none before its first use). */
export function sharedLayoutKeys(parsedFont: object): string[] {
  const table = tables.get(parsedFont);
  return table === undefined ? [] : Object.keys(table);
}

/** The documents an ADM prints, and what each needs. */
export const DOCUMENT_TYPES = ['kk', 'ktp', 'kia', 'akta-kelahiran', 'akta-kematian'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type Medium = 'a4-landscape' | 'a4-portrait' | 'card';

export interface DocumentKind {
  readonly type: DocumentType;
  /** Name as a resident reads it on screen. */
  readonly title: string;
  readonly shortTitle: string;
  readonly medium: Medium;
  /** Page size in PDF points (1/72 inch), width x height as printed. */
  readonly pageSize: readonly [number, number];
  readonly pages: number | 'variable';
}

const MM = 72 / 25.4;
const A4_PORTRAIT: readonly [number, number] = [595.28, 841.89];
const A4_LANDSCAPE: readonly [number, number] = [841.89, 595.28];
const CARD: readonly [number, number] = [85.6 * MM, 53.98 * MM];

export const DOCUMENT_CATALOGUE: Readonly<Record<DocumentType, DocumentKind>> = {
  kk: { type: 'kk', title: 'Kartu Keluarga', shortTitle: 'KK', medium: 'a4-landscape', pageSize: A4_LANDSCAPE, pages: 'variable' },
  ktp: { type: 'ktp', title: 'Kartu Tanda Penduduk Elektronik', shortTitle: 'KTP-el', medium: 'card', pageSize: CARD, pages: 2 },
  kia: { type: 'kia', title: 'Kartu Identitas Anak', shortTitle: 'KIA', medium: 'card', pageSize: CARD, pages: 2 },
  'akta-kelahiran': { type: 'akta-kelahiran', title: 'Kutipan Akta Kelahiran', shortTitle: 'Akta Kelahiran', medium: 'a4-portrait', pageSize: A4_PORTRAIT, pages: 1 },
  'akta-kematian': { type: 'akta-kematian', title: 'Kutipan Akta Kematian', shortTitle: 'Akta Kematian', medium: 'a4-portrait', pageSize: A4_PORTRAIT, pages: 1 },
};

export function isDocumentType(value: string): value is DocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(value);
}

import { z } from 'zod';
import { AGAMA, GOLONGAN_DARAH, JENIS_KELAMIN, KEWARGANEGARAAN, PENDIDIKAN, STATUS_HUBUNGAN, STATUS_PERKAWINAN } from './codes.ts';
import { DOCUMENT_TYPES } from './documents.ts';
import { isValidNik } from './nik.ts';
import { isValidNoKk } from './kk-number.ts';
import { KioskError } from './errors.ts';

/**
 * The registry's data model as the kiosk uses it, with runtime schemas: every record that
 * enters the kiosk (from the registry, over the API) is parsed with these before use.
 * Field names are the kiosk's own; the registry adapter maps SIAK's names (NAMA_LGKP, ...).
 * Optional fields are `null` when the registry has no value; templates print them as `-`.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
// Records come from the registry, which vouches for the numbers: their kecamatan is not looked
// up in today's list (a NIK keeps the code of its first registration for life; see WilayahCheck).
export const nikSchema = z.string().refine((nik) => isValidNik(nik, { region: 'lifelong' }), 'expected a valid 16-digit NIK');
export const noKkSchema = z.string().refine((noKk) => isValidNoKk(noKk, { region: 'lifelong' }), 'expected a valid 16-digit No. KK');

export const addressSchema = z.object({
  alamat: z.string().min(1),
  rt: z.string().regex(/^\d{3}$/),
  rw: z.string().regex(/^\d{3}$/),
  kelurahan: z.string().min(1),
  kecamatan: z.string().min(1),
  kabupatenKota: z.string().min(1),
  provinsi: z.string().min(1),
  kodePos: z.string().regex(/^\d{5}$/),
});
export type Address = z.infer<typeof addressSchema>;

export const birthRegistrationSchema = z.object({
  nomorAkta: z.string().min(1),
  /** Order among the mother's children, 1-based. */
  anakKe: z.number().int().min(1).max(30),
  tempatKelahiran: z.string().min(1),
  /** HH:MM, local time, when known. */
  pukul: z.string().regex(/^\d{2}:\d{2}$/).nullable(),
});
export type BirthRegistration = z.infer<typeof birthRegistrationSchema>;

export const deathRegistrationSchema = z.object({
  nomorAkta: z.string().min(1),
  tanggalKematian: isoDate,
  pukul: z.string().regex(/^\d{2}:\d{2}$/).nullable(),
  tempatKematian: z.string().min(1),
  sebab: z.string().nullable(),
  pelapor: z.object({ nama: z.string().min(1), nik: nikSchema, hubungan: z.string().min(1) }),
});
export type DeathRegistration = z.infer<typeof deathRegistrationSchema>;

export const personSchema = z.object({
  nik: nikSchema,
  namaLengkap: z.string().min(1).max(120),
  jenisKelamin: z.enum(JENIS_KELAMIN),
  tempatLahir: z.string().min(1),
  tanggalLahir: isoDate,
  agama: z.enum(AGAMA),
  pendidikan: z.enum(PENDIDIKAN),
  jenisPekerjaan: z.string().min(1),
  golonganDarah: z.enum(GOLONGAN_DARAH),
  statusPerkawinan: z.enum(STATUS_PERKAWINAN),
  tanggalPerkawinan: isoDate.nullable(),
  statusHubungan: z.enum(STATUS_HUBUNGAN),
  kewarganegaraan: z.enum(KEWARGANEGARAAN),
  noPaspor: z.string().nullable(),
  noKitap: z.string().nullable(),
  namaAyah: z.string().nullable(),
  namaIbu: z.string().nullable(),
  /** Only where a birth certificate was issued. */
  kelahiran: birthRegistrationSchema.nullable(),
  /** Only for the deceased. */
  kematian: deathRegistrationSchema.nullable(),
});
export type Person = z.infer<typeof personSchema>;

export const familySchema = z.object({
  noKk: noKkSchema,
  kepalaKeluargaNik: nikSchema,
  address: addressSchema,
  members: z.array(personSchema).min(1).max(30),
});
export type Family = z.infer<typeof familySchema>;

export const officialSchema = z.object({
  /** In the official's own case, titles included: "Dr. H. Andi Pratama Wiraatmadja, S.Sos., M.Si.". */
  nama: z.string().min(1),
  nip: z.string().regex(/^\d{18}$/, 'expected an 18-digit NIP'),
  /**
   * The full title as printed, region included, and nothing appended to it by a template:
   * "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN KLATEN" (DKI: "... PROVINSI DKI JAKARTA").
   */
  jabatan: z.string().min(1),
});
export type Official = z.infer<typeof officialSchema>;

/** A document Dukcapil has processed and made printable for one print. */
export const printableDocumentSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{4,64}$/),
  type: z.enum(DOCUMENT_TYPES),
  /** Whose document: the holder (KTP-el, KIA), the child (akta kelahiran), the deceased (akta kematian), the head of family (KK). */
  subjectNik: nikSchema,
  /** The document's own number: No. KK, NIK for cards, nomor akta. */
  nomor: z.string().min(1),
  issuedAt: isoDate,
  /** Kabupaten/kota that issues it, e.g. "KOTA BANDUNG". */
  issuedIn: z.string().min(1),
  official: officialSchema,
});
export type PrintableDocument = z.infer<typeof printableDocumentSchema>;

/** Everything a template needs to render one document; nothing more. */
export const templateInputSchema = z.object({
  document: printableDocumentSchema,
  family: familySchema,
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

/** The subject of a document inside its family. */
export function subjectOf(input: TemplateInput): Person {
  const person = input.family.members.find((m) => m.nik === input.document.subjectNik);
  if (person === undefined) {
    throw new KioskError('TEMPLATE_INPUT_INVALID', 'The document names a holder who is not a member of the family record.', {
      hint: 'The registry record is inconsistent; ask the Dukcapil office to check it.',
    });
  }
  return person;
}

/** The digits a one-time print PIN may have (the registry API's RedeemRequest allows the same). */
export const PIN_LENGTH_RANGE = { min: 4, max: 12 } as const;

/**
 * What a resident sees of a document in the list: no PIN, no personal data beyond the name.
 * `pinLength`: the digits of its one-time print PIN (the PIN pad shows one dot per digit).
 * `lockedUntil`: null while its PIN may be entered; after too many wrong PINs, when the lock
 * ends by itself (ISO 8601 instant). The registry lists ready and locked documents, never a
 * printed one or one whose PIN is in use.
 */
export const documentSummarySchema = z.object({
  id: printableDocumentSchema.shape.id,
  type: z.enum(DOCUMENT_TYPES),
  subjectName: z.string(),
  issuedAt: isoDate,
  pinLength: z.number().int().min(PIN_LENGTH_RANGE.min).max(PIN_LENGTH_RANGE.max),
  lockedUntil: z.iso.datetime({ offset: true }).nullable(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

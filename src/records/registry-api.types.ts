/* Generated from src/records/registry-api.yaml by `npm run gen:registry-types` (json-schema-to-typescript). Do not edit. */

/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Nik".
 */
export type Nik = string;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "NoKk".
 */
export type NoKk = string;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "CardUid".
 */
export type CardUid = string;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "DocumentId".
 */
export type DocumentId = string;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "AuthorizationId".
 */
export type AuthorizationId = string;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "RequestId".
 */
export type RequestId = string;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "IsoDate".
 */
export type IsoDate = string;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Clock".
 */
export type Clock = string | null;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Text".
 */
export type Text = string;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "OptionalText".
 */
export type OptionalText = string | null;
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "DocumentType".
 */
export type DocumentType = 'kk' | 'ktp' | 'kia' | 'akta-kelahiran' | 'akta-kematian';
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "AuthorizationState".
 */
export type AuthorizationState = 'open' | 'confirmed' | 'released';
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "ErrorCode".
 */
export type ErrorCode =
  | 'RESIDENT_NOT_FOUND'
  | 'CARD_MISMATCH'
  | 'DOCUMENT_NOT_FOUND'
  | 'PIN_INVALID'
  | 'PIN_USED'
  | 'PIN_LOCKED'
  | 'AUTHORIZATION_NOT_FOUND'
  | 'API_INPUT_INVALID'
  | 'REGISTRY_AUTH_FAILED'
  | 'REGISTRY_UNAVAILABLE'
  | 'API_METHOD_UNKNOWN';

export interface RegistryApiSchemas {
  status?: Status;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Status".
 */
export interface Status {
  status: 'ok';
  serverTime: string;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Address".
 */
export interface Address {
  alamat: Text;
  rt: string;
  rw: string;
  kelurahan: Text;
  kecamatan: Text;
  kabupatenKota: Text;
  provinsi: Text;
  kodePos: string;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "BirthRegistration".
 */
export interface BirthRegistration {
  nomorAkta: Text;
  anakKe: number;
  tempatKelahiran: Text;
  pukul: Clock;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "DeathRegistration".
 */
export interface DeathRegistration {
  nomorAkta: Text;
  tanggalKematian: IsoDate;
  pukul: Clock;
  tempatKematian: Text;
  sebab: OptionalText;
  pelapor: {
    nama: Text;
    nik: Nik;
    hubungan: Text;
  };
}
/**
 * One member of a family record (biodata). Code lists as SIAK prints them.
 *
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Person".
 */
export interface Person {
  nik: Nik;
  namaLengkap: string;
  jenisKelamin: 'LAKI-LAKI' | 'PEREMPUAN';
  tempatLahir: Text;
  tanggalLahir: IsoDate;
  agama: Text;
  pendidikan: Text;
  jenisPekerjaan: Text;
  golonganDarah: Text;
  statusPerkawinan: Text;
  tanggalPerkawinan: string | null;
  statusHubungan: Text;
  kewarganegaraan: 'WNI' | 'WNA';
  noPaspor: OptionalText;
  noKitap: OptionalText;
  namaAyah: OptionalText;
  namaIbu: OptionalText;
  kelahiran: BirthRegistration | null;
  kematian: DeathRegistration | null;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Family".
 */
export interface Family {
  noKk: NoKk;
  kepalaKeluargaNik: Nik;
  address: Address;
  /**
   * @minItems 1
   * @maxItems 30
   */
  members: [Person, ...Person[]];
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Official".
 */
export interface Official {
  nama: Text;
  nip: string;
  jabatan: Text;
}
/**
 * A document Dukcapil has processed and made printable for one print.
 *
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "PrintableDocument".
 */
export interface PrintableDocument {
  id: DocumentId;
  type: DocumentType;
  subjectNik: Nik;
  nomor: Text;
  issuedAt: IsoDate;
  issuedIn: Text;
  official: Official;
}
/**
 * A document the resident may print, and whether its PIN works now: `ready`; `locked`
 * after 3 wrong PINs, until `lockedUntil` (the lock ends by itself; required with
 * `locked`, absent otherwise); `printed` (the PIN is spent); `redeemed` (a print with
 * its PIN has not been confirmed or released). `pinLength` is the number of digits of
 * the document's one-time print PIN (the kiosk's PIN pad shows one place per digit).
 *
 *
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "DocumentListing".
 */
export interface DocumentListing {
  document: PrintableDocument;
  status: 'ready' | 'printed' | 'locked' | 'redeemed';
  pinLength: number;
  lockedUntil?: string;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "ResidentRecord".
 */
export interface ResidentRecord {
  resident: Person;
  family: Family;
  /**
   * @maxItems 100
   */
  documents: DocumentListing[];
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "RedeemRequest".
 */
export interface RedeemRequest {
  requestId: RequestId;
  nik: Nik;
  pin: string;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "Authorization".
 */
export interface Authorization {
  authorizationId: AuthorizationId;
  document: PrintableDocument;
  family: Family;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "ReleaseRequest".
 */
export interface ReleaseRequest {
  reason: string;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "ClosedAuthorization".
 */
export interface ClosedAuthorization {
  authorizationId: AuthorizationId;
  state: AuthorizationState;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "AuthorizationRecord".
 */
export interface AuthorizationRecord {
  authorizationId: AuthorizationId;
  documentId: DocumentId;
  state: AuthorizationState;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "RedeemRequestRecord".
 */
export interface RedeemRequestRecord {
  authorization: AuthorizationRecord | null;
}
/**
 * This interface was referenced by `RegistryApiSchemas`'s JSON-Schema
 * via the `definition` "ErrorBody".
 */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    hint?: string;
    details?: {
      attemptsLeft?: number;
      lockedUntil?: string;
    };
    /**
     * Why an authenticated request was refused (401 only).
     */
    reason?: 'unsigned' | 'unknown-kiosk' | 'stale-timestamp' | 'replayed-nonce' | 'bad-signature' | 'body-hash';
  };
}

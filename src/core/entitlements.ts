import type { DocumentType } from './documents.ts';
import type { Family, Person, PrintableDocument } from './record.ts';

/**
 * Who may print what. A resident (the cardholder, "holder") prints only:
 * - their own KTP-el;
 * - the KK of the family they are a living member of;
 * - the KIA of a child of their family: they are named as its father or mother, or they head the
 *   household (head of family, husband or wife) the child (ANAK, or CUCU living with them) belongs to;
 * - their own akta kelahiran, or a child's (as for the KIA);
 * - the akta kematian of a deceased member of their family.
 * Never another person's document, whatever id the registry is asked for or answers with. The
 * kiosk applies this to what any registry returns (the demo registry applies it too), so a
 * registry that lists or hands out a document of another family is caught at the kiosk.
 * Pure: no I/O, no clock; reasons name roles, never a NIK or a name.
 */
export type Entitlement = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const PARENT_ROLES: ReadonlySet<Person['statusHubungan']> = new Set(['KEPALA KELUARGA', 'SUAMI', 'ISTRI']);
const CHILD_ROLES: ReadonlySet<Person['statusHubungan']> = new Set(['ANAK', 'CUCU']);

const ok: Entitlement = { ok: true };
const refused = (reason: string): Entitlement => ({ ok: false, reason });

const sameName = (a: string | null, b: string): boolean => a !== null && a.trim().toUpperCase() === b.trim().toUpperCase();

/** A child in the holder's care, in one family record: named as the holder's child, or a child of the household the holder heads. */
function isChildOf(subject: Person, holder: Person): boolean {
  if (subject.nik === holder.nik) return false;
  if (sameName(subject.namaAyah, holder.namaLengkap) || sameName(subject.namaIbu, holder.namaLengkap)) return true;
  return CHILD_ROLES.has(subject.statusHubungan) && PARENT_ROLES.has(holder.statusHubungan);
}

/** Whether the holder may print this document, judged on the family record it comes with. */
export function entitlementOf(holderNik: string, document: Pick<PrintableDocument, 'type' | 'subjectNik' | 'nomor'>, family: Family): Entitlement {
  const holder = family.members.find((m) => m.nik === holderNik);
  if (holder === undefined) return refused('the cardholder is not a member of the family the document belongs to');
  if (holder.kematian !== null) return refused('the cardholder is recorded as deceased');
  const subject = family.members.find((m) => m.nik === document.subjectNik);
  if (subject === undefined) return refused('the person the document is about is not a member of the family');
  const type: DocumentType = document.type;
  switch (type) {
    case 'ktp':
      if (subject.nik !== holder.nik) return refused('a KTP-el prints only for its own holder');
      if (document.nomor !== holder.nik) return refused("the KTP-el's number is not the holder's NIK");
      return ok;
    case 'kk':
      if (document.nomor !== family.noKk) return refused("the KK's number is not the family's No. KK");
      if (subject.nik !== family.kepalaKeluargaNik) return refused('a KK is about the head of its family');
      return ok;
    case 'kia':
      if (!isChildOf(subject, holder)) return refused("a KIA prints only for a parent of the child in the child's family");
      if (document.nomor !== subject.nik) return refused("the KIA's number is not the child's NIK");
      return ok;
    case 'akta-kelahiran':
      if (subject.nik === holder.nik || isChildOf(subject, holder)) return ok;
      return refused("an akta kelahiran prints only for its own subject or a parent in the child's family");
    case 'akta-kematian':
      if (subject.kematian === null) return refused('an akta kematian needs a deceased subject');
      if (subject.nik === holder.nik) return refused('an akta kematian cannot be about its holder');
      return ok;
  }
}

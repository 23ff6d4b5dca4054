import { entitlementOf } from '../core/entitlements.ts';
import { KioskError } from '../core/errors.ts';
import { documentSummarySchema, familySchema, templateInputSchema, type DocumentSummary, type TemplateInput } from '../core/record.ts';
import type { AuthorizationRecord, PrintAuthorization, ResidentLookup } from './contract.ts';
import type { Authorization, ClosedAuthorization, RedeemRequestRecord, ResidentRecord } from './registry-api.types.ts';

/**
 * What the kiosk checks in a registry answer after it matched the API document's schema: that
 * it is the record that was asked for, that its numbers are real NIK / No. KK, and that the
 * resident may print every document in it (src/core/entitlements.ts). Any doubt is
 * REGISTRY_RESPONSE_INVALID with a message naming the check, never the data: the resident sees
 * "the data cannot be shown, please ask the staff", and nothing of the record is used.
 */
export function responseInvalid(check: string, cause?: unknown): KioskError {
  return new KioskError('REGISTRY_RESPONSE_INVALID', `The registry's answer failed the kiosk's check: ${check}.`, {
    hint: 'Nothing of this answer was shown or printed. Report the time to the registry operator; the application log has the check that failed.',
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A resident record: the one asked for, a valid family record holding them, and only documents they may print. */
export function checkResidentRecord(nik: string, record: ResidentRecord): ResidentLookup {
  if (record.resident.nik !== nik) throw responseInvalid('the record is of another NIK than the one asked for');
  const family = familySchema.safeParse(record.family);
  if (!family.success) throw responseInvalid('the family record does not pass the kiosk record schema', family.error);
  const self = family.data.members.find((m) => m.nik === nik);
  if (self === undefined) throw responseInvalid('the resident is not a member of the family record sent with them');
  if (self.namaLengkap !== record.resident.namaLengkap) throw responseInvalid("the resident's biodata differs from their entry in the family record");
  const documents: DocumentSummary[] = [];
  const seen = new Set<string>();
  for (const listing of record.documents) {
    if (seen.has(listing.document.id)) throw responseInvalid('a document is listed twice');
    seen.add(listing.document.id);
    const entitled = entitlementOf(nik, listing.document, family.data);
    if (!entitled.ok) throw responseInvalid(`a listed document is not the resident's to print (${entitled.reason})`);
    // Printed documents and PINs in use are not offered; a locked one is, marked with the end of its
    // lock (registry-api.yaml requires `lockedUntil` with `locked` and only then).
    if (listing.status !== 'ready' && listing.status !== 'locked') continue;
    const subject = family.data.members.find((m) => m.nik === listing.document.subjectNik);
    const summary = documentSummarySchema.safeParse({
      id: listing.document.id,
      type: listing.document.type,
      subjectName: subject?.namaLengkap,
      issuedAt: listing.document.issuedAt,
      pinLength: listing.pinLength,
      lockedUntil: listing.lockedUntil ?? null,
    });
    if (!summary.success) throw responseInvalid('a listed document does not pass the kiosk record schema', summary.error);
    documents.push(summary.data);
  }
  return { nik, name: self.namaLengkap, documents };
}

/** A redeemed authorization: the document asked for, whole, valid, and the resident's to print. */
export function checkAuthorization(nik: string, documentId: string, answer: Authorization): PrintAuthorization {
  if (answer.document.id !== documentId) throw responseInvalid('the document handed out is not the one redeemed');
  const parsed = templateInputSchema.safeParse({ document: answer.document, family: answer.family });
  if (!parsed.success) throw responseInvalid('the document or its family record does not pass the kiosk record schema', parsed.error);
  const input: TemplateInput = parsed.data;
  const entitled = entitlementOf(nik, input.document, input.family);
  if (!entitled.ok) throw responseInvalid(`the document handed out is not the resident's to print (${entitled.reason})`);
  return { authorizationId: answer.authorizationId, input };
}

export function checkClosed(authorizationId: string, expected: 'confirmed' | 'released', answer: ClosedAuthorization): void {
  if (answer.authorizationId !== authorizationId || answer.state !== expected) throw responseInvalid(`the answer does not say the authorization is ${expected}`);
}

export function checkRedeemRecord(answer: RedeemRequestRecord): AuthorizationRecord | null {
  return answer.authorization === null ? null : { authorizationId: answer.authorization.authorizationId, documentId: answer.authorization.documentId, state: answer.authorization.state };
}

import type { DocumentSummary, TemplateInput } from '../core/record.ts';

/**
 * The registry as the kiosk needs it. Implemented by the embedded demo registry and (later)
 * by the HTTP client for Dukcapil's service. Every method throws KioskError with a code:
 * RESIDENT_NOT_FOUND, CARD_MISMATCH, DOCUMENT_NOT_FOUND, PIN_INVALID, PIN_USED, PIN_LOCKED,
 * AUTHORIZATION_NOT_FOUND, REGISTRY_UNAVAILABLE, REGISTRY_RESPONSE_INVALID.
 */
export interface ResidentLookup {
  readonly nik: string;
  readonly name: string;
  /** Documents this resident may print now, each needing its own one-time PIN. */
  readonly documents: readonly DocumentSummary[];
}

export interface PrintAuthorization {
  /** Opaque id of this one-time authorization: confirm or release it exactly once. */
  readonly authorizationId: string;
  /** The validated record the template renders. */
  readonly input: TemplateInput;
}

export interface Registry {
  readonly kind: 'demo' | 'http';
  /** The resident and their print-ready documents. The card UID proves possession of the card. */
  lookupResident(nik: string, cardUid: string): Promise<ResidentLookup>;
  /** Spends the one-time PIN of a document: after this the PIN is dead unless released. */
  redeemPin(nik: string, documentId: string, pin: string): Promise<PrintAuthorization>;
  /** The print succeeded: the authorization is consumed for good. */
  confirmPrint(authorizationId: string): Promise<void>;
  /** The print failed or was cancelled: the PIN becomes usable again. */
  releasePrint(authorizationId: string, reason: string): Promise<void>;
}

import type { ErrorData } from '../core/errors.ts';
import type { DocumentSummary, TemplateInput } from '../core/record.ts';

/**
 * The registry as the kiosk needs it. Implemented by the embedded demo registry and (issue
 * 10) by the HTTP client for Dukcapil's service. Every method rejects with a KioskError with
 * a code: RESIDENT_NOT_FOUND, CARD_MISMATCH, DOCUMENT_NOT_FOUND, PIN_INVALID, PIN_USED,
 * PIN_LOCKED, AUTHORIZATION_NOT_FOUND, REGISTRY_UNAVAILABLE, REGISTRY_RESPONSE_INVALID.
 * The full contract, with what each call must guarantee, is in README.md beside this file.
 */
export interface ResidentLookup {
  readonly nik: string;
  readonly name: string;
  /** Documents this resident may print now, each needing its own one-time PIN. */
  readonly documents: readonly DocumentSummary[];
}

export interface PrintAuthorization {
  /** Opaque id of this one-time authorization: confirm or release it. */
  readonly authorizationId: string;
  /** The validated record the template renders. */
  readonly input: TemplateInput;
}

/**
 * One redeem, as the kiosk asks it. `requestId` is chosen by the kiosk (a UUID) and written
 * to its print log BEFORE the call: the registry files the authorization under it, so the
 * same request id redeems at most once (a repeat returns the same authorization, or the same
 * refusal), and recovery can ask what became of a redeem whose answer never arrived.
 */
export interface RedeemRequest {
  readonly requestId: string;
  readonly nik: string;
  readonly documentId: string;
  readonly pin: string;
}

/** `open`: redeemed, not yet closed; `confirmed`: printed, the PIN is spent; `released`: the PIN works again. */
export type AuthorizationState = 'open' | 'confirmed' | 'released';

/** What the registry knows about the authorization a redeem request opened. */
export interface AuthorizationRecord {
  readonly authorizationId: string;
  readonly documentId: string;
  readonly state: AuthorizationState;
}

/**
 * What a technician needs to know about the registry connection (diagnostics, `adm-kiosk
 * diag`). Never a credential itself, never personal data.
 */
export interface RegistryDiagnosis {
  /** Where the registry is, without credentials: "https://siak.example.go.id", "demo registry (in-process)". */
  readonly endpoint: string;
  /** The registry answered a harmless request (a health or version call, no resident lookup). */
  readonly reachable: boolean;
  /** Round trip of that request in milliseconds; null when it did not answer. */
  readonly latencyMs: number | null;
  /** Why it is not reachable (REGISTRY_UNAVAILABLE with the cause in words: DNS, refused, timeout, TLS). */
  readonly error?: ErrorData;
  /** The server certificate (https only); null when there is no TLS (demo, plain http). */
  readonly tls: {
    /** ISO 8601 of the certificate's notAfter. */
    readonly validTo: string;
    /** Whole days until it expires (negative once expired). */
    readonly daysLeft: number;
    readonly subject?: string;
    readonly issuer?: string;
  } | null;
  /**
   * The kiosk's own credential with the registry (client certificate or API key): `ok`,
   * `expiring` (within 30 days), `expired`, `rejected` (the registry refused it), `missing`
   * (not configured), `not-needed` (the demo registry).
   */
  readonly credential: {
    readonly status: 'ok' | 'expiring' | 'expired' | 'rejected' | 'missing' | 'not-needed';
    /** ISO 8601, when the credential has an end date. */
    readonly expiresAt: string | null;
  };
}

export interface Registry {
  readonly kind: 'demo' | 'http';
  /**
   * Optional: reachability, latency, TLS certificate expiry and the kiosk credential's state
   * for diagnostics. Never rejects for a registry problem (it is reported in the result).
   * The demo registry implements it; the HTTP client must (issue 10).
   */
  diagnose?(): Promise<RegistryDiagnosis>;
  /** The resident and their print-ready documents. The card UID proves possession of the card. */
  lookupResident(nik: string, cardUid: string): Promise<ResidentLookup>;
  /** Spends the one-time PIN of a document: after this the PIN is dead unless released. Idempotent by request id. */
  redeemPin(request: RedeemRequest): Promise<PrintAuthorization>;
  /** The print succeeded: the authorization is consumed for good. Confirming a confirmed one succeeds. */
  confirmPrint(authorizationId: string): Promise<void>;
  /** The print failed or was cancelled: the PIN becomes usable again. Releasing a released one succeeds. */
  releasePrint(authorizationId: string, reason: string): Promise<void>;
  /**
   * The authorization a redeem with this request id opened, in its current state; null when
   * that request redeemed nothing (refused, or never arrived). For recovery and reconciliation.
   */
  findAuthorization(requestId: string): Promise<AuthorizationRecord | null>;
}

/** Refusals of a redeem that are final for this PIN attempt: the registry redeemed nothing. */
export const REDEEM_REFUSALS = ['PIN_INVALID', 'PIN_USED', 'PIN_LOCKED', 'DOCUMENT_NOT_FOUND', 'RESIDENT_NOT_FOUND', 'CARD_MISMATCH'] as const;

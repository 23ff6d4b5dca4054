import type { DocumentType } from '../core/documents.ts';
import type { PinState, PrintJobState } from './lifecycle.ts';
import type { AuditActor } from './log-store.ts';

/** What goes into the print log and what comes out of it (re-exported by `print-log.ts`). */

/** A job whose PIN the registry already redeemed (written straight into `authorized`). */
export interface NewPrintJob {
  readonly documentType: DocumentType;
  readonly documentId: string;
  readonly authorizationId: string;
  /** The resident's NIK: hashed and masked here, never stored. */
  readonly nik: string;
  /** The printer as a person reads it, e.g. "ESC/POS emulator, A4 203 dpi". */
  readonly printer: string;
}

/**
 * The intent to print, written before the registry is asked to redeem the PIN (`redeeming`).
 * `requestId` is the id the registry will store the authorization under (unique in the log).
 */
export interface PrintIntent {
  readonly requestId: string;
  readonly documentType: DocumentType;
  readonly documentId: string;
  readonly nik: string;
  readonly printer: string;
}

/** One print job as the log holds it. No personal data beyond the masked NIK and its keyed hash. */
export interface PrintJob {
  readonly id: number;
  readonly kioskId: string;
  readonly documentType: string;
  readonly documentId: string;
  /** The kiosk's id for the redeem request; null for jobs logged before schema version 2. */
  readonly requestId: string | null;
  /** The registry's authorization id; null until the PIN was redeemed (and for refused PINs). */
  readonly authorizationId: string | null;
  readonly nikMasked: string;
  readonly nikHash: string;
  readonly state: PrintJobState;
  /** What became of the resident's PIN (see PIN_STATES). */
  readonly pinState: PinState;
  /** Pages the printer confirmed. */
  readonly pagesDone: number;
  /** Pages whose every byte the printer's link accepted, confirmed or not (>= pagesDone). */
  readonly pagesHanded: number;
  /** Known once rendering is done (`printing`); null before. */
  readonly pageCount: number | null;
  readonly bytesSent: number;
  /** When the first byte was about to be handed to the printer; null: nothing left the kiosk. */
  readonly firstByteAt: string | null;
  readonly printer: string;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One lifecycle transition: the audit trail of a job. `from` is null for the creation. */
export interface PrintEvent {
  readonly id: number;
  readonly jobId: number;
  readonly at: string;
  readonly from: PrintJobState | null;
  readonly to: PrintJobState;
  readonly pagesDone: number;
  readonly bytesSent: number;
  readonly errorCode: string | null;
  readonly detail: string | null;
}

export interface PrintStatsRow {
  readonly documentType: string;
  readonly state: PrintJobState;
  readonly jobs: number;
  /** Pages that came out of the printer (pages done), summed. */
  readonly pages: number;
}

export interface PrintStats {
  readonly from: string;
  readonly to: string;
  readonly utcOffsetMinutes: number;
  readonly jobs: number;
  readonly pages: number;
  /** One row per document type and state that has jobs, ordered by type then state. */
  readonly rows: readonly PrintStatsRow[];
}

/** Only some jobs: document types and/or states (empty or absent: all). */
export interface JobFilter {
  readonly documentTypes?: readonly string[];
  readonly states?: readonly PrintJobState[];
}

/** One audit row. */
export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly detail: string | null;
}

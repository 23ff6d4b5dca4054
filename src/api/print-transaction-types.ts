import type { DocumentType } from '../core/documents.ts';
import type { ErrorData } from '../core/errors.ts';
import type { PinOutcome } from '../core/session.ts';
import type { Registry } from '../records/contract.ts';
import type { ErrorReporter, PauseHook, PrintLogPort, PrintProgressReport, PrintRunner, Renderer } from './ports.ts';

/** The print transaction's shapes (print-transaction.ts): what it is asked, what it needs, how it ends. */
export interface PrintRequest {
  readonly nik: string;
  readonly documentId: string;
  readonly documentType: DocumentType;
}

export type Settlement =
  | { readonly outcome: 'printed'; readonly pageCount: number; readonly pin: 'spent' }
  | { readonly outcome: 'refused'; readonly error: ErrorData }
  | { readonly outcome: 'failed'; readonly error: ErrorData; readonly pin: PinOutcome }
  | { readonly outcome: 'cancelled'; readonly error: ErrorData; readonly pin: PinOutcome };

export type StepResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly settlement: Settlement };

/** `resident`: the resident left or gave up (the job is cancelled); `stop`: the kiosk is stopping (interrupted). */
export type CancelKind = 'resident' | 'stop';

export interface TransactionDeps {
  readonly registry: Registry;
  readonly log: PrintLogPort;
  readonly render: Renderer;
  readonly print: PrintRunner;
  /** The printer as the log names it (no personal data). */
  readonly printer: string;
  readonly report: ErrorReporter;
  readonly newRequestId?: () => string;
  readonly pause?: PauseHook;
}

export interface PrintHooks {
  onProgress(progress: PrintProgressReport): void;
  /** A fault the print waits on (null when it cleared), and how long it keeps waiting from now (ms). */
  onFault(fault: ErrorData | null, waitLeftMs: number): void;
}

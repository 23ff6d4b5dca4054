import type { ErrorData } from '../core/errors.ts';
import type { DocumentType } from '../core/documents.ts';
import type { TemplateInput } from '../core/record.ts';
import type { Preview } from './contract.ts';

/**
 * What the kiosk service needs from the parts, as narrow ports. `create-kiosk.ts` binds them
 * to the real print log, templates and printing pipeline; tests may bind fakes.
 */
export interface PrintLogPort {
  createJob(job: { documentType: DocumentType; documentId: string; authorizationId: string; nik: string; printer: string }): number;
  markRendering(id: number): void;
  markPrinting(id: number, info: { pageCount: number }): void;
  markProgress(id: number, info: { pagesDone: number; bytesSent: number }): void;
  markPrinted(id: number): void;
  markFailed(id: number, error: ErrorData): void;
  markCancelled(id: number, reason: string): void;
}

export interface PrintProgressReport {
  readonly pagesDone: number;
  readonly pageCount: number;
  readonly bytesSent: number;
  readonly bytesTotal: number;
}

export interface PrintRun {
  readonly pdf: Uint8Array;
  readonly signal: AbortSignal;
  onProgress(progress: PrintProgressReport): void;
  /** A fault the job waits on (null when it cleared). */
  onFault(fault: ErrorData | null): void;
}

export interface PrintOutcome {
  readonly pagesPrinted: number;
  readonly bytesSent: number;
}

export type PrintRunner = (run: PrintRun) => Promise<PrintOutcome>;
export type Renderer = (input: TemplateInput) => Promise<Uint8Array>;
export type Previewer = (pdf: Uint8Array) => Promise<{ pageCount: number; pages: Preview['pages'] }>;

import { KioskError, isKioskError } from '../core/errors.ts';

/**
 * How a print job failed, and how far it got: what the print transaction needs to decide
 * whether the resident's PIN may be given back. Once a whole page has been handed to the
 * printer (every byte of it accepted by the link), the resident may hold a complete page,
 * so the PIN is never released automatically (src/api/README: the transaction table).
 */
export class PrintJobError extends KioskError {
  /** Pages the printer confirmed (all bytes written and a clean status after them). */
  readonly pagesConfirmed: number;
  /** Pages whose every byte the link accepted, confirmed or not (>= pagesConfirmed). */
  readonly pagesHanded: number;
  /** Bytes the link accepted in all (0: nothing reached the printer). */
  readonly bytesSent: number;

  constructor(cause: KioskError, progress: { pagesConfirmed: number; pagesHanded: number; bytesSent: number }) {
    super(cause.code, cause.message, { ...(cause.hint === undefined ? {} : { hint: cause.hint }), cause });
    this.name = 'PrintJobError';
    this.pagesConfirmed = progress.pagesConfirmed;
    this.pagesHanded = Math.max(progress.pagesHanded, progress.pagesConfirmed);
    this.bytesSent = progress.bytesSent;
  }
}

export function isPrintJobError(value: unknown): value is PrintJobError {
  return value instanceof PrintJobError;
}

/** Wraps any failure of a job (a KioskError, or anything else as INTERNAL) with its progress. */
export function printJobError(error: unknown, progress: { pagesConfirmed: number; pagesHanded: number; bytesSent: number }): PrintJobError {
  if (error instanceof PrintJobError) return error;
  const cause = isKioskError(error) ? error : new KioskError('INTERNAL', 'The print job failed unexpectedly.', { hint: 'Check the kiosk log and report the time to a technician.', cause: error });
  return new PrintJobError(cause, progress);
}

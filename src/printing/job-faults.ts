import type { PrinterStatus } from '../../device-drivers/printer/contract.ts';
import { KioskError, isKioskError, type ErrorCode } from '../core/errors.ts';

/**
 * What a print job makes of the printer's faults and failures: the fault a status shows, the
 * error an I/O failure becomes, and the error a fault that did not clear in time ends the job
 * with. The rule the job follows: once the printer has told what is wrong (paper end, cover
 * open, ...), that stays the cause the resident and the log see, whatever the printer does
 * afterwards (not answering a buffer clear, not answering at all while it is being fixed).
 */

/** The fault a status shows, most specific first; null when the printer can print. */
export function faultOf(status: PrinterStatus): KioskError | null {
  if (status.coverOpen) return new KioskError('PRINTER_COVER_OPEN', 'The printer cover is open.', { hint: 'Close the printer cover; printing continues by itself.' });
  if (status.paperEnd) return new KioskError('PRINTER_PAPER_END', 'The printer is out of paper.', { hint: 'Load a new paper roll and close the cover; printing continues by itself.' });
  if (status.error) return new KioskError('PRINTER_ERROR', 'The printer reports an error (cutter jam or head temperature).', { hint: 'Open the cover, clear any jammed paper, close it; printing continues once the error clears.' });
  if (!status.online) return new KioskError('PRINTER_OFFLINE', 'The printer is offline.', { hint: 'Check the printer panel (paper feed button, cover); printing continues once it is online.' });
  return null;
}

const CONNECTION_CODES: readonly ErrorCode[] = ['PRINTER_NOT_RESPONDING', 'PRINTER_DISCONNECTED'];

/** The printer did not answer in time (its link is still there). */
export function isNotResponding(error: unknown): boolean {
  return isKioskError(error) && error.code === 'PRINTER_NOT_RESPONDING';
}

/** Printer I/O failures become a clear job error (code kept, job position added). */
export function ioFailure(cause: unknown, where: string): KioskError {
  const code: ErrorCode = isKioskError(cause) && CONNECTION_CODES.includes(cause.code) ? cause.code : 'PRINTER_DISCONNECTED';
  const what = code === 'PRINTER_NOT_RESPONDING' ? 'The printer stopped answering' : 'The connection to the printer was lost';
  return new KioskError(code, `${what} ${where}.`, {
    hint: 'Check the printer power and cable, then print again; pages not reported printed were not finished.',
    cause,
  });
}

/**
 * The job ends with the fault's own code when it does not clear in time. `unanswered`: the
 * printer stopped answering while the job waited (switched off to load paper, say); it is
 * mentioned and kept as the cause, but the fault stays what the error is.
 */
export function faultTimedOut(fault: KioskError, waitedMs: number, where: string, unanswered: KioskError | undefined): KioskError {
  const silence = unanswered === undefined ? '' : ' The printer stopped answering while the job waited.';
  return new KioskError(fault.code, `${fault.message} The job was stopped after waiting ${Math.round(waitedMs / 1000)} s ${where}.${silence}`, {
    // The job is over: drop the waiting hint's "printing continues by itself".
    hint: `${(fault.hint ?? '').replace(/;\s*printing continues[^.]*\./, '.')} Then print again; pages not reported printed were not finished.`.trim(),
    ...(unanswered === undefined ? {} : { cause: unanswered }),
  });
}

/** Thrown inside the job when a poll shows a fault; says what is on paper of the page. */
export class Paused extends Error {
  constructor(
    readonly onPaper: 'clean' | 'partial' | 'complete',
    /** The fault the poll showed. */
    readonly fault: KioskError,
  ) {
    super(onPaper);
  }
}

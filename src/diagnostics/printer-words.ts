import type { PrinterStatusReport } from '../../device-drivers/printer/contract.ts';
import type { ErrorData } from '../core/errors.ts';
import type { CheckLevel } from './report.ts';

/**
 * A printer's state as a technician at the kiosk needs it: what is wrong, in words, and what
 * to do with their hands. One entry per fault the printer (or the link) can report.
 */
export interface PrinterVerdict {
  readonly level: CheckLevel;
  readonly words: string;
  readonly whatToDo: string;
  readonly code?: string;
}

export const PRINTER_ADVICE = {
  ready: 'Nothing to do.',
  coverOpen: 'Close the printer cover firmly until it clicks; the kiosk goes back into service by itself.',
  paperEnd: 'Load a new paper roll (216 mm A4 roll, printable side towards the head), feed it past the cutter, close the cover, then press "Paper refilled" on the diagnostics screen.',
  nearEnd: 'The roll is nearly used up: load a new roll now or at the next visit, then press "Paper refilled".',
  cutter: 'Switch the printer off, open the cover, remove any paper caught in the cutter blade, close the cover and switch it on. If the cutter jams again, the cutter unit needs service.',
  headHot: 'Let the printer cool down for a few minutes: it resumes by itself. Keep its vents free; if it happens often, check the supply voltage and lower the print density.',
  jam: 'Open the cover, remove the jammed paper, close the cover.',
  unrecoverable: 'Switch the printer off and on. If the error stays, call the printer service.',
  error: 'Open the cover, clear any jammed paper, close it; switch the printer off and on if the error stays.',
  offline: 'Check the printer panel: power light on, no fault light, paper feed button not held. Switch it off and on if it stays offline.',
  silent: 'The printer does not answer: check it is switched on, the data cable is seated at both ends, and its baud rate (printed on its self-test page) matches the kiosk setting; then switch it off and on.',
  disconnected: 'The printer is not connected: plug the USB or serial cable back in (the kiosk finds it by itself), or check the printer address in the configuration.',
} as const;

/** What a status report means (the printer answered). */
export function verdictOfStatus(report: PrinterStatusReport): PrinterVerdict {
  const { status, errorCause } = report;
  const assumed = report.source === 'assumed' ? ' (assumed: this printer cannot be asked)' : '';
  if (status.coverOpen) return { level: 'broken', words: `cover open${status.paperEnd ? ', out of paper' : ''}`, whatToDo: PRINTER_ADVICE.coverOpen, code: 'PRINTER_COVER_OPEN' };
  if (status.paperEnd) return { level: 'broken', words: 'out of paper (paper end)', whatToDo: PRINTER_ADVICE.paperEnd, code: 'PRINTER_PAPER_END' };
  if (status.error) {
    if (errorCause?.cutter === true) return { level: 'broken', words: 'cutter error (the cutter is jammed)', whatToDo: PRINTER_ADVICE.cutter, code: 'PRINTER_ERROR' };
    if (errorCause?.autoRecoverable === true) return { level: 'broken', words: 'print head too hot (waits and recovers by itself)', whatToDo: PRINTER_ADVICE.headHot, code: 'PRINTER_ERROR' };
    if (errorCause?.mechanical === true) return { level: 'broken', words: 'paper jam (mechanical error)', whatToDo: PRINTER_ADVICE.jam, code: 'PRINTER_ERROR' };
    if (errorCause?.unrecoverable === true) return { level: 'broken', words: 'unrecoverable printer error', whatToDo: PRINTER_ADVICE.unrecoverable, code: 'PRINTER_ERROR' };
    return { level: 'broken', words: 'printer error (cause not reported)', whatToDo: PRINTER_ADVICE.error, code: 'PRINTER_ERROR' };
  }
  if (!status.online) return { level: 'broken', words: 'offline', whatToDo: PRINTER_ADVICE.offline, code: 'PRINTER_OFFLINE' };
  if (status.paperNearEnd) return { level: 'warn', words: 'paper near end', whatToDo: PRINTER_ADVICE.nearEnd };
  return { level: 'ok', words: `ready${assumed}`, whatToDo: PRINTER_ADVICE.ready };
}

/** What a failure to get the status means (the printer did not answer, or is not there). */
export function verdictOfError(error: ErrorData): PrinterVerdict {
  switch (error.code) {
    case 'PRINTER_NOT_RESPONDING':
      return { level: 'broken', words: 'does not answer (silent)', whatToDo: PRINTER_ADVICE.silent, code: error.code };
    case 'PRINTER_DISCONNECTED':
      return { level: 'broken', words: 'not connected', whatToDo: PRINTER_ADVICE.disconnected, code: error.code };
    case 'PRINTER_ERROR':
      return { level: 'broken', words: `answers, but not as this profile expects: ${error.message}`, whatToDo: error.hint ?? PRINTER_ADVICE.error, code: error.code };
    default:
      return { level: 'broken', words: error.message, whatToDo: error.hint ?? PRINTER_ADVICE.error, code: error.code };
  }
}

/** What a fault known only by its code means (the running kiosk's health, seen from the CLI). */
export function verdictOfCode(error: ErrorData): PrinterVerdict {
  switch (error.code) {
    case 'PRINTER_PAPER_END':
      return { level: 'broken', words: 'out of paper (paper end)', whatToDo: PRINTER_ADVICE.paperEnd, code: error.code };
    case 'PRINTER_COVER_OPEN':
      return { level: 'broken', words: 'cover open', whatToDo: PRINTER_ADVICE.coverOpen, code: error.code };
    case 'PRINTER_OFFLINE':
      return { level: 'broken', words: 'offline', whatToDo: PRINTER_ADVICE.offline, code: error.code };
    case 'PRINTER_ERROR':
      return { level: 'broken', words: `printer error: ${error.message}`, whatToDo: `${PRINTER_ADVICE.error} The diagnostics screen names the cause (cutter, head temperature).`, code: error.code };
    default:
      return verdictOfError(error);
  }
}

import { KioskError } from '../../src/core/errors.ts';
import type { PrinterStatus } from './contract.ts';

/**
 * Real-time status bytes (answers to DLE EOT n). Every answer has the fixed pattern
 * bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0 (mask 0x93, value 0x12); anything else is not a
 * status byte (line noise, a stale byte, a printer speaking another dialect).
 */
export const STATUS_FIXED_MASK = 0x93;
export const STATUS_FIXED_VALUE = 0x12;

/** n = 1 printer status. */
export interface PrinterStatusByte {
  readonly request: 1;
  /** Bit 3. */
  readonly offline: boolean;
  /** Bit 5: waiting for online recovery. */
  readonly waitingRecovery: boolean;
  /** Bit 6: paper feed button pressed. */
  readonly feedButton: boolean;
}

/** n = 2 offline cause status. */
export interface OfflineCauseByte {
  readonly request: 2;
  /** Bit 2. */
  readonly coverOpen: boolean;
  /** Bit 3: paper being fed with the feed button. */
  readonly feeding: boolean;
  /** Bit 5: printing stopped because of paper end. */
  readonly paperEndStop: boolean;
  /** Bit 6: an error occurred. */
  readonly error: boolean;
}

/** n = 4 roll paper sensor status. */
export interface PaperSensorByte {
  readonly request: 4;
  /** Bits 2-3 (both set on Epson; either counts). */
  readonly paperNearEnd: boolean;
  /** Bits 5-6 (both set on Epson; either counts). */
  readonly paperEnd: boolean;
}

/** n = 3 error cause status (asked only when n = 2 reports an error). */
export interface ErrorCauseByte {
  readonly request: 3;
  /** Bit 2: a mechanical error the printer recovers from once fixed (paper jam, head position). */
  readonly mechanical: boolean;
  /** Bit 3: autocutter error (a jammed cutter). */
  readonly cutter: boolean;
  /** Bit 5: unrecoverable error (switch off; service). */
  readonly unrecoverable: boolean;
  /** Bit 6: automatically recoverable error (print head too hot, voltage): waits and resumes. */
  readonly autoRecoverable: boolean;
}

export type StatusByte = PrinterStatusByte | OfflineCauseByte | PaperSensorByte | ErrorCauseByte;

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

export function parseStatusByte(n: 1, byte: number): PrinterStatusByte;
export function parseStatusByte(n: 2, byte: number): OfflineCauseByte;
export function parseStatusByte(n: 3, byte: number): ErrorCauseByte;
export function parseStatusByte(n: 4, byte: number): PaperSensorByte;
export function parseStatusByte(n: 1 | 2 | 3 | 4, byte: number): StatusByte;
export function parseStatusByte(n: 1 | 2 | 3 | 4, byte: number): StatusByte {
  if (!Number.isInteger(byte) || byte < 0 || byte > 255 || (byte & STATUS_FIXED_MASK) !== STATUS_FIXED_VALUE) {
    throw new KioskError('PRINTER_ERROR', `The printer sent an unexpected status byte ${Number.isInteger(byte) && byte >= 0 && byte <= 255 ? hex(byte) : String(byte)} to DLE EOT ${n}.`, {
      hint: 'Check that the printer profile matches the printer model and that the baud rate is right; then switch the printer off and on.',
    });
  }
  const bit = (b: number): boolean => (byte & (1 << b)) !== 0;
  switch (n) {
    case 1:
      return { request: 1, offline: bit(3), waitingRecovery: bit(5), feedButton: bit(6) };
    case 2:
      return { request: 2, coverOpen: bit(2), feeding: bit(3), paperEndStop: bit(5), error: bit(6) };
    case 3:
      return { request: 3, mechanical: bit(2), cutter: bit(3), unrecoverable: bit(5), autoRecoverable: bit(6) };
    case 4:
      return { request: 4, paperNearEnd: bit(2) || bit(3), paperEnd: bit(5) || bit(6) };
    default:
      throw new KioskError('INTERNAL', `DLE EOT ${String(n)} is not a status request the kiosk uses.`);
  }
}

/** The three answers (to DLE EOT 1, 2 and 4) as one status. */
export function combineStatus(b1: number, b2: number, b4: number): PrinterStatus {
  const printer = parseStatusByte(1, b1);
  const cause = parseStatusByte(2, b2);
  const paper = parseStatusByte(4, b4);
  return {
    online: !printer.offline,
    coverOpen: cause.coverOpen,
    paperNearEnd: paper.paperNearEnd,
    paperEnd: paper.paperEnd || cause.paperEndStop,
    error: cause.error,
  };
}

/** The bytes a printer in this state answers to DLE EOT 1, 2 and 4 (used by the emulator). */
export function encodeStatusBytes(status: PrinterStatus): { readonly b1: number; readonly b2: number; readonly b4: number } {
  const b1 = STATUS_FIXED_VALUE | (status.online ? 0 : 0x08 | 0x20);
  const b2 = STATUS_FIXED_VALUE | (status.coverOpen ? 0x04 : 0) | (status.paperEnd ? 0x20 : 0) | (status.error ? 0x40 : 0);
  const b4 = STATUS_FIXED_VALUE | (status.paperNearEnd || status.paperEnd ? 0x0c : 0) | (status.paperEnd ? 0x60 : 0);
  return { b1, b2, b4 };
}

/**
 * GS r 1 (transmit paper sensor status) answers: bits 0-1 paper near end, bits 2-3 paper end
 * (both set on Epson; either counts), bits 4 and 7 fixed 0. Unlike DLE EOT, the printer
 * processes GS r in order with the data, and it says nothing about the cover or errors.
 */
export const GS_R_FIXED_MASK = 0x90;

export function parsePaperSensorStatus(byte: number): PrinterStatus {
  if (!Number.isInteger(byte) || byte < 0 || byte > 255 || (byte & GS_R_FIXED_MASK) !== 0) {
    throw new KioskError('PRINTER_ERROR', `The printer sent an unexpected status byte ${Number.isInteger(byte) && byte >= 0 && byte <= 255 ? hex(byte) : String(byte)} to GS r 1.`, {
      hint: 'Check that the printer profile matches the printer model (statusCommand) and that the baud rate is right.',
    });
  }
  const paperEnd = (byte & 0x0c) !== 0;
  return { online: !paperEnd, coverOpen: false, paperNearEnd: (byte & 0x03) !== 0 || paperEnd, paperEnd, error: false };
}

/** The byte a printer in this state answers to GS r 1 (used by the emulator). */
export function encodePaperSensorStatus(status: PrinterStatus): number {
  return (status.paperNearEnd || status.paperEnd ? 0x03 : 0) | (status.paperEnd ? 0x0c : 0);
}

/** What the printer says caused its error (DLE EOT 3), for technicians. */
export type ErrorCause = Omit<ErrorCauseByte, 'request'>;

/** The byte a printer with this error cause answers to DLE EOT 3 (used by the emulator). */
export function encodeErrorCause(cause: ErrorCause): number {
  return STATUS_FIXED_VALUE | (cause.mechanical ? 0x04 : 0) | (cause.cutter ? 0x08 : 0) | (cause.unrecoverable ? 0x20 : 0) | (cause.autoRecoverable ? 0x40 : 0);
}

/** A status (and, when known, the error's cause) in words for technicians (diagnostics, CLI). */
export function describeStatusWithCause(status: PrinterStatus, cause: ErrorCause | undefined): string {
  const base = describeStatus(status);
  if (!status.error || cause === undefined) return base;
  const causes: string[] = [];
  if (cause.cutter) causes.push('cutter error');
  if (cause.autoRecoverable) causes.push('head too hot (or supply voltage): waits and recovers by itself');
  if (cause.mechanical) causes.push('mechanical error (paper jam)');
  if (cause.unrecoverable) causes.push('unrecoverable error: switch the printer off and on, then call service');
  return causes.length === 0 ? base : base.replace(/\berror\b/, causes.join(', '));
}

/** A status in words for technicians (diagnostics, CLI). */
export function describeStatus(status: PrinterStatus): string {
  const problems: string[] = [];
  if (status.coverOpen) problems.push('cover open');
  if (status.paperEnd) problems.push('out of paper');
  else if (status.paperNearEnd) problems.push('paper near end');
  if (status.error) problems.push('error');
  if (!status.online) problems.unshift('offline');
  return problems.length === 0 ? 'ready' : problems.join(', ');
}

/**
 * The error a job should stop with for this status, or undefined when the printer can print.
 * Order: cover, paper, error, offline (what a technician fixes first).
 */
export function statusError(status: PrinterStatus): KioskError | undefined {
  if (status.coverOpen) return new KioskError('PRINTER_COVER_OPEN', 'The printer cover is open.', { hint: 'Close the printer cover.' });
  if (status.paperEnd) return new KioskError('PRINTER_PAPER_END', 'The printer is out of paper.', { hint: 'Load a new paper roll and close the cover.' });
  if (status.error) return new KioskError('PRINTER_ERROR', 'The printer reports an error.', { hint: 'Check for a paper jam or cutter jam, then switch the printer off and on.' });
  if (!status.online) return new KioskError('PRINTER_OFFLINE', 'The printer is offline.', { hint: 'Check the printer is switched on and its panel shows no fault.' });
  return undefined;
}

import { KioskError } from '../../src/core/errors.ts';

/**
 * ESC/POS commands other than raster images: pure functions from "what to do" to the exact
 * bytes a printer takes. Raster images belong to the dialects (dialects/). Nothing here knows
 * where the bytes go or what the page shows. Every function returns a fresh Uint8Array.
 *
 * Byte layouts follow Epson's ESC/POS reference; see README.md in this folder.
 */

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const EOT = 0x04;

/** Largest 16-bit field (x bytes, y dots, ESC * columns, margins). */
export const U16_MAX = 0xffff;

export function u16(value: number): [number, number] {
  return [value & 0xff, (value >> 8) & 0xff];
}

export function checkInteger(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new KioskError('INTERNAL', `ESC/POS encoder: ${name} must be a whole number from ${min} to ${max}, got ${value}.`, {
      hint: 'This is a bug in the print pipeline; report it with the document type.',
    });
  }
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** ESC @: initialize the printer (clears the buffer, resets margins, motion units and modes). */
export function initialize(): Uint8Array {
  return Uint8Array.of(ESC, 0x40);
}

/**
 * ESC J n: print the buffer and feed n vertical motion units. Feeds above 255 units are split
 * into several ESC J. `unitsPerDot` converts dots to the printer's motion unit (the profile's
 * verticalUnitsPerDot). Zero dots is no bytes.
 */
export function feedDots(dots: number, unitsPerDot: number): Uint8Array {
  checkInteger(dots, 'feed dots', 0, Number.MAX_SAFE_INTEGER);
  checkInteger(unitsPerDot, 'units per dot', 1, 255);
  let units = dots * unitsPerDot;
  const out: number[] = [];
  while (units > 0) {
    const n = Math.min(units, 255);
    out.push(ESC, 0x4a, n);
    units -= n;
  }
  return Uint8Array.from(out);
}

/**
 * GS V m n (function B): feed to the cutting position plus n units, then cut.
 * m = 65 full cut, 66 partial cut (one point left uncut).
 */
export function cut(partial = false, feedUnits = 0): Uint8Array {
  checkInteger(feedUnits, 'cut feed', 0, 255);
  return Uint8Array.of(GS, 0x56, partial ? 66 : 65, feedUnits);
}

/** GS L nL nH: left margin in horizontal motion units (dots on the profiles shipped). */
export function setLeftMarginDots(dots: number): Uint8Array {
  checkInteger(dots, 'left margin', 0, U16_MAX);
  return Uint8Array.of(GS, 0x4c, ...u16(dots));
}

/** GS W nL nH: print area width in horizontal motion units (dots on the profiles shipped). */
export function setPrintAreaWidthDots(dots: number): Uint8Array {
  checkInteger(dots, 'print area width', 0, U16_MAX);
  return Uint8Array.of(GS, 0x57, ...u16(dots));
}

/** DLE EOT n: real-time status request. n = 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  checkInteger(n, 'status request', 1, 4);
  return Uint8Array.of(DLE, EOT, n);
}

/**
 * ESC $ nL nH: set the absolute print position, counted from the start of the line (the left
 * margin) in horizontal motion units (dots on the shipped profiles). A printer ignores a
 * position outside the print area.
 */
export function setAbsolutePositionDots(dots: number): Uint8Array {
  checkInteger(dots, 'print position', 0, U16_MAX);
  return Uint8Array.of(ESC, 0x24, ...u16(dots));
}

/** ESC 3 n: line spacing (what LF feeds) in vertical motion units; `unitsPerDot` as for feedDots. */
export function setLineSpacingDots(dots: number, unitsPerDot: number): Uint8Array {
  checkInteger(unitsPerDot, 'units per dot', 1, 255);
  checkInteger(dots * unitsPerDot, 'line spacing units', 0, 255);
  return Uint8Array.of(ESC, 0x33, dots * unitsPerDot);
}

/** LF: print the line buffer and feed one line (the line spacing set by ESC 3). */
export const LINE_FEED: Uint8Array = Uint8Array.of(0x0a);

/**
 * DLE DC4 fn=8 d1..d7 = 1 3 20 1 6 2 8: real-time "clear buffers" (Epson TM-T88/T90 class,
 * Citizen CT-S): drops everything in the receive and print buffers, returns to standard mode
 * and answers 37 25 00. A real-time command: executed on arrival even while the printer is
 * offline or out of paper (serial interface), so it must never be sent inside another command.
 */
export function clearBuffers(): Uint8Array {
  return Uint8Array.of(DLE, 0x14, 8, 1, 3, 20, 1, 6, 2, 8);
}

/** The printer's answer to DLE DC4 fn=8 (header 37h, identifier 25h, NUL). */
export const CLEAR_BUFFERS_RESPONSE: Uint8Array = Uint8Array.of(0x37, 0x25, 0x00);

/** GS r n: transmit status (n = 1: paper sensor). Processed in order with the data, not real-time. */
export function transmitStatusRequest(): Uint8Array {
  return Uint8Array.of(GS, 0x72, 1);
}

/** Bytes of the ESC $ before a piece that does not start where the previous one ended. */
export const ESC_DOLLAR_BYTES = 4;
/** Bytes of the ESC * m nL nH header. */
export const ESC_STAR_HEADER_BYTES = 5;

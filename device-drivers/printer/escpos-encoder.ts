import { KioskError } from '../../src/core/errors.ts';
import type { MonoBitmap } from './bitmap.ts';
import type { PrinterProfile, RasterCommand } from './contract.ts';

/**
 * ESC/POS encoder: pure functions from "what to do" to the exact bytes a printer takes.
 * Nothing here knows where the bytes go (see printer-uri.ts) or what the page shows
 * (src/printing). Every function returns a fresh Uint8Array.
 *
 * Byte layouts follow Epson's ESC/POS reference; see README.md in this folder.
 */

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const EOT = 0x04;

/** Largest parameter block GS ( L can announce (pL pH is 16 bits). */
export const GS_PAREN_L_MAX_PARAMS = 0xffff;
/** GS ( L / GS 8 L fn 112 carries 10 parameter bytes before the image data. */
export const GS_PAREN_L_HEADER_PARAMS = 10;
/** Largest 16-bit field (x bytes, y dots, ESC * columns). */
const U16_MAX = 0xffff;
/** GS 8 L announces its parameter length in 4 bytes. */
const U32_MAX = 0xffffffff;

export interface RasterOptions {
  /** Tallest band this printer accepts in one command (the profile's raster.maxBandHeight). */
  readonly maxBandHeight?: number;
  /** ESC * stripe height: 8 or 24 dots (default 24). */
  readonly escStarDots?: 8 | 24;
  /** ESC * feeds each stripe with ESC J; vertical motion units per dot (default 1). */
  readonly verticalUnitsPerDot?: number;
}

function u16(value: number): [number, number] {
  return [value & 0xff, (value >> 8) & 0xff];
}

function checkInteger(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new KioskError('INTERNAL', `ESC/POS encoder: ${name} must be a whole number from ${min} to ${max}, got ${value}.`, {
      hint: 'This is a bug in the print pipeline; report it with the document type.',
    });
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
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
 * into several ESC J. `unitsPerDot` converts dots to the printer's motion unit (profile
 * verticalUnitsPerDot, default 1). Zero dots is no bytes.
 */
export function feedDots(dots: number, unitsPerDot = 1): Uint8Array {
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

/** DLE EOT n: real-time status request. n = 1 printer, 2 offline cause, 4 roll paper sensor. */
export function statusRequest(n: 1 | 2 | 4): Uint8Array {
  if (n !== 1 && n !== 2 && n !== 4) checkInteger(n, 'status request', 1, 4);
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
export function setLineSpacingDots(dots: number, unitsPerDot = 1): Uint8Array {
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

/** Bytes of the ESC $ before a piece that does not start where the previous one ended. */
export const ESC_DOLLAR_BYTES = 4;
/** Bytes of the ESC * m nL nH header. */
export const ESC_STAR_HEADER_BYTES = 5;

/** One ESC * image piece of a strip: `width` dot columns starting at page column `x`. */
export interface StripPiece {
  readonly x: number;
  readonly width: number;
}

export interface StripOptions {
  /** ESC * stripe height: 8 or 24 dots (default 24). */
  readonly escStarDots?: 8 | 24;
  readonly verticalUnitsPerDot?: number;
  /**
   * End a full-height strip with LF instead of ESC J (1 byte instead of 3). Only valid once
   * ESC 3 has set the line spacing to exactly the stripe height (setLineSpacingDots).
   */
  readonly lineFeed?: boolean;
}

/**
 * One strip of a page as several ESC * pieces side by side: for each piece ESC $ x (left out
 * when the print position is already there: 0 at the start of the line, or the end of the
 * previous piece) then ESC * m nL nH with the piece's columns of page rows top..top+stripe-1
 * (rows past `rows` or the page are white); then the strip is printed and the paper fed by
 * `rows` dots: LF when `lineFeed` and `rows` is the stripe height, else ESC J. Only the strip's
 * `rows` rows are sent (the rest of the stripe is white), so nothing is printed twice. Pieces must be
 * in order, not overlapping, inside the page. The print position is at the line start
 * (left margin) before and after.
 */
export function rasterStrip(page: MonoBitmap, top: number, rows: number, pieces: readonly StripPiece[], options: StripOptions = {}): Uint8Array {
  const stripe = options.escStarDots ?? 24;
  checkInteger(top, 'strip top', 0, Math.max(0, page.height - 1));
  checkInteger(rows, 'strip rows', 1, stripe);
  const bytesPerColumn = stripe / 8;
  const mode = stripe === 24 ? 33 : 1;
  let size = 0;
  let position = 0;
  for (const piece of pieces) {
    checkInteger(piece.x, 'piece x', position, page.width - 1);
    checkInteger(piece.width, 'piece width', 1, Math.min(U16_MAX, page.width - piece.x));
    size += (piece.x === position ? 0 : ESC_DOLLAR_BYTES) + ESC_STAR_HEADER_BYTES + piece.width * bytesPerColumn;
    position = piece.x + piece.width;
  }
  const units = options.verticalUnitsPerDot ?? 1;
  const feed = options.lineFeed === true && rows === stripe ? LINE_FEED : feedDots(rows, units);
  const out = new Uint8Array(size + feed.length);
  const rowsHere = Math.min(rows, page.height - top);
  let at = 0;
  position = 0;
  for (const piece of pieces) {
    if (piece.x !== position) {
      out.set([ESC, 0x24, ...u16(piece.x)], at);
      at += ESC_DOLLAR_BYTES;
    }
    out.set([ESC, 0x2a, mode, ...u16(piece.width)], at);
    at += ESC_STAR_HEADER_BYTES;
    for (let r = 0; r < rowsHere; r += 1) {
      const rowStart = (top + r) * page.bytesPerRow;
      const bit = 0x80 >> (r & 7);
      const offset = at + (r >> 3);
      for (let c = 0; c < piece.width; c += 1) {
        const x = piece.x + c;
        if (((page.data[rowStart + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0) out[offset + c * bytesPerColumn] = (out[offset + c * bytesPerColumn] ?? 0) | bit;
      }
    }
    at += piece.width * bytesPerColumn;
    position = piece.x + piece.width;
  }
  out.set(feed, at);
  return out;
}

function tooBig(command: RasterCommand, band: MonoBitmap, why: string): KioskError {
  return new KioskError('PRINTER_ERROR', `A ${band.width}x${band.height} dot band cannot be sent with ${command}: ${why}.`, {
    hint: 'Lower raster.maxBandHeight in the printer profile or choose another raster command.',
  });
}

function checkBand(band: MonoBitmap, command: RasterCommand, options: RasterOptions): void {
  if (band.width < 1 || band.height < 1) throw tooBig(command, band, 'a band needs at least one dot each way');
  if (band.bytesPerRow !== Math.ceil(band.width / 8) || band.data.length < band.bytesPerRow * band.height) {
    throw new KioskError('INTERNAL', `ESC/POS encoder: the band's data does not match its ${band.width}x${band.height} size.`, {
      hint: 'This is a bug in the print pipeline; report it with the document type.',
    });
  }
  if (options.maxBandHeight !== undefined && band.height > options.maxBandHeight) {
    throw tooBig(command, band, `this printer takes at most ${options.maxBandHeight} rows per band`);
  }
}

/** Band rows as the printer wants them: exactly bytesPerRow * height bytes. */
function rows(band: MonoBitmap): Uint8Array {
  const size = band.bytesPerRow * band.height;
  return band.data.length === size ? band.data : band.data.subarray(0, size);
}

/** GS v 0 m xL xH yL yH d1..dk: x in bytes, y in dots, k = x * y. */
function gsV0(band: MonoBitmap): Uint8Array {
  if (band.bytesPerRow > U16_MAX) throw tooBig('gs-v-0', band, `a row is more than ${U16_MAX} bytes`);
  if (band.height > U16_MAX) throw tooBig('gs-v-0', band, `more than ${U16_MAX} rows`);
  const header = Uint8Array.of(GS, 0x76, 0x30, 0, ...u16(band.bytesPerRow), ...u16(band.height));
  return concat([header, rows(band)]);
}

/** fn 112 parameters after the length: m fn a bx by c xL xH yL yH (x and y in dots). */
function fn112Params(band: MonoBitmap): number[] {
  return [0x30, 0x70, 0x30, 1, 1, 0x31, ...u16(band.width), ...u16(band.height)];
}

/** GS ( L pL pH 30 32: print the graphics stored in the print buffer. */
export const PRINT_STORED_GRAPHICS: Uint8Array = Uint8Array.of(GS, 0x28, 0x4c, 2, 0, 0x30, 0x32);

/**
 * Store raster graphics (fn 112) then print them (fn 50). GS ( L when the parameter block fits
 * its 16-bit length (10 + data <= 65 535), else GS 8 L with its 32-bit length.
 */
function storeAndPrint(band: MonoBitmap): Uint8Array {
  if (band.width > U16_MAX || band.height > U16_MAX) throw tooBig('gs-8-l', band, `width and height are limited to ${U16_MAX} dots`);
  const data = rows(band);
  const params = GS_PAREN_L_HEADER_PARAMS + data.length;
  let header: Uint8Array;
  if (params <= GS_PAREN_L_MAX_PARAMS) {
    header = Uint8Array.of(GS, 0x28, 0x4c, ...u16(params), ...fn112Params(band));
  } else {
    if (params > U32_MAX) throw tooBig('gs-8-l', band, 'the data exceeds the 4-byte length of GS 8 L');
    header = Uint8Array.of(GS, 0x38, 0x4c, params & 0xff, (params >>> 8) & 0xff, (params >>> 16) & 0xff, (params >>> 24) & 0xff, ...fn112Params(band));
  }
  return concat([header, data, PRINT_STORED_GRAPHICS]);
}

/**
 * ESC * m nL nH d1..dk column bit image, one stripe of 8 or 24 rows at a time, each followed
 * by ESC J (stripe height) so stripes butt together. m = 1 (8-dot double density) or
 * m = 33 (24-dot double density): full resolution on the head. In a column, bit 7 of the
 * first byte is the top dot. The last stripe is padded with white rows but only fed by the
 * rows it really has.
 */
function escStar(band: MonoBitmap, options: RasterOptions): Uint8Array {
  const stripe = options.escStarDots ?? 24;
  if (band.width > U16_MAX) throw tooBig('esc-star', band, `more than ${U16_MAX} columns`);
  const bytesPerColumn = stripe / 8;
  const parts: Uint8Array[] = [];
  for (let top = 0; top < band.height; top += stripe) {
    const rowsHere = Math.min(stripe, band.height - top);
    const out = new Uint8Array(5 + band.width * bytesPerColumn);
    out.set([ESC, 0x2a, stripe === 24 ? 33 : 1, ...u16(band.width)]);
    for (let x = 0; x < band.width; x += 1) {
      const byteInRow = x >> 3;
      const mask = 0x80 >> (x & 7);
      for (let r = 0; r < rowsHere; r += 1) {
        const source = band.data[(top + r) * band.bytesPerRow + byteInRow] ?? 0;
        if ((source & mask) !== 0) {
          const index = 5 + x * bytesPerColumn + (r >> 3);
          out[index] = (out[index] ?? 0) | (0x80 >> (r & 7));
        }
      }
    }
    parts.push(out, feedDots(rowsHere, options.verticalUnitsPerDot ?? 1));
  }
  return concat(parts);
}

/**
 * One band of a page in the given raster command. The print position is at the band's top
 * left (the left margin) before, and just below the band after.
 * Throws KioskError PRINTER_ERROR when the band does not fit what the command can carry
 * (or the profile's maxBandHeight when given).
 */
export function rasterBand(band: MonoBitmap, command: RasterCommand, options: RasterOptions = {}): Uint8Array {
  checkBand(band, command, options);
  switch (command) {
    case 'gs-v-0':
      return gsV0(band);
    case 'gs-8-l':
      return storeAndPrint(band);
    case 'esc-star':
      return escStar(band, options);
    default: {
      const unknown: never = command;
      throw new KioskError('INTERNAL', `ESC/POS encoder: unknown raster command ${String(unknown)}.`);
    }
  }
}

/** The encoder bound to one profile: its raster command, band limit, motion units and cut feed. */
export interface ProfileEncoder {
  initialize(): Uint8Array;
  feedDots(dots: number): Uint8Array;
  cut(partial?: boolean): Uint8Array;
  setLeftMarginDots(dots: number): Uint8Array;
  setPrintAreaWidthDots(dots: number): Uint8Array;
  rasterBand(band: MonoBitmap): Uint8Array;
  statusRequest(n: 1 | 2 | 4): Uint8Array;
  /** ESC 3 with the profile's motion units. */
  setLineSpacingDots(dots: number): Uint8Array;
  /** rasterStrip with the profile's stripe height and motion units (`lineFeed` as given). */
  rasterStrip(page: MonoBitmap, top: number, rows: number, pieces: readonly StripPiece[], lineFeed?: boolean): Uint8Array;
  /** DLE DC4 fn=8 (send only when the profile's bufferClear is 'dle-dc4-8'). */
  clearBuffers(): Uint8Array;
}

export function encoderFor(profile: PrinterProfile): ProfileEncoder {
  const unitsPerDot = profile.verticalUnitsPerDot ?? 1;
  const options: RasterOptions = {
    maxBandHeight: profile.raster.maxBandHeight,
    escStarDots: profile.escStarDots ?? 24,
    verticalUnitsPerDot: unitsPerDot,
  };
  return {
    initialize,
    feedDots: (dots) => feedDots(dots, unitsPerDot),
    cut: (partial = false) => cut(partial, Math.min(255, (profile.cutFeedDots ?? 0) * unitsPerDot)),
    setLeftMarginDots,
    setPrintAreaWidthDots,
    rasterBand: (band) => rasterBand(band, profile.raster.command, options),
    statusRequest,
    setLineSpacingDots: (dots) => setLineSpacingDots(dots, unitsPerDot),
    rasterStrip: (page, top, rows, pieces, lineFeed = false) =>
      rasterStrip(page, top, rows, pieces, { escStarDots: options.escStarDots ?? 24, verticalUnitsPerDot: unitsPerDot, lineFeed }),
    clearBuffers,
  };
}

import { checkInteger, concat, ESC_DOLLAR_BYTES, ESC_STAR_HEADER_BYTES, feedDots, LINE_FEED, setLineSpacingDots, U16_MAX, u16 } from '../escpos-commands.ts';
import type { MonoBitmap } from '../bitmap.ts';
import type { PrinterProfile } from '../profile-schema.ts';
import { checkBand, feedCost, tooBig, type RasterDialect, type StripCosts, type StripPiece } from './dialect.ts';
import { columnFloorBytes, rowFloorBytes } from './floors.ts';

const ESC = 0x1b;

/** m = 33 (24-dot double density) or m = 1 (8-dot double density): full resolution on the head. */
function mode(stripe: 8 | 24): number {
  return stripe === 24 ? 33 : 1;
}

export interface EscStarOptions {
  readonly stripe: 8 | 24;
  readonly unitsPerDot: number;
}

/**
 * ESC * m nL nH d1..dk column bit image, one stripe of 8 or 24 rows at a time, each followed
 * by ESC J (stripe height) so stripes butt together. In a column, bit 7 of the first byte is
 * the top dot. The last stripe is padded with white rows but only fed by the rows it really has.
 */
export function escStarBand(band: MonoBitmap, options: EscStarOptions): Uint8Array {
  const { stripe } = options;
  if (band.width > U16_MAX) throw tooBig('ESC *', band, `more than ${U16_MAX} columns`);
  const bytesPerColumn = stripe / 8;
  const parts: Uint8Array[] = [];
  for (let top = 0; top < band.height; top += stripe) {
    const rowsHere = Math.min(stripe, band.height - top);
    const out = new Uint8Array(ESC_STAR_HEADER_BYTES + band.width * bytesPerColumn);
    out.set([ESC, 0x2a, mode(stripe), ...u16(band.width)]);
    for (let x = 0; x < band.width; x += 1) {
      const byteInRow = x >> 3;
      const mask = 0x80 >> (x & 7);
      for (let r = 0; r < rowsHere; r += 1) {
        const source = band.data[(top + r) * band.bytesPerRow + byteInRow] ?? 0;
        if ((source & mask) !== 0) {
          const index = ESC_STAR_HEADER_BYTES + x * bytesPerColumn + (r >> 3);
          out[index] = (out[index] ?? 0) | (0x80 >> (r & 7));
        }
      }
    }
    parts.push(out, feedDots(rowsHere, options.unitsPerDot));
  }
  return concat(parts);
}

/**
 * One strip of a page as several ESC * pieces side by side: for each piece ESC $ x (left out
 * when the print position is already there: 0 at the start of the line, or the end of the
 * previous piece) then ESC * m nL nH with the piece's columns of page rows top..top+stripe-1
 * (rows past `rows` or the page are white); then the strip is printed and the paper fed by
 * `rows` dots: LF when `lineFeed` and `rows` is the stripe height, else ESC J. Only the strip's
 * `rows` rows are sent, so nothing is printed twice. Pieces must be in order, not overlapping,
 * inside the page. The print position is at the line start (left margin) before and after.
 */
export function escStarStrip(page: MonoBitmap, top: number, rows: number, pieces: readonly StripPiece[], options: EscStarOptions & { readonly lineFeed: boolean }): Uint8Array {
  const { stripe } = options;
  checkInteger(top, 'strip top', 0, Math.max(0, page.height - 1));
  checkInteger(rows, 'strip rows', 1, stripe);
  const bytesPerColumn = stripe / 8;
  let size = 0;
  let position = 0;
  for (const piece of pieces) {
    checkInteger(piece.x, 'piece x', position, page.width - 1);
    checkInteger(piece.width, 'piece width', 1, Math.min(U16_MAX, page.width - piece.x));
    size += (piece.x === position ? 0 : ESC_DOLLAR_BYTES) + ESC_STAR_HEADER_BYTES + piece.width * bytesPerColumn;
    position = piece.x + piece.width;
  }
  const feed = options.lineFeed && rows === stripe ? LINE_FEED : feedDots(rows, options.unitsPerDot);
  const out = new Uint8Array(size + feed.length);
  const rowsHere = Math.min(rows, page.height - top);
  let at = 0;
  position = 0;
  for (const piece of pieces) {
    if (piece.x !== position) {
      out.set([ESC, 0x24, ...u16(piece.x)], at);
      at += ESC_DOLLAR_BYTES;
    }
    out.set([ESC, 0x2a, mode(stripe), ...u16(piece.width)], at);
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

/**
 * ESC * column images in stripes of the profile's escStarDots. With raster.segments each stripe
 * goes out as pieces placed with ESC $ (white inside a line skipped), ended by LF after ESC 3
 * set the line spacing once a page; without, as bands of whole stripes cropped with GS L / GS W.
 */
export function escStarDialect(profile: PrinterProfile): RasterDialect {
  const stripe = profile.escStarDots;
  const unitsPerDot = profile.verticalUnitsPerDot;
  const feed = feedCost(unitsPerDot);
  const maxBandHeight = profile.raster.maxBandHeight;
  const name = `ESC * (${stripe}-dot)`;
  const strips: StripCosts | null = profile.raster.segments
    ? { stripe, bytesPerColumn: stripe / 8, positionHeader: ESC_DOLLAR_BYTES, imageHeader: ESC_STAR_HEADER_BYTES, stripEnd: LINE_FEED.length, feed }
    : null;
  return {
    command: 'esc-star',
    name: strips === null ? name : `${name} pieces placed with ESC $`,
    maxBandHeight,
    cropsBands: profile.cropBands,
    costs: {
      // One ESC * per stripe (5 + 3 or 1 byte per column) and an ESC J after it.
      band: (h, w) => {
        const stripes = Math.ceil(h / stripe);
        return stripes * (ESC_STAR_HEADER_BYTES + w * 8 * (stripe / 8)) + (stripes - 1) * feed(stripe) + feed(h - (stripes - 1) * stripe);
      },
      crop: 8,
      feed,
    },
    strips,
    band(band) {
      checkBand(band, name, maxBandHeight);
      return escStarBand(band, { stripe, unitsPerDot });
    },
    strip: (page, top, rows, pieces, lineFeed) => escStarStrip(page, top, rows, pieces, { stripe, unitsPerDot, lineFeed }),
    // Strips end with LF: the line spacing is set to the stripe once a page (ESC @ resets it).
    pageSetup: (hasStrips) => (hasStrips ? setLineSpacingDots(stripe, unitsPerDot) : new Uint8Array(0)),
    floorBytes: strips === null ? rowFloorBytes : (page) => columnFloorBytes(page, stripe),
  };
}

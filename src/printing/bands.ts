import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import { KioskError } from '../core/errors.ts';
import { columnFloorBytes, rowFloorBytes, type RasterDialect, type StripCosts, type StripPiece } from '../../device-drivers/printer/dialects/index.ts';

/**
 * Splits a page bitmap into what goes on the wire: raster bands (each no taller than the
 * profile allows, optionally cropped to its inked byte span) and paper feeds over blank rows.
 *
 * The planner asks the profile's raster dialect (device-drivers/printer/dialects) for its byte
 * costs and limits; it never looks at the raster command itself.
 *
 * The split is chosen by dynamic programming over rows to minimise the bytes sent: a band
 * costs its command header (+ margin/width commands when cropped) plus height x inked bytes;
 * a run of blank rows costs a feed. So a 2-row gap between text lines stays inside a band
 * when that is cheaper than closing the band, and a band ends where the inked width changes
 * enough to pay for a new header. See docs/decisions/0501-band-planning.md.
 */

export type PageOp =
  | { readonly kind: 'feed'; readonly dots: number }
  | {
      readonly kind: 'band';
      /** First page row of the band. */
      readonly top: number;
      readonly height: number;
      /** First byte column sent (0 when not cropped). */
      readonly leftByte: number;
      /** Bytes per row sent. */
      readonly widthBytes: number;
    }
  | {
      /**
       * One ESC * stripe as pieces side by side (profiles with raster.segments): page rows
       * top..top+rows-1, each piece `width` dot columns from page column `x`, then a feed of
       * `rows` dots (LF when rows is the stripe height). No pieces: just the feed.
       */
      readonly kind: 'strip';
      readonly top: number;
      readonly rows: number;
      readonly pieces: readonly StripPiece[];
    };

export type BandOp = Extract<PageOp, { kind: 'band' }>;
export type StripOp = Extract<PageOp, { kind: 'strip' }>;

/** What the planner needs from a raster dialect: its limits, whether it crops, and its byte costs. */
export type PlanningDialect = Pick<RasterDialect, 'maxBandHeight' | 'cropsBands' | 'costs' | 'strips'>;

/** Bands taller than this are never chosen (keeps planning linear and status polls frequent). */
const PLANNING_CAP = 256;

export interface RowSpans {
  /** First inked byte per row, or -1 for a blank row. */
  readonly first: Int32Array;
  /** One past the last inked byte per row (0 for a blank row). */
  readonly end: Int32Array;
}

export function rowSpans(page: MonoBitmap): RowSpans {
  const first = new Int32Array(page.height).fill(-1);
  const end = new Int32Array(page.height);
  const { bytesPerRow, data } = page;
  for (let y = 0; y < page.height; y += 1) {
    const row = y * bytesPerRow;
    let lo = 0;
    while (lo < bytesPerRow && data[row + lo] === 0) lo += 1;
    if (lo === bytesPerRow) continue;
    let hi = bytesPerRow;
    while (hi > lo && data[row + hi - 1] === 0) hi -= 1;
    first[y] = lo;
    end[y] = hi;
  }
  return { first, end };
}

/** The full-page raster: what a naive encoder sends (every row, full width; data bytes only). */
export function naiveBytes(page: MonoBitmap): number {
  return page.bytesPerRow * page.height;
}

/**
 * The row floor: every blank row skipped and every row cropped to its own inked byte span (as
 * if each band were one row and commands were free). No band layout can send less raster data.
 */
export const floorBytes: (page: MonoBitmap) => number = rowFloorBytes;

/** The floor for segmented ESC * strips (each dot column covered by the fewest stripe-dot columns). */
export function segmentFloorBytes(page: MonoBitmap, stripe: 8 | 24): number {
  return columnFloorBytes(page, stripe);
}

/** The byte-minimal plan of a page in the dialect: segmented strips when it has them, else bands and feeds. */
export function planBands(page: MonoBitmap, dialect: PlanningDialect): PageOp[] {
  if (dialect.strips !== null) return planStrips(page, dialect.strips);
  const { costs } = dialect;
  const crop = dialect.cropsBands;
  const H = page.height;
  const { first, end } = rowSpans(page);
  const maxH = Math.max(1, Math.min(dialect.maxBandHeight, PLANNING_CAP));
  const blank = (y: number) => (first[y] ?? -1) < 0;
  // blankRunEnd[y]: first non-blank row at or after y.
  const blankRunEnd = new Int32Array(H + 1);
  blankRunEnd[H] = H;
  for (let y = H - 1; y >= 0; y -= 1) blankRunEnd[y] = blank(y) ? (blankRunEnd[y + 1] ?? H) : y;

  // best[i]: fewest bytes to put rows i..H-1 on paper. Filled backwards.
  const best = new Float64Array(H + 1);
  const next = new Int32Array(H + 1); // row after the op that starts at i
  const isBand = new Uint8Array(H + 1);
  const bandLo = new Int32Array(H + 1);
  const bandHi = new Int32Array(H + 1);
  for (let i = H - 1; i >= 0; i -= 1) {
    if (blank(i)) {
      // A blank run is fed; bands start on inked rows.
      const j = blankRunEnd[i] ?? H;
      best[i] = costs.feed(j - i) + (best[j] ?? 0);
      next[i] = j;
      isBand[i] = 0;
      continue;
    }
    let bestCost = Infinity;
    let lo = Infinity;
    let hi = -1;
    const last = Math.min(H, i + maxH);
    for (let j = i + 1; j <= last; j += 1) {
      const y = j - 1;
      if (!blank(y)) {
        lo = Math.min(lo, first[y] ?? 0);
        hi = Math.max(hi, end[y] ?? 0);
      }
      const l = crop ? lo : 0;
      const h = crop ? hi : page.bytesPerRow;
      const cost = costs.band(j - i, h - l) + (crop ? costs.crop : 0) + (best[j] ?? 0);
      if (cost < bestCost) {
        bestCost = cost;
        next[i] = j;
        isBand[i] = 1;
        bandLo[i] = l;
        bandHi[i] = h;
      }
    }
    best[i] = bestCost;
  }

  const ops: PageOp[] = [];
  for (let i = 0; i < H; ) {
    const j = next[i] ?? H;
    if (isBand[i] === 0) ops.push({ kind: 'feed', dots: j - i });
    else {
      const lo = bandLo[i] ?? 0;
      ops.push({ kind: 'band', top: i, height: j - i, leftByte: lo, widthBytes: (bandHi[i] ?? 0) - lo });
    }
    i = j;
  }
  return ops;
}

/** The bytes of one band as its own bitmap (cropped width, rows past the page blank). */
export function extractBand(page: MonoBitmap, op: BandOp): MonoBitmap {
  const data = new Uint8Array(op.widthBytes * op.height);
  for (let y = 0; y < op.height; y += 1) {
    const src = op.top + y;
    if (src >= page.height) break;
    const start = src * page.bytesPerRow + op.leftByte;
    data.set(page.data.subarray(start, start + op.widthBytes), y * op.widthBytes);
  }
  const width = op.leftByte === 0 && op.widthBytes === page.bytesPerRow ? page.width : op.widthBytes * 8;
  return { width, height: op.height, bytesPerRow: op.widthBytes, data };
}

/** Wire bytes of the ops in the dialect, without page framing (exactly what the encoder sends for them). */
export function estimateBytes(ops: readonly PageOp[], dialect: PlanningDialect): number {
  const { costs, strips } = dialect;
  let total = 0;
  for (const op of ops) {
    if (op.kind === 'feed') total += costs.feed(op.dots);
    else if (op.kind === 'strip') {
      if (strips === null) throw new KioskError('INTERNAL', 'A page plan has a segmented strip, but the printer dialect sends bands.', { hint: 'This is a bug in the print pipeline; report it with the printer profile.' });
      total += stripBytes(op, strips);
    } else total += costs.band(op.height, op.widthBytes) + (dialect.cropsBands ? costs.crop : 0);
  }
  return total;
}

/** Rebuilds the page a printer would produce from the ops (for tests and diagnostics). */
export function replayOps(page: MonoBitmap, ops: readonly PageOp[]): MonoBitmap {
  let height = 0;
  for (const op of ops) height += op.kind === 'feed' ? op.dots : op.kind === 'strip' ? op.rows : op.height;
  const out = { width: page.width, height, bytesPerRow: page.bytesPerRow, data: new Uint8Array(page.bytesPerRow * height) };
  let y = 0;
  for (const op of ops) {
    if (op.kind === 'feed') {
      y += op.dots;
      continue;
    }
    if (op.kind === 'strip') {
      for (const piece of op.pieces)
        for (let r = 0; r < op.rows && op.top + r < page.height && y + r < height; r += 1)
          for (let x = piece.x; x < piece.x + piece.width; x += 1) {
            const mask = 0x80 >> (x & 7);
            if (((page.data[(op.top + r) * page.bytesPerRow + (x >> 3)] ?? 0) & mask) !== 0) {
              const at = (y + r) * page.bytesPerRow + (x >> 3);
              out.data[at] = (out.data[at] ?? 0) | mask;
            }
          }
      y += op.rows;
      continue;
    }
    const band = extractBand(page, op);
    for (let r = 0; r < op.height && y + r < height; r += 1)
      out.data.set(band.data.subarray(r * op.widthBytes, (r + 1) * op.widthBytes), (y + r) * page.bytesPerRow + op.leftByte);
    y += op.height;
  }
  return out;
}

/** Wire bytes of one segmented strip under `costs` (exactly what the dialect's strip sends with lineFeed). */
export function stripBytes(op: Pick<StripOp, 'rows' | 'pieces'>, costs: StripCosts): number {
  let total = op.rows === costs.stripe ? costs.stripEnd : costs.feed(op.rows);
  let position = 0;
  for (const piece of op.pieces) {
    total += (piece.x === position ? 0 : costs.positionHeader) + costs.imageHeader + piece.width * costs.bytesPerColumn;
    position = piece.x + piece.width;
  }
  return total;
}

/**
 * The inked dot columns of rows top..top+rows-1 as one bit per column (MSB first, like the
 * bitmap): the OR of those rows. `into` is reused.
 */
function columnMask(page: MonoBitmap, spans: RowSpans, top: number, rows: number, into: Uint8Array, words?: { data: Uint32Array; into: Uint32Array }): void {
  into.fill(0);
  const last = Math.min(page.height, top + rows);
  for (let y = top; y < last; y += 1) {
    const lo = spans.first[y] ?? -1;
    if (lo < 0) continue;
    const hi = spans.end[y] ?? 0;
    const row = y * page.bytesPerRow;
    if (words !== undefined) {
      // Four bytes at a time (OR does not care about byte order within a word).
      const w = row >> 2;
      for (let k = lo >> 2, end = (hi + 3) >> 2; k < end; k += 1) words.into[k] = (words.into[k] ?? 0) | (words.data[w + k] ?? 0);
      continue;
    }
    for (let b = lo; b < hi; b += 1) into[b] = (into[b] ?? 0) | (page.data[row + b] ?? 0);
  }
}

/** Word views for columnMask when rows are whole 32-bit words and the data is aligned. */
function wordViews(page: MonoBitmap, mask: Uint8Array): { data: Uint32Array; into: Uint32Array } | undefined {
  if (page.bytesPerRow % 4 !== 0 || page.data.byteOffset % 4 !== 0 || mask.byteOffset % 4 !== 0) return undefined;
  return { data: new Uint32Array(page.data.buffer, page.data.byteOffset, Math.floor(page.data.length / 4)), into: new Uint32Array(mask.buffer, mask.byteOffset, mask.length / 4) };
}

/**
 * Pieces for one strip from its column mask: runs of inked columns, a white gap kept inside a
 * piece when sending it (gap x bytes per column) costs no more than a new piece header
 * (ESC $ + ESC *). Each gap's choice is independent of the others, so this is optimal.
 * With `collect` undefined only the bytes are counted.
 */
function piecesFromMask(mask: Uint8Array, costs: StripCosts, collect?: StripPiece[]): number {
  const perColumn = costs.bytesPerColumn;
  const maxGap = Math.floor((costs.positionHeader + costs.imageHeader) / perColumn);
  let bytes = 0;
  let start = -1;
  let end = -1; // one past the last inked column of the open piece
  const close = () => {
    if (start < 0) return;
    bytes += (start === 0 ? 0 : costs.positionHeader) + costs.imageHeader + (end - start) * perColumn;
    collect?.push({ x: start, width: end - start });
  };
  for (let b = 0; b < mask.length; b += 1) {
    const byte = mask[b] ?? 0;
    if (byte === 0) continue;
    for (let bit = 0; bit < 8; bit += 1) {
      if ((byte & (0x80 >> bit)) === 0) continue;
      const x = b * 8 + bit;
      if (start >= 0 && x - end <= maxGap) end = x + 1;
      else {
        close();
        start = x;
        end = x + 1;
      }
    }
  }
  close();
  return bytes;
}

/**
 * Segmented plan: the page as ESC * strips of `costs.stripe` rows, each sent as pieces side by
 * side, with blank runs fed. A dynamic programme over rows chooses where strips start: from
 * any row, a strip (its pieces + LF, or ESC J for a short last strip) or, over blank rows, a
 * feed to the next inked row. So strips line up with the text lines instead of a fixed grid,
 * and a blank run is fed when ESC J is cheaper than empty LFs.
 */
export function planStrips(page: MonoBitmap, costs: StripCosts): PageOp[] {
  const H = page.height;
  const stripe = costs.stripe;
  const spans = rowSpans(page);
  const blank = (y: number) => (spans.first[y] ?? -1) < 0;
  const blankRunEnd = new Int32Array(H + 1);
  blankRunEnd[H] = H;
  for (let y = H - 1; y >= 0; y -= 1) blankRunEnd[y] = blank(y) ? (blankRunEnd[y + 1] ?? H) : y;

  const mask = new Uint8Array(page.bytesPerRow);
  const words = wordViews(page, mask);
  const best = new Float64Array(H + 1);
  const isStrip = new Uint8Array(H + 1);
  const next = new Int32Array(H + 1);
  for (let i = H - 1; i >= 0; i -= 1) {
    const rows = Math.min(stripe, H - i);
    columnMask(page, spans, i, rows, mask, words);
    const strip = piecesFromMask(mask, costs) + (rows === stripe ? costs.stripEnd : costs.feed(rows)) + (best[i + rows] ?? 0);
    best[i] = strip;
    isStrip[i] = 1;
    next[i] = i + rows;
    if (blank(i)) {
      const j = blankRunEnd[i] ?? H;
      const feed = costs.feed(j - i) + (best[j] ?? 0);
      if (feed <= strip) {
        best[i] = feed;
        isStrip[i] = 0;
        next[i] = j;
      }
    }
  }

  const ops: PageOp[] = [];
  for (let i = 0; i < H; ) {
    const j = next[i] ?? H;
    if (isStrip[i] === 0) ops.push({ kind: 'feed', dots: j - i });
    else {
      columnMask(page, spans, i, j - i, mask, words);
      const pieces: StripPiece[] = [];
      piecesFromMask(mask, costs, pieces);
      ops.push({ kind: 'strip', top: i, rows: j - i, pieces });
    }
    i = j;
  }
  return ops;
}

import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { ESC_DOLLAR_BYTES, ESC_STAR_HEADER_BYTES, type StripPiece } from '../../device-drivers/printer/escpos-encoder.ts';

/**
 * Splits a page bitmap into what goes on the wire: raster bands (each no taller than the
 * profile allows, optionally cropped to its inked byte span) and paper feeds over blank rows.
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

export interface BandCosts {
  /** Wire bytes of one raster band `height` rows tall and `widthBytes` bytes wide (header + data). */
  readonly band: (height: number, widthBytes: number) => number;
  /** Bytes to set left margin and print area width before a cropped band (GS L + GS W: 8). */
  readonly crop: number;
  /** Bytes of the feed commands for `dots` dots. */
  readonly feed: (dots: number) => number;
  /** ESC * stripe height (segmented strips). */
  readonly stripe: 8 | 24;
  /** Segmented strips: bytes of a piece header (ESC $ + ESC * m nL nH; no ESC $ where the position already is). */
  readonly pieceHeader: number;
  readonly positionHeader: number;
  readonly imageHeader: number;
  /** Bytes that end a full-height strip (LF after ESC 3 set the line spacing to the stripe). */
  readonly stripEnd: number;
}

export interface BandOptions {
  readonly maxBandHeight: number;
  readonly crop: boolean;
  readonly costs?: BandCosts;
  /** Plan segmented ESC * strips instead of bands (profile raster.segments). */
  readonly segments?: boolean;
}

type CostProfile = Pick<PrinterProfile, 'raster' | 'verticalUnitsPerDot' | 'escStarDots'>;

/**
 * The byte cost of each command as the ESC/POS encoder in device-drivers/printer lays it out
 * (bands.test.ts checks the model against the encoder's real output).
 */
export function bandCosts(profile: CostProfile): BandCosts {
  const units = profile.verticalUnitsPerDot ?? 1;
  const feed = (dots: number) => 3 * Math.ceil((dots * units) / 255);
  const stripe = profile.escStarDots ?? 24;
  const band = ((): BandCosts['band'] => {
    switch (profile.raster.command) {
      case 'gs-v-0':
        return (h, w) => 8 + h * w;
      case 'gs-8-l':
        // GS ( L pL pH + 10 parameter bytes (GS 8 L: 4-byte length) + data + GS ( L fn 50 (7).
        return (h, w) => (10 + h * w <= 0xffff ? 15 : 17) + h * w + 7;
      case 'esc-star':
        // One ESC * per stripe (5 + 3 or 1 byte per column) and an ESC J after it.
        return (h, w) => {
          const stripes = Math.ceil(h / stripe);
          return stripes * (5 + w * 8 * (stripe / 8)) + (stripes - 1) * feed(stripe) + feed(h - (stripes - 1) * stripe);
        };
    }
  })();
  return {
    band,
    crop: 8,
    feed,
    stripe,
    pieceHeader: ESC_DOLLAR_BYTES + ESC_STAR_HEADER_BYTES,
    positionHeader: ESC_DOLLAR_BYTES,
    imageHeader: ESC_STAR_HEADER_BYTES,
    stripEnd: 1,
  };
}

export const DEFAULT_BAND_COSTS: BandCosts = bandCosts({ raster: { command: 'gs-v-0', maxBandHeight: 256 } });

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
 * The lower bound: every blank row skipped and every row cropped to its own inked byte span
 * (as if each band were one row and commands were free). No band layout can send less raster data.
 */
export function floorBytes(page: MonoBitmap): number {
  const { first, end } = rowSpans(page);
  let total = 0;
  for (let y = 0; y < page.height; y += 1) if ((first[y] ?? -1) >= 0) total += (end[y] ?? 0) - (first[y] ?? 0);
  return total;
}

export function planBands(page: MonoBitmap, options: BandOptions): PageOp[] {
  const costs = options.costs ?? DEFAULT_BAND_COSTS;
  if (options.segments === true) return planStrips(page, costs);
  const H = page.height;
  const { first, end } = rowSpans(page);
  const maxH = Math.max(1, Math.min(options.maxBandHeight, PLANNING_CAP));
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
      const l = options.crop ? lo : 0;
      const h = options.crop ? hi : page.bytesPerRow;
      const cost = costs.band(j - i, h - l) + (options.crop ? costs.crop : 0) + (best[j] ?? 0);
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

/** Wire bytes the ops cost under `costs` (an estimate for progress; the encoder has the exact figure). */
export function estimateBytes(ops: readonly PageOp[], costs: BandCosts = DEFAULT_BAND_COSTS, crop = true): number {
  let total = 0;
  for (const op of ops) {
    if (op.kind === 'feed') total += costs.feed(op.dots);
    else if (op.kind === 'strip') total += stripBytes(op, costs);
    else total += costs.band(op.height, op.widthBytes) + (crop ? costs.crop : 0);
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

/** Wire bytes of one segmented strip under `costs` (exactly what rasterStrip sends with lineFeed). */
export function stripBytes(op: Pick<StripOp, 'rows' | 'pieces'>, costs: BandCosts): number {
  let total = op.rows === costs.stripe ? costs.stripEnd : costs.feed(op.rows);
  let position = 0;
  for (const piece of op.pieces) {
    total += (piece.x === position ? 0 : costs.positionHeader) + costs.imageHeader + piece.width * (costs.stripe / 8);
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
function piecesFromMask(mask: Uint8Array, costs: BandCosts, collect?: StripPiece[]): number {
  const perColumn = costs.stripe / 8;
  const maxGap = Math.floor(costs.pieceHeader / perColumn);
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
export function planStrips(page: MonoBitmap, costs: BandCosts): PageOp[] {
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

/**
 * The floor for segmented ESC * strips: every column of the page covered by the fewest
 * `stripe`-dot ESC * columns that hold all its ink (greedy interval cover, per column), each
 * costing stripe/8 bytes, all commands free. No ESC * layout, whatever its strip positions,
 * pieces or feeds, can send less image data: wire / this floor measures all overhead.
 */
export function segmentFloorBytes(page: MonoBitmap, stripe: 8 | 24 = 24): number {
  const coverEnd = new Int32Array(page.bytesPerRow * 8);
  const { bytesPerRow, data } = page;
  let columns = 0;
  for (let y = 0; y < page.height; y += 1) {
    const row = y * bytesPerRow;
    for (let b = 0; b < bytesPerRow; b += 1) {
      const byte = data[row + b] ?? 0;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) {
        if ((byte & (0x80 >> bit)) === 0) continue;
        const x = b * 8 + bit;
        if (y >= (coverEnd[x] ?? 0)) {
          columns += 1;
          coverEnd[x] = y + stripe;
        }
      }
    }
  }
  return columns * (stripe / 8);
}

/** The floor for the profile's raster command: segmentFloorBytes for segmented ESC *, else floorBytes. */
export function commandFloorBytes(page: MonoBitmap, profile: Pick<PrinterProfile, 'raster' | 'escStarDots'>): number {
  return profile.raster.segments === true && profile.raster.command === 'esc-star' ? segmentFloorBytes(page, profile.escStarDots ?? 24) : floorBytes(page);
}

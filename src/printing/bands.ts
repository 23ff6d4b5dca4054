import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';

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
    };

export type BandOp = Extract<PageOp, { kind: 'band' }>;

export interface BandCosts {
  /** Bytes of one raster command's header (GS v 0: 8). */
  readonly bandHeader: number;
  /** Bytes to set left margin and print area width before a cropped band (GS L + GS W: 8). */
  readonly crop: number;
  /** Bytes of the feed commands for `dots` dots. */
  readonly feed: (dots: number) => number;
}

export interface BandOptions {
  readonly maxBandHeight: number;
  readonly crop: boolean;
  /** Every band exactly this tall (ESC * stripes: 8 or 24); rows past the page are blank. */
  readonly fixedBandHeight?: number;
  readonly costs?: BandCosts;
}

export const DEFAULT_BAND_COSTS: BandCosts = {
  bandHeader: 8,
  crop: 8,
  feed: (dots) => 3 * Math.ceil(dots / 255),
};

/** Bands taller than this are never chosen (keeps planning linear and status polls frequent). */
const PLANNING_CAP = 512;

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
  const H = page.height;
  const { first, end } = rowSpans(page);
  const fixed = options.fixedBandHeight;
  const maxH = Math.max(1, Math.min(options.maxBandHeight, fixed ?? PLANNING_CAP));
  const blank = (y: number) => (first[y] ?? -1) < 0;
  // blankRunEnd[y]: first non-blank row at or after y.
  const blankRunEnd = new Int32Array(H + 1);
  blankRunEnd[H] = H;
  for (let y = H - 1; y >= 0; y -= 1) blankRunEnd[y] = blank(y) ? (blankRunEnd[y + 1] ?? H) : y;

  // best[i]: fewest bytes to put rows i..H-1 on paper. Filled backwards.
  const best = new Float64Array(H + 1);
  const choice = new Int32Array(H + 1); // next row index after the op starting at i
  const choiceKind = new Uint8Array(H + 1); // 0 feed, 1 band
  const choiceLo = new Int32Array(H + 1);
  const choiceHi = new Int32Array(H + 1);
  for (let i = H - 1; i >= 0; i -= 1) {
    let bestCost = Infinity;
    if (blank(i)) {
      const j = blankRunEnd[i] ?? H;
      bestCost = costs.feed(j - i) + (best[j] ?? 0);
      choice[i] = j;
      choiceKind[i] = 0;
    }
    if (fixed !== undefined) {
      // Fixed stripes: a band starts here only on a non-blank row (blank runs feed).
      if (!blank(i)) {
        const j = Math.min(H, i + fixed);
        let lo = Infinity;
        let hi = -1;
        for (let y = i; y < j; y += 1) if (!blank(y)) ((lo = Math.min(lo, first[y] ?? 0)), (hi = Math.max(hi, end[y] ?? 0)));
        const [l, h] = options.crop ? [lo, hi] : [0, page.bytesPerRow];
        const cost = costs.bandHeader + (options.crop ? costs.crop : 0) + fixed * (h - l) + (best[j] ?? 0);
        bestCost = cost;
        choice[i] = j;
        choiceKind[i] = 1;
        choiceLo[i] = l;
        choiceHi[i] = h;
      }
    } else if (!blank(i)) {
      let lo = Infinity;
      let hi = -1;
      const last = Math.min(H, i + maxH);
      for (let j = i + 1; j <= last; j += 1) {
        const y = j - 1;
        if (!blank(y)) {
          lo = Math.min(lo, first[y] ?? 0);
          hi = Math.max(hi, end[y] ?? 0);
        }
        const [l, h] = options.crop ? [lo, hi] : [0, page.bytesPerRow];
        const cost = costs.bandHeader + (options.crop ? costs.crop : 0) + (j - i) * (h - l) + (best[j] ?? 0);
        if (cost < bestCost) {
          bestCost = cost;
          choice[i] = j;
          choiceKind[i] = 1;
          choiceLo[i] = l;
          choiceHi[i] = h;
        }
      }
    }
    best[i] = bestCost;
  }

  const ops: PageOp[] = [];
  for (let i = 0; i < H; ) {
    const j = choice[i] ?? H;
    if (choiceKind[i] === 0) ops.push({ kind: 'feed', dots: j - i });
    else {
      const lo = choiceLo[i] ?? 0;
      ops.push({ kind: 'band', top: i, height: fixed ?? j - i, leftByte: lo, widthBytes: (choiceHi[i] ?? 0) - lo });
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
  for (const op of ops) total += op.kind === 'feed' ? costs.feed(op.dots) : costs.bandHeader + (crop ? costs.crop : 0) + op.height * op.widthBytes;
  return total;
}

/** Rebuilds the page a printer would produce from the ops (for tests and diagnostics). */
export function replayOps(page: MonoBitmap, ops: readonly PageOp[]): MonoBitmap {
  let height = 0;
  for (const op of ops) height += op.kind === 'feed' ? op.dots : op.height;
  const out = { width: page.width, height, bytesPerRow: page.bytesPerRow, data: new Uint8Array(page.bytesPerRow * height) };
  let y = 0;
  for (const op of ops) {
    if (op.kind === 'feed') {
      y += op.dots;
      continue;
    }
    const band = extractBand(page, op);
    for (let r = 0; r < op.height && y + r < height; r += 1)
      out.data.set(band.data.subarray(r * op.widthBytes, (r + 1) * op.widthBytes), (y + r) * page.bytesPerRow + op.leftByte);
    y += op.height;
  }
  return out;
}

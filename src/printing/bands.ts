import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';

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
  /** Wire bytes of one raster band `height` rows tall and `widthBytes` bytes wide (header + data). */
  readonly band: (height: number, widthBytes: number) => number;
  /** Bytes to set left margin and print area width before a cropped band (GS L + GS W: 8). */
  readonly crop: number;
  /** Bytes of the feed commands for `dots` dots. */
  readonly feed: (dots: number) => number;
}

export interface BandOptions {
  readonly maxBandHeight: number;
  readonly crop: boolean;
  readonly costs?: BandCosts;
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
  return { band, crop: 8, feed };
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
  for (const op of ops) total += op.kind === 'feed' ? costs.feed(op.dots) : costs.band(op.height, op.widthBytes) + (crop ? costs.crop : 0);
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

/**
 * What several image segments per stripe would cost (an estimate for planning the driver's
 * next step, not something the encoder can send yet): the page cut into `stripe`-row stripes,
 * each stripe's inked columns grouped into byte runs, a white gap skipped when it is wider than
 * `segmentOverhead` bytes (e.g. ESC $ + ESC * header = 9), plus one feed per stripe.
 */
export function segmentedBytes(page: MonoBitmap, options: { stripe?: number; segmentOverhead?: number; feed?: number } = {}): number {
  const stripe = options.stripe ?? 24;
  const overhead = options.segmentOverhead ?? 9;
  const feed = options.feed ?? 3;
  const { bytesPerRow, data } = page;
  const inked = new Uint8Array(bytesPerRow);
  let total = 0;
  for (let top = 0; top < page.height; top += stripe) {
    inked.fill(0);
    const rows = Math.min(stripe, page.height - top);
    for (let r = 0; r < rows; r += 1) {
      const row = (top + r) * bytesPerRow;
      for (let b = 0; b < bytesPerRow; b += 1) if (data[row + b] !== 0) inked[b] = 1;
    }
    let cost = 0;
    let segmentOpen = false;
    let gap = 0;
    for (let b = 0; b < bytesPerRow; b += 1) {
      if (inked[b] === 1) {
        if (!segmentOpen) cost += overhead;
        else if (gap > 0) cost += Math.min(gap, overhead) * stripe;
        segmentOpen = true;
        gap = 0;
        cost += stripe;
      } else if (segmentOpen) {
        gap += 1;
        if (gap > overhead) segmentOpen = false;
      }
    }
    // A gap of up to `overhead` bytes is sent as white (cheaper than a new segment).
    total += cost + feed;
  }
  return total;
}

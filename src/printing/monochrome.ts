import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import type { GrayPage } from '../../print-templates/pdf-raster.ts';

/**
 * GrayPage -> MonoBitmap for one printer profile.
 *
 * - Geometry: a page wider than the printable width that is landscape is turned 90° clockwise
 *   first (the KK is A4 landscape on A4-width paper); if it is still too wide it is scaled down
 *   (area average) to the printable width. The result is always exactly `widthDots` wide with
 *   the content centred. The print pipeline renders each page at the dpi `planPage` gives, so a
 *   page that fits needs no resampling at all.
 * - Tone: text and line art are thresholded crisply; tiles that hold continuous tone (photos,
 *   grey fills, gradients: smooth mid-grey areas, not the anti-aliased edges of glyphs) are
 *   dithered. See docs/decisions/0500-monochrome-conversion.md.
 */

export type DitherMethod = 'ordered' | 'floyd-steinberg';

export interface MonochromeOptions {
  /** Grey levels below this become black in text/line-art tiles (0-255, default 150: thin strokes stay solid). */
  readonly threshold?: number;
  /** Tile edge in pixels for the text/tone classification (default 16). */
  readonly tileSize?: number;
  /** Share of "smooth mid-grey" pixels above which a tile counts as continuous tone (default 0.3). */
  readonly toneShare?: number;
  /** 'auto' classifies per tile; 'threshold' never dithers; 'dither' dithers everything. */
  readonly mode?: 'auto' | 'threshold' | 'dither';
  readonly dither?: DitherMethod;
}

export interface PagePlan {
  /** Turn the page 90° clockwise before printing. */
  readonly rotate: boolean;
  /** Resolution to rasterize the PDF page at, so that its (turned) width fits `widthDots`. */
  readonly dpi: number;
  /** dpi / profile.dpi: 1 when the page fits at the printer's resolution. */
  readonly scale: number;
}

/** Decides rotation and rasterizing resolution from a page's size in PDF points. */
export function planPage(widthPt: number, heightPt: number, profile: Pick<PrinterProfile, 'dpi' | 'widthDots'>): PagePlan {
  const dots = (pt: number, dpi: number) => Math.round((pt * dpi) / 72);
  const tooWide = dots(widthPt, profile.dpi) > profile.widthDots;
  const rotate = tooWide && widthPt > heightPt;
  const acrossPt = rotate ? heightPt : widthPt;
  if (dots(acrossPt, profile.dpi) <= profile.widthDots) return { rotate, dpi: profile.dpi, scale: 1 };
  let dpi = (profile.widthDots * 72) / acrossPt;
  // Rounding in the rasterizer must not push the width one dot over.
  while (dots(acrossPt, dpi) > profile.widthDots) dpi -= 0.01;
  return { rotate, dpi, scale: dpi / profile.dpi };
}

/** Turns a grey page 90° clockwise: its top edge becomes the right edge. */
export function rotateGrayClockwise(page: GrayPage): GrayPage {
  const { width: w, height: h, gray } = page;
  const out = new Uint8Array(w * h);
  // New size: width h, height w. Pixel (x, y) goes to (h - 1 - y, x).
  for (let y = 0; y < h; y += 1) {
    const row = y * w;
    const nx = h - 1 - y;
    for (let x = 0; x < w; x += 1) out[x * h + nx] = gray[row + x] ?? 255;
  }
  return { pageNumber: page.pageNumber, width: h, height: w, gray: out };
}

/** Area-average downscale to `width` pixels across (height keeps the aspect ratio). */
export function scaleGrayToWidth(page: GrayPage, width: number): GrayPage {
  if (width >= page.width) return page;
  const factor = page.width / width;
  const height = Math.max(1, Math.round(page.height / factor));
  const out = new Uint8Array(width * height);
  const sum = new Float64Array(width);
  const weightX = (dst: number, src: number) => Math.max(0, Math.min(src + 1, (dst + 1) * factor) - Math.max(src, dst * factor));
  for (let y = 0; y < height; y += 1) {
    sum.fill(0);
    const y0 = y * factor;
    const y1 = Math.min(page.height, (y + 1) * factor);
    let area = 0;
    for (let sy = Math.floor(y0); sy < y1; sy += 1) {
      const wy = Math.min(sy + 1, y1) - Math.max(sy, y0);
      if (wy <= 0) continue;
      area += wy;
      const row = sy * page.width;
      for (let x = 0; x < width; x += 1) {
        const x0 = x * factor;
        const x1 = Math.min(page.width, (x + 1) * factor);
        let acc = 0;
        for (let sx = Math.floor(x0); sx < x1; sx += 1) acc += (page.gray[row + sx] ?? 255) * weightX(x, sx);
        sum[x] = (sum[x] ?? 0) + acc * wy;
      }
    }
    const norm = area * factor;
    for (let x = 0; x < width; x += 1) out[y * width + x] = Math.round((sum[x] ?? 0) / norm);
  }
  return { pageNumber: page.pageNumber, width, height, gray: out };
}

const BAYER8 = (() => {
  // Classic recursive Bayer matrix, thresholds spread over 0-255.
  let m = [[0]];
  while (m.length < 8) {
    const n = m.length;
    const next: number[][] = Array.from({ length: n * 2 }, () => new Array<number>(n * 2).fill(0));
    for (let y = 0; y < n; y += 1)
      for (let x = 0; x < n; x += 1) {
        const v = (m[y]?.[x] ?? 0) * 4;
        next[y]![x] = v;
        next[y]![x + n] = v + 2;
        next[y + n]![x] = v + 3;
        next[y + n]![x + n] = v + 1;
      }
    m = next;
  }
  return Uint8Array.from(m.flat().map((v) => Math.round(((v + 0.5) * 256) / 64)));
})();

/**
 * Marks the tiles that hold continuous tone: many pixels that are mid-grey AND close in value
 * to their right and lower neighbours. Anti-aliased glyph edges are mid-grey but sit next to
 * black or white, so text (even 6 pt text at 203 dpi) is not mistaken for a photo.
 */
export function toneTiles(page: GrayPage, tileSize = 16, toneShare = 0.3): { cols: number; rows: number; tone: Uint8Array } {
  const { width: w, height: h, gray } = page;
  const cols = Math.ceil(w / tileSize);
  const rows = Math.ceil(h / tileSize);
  const counts = new Uint32Array(cols * rows);
  for (let y = 0; y < h; y += 1) {
    const row = y * w;
    const below = y + 1 < h ? row + w : row;
    const tileRow = Math.floor(y / tileSize) * cols;
    for (let x = 0; x < w; x += 1) {
      const g = gray[row + x] ?? 255;
      if (g < 40 || g > 215) continue;
      const r = gray[row + (x + 1 < w ? x + 1 : x)] ?? g;
      const b = gray[below + x] ?? g;
      if (Math.abs(g - r) < 20 && Math.abs(g - b) < 20) {
        const t = tileRow + Math.floor(x / tileSize);
        counts[t] = (counts[t] ?? 0) + 1;
      }
    }
  }
  const tone = new Uint8Array(cols * rows);
  for (let ty = 0; ty < rows; ty += 1)
    for (let tx = 0; tx < cols; tx += 1) {
      const tw = Math.min(tileSize, w - tx * tileSize);
      const th = Math.min(tileSize, h - ty * tileSize);
      const i = ty * cols + tx;
      tone[i] = (counts[i] ?? 0) > toneShare * tw * th ? 1 : 0;
    }
  return { cols, rows, tone };
}

/** Converts a grey page (already at the printer's resolution or larger) to a printer bitmap. */
export function toMonoBitmap(input: GrayPage, profile: Pick<PrinterProfile, 'widthDots'>, options: MonochromeOptions = {}): MonoBitmap {
  const widthDots = profile.widthDots;
  let page = input;
  if (page.width > widthDots && page.width > page.height) page = rotateGrayClockwise(page);
  if (page.width > widthDots) page = scaleGrayToWidth(page, widthDots);
  const threshold = options.threshold ?? 150;
  const tileSize = options.tileSize ?? 16;
  const mode = options.mode ?? 'auto';
  const method = options.dither ?? 'ordered';

  const { width: w, height: h, gray } = page;
  let tileMask: { cols: number; tone: Uint8Array } | null = null;
  if (mode === 'auto') {
    const tiles = toneTiles(page, tileSize, options.toneShare ?? 0.3);
    if (tiles.tone.includes(1)) tileMask = tiles;
  }
  const isTone = (x: number, y: number): boolean =>
    mode === 'dither' || (tileMask !== null && tileMask.tone[Math.floor(y / tileSize) * tileMask.cols + Math.floor(x / tileSize)] === 1);

  const bytesPerRow = Math.ceil(widthDots / 8);
  const data = new Uint8Array(bytesPerRow * h);
  const offset = Math.floor((widthDots - w) / 2);
  // Floyd-Steinberg error, kept only inside tone tiles (two rows).
  const fs = method === 'floyd-steinberg' && (mode === 'dither' || tileMask !== null);
  let errCur = fs ? new Float32Array(w + 2) : null;
  let errNext = fs ? new Float32Array(w + 2) : null;
  const anyTone = mode === 'dither' || tileMask !== null;

  const tileCols = tileMask?.cols ?? 0;
  const tone = tileMask?.tone;
  for (let y = 0; y < h; y += 1) {
    const row = y * w;
    const out = y * bytesPerRow;
    // Fast path: a row crossing no tone tile is a plain threshold.
    let rowHasTone = mode === 'dither';
    if (!rowHasTone && tone !== undefined) {
      const t0 = Math.floor(y / tileSize) * tileCols;
      for (let t = 0; t < tileCols; t += 1) if (tone[t0 + t] === 1) rowHasTone = true;
    }
    if (!rowHasTone) {
      for (let x = 0; x < w; x += 1) {
        if (gray[row + x]! < threshold) {
          const px = x + offset;
          data[out + (px >> 3)]! |= 0x80 >> (px & 7);
        }
      }
      if (errCur !== null) errCur.fill(0);
      continue;
    }
    for (let x = 0; x < w; x += 1) {
      const g = gray[row + x] ?? 255;
      let black: boolean;
      if (anyTone && isTone(x, y)) {
        if (errCur !== null && errNext !== null) {
          const v = g + (errCur[x + 1] ?? 0);
          black = v < 128;
          const e = v - (black ? 0 : 255);
          if (x + 1 < w && isTone(x + 1, y)) errCur[x + 2] = (errCur[x + 2] ?? 0) + (e * 7) / 16;
          if (y + 1 < h) {
            if (x > 0 && isTone(x - 1, y + 1)) errNext[x] = (errNext[x] ?? 0) + (e * 3) / 16;
            if (isTone(x, y + 1)) errNext[x + 1] = (errNext[x + 1] ?? 0) + (e * 5) / 16;
            if (x + 1 < w && isTone(x + 1, y + 1)) errNext[x + 2] = (errNext[x + 2] ?? 0) + e / 16;
          }
        } else {
          // Ordered dither keyed to printer coordinates, so neighbouring tiles line up.
          const px = x + offset;
          black = g < (BAYER8[(y & 7) * 8 + (px & 7)] ?? 128);
        }
      } else {
        black = g < threshold;
      }
      if (black) {
        const px = x + offset;
        const i = out + (px >> 3);
        data[i] = (data[i] ?? 0) | (0x80 >> (px & 7));
      }
    }
    if (errCur !== null && errNext !== null) {
      const t = errCur;
      errCur = errNext;
      errNext = t;
      errNext.fill(0);
    }
  }
  return { width: widthDots, height: h, bytesPerRow, data };
}

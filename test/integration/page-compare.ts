import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';

/**
 * Test support: what came out of the (emulated) printer against what poppler makes of the same
 * PDF. Both become "ink" maps (1 = black dot), the reference placed the way the kiosk's
 * pipeline places a page on the paper (turned 90° clockwise when it is landscape and too wide,
 * centred across the printable width), then compared after aligning the two by the top-left
 * corner of their ink.
 */

export interface Ink {
  readonly width: number;
  readonly height: number;
  /** One byte per dot, row-major: 1 black, 0 paper. */
  readonly black: Uint8Array;
}

// jsqr is CommonJS whose module.exports is the function; its types describe an ES default export.
type JsQr = typeof jsqrModule.default;
const jsQR: JsQr = typeof (jsqrModule as unknown) === 'function' ? (jsqrModule as unknown as JsQr) : jsqrModule.default;

/** The pipeline's threshold for text and line art (src/printing/monochrome.ts default). */
const THRESHOLD = 150;

function pngInk(path: string): Ink {
  const png = PNG.sync.read(readFileSync(path));
  const black = new Uint8Array(png.width * png.height);
  for (let p = 0, i = 0; p < black.length; p += 1, i += 4) {
    const luma = ((png.data[i] ?? 255) * 299 + (png.data[i + 1] ?? 255) * 587 + (png.data[i + 2] ?? 255) * 114) / 1000;
    black[p] = luma < THRESHOLD ? 1 : 0;
  }
  return { width: png.width, height: png.height, black };
}

/** A page PNG as the emulator wrote it. */
export function readPageInk(path: string): Ink {
  return pngInk(path);
}

function rotateClockwise(ink: Ink): Ink {
  const { width: w, height: h } = ink;
  const out = new Uint8Array(w * h);
  // (x, y) -> (h - 1 - y, x), as rotateGrayClockwise in the pipeline.
  for (let y = 0; y < h; y += 1) for (let x = 0; x < w; x += 1) out[x * h + (h - 1 - y)] = ink.black[y * w + x] ?? 0;
  return { width: h, height: w, black: out };
}

/**
 * Page 1 of the PDF rasterized by poppler (`pdftoppm -r DPI -gray`), thresholded like the
 * pipeline, turned and centred on a `widthDots` wide paper like the pipeline does.
 */
export function referenceInk(pdfPath: string, profile: { readonly dpi: number; readonly widthDots: number }, workDir: string): Ink {
  const base = join(workDir, 'poppler-reference');
  execFileSync('pdftoppm', ['-r', String(profile.dpi), '-gray', '-png', '-singlefile', '-f', '1', '-l', '1', pdfPath, base], { stdio: ['ignore', 'ignore', 'pipe'] });
  let ink = pngInk(`${base}.png`);
  if (ink.width > profile.widthDots && ink.width > ink.height) ink = rotateClockwise(ink);
  if (ink.width > profile.widthDots) throw new Error(`reference page is ${ink.width} dots across, wider than the paper (${profile.widthDots}); scaled pages are not compared here`);
  const offset = Math.floor((profile.widthDots - ink.width) / 2);
  const placed = new Uint8Array(profile.widthDots * ink.height);
  for (let y = 0; y < ink.height; y += 1) placed.set(ink.black.subarray(y * ink.width, (y + 1) * ink.width), y * profile.widthDots + offset);
  return { width: profile.widthDots, height: ink.height, black: placed };
}

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The smallest box holding every black dot (x1, y1 exclusive); undefined for a blank page. */
export function inkBox(ink: Ink): Box | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < ink.height; y += 1) {
    const row = y * ink.width;
    for (let x = 0; x < ink.width; x += 1) {
      if (ink.black[row + x] !== 1) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? undefined : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

export interface InkComparison {
  /** Black dots in both / black dots in either, after alignment. */
  readonly iou: number;
  /** Same, counting a dot as matched when the other side has black within 1 dot (rasterizer anti-aliasing). */
  readonly iouWithin1: number;
  /**
   * The lowest `iouWithin1` of any 24-row strip of the page with ink in it (the height of an
   * ESC * strip): a strip lost, doubled or misplaced on the way shows here even when the page
   * as a whole still agrees.
   */
  readonly worstStrip: { readonly y: number; readonly iouWithin1: number };
  readonly printedBox: Box;
  readonly referenceBox: Box;
  /** Where the reference was moved to align it (dots). */
  readonly shift: { readonly dx: number; readonly dy: number };
}

function blackAt(ink: Ink, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < ink.width && y < ink.height && ink.black[y * ink.width + x] === 1;
}

function nearBlack(ink: Ink, x: number, y: number): boolean {
  for (let dy = -1; dy <= 1; dy += 1) for (let dx = -1; dx <= 1; dx += 1) if (blackAt(ink, x + dx, y + dy)) return true;
  return false;
}

const STRIP_ROWS = 24;

export function compareInk(printed: Ink, reference: Ink): InkComparison {
  const printedBox = inkBox(printed);
  const referenceBox = inkBox(reference);
  if (printedBox === undefined) throw new Error('the printed page is blank');
  if (referenceBox === undefined) throw new Error('the reference page is blank');
  const dx = printedBox.x0 - referenceBox.x0;
  const dy = printedBox.y0 - referenceBox.y0;
  const x0 = Math.min(printedBox.x0, referenceBox.x0 + dx);
  const y0 = Math.min(printedBox.y0, referenceBox.y0 + dy);
  const x1 = Math.max(printedBox.x1, referenceBox.x1 + dx);
  const y1 = Math.max(printedBox.y1, referenceBox.y1 + dy);
  let both = 0;
  let either = 0;
  let matched = 0;
  let worstStrip = { y: y0, iouWithin1: 1 };
  for (let strip = y0; strip < y1; strip += STRIP_ROWS) {
    let stripEither = 0;
    let stripMatched = 0;
    for (let y = strip; y < Math.min(y1, strip + STRIP_ROWS); y += 1) {
      for (let x = x0; x < x1; x += 1) {
        const p = blackAt(printed, x, y);
        const r = blackAt(reference, x - dx, y - dy);
        if (!p && !r) continue;
        stripEither += 1;
        if (p && r) both += 1;
        if (p ? nearBlack(reference, x - dx, y - dy) : nearBlack(printed, x, y)) stripMatched += 1;
      }
    }
    either += stripEither;
    matched += stripMatched;
    // Strips with a few dots of ink (a line's end) say little; judge those with some.
    if (stripEither >= 50 && stripMatched / stripEither < worstStrip.iouWithin1) worstStrip = { y: strip, iouWithin1: stripMatched / stripEither };
  }
  return { iou: both / either, iouWithin1: matched / either, worstStrip, printedBox, referenceBox, shift: { dx, dy } };
}

/** Reads the page's QR code as a phone would (jsQR, any orientation); null when none decodes. */
export function decodeQr(ink: Ink): string | null {
  const rgba = new Uint8ClampedArray(ink.width * ink.height * 4);
  for (let p = 0; p < ink.black.length; p += 1) {
    const v = ink.black[p] === 1 ? 0 : 255;
    rgba[p * 4] = v;
    rgba[p * 4 + 1] = v;
    rgba[p * 4 + 2] = v;
    rgba[p * 4 + 3] = 255;
  }
  return jsQR(rgba, ink.width, ink.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

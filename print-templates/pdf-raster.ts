import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { KioskError } from '../src/core/errors.ts';

/**
 * The one PDF rasteriser: pdf.js (Apache-2.0) drawing on a Skia canvas, in-process. The
 * printer pipeline (src/printing/prepare.ts), the on-screen preview (src/printing/preview.ts)
 * and `verify` (print-templates/verify.ts) all read the same PDF bytes through this module, so
 * what is previewed is what is printed. It lives with the templates because `verify` needs it
 * and print-templates imports nothing from src/printing (src/printing may import from here).
 */
export interface GrayPage {
  readonly pageNumber: number;
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, 0 = black, 255 = white, row-major. */
  readonly gray: Uint8Array;
}

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
const standardFontDataUrl = pathToFileURL(join(pdfjsRoot, 'standard_fonts') + '/').href;

export async function openPdf(pdf: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    // pdf.js takes ownership of (and detaches) the buffer it is given: pass a copy.
    return await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  } catch (cause) {
    throw new KioskError('RENDER_FAILED', 'The PDF could not be opened for rasterizing.', { hint: 'The file may be damaged; render the document again.', cause });
  }
}

/**
 * `rotation` (optional, degrees clockwise, added to the page's own /Rotate) lets pdf.js draw a
 * page already turned, e.g. a landscape KK for A4-width paper, so no bitmap turn is needed.
 */
export async function renderPageGray(doc: PDFDocumentProxy, pageNumber: number, dpi: number, rotation: 0 | 90 | 180 | 270 = 0): Promise<GrayPage> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: dpi / 72, rotation: (page.rotate + rotation) % 360 });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  const context = await drawPage(page, viewport, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < gray.length; i += 4, p += 1) {
    // Rec. 601 luma, integer arithmetic.
    gray[p] = ((rgba[i] ?? 255) * 299 + (rgba[i + 1] ?? 255) * 587 + (rgba[i + 2] ?? 255) * 114) / 1000;
  }
  page.cleanup();
  return { pageNumber, width, height, gray };
}

type PageViewport = ReturnType<PDFPageProxy['getViewport']>;

/** Draws a page on a white `width` x `height` Skia canvas through `viewport` (its scale and rotation). */
export async function drawPage(page: PDFPageProxy, viewport: PageViewport, width: number, height: number): Promise<SKRSContext2D> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  // pdf.js types its canvas as the DOM's; the Skia canvas implements the same drawing API.
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
  return context;
}

/** Every page of a PDF, one at a time, so a consumer can start on page 1 while the rest wait. */
export async function* rasterizePdf(pdf: Uint8Array, dpi: number): AsyncGenerator<GrayPage> {
  const doc = await openPdf(pdf);
  try {
    for (let n = 1; n <= doc.numPages; n += 1) yield await renderPageGray(doc, n, dpi);
  } finally {
    await doc.destroy();
  }
}

export async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  const doc = await openPdf(pdf);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

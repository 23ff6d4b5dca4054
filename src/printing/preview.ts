import type { SKRSContext2D } from '@napi-rs/canvas';
import { KioskError } from '../core/errors.ts';
import { drawPage, openPdf } from '../../print-templates/pdf-raster.ts';

/**
 * On-screen preview of a document: each page of the same PDF bytes that will be printed,
 * rendered by pdf.js at screen resolution and encoded as a PNG data URL for the UI.
 */
export interface PreviewPage {
  readonly pageNumber: number;
  readonly width: number;
  readonly height: number;
  /** `data:image/png;base64,...` */
  readonly dataUrl: string;
}

export interface PreviewOptions {
  /** Widest the page image may be, in pixels. */
  readonly maxWidthPx: number;
  /** Tallest the page image may be, in pixels (default: no limit). */
  readonly maxHeightPx?: number;
  /** Render in grey, as the printer will (default false: the PDF's own colours). */
  readonly grayscale?: boolean;
}

export async function renderPreview(pdf: Uint8Array, options: PreviewOptions): Promise<PreviewPage[]> {
  if (!(options.maxWidthPx >= 16 && options.maxWidthPx <= 8192) || (options.maxHeightPx !== undefined && !(options.maxHeightPx >= 16 && options.maxHeightPx <= 8192))) {
    throw new KioskError('ARGUMENT_INVALID', `A preview must be 16 to 8192 pixels wide and high, got ${options.maxWidthPx} x ${options.maxHeightPx ?? 'any'}.`, {
      hint: 'Pass the size of the preview area on screen.',
    });
  }
  const doc = await openPdf(pdf);
  try {
    const pages: PreviewPage[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const natural = page.getViewport({ scale: 1 });
      let scale = options.maxWidthPx / natural.width;
      if (options.maxHeightPx !== undefined) scale = Math.min(scale, options.maxHeightPx / natural.height);
      const viewport = page.getViewport({ scale });
      const width = Math.max(1, Math.floor(viewport.width));
      const height = Math.max(1, Math.floor(viewport.height));
      let context: SKRSContext2D;
      try {
        context = await drawPage(page, viewport, width, height);
      } catch (cause) {
        throw new KioskError('RENDER_FAILED', `Page ${n} of the document could not be rendered for the preview.`, { hint: 'Render the document again.', cause });
      }
      if (options.grayscale === true) {
        const image = context.getImageData(0, 0, width, height);
        const d = image.data;
        for (let i = 0; i < d.length; i += 4) {
          const g = ((d[i] ?? 255) * 299 + (d[i + 1] ?? 255) * 587 + (d[i + 2] ?? 255) * 114) / 1000;
          d[i] = g;
          d[i + 1] = g;
          d[i + 2] = g;
        }
        context.putImageData(image, 0, 0);
      }
      const png = await context.canvas.encode('png');
      pages.push({ pageNumber: n, width, height, dataUrl: `data:image/png;base64,${png.toString('base64')}` });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

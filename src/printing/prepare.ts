import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { dialectFor } from '../../device-drivers/printer/dialects/index.ts';
import { KioskError } from '../core/errors.ts';
import { estimateBytes, floorBytes, naiveBytes, planBands, type PageOp } from './bands.ts';
import { planPage, toMonoBitmap, type MonochromeOptions, type PagePlan } from './monochrome.ts';
import { openPdf, renderPageGray } from '../../print-templates/pdf-raster.ts';

/**
 * One page ready for the wire: its printer bitmap and the plan of bands and feeds. Pages are
 * prepared one at a time by an async generator, so the job can send page 1 while page 2 is
 * still being rasterized.
 */
export interface PreparedPage {
  readonly pageNumber: number;
  readonly pageCount: number;
  readonly plan: PagePlan;
  readonly bitmap: MonoBitmap;
  readonly ops: readonly PageOp[];
  /** Wire bytes the ops will take (the encoder's exact layout, without job framing). */
  readonly estimatedBytes: number;
  readonly naiveBytes: number;
  /** The floor of the profile's raster dialect (the column floor for segmented ESC *, else the row floor). */
  readonly floorBytes: number;
  /** Issue 4's floor: every blank row skipped, every row cropped to its own inked byte span. */
  readonly rowFloorBytes: number;
  /** Rasterize + monochrome + band planning, in milliseconds. */
  readonly prepareMs: number;
}

export interface PrepareOptions {
  readonly monochrome?: MonochromeOptions;
  readonly signal?: AbortSignal;
}

export function cancelledError(): KioskError {
  return new KioskError('PRINT_CANCELLED', 'The print job was cancelled.', { hint: 'Start printing again when ready.' });
}

/** Pages of a PDF prepared for one printer profile, in order; page count known from the first. */
export async function* preparePages(pdf: Uint8Array, profile: PrinterProfile, options: PrepareOptions = {}): AsyncGenerator<PreparedPage> {
  const doc = await openPdf(pdf);
  try {
    const dialect = dialectFor(profile);
    for (let n = 1; n <= doc.numPages; n += 1) {
      if (options.signal?.aborted === true) throw cancelledError();
      const started = performance.now();
      const page = await doc.getPage(n);
      const size = page.getViewport({ scale: 1 });
      const plan = planPage(size.width, size.height, profile);
      let gray;
      try {
        // pdf.js draws the page already turned; toMonoBitmap then only fits and converts.
        gray = await renderPageGray(doc, n, plan.dpi, plan.rotate ? 90 : 0);
      } catch (cause) {
        throw new KioskError('RENDER_FAILED', `Page ${n} of the document could not be rasterized for the printer.`, { hint: 'Render the document again; if it keeps failing, report the document type.', cause });
      }
      const bitmap = toMonoBitmap(gray, profile, options.monochrome);
      const ops = planBands(bitmap, dialect);
      yield {
        pageNumber: n,
        pageCount: doc.numPages,
        plan,
        bitmap,
        ops,
        estimatedBytes: estimateBytes(ops, dialect),
        naiveBytes: naiveBytes(bitmap),
        floorBytes: dialect.floorBytes(bitmap),
        rowFloorBytes: floorBytes(bitmap),
        prepareMs: performance.now() - started,
      };
    }
  } finally {
    await doc.destroy();
  }
}

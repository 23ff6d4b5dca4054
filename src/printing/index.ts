import type { Printer } from '../../device-drivers/printer/contract.ts';
import type { ErrorData } from '../core/errors.ts';
import { renderPreview, type PreviewOptions } from './preview.ts';
import { runPrintJob, type PrintJobOptions, type PrintProgress, type PrintResult } from './print-job.ts';

/**
 * The printing part's public face. `createPrintRunner` and `createPreviewer` have the shapes
 * of the kiosk service's PrintRunner and Previewer ports (src/api/ports.ts), without this
 * part importing from the api layer.
 */
export { runPrintJob, faultOf, type PrintJobOptions, type PrintProgress, type PrintResult, type PageStats } from './print-job.ts';
export { renderPreview, type PreviewOptions, type PreviewPage } from './preview.ts';
export { preparePages, type PreparedPage } from './prepare.ts';
export { planPage, toMonoBitmap, type MonochromeOptions, type PagePlan } from './monochrome.ts';
export { planBands, planStrips, naiveBytes, floorBytes, segmentFloorBytes, estimateBytes, type PageOp, type StripOp, type PlanningDialect } from './bands.ts';
export { encodePage } from './encode-page.ts';
export { warmUpPrinting } from './warm-up.ts';
export { PrintJobError, isPrintJobError, printJobError } from './print-job-error.ts';
export { printability, MIN_LEGIBLE_DPI, SMALLEST_TEXT_PT, type Printability } from './printability.ts';

export interface PrintRunInput {
  readonly pdf: Uint8Array;
  readonly signal: AbortSignal;
  onProgress(progress: Omit<PrintProgress, 'fault'>): void;
  /** A fault the job waits on, and how long it keeps waiting from now (ms); null and 0 when it cleared. */
  onFault(fault: ErrorData | null, waitLeftMs: number): void;
}

/** Binds a printer (and job options such as waitOnFaultMs) into a `(run) => outcome` runner. */
export function createPrintRunner(
  printer: Printer,
  options: Omit<PrintJobOptions, 'pdf' | 'printer' | 'signal' | 'onProgress' | 'onFault'> = {},
): (run: PrintRunInput) => Promise<PrintResult> {
  return (run) =>
    runPrintJob({
      ...options,
      pdf: run.pdf,
      printer,
      signal: run.signal,
      onProgress: ({ pagesDone, pageCount, bytesSent, bytesTotal }) => run.onProgress({ pagesDone, pageCount, bytesSent, bytesTotal }),
      onFault: (fault, waitLeftMs) => run.onFault(fault === null ? null : fault.toErrorData(), waitLeftMs),
    });
}

/** A `(pdf) => { pageCount, pages }` previewer in the API's preview page shape. */
export function createPreviewer(options: PreviewOptions): (pdf: Uint8Array) => Promise<{ pageCount: number; pages: { widthPx: number; heightPx: number; pngDataUrl: string }[] }> {
  return async (pdf) => {
    const pages = await renderPreview(pdf, options);
    return { pageCount: pages.length, pages: pages.map((p) => ({ widthPx: p.width, heightPx: p.height, pngDataUrl: p.dataUrl })) };
  };
}

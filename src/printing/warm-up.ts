import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { encoderFor } from '../../device-drivers/printer/escpos-encoder.ts';
import { encodePage } from './encode-page.ts';
import { preparePages } from './prepare.ts';
import { makeSamplePdf } from './sample-pdf.ts';

/**
 * Runs the whole pipeline once on a made-up page, without a printer, so the first resident's
 * job does not pay alone for loading pdf.js, its standard font data and the JIT. Measured once
 * on a busy 2-core VM: time to the first band of a KK went from 1061 ms (cold process) to
 * 764 ms after warm-up (warm steady state 200-380 ms; the document's own embedded fonts are
 * still parsed per document). Call it once at kiosk start; it never touches personal data.
 * Returns how long it took, in milliseconds.
 */
export async function warmUpPrinting(profile: PrinterProfile): Promise<number> {
  const started = performance.now();
  const pdf = await makeSamplePdf({ kind: 'akta' });
  const encoder = encoderFor(profile);
  for await (const page of preparePages(pdf, profile)) for (const chunk of encodePage(page, encoder)) void chunk;
  return performance.now() - started;
}

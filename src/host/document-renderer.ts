import { renderDocument } from '../../print-templates/index.ts';
import type { DocumentSigner } from '../../print-templates/signing.ts';
import type { Renderer } from '../api/ports.ts';
import type { Clock } from '../core/clock.ts';
import { pdfPageCount } from '../../print-templates/pdf-raster.ts';

/**
 * The Renderer port over the document templates: the PDF (dated by the injected clock) and
 * its page count, read back from the PDF by the one shared PDF reader.
 */
export function createDocumentRenderer(options: { readonly signer: DocumentSigner; readonly clock: Clock }): Renderer {
  return async (input) => {
    const pdf = await renderDocument(input, { signer: options.signer, createdAt: new Date(options.clock.now()) });
    return { pdf, pageCount: await pdfPageCount(pdf) };
  };
}

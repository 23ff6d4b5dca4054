import { renderDocument } from '../../print-templates/index.ts';
import { FIXTURE_CREATED_AT, fixtureInput } from '../../print-templates/fixtures.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import { makeSamplePdf } from '../../src/printing/sample-pdf.ts';

/**
 * The pages the printing benchmark measures: one KK (A4 landscape) and one akta kelahiran
 * (A4 portrait). The real templates (print-templates/) with their fixture family are the
 * main rows; the pdfkit stand-ins (src/printing/sample-pdf.ts) are kept as a second,
 * denser data point.
 */
export interface BenchPage {
  readonly kind: 'kk' | 'akta';
  readonly label: string;
  readonly pdf: Uint8Array;
}

export async function samplePages(): Promise<BenchPage[]> {
  const signer = createDemoSigner();
  const options = { signer, createdAt: FIXTURE_CREATED_AT };
  return [
    { kind: 'kk', label: 'KK (template)', pdf: await renderDocument(fixtureInput('kk'), options) },
    { kind: 'akta', label: 'akta kelahiran (template)', pdf: await renderDocument(fixtureInput('akta-kelahiran'), options) },
    { kind: 'kk', label: 'KK (dense stand-in)', pdf: await makeSamplePdf({ kind: 'kk' }) },
    { kind: 'akta', label: 'akta (stand-in)', pdf: await makeSamplePdf({ kind: 'akta' }) },
  ];
}

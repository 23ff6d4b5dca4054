import { makeSamplePdf } from '../../src/printing/sample-pdf.ts';

/**
 * The pages the printing benchmark measures: one KK (A4 landscape) and one akta kelahiran
 * (A4 portrait). Stand-ins made with pdfkit at the real documents' text density (see
 * src/printing/sample-pdf.ts).
 */
export interface BenchPage {
  readonly kind: 'kk' | 'akta';
  readonly label: string;
  readonly pdf: Uint8Array;
}

export async function samplePages(): Promise<{ source: string; pages: BenchPage[] }> {
  return {
    source: 'pdfkit stand-ins (src/printing/sample-pdf.ts)',
    pages: [
      { kind: 'kk', label: 'KK page', pdf: await makeSamplePdf({ kind: 'kk' }) },
      { kind: 'akta', label: 'akta kelahiran page', pdf: await makeSamplePdf({ kind: 'akta' }) },
    ],
  };
}

import { encoderFor } from '../../device-drivers/printer/escpos-encoder.ts';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { renderDocument } from '../../print-templates/index.ts';
import { fixtureInput } from '../../print-templates/fixtures.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import { naiveBytes, planBands } from '../../src/printing/bands.ts';
import { encodePage } from '../../src/printing/encode-page.ts';
import { planPage, toMonoBitmap } from '../../src/printing/monochrome.ts';
import { openPdf, renderPageGray } from '../../print-templates/pdf-raster.ts';
import type { Bench } from './harness.ts';

/**
 * One KK page through every step of the print path, each timed on its own: render (template
 * to PDF), rasterize (pdf.js at the printer's dpi), monochrome (threshold/dither to 1 bit),
 * plan (bands/strips), encode (ESC/POS bytes). Bytes on the wire are compared with the naive
 * full-page raster measured on the same page, and the wire time with the steps' own time.
 */
export default async function kkSteps(bench: Bench): Promise<void> {
  const profile = loadProfile('generic-a4-203');
  const signer = createDemoSigner();
  const input = fixtureInput('kk');
  const createdAt = new Date('2026-11-27T03:00:00Z');
  const pdf = await renderDocument(input, { signer, createdAt });
  const doc = await openPdf(pdf);
  const page = await doc.getPage(1);
  const size = page.getViewport({ scale: 1 });
  const plan = planPage(size.width, size.height, profile);
  const rotation = plan.rotate ? 90 : 0;
  const gray = await renderPageGray(doc, 1, plan.dpi, rotation);
  const bitmap = toMonoBitmap(gray, profile);
  const encoder = encoderFor(profile);
  const ops = planBands(bitmap, encoder.dialect);
  const encodeAll = () => {
    let bytes = 0;
    for (const chunk of encodePage({ bitmap, ops }, encoder)) bytes += chunk.bytes.length;
    return bytes;
  };
  const wire = encodeAll();

  const steps = {
    render: await bench.time(() => renderDocument(input, { signer, createdAt }), { runs: 15 }),
    rasterize: await bench.time(() => renderPageGray(doc, 1, plan.dpi, rotation), { runs: 9 }),
    monochrome: await bench.time(() => toMonoBitmap(gray, profile), { runs: 9 }),
    plan: await bench.time(() => planBands(bitmap, encoder.dialect), { runs: 9 }),
    encode: await bench.time(encodeAll, { runs: 9 }),
  };
  await doc.destroy();

  const total = Object.values(steps).reduce((sum, t) => sum + t.medianMs, 0);
  for (const [name, timing] of Object.entries(steps)) {
    bench.row(`KK ${name}`, { medianMs: timing.medianMs, p95Ms: timing.p95Ms, shareOfSteps: timing.medianMs / total });
  }
  const naive = naiveBytes(bitmap);
  const wire115200 = (wire * 10) / 115_200;
  bench.row('KK bytes on the wire', { wire, naive, wireOverNaive: wire / naive, profile: profile.id });
  bench.row('KK time', { stepsMs: total, wireAt115200s: wire115200, naiveAt115200s: (naive * 10) / 115_200, stepsOverWire: total / 1000 / wire115200 });
}

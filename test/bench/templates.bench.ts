import { loadavg } from 'node:os';
import { DOCUMENT_TYPES } from '../../src/core/documents.ts';
import type { TemplateInput } from '../../src/core/record.ts';
import { generateDemoData } from '../../src/records/demo/demo-data.ts';
import { largestKk, publicSample } from '../../src/records/demo/samples.ts';
import { renderDocument } from '../../print-templates/index.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import type { Bench } from './harness.ts';

/**
 * Median render time per document type, on the documents the kiosk prints: the public
 * sample family of the demo data (docs/templates) and the demo's largest KK (two pages).
 * Target (issue 3): a KK renders in under 40 ms (median), well inside the time a resident
 * waits for the preview. The earlier "within 1.5x of a bare pdfkit page" ratio is retired
 * (issue 7): it bought no time a resident can see and led to patches into pdfkit, fontkit and
 * qrcode internals; the templates now use their public APIs only (0206).
 */
const signer = createDemoSigner();
const createdAt = new Date('2026-10-31T02:00:00Z');

export default async function templatesBench(bench: Bench): Promise<void> {
  const data = generateDemoData();
  const sample = publicSample(data);
  const cases: [string, TemplateInput][] = [...DOCUMENT_TYPES.map((t) => [t, sample[t]] as [string, TemplateInput]), [`kk (${largestKk(data).family.members.length} members)`, largestKk(data)]];
  for (const [label, input] of cases) {
    const t = await bench.time(() => renderDocument(input, { signer, createdAt }), { runs: 31, warmup: 5 });
    bench.row(label, { medianMs: t.medianMs, p95Ms: t.p95Ms, load1: loadavg()[0] ?? NaN });
    if (label === 'kk') bench.target('KK render median < 40 ms', t.medianMs < 40, `${t.medianMs.toFixed(1)} ms`);
  }
}

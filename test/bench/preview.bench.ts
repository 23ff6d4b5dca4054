import { loadavg } from 'node:os';
import type { TemplateInput } from '../../src/core/record.ts';
import { PREVIEW_MAX_PX } from '../../src/host/kiosk.ts';
import { renderPreview } from '../../src/printing/preview.ts';
import { generateDemoData } from '../../src/records/demo/demo-data.ts';
import { largestKk, publicSample } from '../../src/records/demo/samples.ts';
import { renderDocument } from '../../print-templates/index.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import type { Bench } from './harness.ts';

/**
 * The preview the resident checks (issue 15): each page of the PDF rendered by pdf.js and
 * encoded as PNG, at the long side the kiosk uses (PREVIEW_MAX_PX in src/host/kiosk.ts) and
 * at the first pass's 1400 px, measured in the same run. What the larger raster costs: the
 * time to the preview (median per document, ratio to 1400 px) and the bytes the page image
 * adds to the answer of getPreview (base64 PNG). A zoomed A4 KK on a 1080 x 1920 portrait
 * screen at 2.5x shows its long side at about 4600 px: 1400 px is upscaled 3.3x there.
 */
const signer = createDemoSigner();
const createdAt = new Date('2026-10-31T02:00:00Z');
const SIZES = [...new Set([1400, PREVIEW_MAX_PX, 2400])];

export default async function previewBench(bench: Bench): Promise<void> {
  const data = generateDemoData();
  const sample = publicSample(data);
  const cases: [string, TemplateInput][] = [
    ['kk (A4 landscape)', sample.kk],
    [`kk (${largestKk(data).family.members.length} members, 2 pages)`, largestKk(data)],
    ['akta-kelahiran (A4 portrait)', sample['akta-kelahiran']],
    ['ktp (card)', sample.ktp],
  ];
  for (const [label, input] of cases) {
    const pdf = await renderDocument(input, { signer, createdAt });
    // Sizes measured in turns (three rounds), so a load that comes and goes hits each alike.
    const medians = new Map<number, number[]>(SIZES.map((size) => [size, []]));
    const kb = new Map<number, number>();
    for (const size of SIZES) kb.set(size, (await renderPreview(pdf, { maxWidthPx: size, maxHeightPx: size })).reduce((sum, p) => sum + p.dataUrl.length, 0) / 1024);
    for (let round = 0; round < 3; round += 1) {
      for (const size of SIZES) medians.get(size)?.push((await bench.time(() => renderPreview(pdf, { maxWidthPx: size, maxHeightPx: size }), { runs: 5, warmup: 1 })).medianMs);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    const baseline = median(medians.get(1400) ?? []);
    for (const size of SIZES) {
      const ms = median(medians.get(size) ?? []);
      bench.row(`${label} @ ${size} px${size === PREVIEW_MAX_PX ? ' (kiosk)' : ''}`, { medianMs: ms, ratioTo1400: ms / baseline, pageImagesKB: kb.get(size) ?? NaN, load1: loadavg()[0] ?? NaN });
    }
  }
}

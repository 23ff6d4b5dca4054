import { loadavg } from 'node:os';
import PDFDocument from 'pdfkit';
import { DOCUMENT_CATALOGUE, DOCUMENT_TYPES } from '../../src/core/documents.ts';
import type { TemplateInput } from '../../src/core/record.ts';
import { FONT_NAMES, parsedFonts, type FontName } from '../../print-templates/fonts.ts';
import { FIXTURE_CREATED_AT, fixtureInput, standardFixtures, twelveMemberFamily } from '../../print-templates/fixtures.ts';
import { renderDocument } from '../../print-templates/index.ts';
import { addPage, createDoc, finish } from '../../print-templates/pdf.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import type { Bench, Timing } from './harness.ts';

/**
 * Median render time per document type, and the ratio to a bare pdfkit document with the
 * same text, both measured here in the same run. The bare document replays the text runs
 * the template drew (recorded from one render: the same strings, fonts, sizes and positions,
 * on pages of the same size) through the same `createDoc` (same embedded DejaVu fonts and
 * their subsets, same compression, same per-process font caches), and does nothing else:
 * no measuring, fitting or wrapping, no grid lines, no QR code, no emblem.
 * Target (issue 3): KK median under 40 ms and within 1.5x of the bare page.
 */
const signer = createDemoSigner();

interface TextRun {
  readonly page: number;
  readonly font: FontName;
  readonly size: number;
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** Renders once while recording every `doc.text` call (bench only: patches pdfkit's prototype for that one render). */
export async function recordTextRuns(input: TemplateInput): Promise<TextRun[]> {
  const byPostscript = new Map(FONT_NAMES.map((n) => [parsedFonts()[n].postscriptName, n] as const));
  const runs: TextRun[] = [];
  let lastPage: unknown;
  let page = 0;
  const proto = PDFDocument.prototype as unknown as { text: (this: unknown, ...args: unknown[]) => unknown };
  const original = proto.text;
  proto.text = function (this: unknown, ...args: unknown[]) {
    const doc = this as { _font: { name: string }; _fontSize: number; page: unknown };
    if (doc.page !== lastPage) {
      lastPage = doc.page;
      page += 1;
    }
    const font = byPostscript.get(doc._font.name);
    if (font === undefined) throw new Error(`unexpected font ${doc._font.name}`);
    runs.push({ page, font, size: doc._fontSize, text: String(args[0]), x: Number(args[1]), y: Number(args[2]) });
    return original.apply(this, args);
  };
  try {
    await renderDocument(input, { signer, createdAt: FIXTURE_CREATED_AT });
  } finally {
    proto.text = original;
  }
  return runs;
}

export async function barePage(type: TemplateInput['document']['type'], runs: readonly TextRun[]): Promise<Uint8Array> {
  const size = DOCUMENT_CATALOGUE[type].pageSize;
  const doc = createDoc({ size, createdAt: FIXTURE_CREATED_AT, compress: true, title: 'bare', subject: 'bare' });
  let page = 0;
  for (const run of runs) {
    while (page < run.page) {
      addPage(doc, size);
      page += 1;
    }
    doc.font(run.font).fontSize(run.size).text(run.text, run.x, run.y, { lineBreak: false });
  }
  return finish(doc);
}

/**
 * Times the render and the bare page in alternation (render, bare, render, bare...), so that
 * load from other processes falls on both alike; median and p95 as the harness computes them.
 */
async function paired(a: () => Promise<unknown>, b: () => Promise<unknown>, runs = 31, warmup = 5): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i += 1) {
    await a();
    await b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  const once = async (fn: () => Promise<unknown>, into: number[]) => {
    const start = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  for (let i = 0; i < runs; i += 1) {
    await once(a, sa);
    await once(b, sb);
  }
  const stats = (samples: number[]): Timing => {
    samples.sort((x, y) => x - y);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
    return { medianMs: at(0.5), p95Ms: at(0.95), runs };
  };
  return [stats(sa), stats(sb)];
}

export default async function templatesBench(bench: Bench): Promise<void> {
  const cases: [string, TemplateInput][] = [...DOCUMENT_TYPES.map((t) => [t, standardFixtures()[t]] as [string, TemplateInput]), ['kk (12 members)', fixtureInput('kk', twelveMemberFamily())]];
  for (const [label, input] of cases) {
    const render = () => renderDocument(input, { signer, createdAt: FIXTURE_CREATED_AT });
    const runs = await recordTextRuns(input);
    const bare = () => barePage(input.document.type, runs);
    const [t, b] = await paired(render, bare);
    const ratio = t.medianMs / b.medianMs;
    bench.row(label, { medianMs: t.medianMs, p95Ms: t.p95Ms, bareMedianMs: b.medianMs, ratio, load1: loadavg()[0] ?? NaN });
    if (label === 'kk') {
      bench.target('KK render median < 40 ms', t.medianMs < 40, `${t.medianMs.toFixed(1)} ms`);
      bench.target('KK within 1.5x of a bare pdfkit page with the same text', ratio <= 1.5, `${ratio.toFixed(2)}x (${t.medianMs.toFixed(1)} vs ${b.medianMs.toFixed(1)} ms)`);
    }
  }
}

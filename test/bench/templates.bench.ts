import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCUMENT_CATALOGUE, DOCUMENT_TYPES } from '../../src/core/documents.ts';
import type { TemplateInput } from '../../src/core/record.ts';
import { FIXTURE_CREATED_AT, fixtureInput, standardFixtures, twelveMemberFamily } from '../../print-templates/fixtures.ts';
import { renderDocument } from '../../print-templates/index.ts';
import { addPage, createDoc, finish } from '../../print-templates/pdf.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import type { Bench } from './harness.ts';

/**
 * Median render time per document type, and the ratio to a bare pdfkit document with the
 * same text (the lines pdftotext extracts from the rendered PDF, drawn with the same fonts,
 * page size and compression, no layout work), both measured here in the same run.
 * Target (issue 3): KK median under 40 ms and within 1.5x of the bare page.
 */
const signer = createDemoSigner();
const work = mkdtempSync(join(tmpdir(), 'adm-bench-'));

function extractedLines(pdf: Uint8Array, name: string): string[][] {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== ''));
}

async function barePage(type: TemplateInput['document']['type'], pages: string[][]): Promise<Uint8Array> {
  const size = DOCUMENT_CATALOGUE[type].pageSize;
  const doc = createDoc({ size, createdAt: FIXTURE_CREATED_AT, compress: true, title: 'bare', subject: 'bare' });
  for (const lines of pages) {
    addPage(doc, size);
    doc.font('condensed').fontSize(6);
    lines.forEach((line, i) => doc.text(line, 10, 10 + ((i * 8) % (size[1] - 20)), { lineBreak: false }));
  }
  return finish(doc);
}

export default async function templatesBench(bench: Bench): Promise<void> {
  const cases: [string, TemplateInput][] = [...DOCUMENT_TYPES.map((t) => [t, standardFixtures()[t]] as [string, TemplateInput]), ['kk (12 members)', fixtureInput('kk', twelveMemberFamily())]];
  for (const [label, input] of cases) {
    const render = () => renderDocument(input, { signer, createdAt: FIXTURE_CREATED_AT });
    const lines = extractedLines(await render(), label.replace(/\W+/g, '-'));
    const bare = () => barePage(input.document.type, lines);
    const t = await bench.time(render, { runs: 25, warmup: 5 });
    const b = await bench.time(bare, { runs: 25, warmup: 5 });
    const ratio = t.medianMs / b.medianMs;
    bench.row(label, { medianMs: t.medianMs, p95Ms: t.p95Ms, bareMedianMs: b.medianMs, ratio });
    if (label === 'kk') {
      bench.target('KK render median < 40 ms', t.medianMs < 40, `${t.medianMs.toFixed(1)} ms`);
      bench.target('KK within 1.5x of a bare pdfkit page with the same text', ratio <= 1.5, `${ratio.toFixed(2)}x (${t.medianMs.toFixed(1)} vs ${b.medianMs.toFixed(1)} ms)`);
    }
  }
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateInput } from '../src/core/record.ts';
import { generateDemoData } from '../src/records/demo/demo-data.ts';
import { largestKk, publicSample } from '../src/records/demo/samples.ts';
import { renderDocument } from '../print-templates/index.ts';
import { createDemoSigner } from '../print-templates/signing.ts';

/**
 * `npm run docs:templates`: the reviewers' pages in docs/templates/, rendered from the demo
 * data the kiosk prints (the public sample family: one household's KK, KTP-el, KIA, akta
 * kelahiran and akta kematian; and the second page of the demo's 12-member KK), never from
 * fixtures. poppler's pdftoppm makes the PNGs: A4 at 110 dpi, cards at 300 dpi.
 */
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'templates');
const work = mkdtempSync(join(tmpdir(), 'adm-docs-templates-'));
const signer = createDemoSigner();
const createdAt = new Date('2026-10-31T02:00:00Z');

async function pages(input: TemplateInput, dpi: number, names: readonly (string | null)[]): Promise<void> {
  const pdf = join(work, `${input.document.id}.pdf`);
  writeFileSync(pdf, await renderDocument(input, { signer, createdAt }));
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, join(work, input.document.id)]);
  names.forEach((name, i) => {
    if (name === null) return;
    const page = String(i + 1).padStart(names.length >= 10 ? 2 : 1, '0');
    renameSync(join(work, `${input.document.id}-${page}.png`), join(out, `${name}.png`));
  });
}

const data = generateDemoData();
const sample = publicSample(data);
await pages(sample.kk, 110, ['kk']);
await pages(largestKk(data), 110, [null, 'kk-halaman-2']);
await pages(sample.ktp, 300, ['ktp-depan', 'ktp-belakang']);
await pages(sample.kia, 300, ['kia-depan', 'kia-belakang']);
await pages(sample['akta-kelahiran'], 110, ['akta-kelahiran']);
await pages(sample['akta-kematian'], 110, ['akta-kematian']);
rmSync(work, { recursive: true, force: true });
console.log(`docs/templates: rendered from demo documents ${Object.values(sample).map((i) => i.document.id).join(', ')} and ${largestKk(data).document.id}`);

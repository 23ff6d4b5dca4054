import { describe, expect, it } from 'vitest';
import { loadProfile, parseProfile } from '../../device-drivers/printer/profiles.ts';
import { FIXTURE_CREATED_AT, fixtureInput, longNameFamily, standardFixtures, twelveMemberFamily } from '../../print-templates/fixtures.ts';
import { renderDocument } from '../../print-templates/index.ts';
import { openPdf } from '../../print-templates/pdf-raster.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import { DOCUMENT_CATALOGUE } from '../core/documents.ts';
import { CAP_HEIGHT_EM, MIN_CAP_HEIGHT_DOTS, MIN_LEGIBLE_DPI, printability, SMALLEST_TEXT_PT } from './printability.ts';

/** Font sizes (pt) of every text run pdf.js finds in a PDF, except the placeholder emblem's "ADM". */
async function textSizes(pdf: Uint8Array): Promise<number[]> {
  const doc = await openPdf(pdf);
  try {
    const sizes: number[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) {
        if (!('transform' in item) || item.str.trim() === '' || item.str === 'ADM') continue;
        const [, , c = 0, d = 0] = item.transform as number[];
        sizes.push(Math.hypot(c, d));
      }
    }
    return sizes;
  } finally {
    await doc.destroy();
  }
}

describe('printability', () => {
  it('an A4 printer prints every document at its own resolution', () => {
    const profile = loadProfile('generic-a4-203');
    for (const kind of Object.values(DOCUMENT_CATALOGUE)) {
      expect(printability(profile, kind.pageSize), kind.type).toMatchObject({ ok: true, dpi: 203 });
    }
  });

  it('an 80 mm receipt printer refuses A4 documents and says why, but prints cards', () => {
    const profile = loadProfile('generic-80mm-203');
    const kk = printability(profile, DOCUMENT_CATALOGUE.kk.pageSize);
    expect(kk.ok).toBe(false);
    expect(kk.dpi).toBeLessThan(80);
    expect(kk.reason).toMatch(/297 x 210 mm page would print at \d+ dpi on the generic-80mm-203 profile \(576 dots wide\); at least 159 dpi is needed to read its 5 pt text/);
    expect(printability(profile, DOCUMENT_CATALOGUE['akta-kelahiran'].pageSize).ok).toBe(false);
    expect(printability(profile, DOCUMENT_CATALOGUE.ktp.pageSize).ok).toBe(true);
  });

  it('the threshold is the cap-height rule: 5 pt DejaVu capitals at least 8 dots tall need 159 dpi', () => {
    expect(MIN_LEGIBLE_DPI).toBe(159);
    expect((SMALLEST_TEXT_PT / 72) * MIN_LEGIBLE_DPI * CAP_HEIGHT_EM).toBeGreaterThanOrEqual(MIN_CAP_HEIGHT_DOTS);
    expect((SMALLEST_TEXT_PT / 72) * (MIN_LEGIBLE_DPI - 1) * CAP_HEIGHT_EM).toBeLessThan(MIN_CAP_HEIGHT_DOTS);
    // A 6-inch head (1216 dots) would put an A4 page at 147 dpi: refused; a 216 mm head at 203: fine.
    const sixInch = parseProfile({ ...loadProfile('generic-80mm-203'), id: 'six-inch', widthDots: 1216, paperWidthMm: 152 }, 'test profile');
    expect(printability(sixInch, DOCUMENT_CATALOGUE['akta-kelahiran'].pageSize)).toMatchObject({ ok: false, dpi: 147, minDpi: 159 });
  });

  it('no template draws text smaller than the rule assumes (standard, long-name and twelve-member fixtures; a KK refuses a name over 60 characters)', async () => {
    const signer = createDemoSigner();
    const inputs = [...Object.values(standardFixtures()), fixtureInput('ktp', longNameFamily()), fixtureInput('akta-kelahiran', longNameFamily()), fixtureInput('kk', twelveMemberFamily())];
    let smallest = Infinity;
    for (const input of inputs) {
      const sizes = await textSizes(await renderDocument(input, { signer, createdAt: FIXTURE_CREATED_AT }));
      expect(sizes.length, input.document.type).toBeGreaterThan(20);
      smallest = Math.min(smallest, ...sizes);
    }
    expect(smallest).toBeGreaterThanOrEqual(SMALLEST_TEXT_PT - 0.01);
    // The rule is tight: some template really goes down to it.
    expect(smallest).toBeLessThan(SMALLEST_TEXT_PT + 0.5);
  }, 30_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_CREATED_AT, fixtureInput, standardFixtures, twelveMemberFamily } from './fixtures.ts';
import { parsedFonts } from './fonts.ts';
import { renderDocument } from './index.ts';
import { addPage, createDoc, finish } from './pdf.ts';
import { fitText } from './fit.ts';
import { documentLayoutKeys, setSharedLayouts, sharedLayoutKeys, sharedTexts, sharedWords, usesSharedLayouts } from './shared-layout.ts';
import { createDemoSigner } from './signing.ts';

const signer = createDemoSigner();
const render = (input: Parameters<typeof renderDocument>[0]) => renderDocument(input, { signer, createdAt: FIXTURE_CREATED_AT, compress: false });

afterEach(() => setSharedLayouts(true));

describe('shared shaping of fixed words', () => {
  it('gives byte-identical documents with and without the shared tables', async () => {
    const inputs = [...Object.values(standardFixtures()), fixtureInput('kk', twelveMemberFamily())];
    for (const input of inputs) {
      setSharedLayouts(true);
      const shared = await render(input);
      setSharedLayouts(false);
      const plain = await render(input);
      expect(Buffer.from(shared).equals(Buffer.from(plain)), input.document.type).toBe(true);
    }
  });

  it('is used by every font a document switches to', () => {
    const doc = createDoc({ size: [200, 200], createdAt: FIXTURE_CREATED_AT, compress: false, title: 't', subject: 't' });
    addPage(doc, [200, 200]);
    for (const name of ['condensed', 'condensedBold', 'regular', 'bold'] as const) {
      doc.font(name);
      expect(usesSharedLayouts(doc), name).toBe(true);
    }
    void finish(doc);
  });

  it('spares the shaping of labels and code values: a KK shapes far fewer words itself', async () => {
    const font = parsedFonts().condensed;
    const original = font.layout.bind(font);
    const shaped: string[] = [];
    font.layout = ((text: string, ...rest: unknown[]) => {
      shaped.push(text);
      return (original as (...a: unknown[]) => ReturnType<typeof font.layout>)(text, ...rest);
    });
    try {
      const input = standardFixtures().kk;
      setSharedLayouts(false);
      await render(input);
      const plain = shaped.splice(0).length;
      setSharedLayouts(true);
      await render(input); // may fill the table on first use
      shaped.length = 0;
      await render(input);
      expect(shaped).not.toContain('Kewarganegaraan');
      expect(shaped).not.toContain('ISLAM');
      expect(shaped.length).toBeLessThan(plain / 2);
    } finally {
      font.layout = original;
    }
  });

  it('never holds personal data: the tables contain only the fixed word list, whatever was printed', async () => {
    await render(standardFixtures().kk);
    const allowed = sharedWords(sharedTexts());
    const names = ['MUH.', "SYAFI'I", 'WIDYASTUTI', 'CIHAMPELAS ', 'BANDUNG', '3273011708850001', '17-08-1985'];
    for (const font of Object.values(parsedFonts())) {
      const keys = sharedLayoutKeys(font);
      for (const key of keys) expect(allowed.has(key), key).toBe(true);
      for (const name of names) expect(keys).not.toContain(name);
    }
    expect(sharedLayoutKeys(parsedFonts().condensed).length).toBe(allowed.size);
  });

  it('forgets the words a document shaped once its PDF is written', async () => {
    const doc = createDoc({ size: [300, 100], createdAt: FIXTURE_CREATED_AT, compress: false, title: 't', subject: 't' });
    addPage(doc, [300, 100]);
    const fitted = fitText(doc, 'MUH. SYAFI\'I WIDYASTUTI', { font: 'condensed', size: 8, width: 200 });
    doc.font('condensed').fontSize(8).text(fitted.lines[0] ?? '', 10, 10, { lineBreak: false });
    expect(documentLayoutKeys(doc)).toContain('WIDYASTUTI');
    await finish(doc);
    expect(documentLayoutKeys(doc)).toEqual([]);
    doc.font('condensed');
    expect(usesSharedLayouts(doc)).toBe(true);
  });
});

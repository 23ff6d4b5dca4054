import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPreview } from './preview.ts';
import { makeSamplePdf } from './sample-pdf.ts';

function decode(dataUrl: string): PNG {
  expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
  return PNG.sync.read(Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));
}

let akta: Uint8Array;
let kk: Uint8Array;
beforeAll(async () => {
  akta = await makeSamplePdf({ kind: 'akta', pages: 2 });
  kk = await makeSamplePdf({ kind: 'kk' });
});

describe('renderPreview', () => {
  it('renders every page as a PNG no wider than asked, keeping the aspect ratio', async () => {
    const pages = await renderPreview(akta, { maxWidthPx: 600 });
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2]);
    for (const page of pages) {
      const png = decode(page.dataUrl);
      expect([png.width, png.height]).toEqual([page.width, page.height]);
      expect(page.width).toBe(600);
      expect(page.height / page.width).toBeCloseTo(841.89 / 595.28, 2);
      // There is ink on the page (the title), and paper around it.
      let dark = 0;
      for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 128) dark += 1;
      expect(dark).toBeGreaterThan(1000);
      expect(dark).toBeLessThan(png.width * png.height * 0.3);
    }
  });

  it('shows a landscape KK as landscape and honours a height limit', async () => {
    const [page] = await renderPreview(kk, { maxWidthPx: 1000, maxHeightPx: 500 });
    expect(page!.height).toBeLessThanOrEqual(500);
    expect(page!.width).toBeGreaterThan(page!.height);
  });

  it('rejects a nonsensical size', async () => {
    await expect(renderPreview(akta, { maxWidthPx: 0 })).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
  });
});

import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontBuffers, FONT_NAMES, parsedFonts } from './fonts.ts';

type Subset = { includeGlyph(id: number): number; encode(): Uint8Array };

describe('font subsets with shared glyph data', () => {
  it('are byte-identical to the subsets fontkit makes itself, composite glyphs included, again and again', () => {
    const text = "Ṣalāḥ al-Dīn MUH. SYAFI'I Ni Luh Putu 0123456789 /()-.,:";
    for (const name of FONT_NAMES) {
      const shared = parsedFonts()[name];
      const own = fontkit.create(fontBuffers()[name]) as fontkit.Font;
      const ids = shared.layout(text).glyphs.map((g) => g.id);
      expect(ids.some((id) => (shared.getGlyph(id) as unknown as { _decode(): { numberOfContours: number } | null })._decode()?.numberOfContours === -1), `${name} has a composite glyph in the sample`).toBe(true);
      const make = (font: fontkit.Font) => {
        const subset = font.createSubset() as unknown as Subset;
        for (const id of ids) subset.includeGlyph(id);
        return Buffer.from(subset.encode());
      };
      const expected = make(own);
      expect(make(shared).equals(expected), name).toBe(true);
      expect(make(shared).equals(expected), `${name}, second subset`).toBe(true);
    }
  });
});

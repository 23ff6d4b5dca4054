import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { KioskError } from '../src/core/errors.ts';

/**
 * The fonts every template embeds: DejaVu (free licence, covers Latin Extended Additional:
 * Ṣ, ā, ḥ...), loaded from the `dejavu-fonts-ttf` npm dependency, never from the OS.
 * Read once per process and kept: a render must not touch the disk for fonts.
 */
export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;
export const FONT_NAMES = Object.keys(FONT_FILES) as FontName[];

const require = createRequire(import.meta.url);
let cache: Readonly<Record<FontName, Buffer>> | undefined;

/** The font files as buffers, loaded on first use and cached for the life of the process. */
export function fontBuffers(): Readonly<Record<FontName, Buffer>> {
  if (cache !== undefined) return cache;
  const loaded = {} as Record<FontName, Buffer>;
  for (const name of FONT_NAMES) {
    const file = FONT_FILES[name];
    try {
      loaded[name] = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    } catch (cause) {
      throw new KioskError('RENDER_FAILED', `The template font ${file} could not be loaded.`, {
        hint: 'Run "npm install" so that the dejavu-fonts-ttf package is present.',
        cause,
      });
    }
  }
  cache = loaded;
  return cache;
}

let parsed: Readonly<Record<FontName, fontkit.Font>> | undefined;

/**
 * The fonts parsed by fontkit, once per process. pdfkit accepts a parsed font in place of a
 * file; sharing it across documents saves re-parsing the tables (cmap, GSUB, GPOS) on every
 * render, the largest cost of a render otherwise. Each document still makes its own subset.
 */
export function parsedFonts(): Readonly<Record<FontName, fontkit.Font>> {
  if (parsed !== undefined) return parsed;
  const buffers = fontBuffers();
  const out = {} as Record<FontName, fontkit.Font>;
  for (const name of FONT_NAMES) {
    const font = fontkit.create(buffers[name]);
    if (!('layout' in font)) throw new KioskError('RENDER_FAILED', `The template font ${FONT_FILES[name]} is a collection, not a single font.`, { hint: 'Reinstall the dejavu-fonts-ttf package.' });
    shareGlyphData(font);
    out[name] = font;
  }
  parsed = out;
  return parsed;
}

/** A glyph's bytes and metrics as a subset copies them: font data, the same for every document. */
interface GlyphRecord {
  readonly bytes: Uint8Array;
  /** Component glyph ids and where they sit in `bytes`, for a composite glyph. */
  readonly components: readonly { readonly glyphID: number; readonly pos: number }[] | null;
  readonly advance: number;
  readonly bearing: number;
}

/** What `shareGlyphData` needs of fontkit's TrueType subset (fontkit 2 internals). */
interface TtfSubsetInternals {
  font: { getGlyph(id: number): { _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; advanceWidth: number; _getMetrics(): { leftBearing: number } }; loca: { offsets: number[] }; _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array } };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(id: number): number;
}

/**
 * Each document makes its own font subset, and fontkit decodes every glyph it copies (to find
 * a composite glyph's parts) and re-reads its bytes for every document. This keeps, per
 * parsed font, what a subset copies of a glyph (its bytes, component ids, advance and
 * bearing: font data, nothing about the document) and makes subsets that copy from it. The
 * subset bytes are the same as fontkit's own: `_addGlyph` below does what fontkit's does.
 */
function shareGlyphData(font: fontkit.Font): void {
  const target = font as unknown as { createSubset(): unknown; _variationProcessor?: unknown };
  if (target._variationProcessor) return; // variable fonts re-encode glyphs per subset; DejaVu has none
  const create = target.createSubset.bind(font);
  const records = new Map<number, GlyphRecord>();
  const recordOf = (subset: TtfSubsetInternals, gid: number): GlyphRecord => {
    let record = records.get(gid);
    if (record === undefined) {
      const glyph = subset.font.getGlyph(gid);
      const decoded = glyph._decode();
      const stream = subset.font._getTableStream('glyf');
      const start = subset.font.loca.offsets[gid] ?? 0;
      const end = subset.font.loca.offsets[gid + 1] ?? start;
      stream.pos += start;
      const bytes = Uint8Array.from(stream.readBuffer(end - start));
      const components = decoded !== null && decoded.numberOfContours < 0 ? (decoded.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null;
      record = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      records.set(gid, record);
    }
    return record;
  };
  target.createSubset = () => {
    const subset = create() as Partial<TtfSubsetInternals>;
    if (typeof subset._addGlyph !== 'function' || typeof subset.includeGlyph !== 'function') return subset; // not a TrueType subset
    const s = subset as TtfSubsetInternals;
    s._addGlyph = (gid: number): number => {
      const record = recordOf(s, gid);
      let bytes = record.bytes;
      if (record.components !== null) {
        bytes = Uint8Array.from(record.bytes);
        const view = new DataView(bytes.buffer);
        for (const component of record.components) view.setUint16(component.pos, s.includeGlyph(component.glyphID));
      }
      s.glyf.push(bytes);
      s.loca.offsets.push(s.offset);
      s.hmtx.metrics.push({ advance: record.advance, bearing: record.bearing });
      s.offset += bytes.length;
      return s.glyf.length - 1;
    };
    return s;
  };
}

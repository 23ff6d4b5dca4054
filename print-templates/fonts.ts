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
 * The fonts parsed by fontkit, once per process. pdfkit accepts a parsed fontkit Font in
 * place of a file (a documented input of `registerFont`); sharing it across documents saves
 * re-parsing the tables (cmap, GSUB, GPOS) on every render, the largest cost of a render
 * otherwise. Each document still shapes its own text and makes its own subset, and that
 * per-document state goes with the document.
 */
export function parsedFonts(): Readonly<Record<FontName, fontkit.Font>> {
  if (parsed !== undefined) return parsed;
  const buffers = fontBuffers();
  const out = {} as Record<FontName, fontkit.Font>;
  for (const name of FONT_NAMES) {
    const font = fontkit.create(buffers[name]);
    if (!('layout' in font)) throw new KioskError('RENDER_FAILED', `The template font ${FONT_FILES[name]} is a collection, not a single font.`, { hint: 'Reinstall the dejavu-fonts-ttf package.' });
    out[name] = font;
  }
  parsed = out;
  return parsed;
}

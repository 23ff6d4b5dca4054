import type PDFDocument from 'pdfkit';
import { KioskError } from '../src/core/errors.ts';
import type { FontName } from './fonts.ts';

/**
 * The one text-fitting helper every template uses. Text that is too wide for its box first
 * shrinks, in small steps, down to a readable minimum size; only then does it wrap (at spaces,
 * after "/", and inside a word only when a single word is wider than the box). Nothing
 * is ever cut: when wrapped text still needs more lines than the box allows, rendering fails
 * with RENDER_FAILED instead of printing a truncated document.
 */
type Doc = InstanceType<typeof PDFDocument>;

export interface FitOptions {
  readonly font: FontName;
  /** Preferred size in points. */
  readonly size: number;
  /** Smallest size the text may shrink to before it wraps. Defaults to the preferred size. */
  readonly minSize?: number;
  /** Box width in points. */
  readonly width: number;
  /** Most lines the box holds; default unlimited (the box grows, e.g. a table row). */
  readonly maxLines?: number;
  /** Line pitch as a multiple of the font size; default 1.18. */
  readonly leading?: number;
}

export interface FittedText {
  readonly font: FontName;
  readonly size: number;
  readonly lines: readonly string[];
  readonly lineHeight: number;
  /** Height of the whole block: lines x line height. */
  readonly height: number;
  /** Width of each line. */
  readonly lineWidths: readonly number[];
}

const STEP = 0.25;
/** The absolute floor of any template: below this a 203 dpi print is not readable. */
export const MIN_READABLE_SIZE = 5;

/**
 * Per-document cache of text widths at size 1 (widths scale linearly with size), one map per
 * font. It holds the document's text: `finish` drops it once the PDF is written.
 */
type Widths = Map<FontName, Map<string, number>>;
const widthCache = new WeakMap<Doc, Widths>();

/** Drops the document's width cache (it holds the document's text); `finish` calls it. */
export function forgetWidths(doc: Doc): void {
  widthCache.delete(doc);
}

function widthsOf(doc: Doc): Widths {
  let cache = widthCache.get(doc);
  if (cache === undefined) {
    cache = new Map();
    widthCache.set(doc, cache);
  }
  return cache;
}

function widthAt(doc: Doc, font: FontName, size: number, text: string): number {
  const byFont = widthsOf(doc);
  let cache = byFont.get(font);
  if (cache === undefined) {
    cache = new Map();
    byFont.set(font, cache);
  }
  let unit = cache.get(text);
  if (unit === undefined) {
    doc.font(font).fontSize(1000);
    unit = doc.widthOfString(text) / 1000;
    cache.set(text, unit);
  }
  return unit * size;
}

/** Splits into break-friendly tokens: words (keeping a trailing "/") and runs of spaces. Never after "-" (dates, numbers). */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s/]+\/*|\/+/g) ?? [];
}

function breakWord(doc: Doc, font: FontName, size: number, word: string, width: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of Array.from(word)) {
    if (current !== '' && widthAt(doc, font, size, current + ch) > width) {
      parts.push(current);
      current = ch;
    } else {
      current += ch;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

/** Greedy line breaking at one size. */
export function wrapLines(doc: Doc, text: string, font: FontName, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of tokens(text)) {
    if (/^\s+$/.test(token)) {
      if (line !== '') line += ' ';
      continue;
    }
    const candidate = line + token;
    if (widthAt(doc, font, size, candidate.trimEnd()) <= width) {
      line = candidate;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    if (widthAt(doc, font, size, token) <= width) {
      line = token;
    } else {
      const pieces = breakWord(doc, font, size, token, width);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
    }
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Normalises whitespace (a registry may send double spaces or line breaks). */
export function clean(text: string): string {
  // Printable ASCII words with single spaces between them are already clean (NFC leaves ASCII as it is).
  if (PLAIN.test(text)) return text;
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

function fitted(doc: Doc, font: FontName, size: number, leading: number, lines: string[]): FittedText {
  const lineWidths: number[] = [];
  for (const line of lines) lineWidths.push(widthAt(doc, font, size, line));
  const lineHeight = size * leading;
  return { font, size, lines, lineHeight, height: lineHeight * lines.length, lineWidths };
}

export function fitText(doc: Doc, raw: string, options: FitOptions): FittedText {
  return fit(doc, raw, options.font, options.size, options.minSize, options.width, options.maxLines, options.leading ?? 1.18);
}

function fit(doc: Doc, raw: string, font: FontName, size: number, minSizeOption: number | undefined, width: number, maxLines: number | undefined, leading: number): FittedText {
  const text = clean(raw);
  const minSize = Math.max(MIN_READABLE_SIZE, Math.min(minSizeOption ?? size, size));
  const fullWidth = widthAt(doc, font, size, text);
  if (fullWidth <= width) return fitted(doc, font, size, leading, [text]);
  // Widths scale linearly with size: jump straight to the largest step that fits on one line.
  const needed = (size * width) / fullWidth;
  const stepped = Math.floor(needed / STEP) * STEP;
  if (stepped >= minSize && widthAt(doc, font, stepped, text) <= width) return fitted(doc, font, stepped, leading, [text]);
  const lines = wrapLines(doc, text, font, minSize, width);
  if (maxLines !== undefined && lines.length > maxLines) {
    throw new KioskError('RENDER_FAILED', `A field is too long for its place on the document (needs ${lines.length} lines, ${maxLines} fit).`, {
      hint: 'The record holds unusually long text; ask the Dukcapil office to check the record or print the document at the counter.',
    });
  }
  return fitted(doc, font, minSize, leading, lines);
}

export interface DrawOptions {
  readonly align?: 'left' | 'center' | 'right';
  /** Vertical placement inside `height`, when given. */
  readonly valign?: 'top' | 'middle' | 'bottom';
  readonly height?: number;
}

/** Draws fitted text with its top-left corner at (x, y) inside a box `width` wide. */
export function drawFitted(doc: Doc, fitted: FittedText, x: number, y: number, width: number, options: DrawOptions = {}): void {
  draw(doc, fitted, x, y, width, options.align, options.valign, options.height);
}

function draw(doc: Doc, fitted: FittedText, x: number, y: number, width: number, align: DrawOptions['align'], valign: DrawOptions['valign'], height: number | undefined): void {
  doc.font(fitted.font).fontSize(fitted.size);
  let top = y;
  if (height !== undefined) {
    const free = height - fitted.height;
    if (valign === 'middle') top += free / 2;
    else if (valign === 'bottom') top += free;
  }
  // Centre the glyphs (not the font's full ascent/descent box) in each line slot.
  const pad = (fitted.lineHeight - fitted.size * 1.164) / 2;
  const { lines, lineWidths } = fitted;
  for (let i = 0; i < lines.length; i += 1) {
    const w = lineWidths[i] ?? 0;
    const lx = align === 'center' ? x + (width - w) / 2 : align === 'right' ? x + width - w : x;
    doc.text(lines[i] as string, lx, top + pad + i * fitted.lineHeight, { lineBreak: false });
  }
}

/** Fits text into a box and draws it; the box's height, when given, bounds the number of lines. */
export function drawInBox(
  doc: Doc,
  text: string,
  box: { x: number; y: number; width: number; height?: number },
  fitOptions: Omit<FitOptions, 'width'>,
  drawOptions: Omit<DrawOptions, 'height'> = {},
): FittedText {
  const leading = fitOptions.leading ?? 1.18;
  const maxByHeight = box.height === undefined ? undefined : Math.max(1, Math.floor((box.height + 0.01) / (Math.max(MIN_READABLE_SIZE, fitOptions.minSize ?? fitOptions.size) * leading)));
  const maxLines = fitOptions.maxLines === undefined ? maxByHeight : maxByHeight === undefined ? fitOptions.maxLines : Math.min(fitOptions.maxLines, maxByHeight);
  const result = fit(doc, text, fitOptions.font, fitOptions.size, fitOptions.minSize, box.width, maxLines, leading);
  draw(doc, result, box.x, box.y, box.width, drawOptions.align, drawOptions.valign, box.height);
  return result;
}

import PDFDocument from 'pdfkit';
import { KioskError } from '../src/core/errors.ts';
import { FONT_NAMES, parsedFonts, type FontName } from './fonts.ts';
import { forgetWidths } from './fit.ts';
import { encodeQr } from './qr.ts';

/**
 * The PDF side shared by all templates: a deterministic pdfkit document (fixed dates, no
 * random ids, fonts from the npm package), the QR code as vector squares, and small
 * drawing helpers.
 */
export type Doc = InstanceType<typeof PDFDocument>;

export const MM = 72 / 25.4;

export interface NewDocOptions {
  readonly size: readonly [number, number];
  readonly createdAt: Date;
  readonly compress: boolean;
  readonly title: string;
  readonly subject: string;
}

export function createDoc(options: NewDocOptions): Doc {
  if (Number.isNaN(options.createdAt.getTime())) {
    throw new KioskError('RENDER_FAILED', 'The render time is not a valid date.', { hint: 'Pass a valid createdAt date to the renderer.' });
  }
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: options.compress,
    size: [options.size[0], options.size[1]],
    margin: 0,
    // Producer, Creator and dates fixed: the file id is a hash of these, so equal input gives equal bytes.
    info: {
      Title: options.title,
      Subject: options.subject,
      Producer: 'adm-kiosk print-templates',
      Creator: 'adm-kiosk',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
    lang: 'id-ID',
    // No default font: pdfkit would load Helvetica from its own data files; every template sets DejaVu.
    font: null as unknown as string,
  });
  const fonts = parsedFonts();
  // pdfkit takes an already parsed fontkit Font in registerFont (pdfkit 0.20 changelog); @types/pdfkit lists only files and buffers.
  for (const name of FONT_NAMES) doc.registerFont(name, fonts[name] as unknown as Buffer);
  return doc;
}

export function addPage(doc: Doc, size: readonly [number, number]): void {
  doc.addPage({ size: [size[0], size[1]], margin: 0 });
}

/** Ends the document and returns its bytes. */
export function finish(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      // No text of the document stays in the fit helper's cache once its PDF is written.
      forgetWidths(doc);
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    doc.on('error', (cause: unknown) => reject(new KioskError('RENDER_FAILED', 'The PDF could not be written.', { hint: 'Try again; report it if it repeats.', cause })));
    doc.end();
  });
}

/**
 * A number as pdfkit writes it into a content stream (`PDFObject.number`: rounded to 6
 * decimals, then JavaScript's own formatting), for content written in one piece.
 */
export function pdfNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new KioskError('RENDER_FAILED', 'A drawing coordinate is out of range.', { hint: 'Report the document type to a technician.' });
}

// --- QR code ---------------------------------------------------------------------------------

export interface QrGeometry {
  /** Modules per side, without quiet zone. */
  readonly modules: number;
  /** Side of the whole drawn square including the quiet zone, in points. */
  readonly side: number;
}

export const QR_QUIET_MODULES = 4;

/** A QR symbol's modules, made once per render. */
export interface QrMatrix {
  readonly size: number;
  readonly version: number;
  isDark(row: number, col: number): boolean;
  /** The modules, row-major, 1 = dark. */
  readonly modules: Uint8Array;
}

/** Encodes `text` as a QR symbol, error correction M (about 15 % of the symbol may be damaged). */
export function makeQr(text: string): QrMatrix {
  // One byte-mode segment: the payload is ASCII, and this skips the segment optimiser.
  const qr = encodeQr(Buffer.from(text, 'utf8'));
  const { size, data } = qr;
  return { size, version: qr.version, modules: data, isDark: (r, c) => data[r * size + c] === 1 };
}

/** Side length (points, with quiet zone) of the QR at `moduleMm`. */
export function qrSide(qr: QrMatrix, moduleMm: number): number {
  return (qr.size + 2 * QR_QUIET_MODULES) * moduleMm * MM;
}

/**
 * Draws the QR code as filled vector squares (one path, horizontal runs merged),
 * error correction M, a 4-module white quiet zone, top-left corner of the quiet zone at (x, y).
 * 0.5 mm modules are 4 dots at 203 dpi: they survive 1-bit printing.
 */
export function drawQr(doc: Doc, qr: QrMatrix, x: number, y: number, moduleMm: number): QrGeometry {
  const n = qr.size;
  const m = moduleMm * MM;
  const side = (n + 2 * QR_QUIET_MODULES) * m;
  doc.save();
  doc.rect(x, y, side, side).fill('#ffffff');
  const ox = x + QR_QUIET_MODULES * m;
  const oy = y + QR_QUIET_MODULES * m;
  // The runs go into the content stream in one write: the same "x y w h re" lines doc.rect
  // writes one by one (pdfkit adds a line break after each write), without a buffer per square.
  // Formatting a number is the costly part: each column's x and each run's width is formatted once.
  const modules = qr.modules;
  const mh = String(pdfNumber(m));
  const xs: string[] = [];
  const ws: string[] = [];
  const lines: string[] = [];
  for (let r = 0; r < n; r += 1) {
    const row = r * n;
    const ry = String(pdfNumber(oy + r * m));
    let c = 0;
    while (c < n) {
      if (modules[row + c] !== 1) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < n && modules[row + c] === 1) c += 1;
      const x = (xs[start] ??= String(pdfNumber(ox + start * m)));
      const w = (ws[c - start] ??= String(pdfNumber((c - start) * m)));
      lines.push(`${x} ${ry} ${w} ${mh} re`);
    }
  }
  if (lines.length > 0) doc.addContent(lines.join('\n'));
  doc.fill('#000000');
  doc.restore();
  return { modules: n, side };
}

// --- furniture ------------------------------------------------------------------------------

/**
 * A plain placeholder emblem: a double circle with "ADM". Deliberately not the Garuda
 * Pancasila, which the kiosk does not reproduce.
 */
export function drawEmblem(doc: Doc, cx: number, cy: number, r: number, font: FontName = 'bold'): void {
  doc.save();
  doc.lineWidth(Math.max(0.6, r / 14)).strokeColor('#000000');
  doc.circle(cx, cy, r).stroke();
  doc.circle(cx, cy, r * 0.82).stroke();
  doc.font(font).fontSize(r * 0.55);
  const w = doc.widthOfString('ADM');
  doc.fillColor('#000000').text('ADM', cx - w / 2, cy - r * 0.33, { lineBreak: false });
  doc.restore();
}

export { BSRE_STATEMENT, DEMO_STATEMENT } from './texts.ts';

/** Horizontal rule. */
export function hline(doc: Doc, x1: number, x2: number, y: number, width = 0.6): void {
  doc.save().lineWidth(width).moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

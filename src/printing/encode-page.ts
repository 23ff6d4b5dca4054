import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { ProfileEncoder } from '../../device-drivers/printer/escpos-encoder.ts';
import { extractBand, type PageOp } from './bands.ts';

/**
 * Page ops -> ESC/POS byte chunks, one chunk per band (with its margin commands), strip or feed.
 * A page starts with ESC @ (clean state: margins, motion units) and what the dialect needs
 * before its images, and ends with a cut when the printer has a cutter; the page's trailing
 * blank rows are fed so every page has its length.
 */
export interface WireChunk {
  readonly bytes: Uint8Array;
  /** Index of the op this chunk carries, or -1 for page framing. */
  readonly op: number;
}

export type PageEncoder = Pick<ProfileEncoder, 'profile' | 'dialect' | 'initialize' | 'feedDots' | 'cut' | 'setLeftMarginDots' | 'setPrintAreaWidthDots'>;

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function* encodePage(page: { readonly bitmap: MonoBitmap; readonly ops: readonly PageOp[] }, encoder: PageEncoder): Generator<WireChunk> {
  const { profile, dialect } = encoder;
  // Every page, including one sent again after a fault, starts with ESC @ and the dialect's
  // page set-up (segmented strips: ESC 3 to the stripe height, which ESC @ resets).
  yield { bytes: join([encoder.initialize(), dialect.pageSetup(page.ops.some((op) => op.kind === 'strip'))]), op: -1 };
  let margin = 0;
  let area = -1;
  for (let i = 0; i < page.ops.length; i += 1) {
    const op = page.ops[i];
    if (op === undefined) continue;
    if (op.kind === 'feed') {
      yield { bytes: encoder.feedDots(op.dots), op: i };
      continue;
    }
    if (op.kind === 'strip') {
      yield { bytes: dialect.strip(page.bitmap, op.top, op.rows, op.pieces, true), op: i };
      continue;
    }
    const parts: Uint8Array[] = [];
    if (dialect.cropsBands) {
      const left = op.leftByte * 8;
      const width = op.widthBytes * 8;
      if (left !== margin) parts.push(encoder.setLeftMarginDots(left));
      if (width !== area) parts.push(encoder.setPrintAreaWidthDots(width));
      margin = left;
      area = width;
    }
    parts.push(dialect.band(extractBand(page.bitmap, op)));
    yield { bytes: join(parts), op: i };
  }
  const tail: Uint8Array[] = [];
  if (dialect.cropsBands && (margin !== 0 || area !== -1)) tail.push(encoder.setLeftMarginDots(0), encoder.setPrintAreaWidthDots(profile.widthDots));
  if (profile.cutter) tail.push(encoder.cut(false));
  if (tail.length > 0) yield { bytes: join(tail), op: -1 };
}

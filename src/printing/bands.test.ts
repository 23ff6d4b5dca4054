import { describe, expect, it } from 'vitest';
import type { PrinterProfile, RasterCommand } from '../../device-drivers/printer/contract.ts';
import { dialectFor, type RasterDialect } from '../../device-drivers/printer/dialects/index.ts';
import { encoderFor } from '../../device-drivers/printer/escpos-encoder.ts';
import { createMonoBitmap, setDot, type MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import { parseProfile } from '../../device-drivers/printer/profiles.ts';
import { estimateBytes, extractBand, floorBytes, naiveBytes, planBands, replayOps, segmentFloorBytes, stripBytes, type PageOp, type StripOp } from './bands.ts';
import { encodePage } from './encode-page.ts';

/** Test profiles come through the schema like every profile. */
function testProfile(overrides: Record<string, unknown> = {}): PrinterProfile {
  return parseProfile(
    { id: 'test', name: 'test', dpi: 203, widthDots: 1728, paperWidthMm: 216, raster: { command: 'gs-v-0', maxBandHeight: 4000 }, cropBands: true, cutter: true, serial: { baudRate: 115200, flowControl: 'none' }, ...overrides },
    'test profile',
  );
}
const baseProfile = testProfile();
/** The planner's view of a band dialect with the given limit and cropping. */
const bands = (maxBandHeight: number, crop: boolean, command: RasterCommand = 'gs-v-0'): RasterDialect => dialectFor(testProfile({ raster: { command, maxBandHeight }, cropBands: crop }));

function fillRect(b: MonoBitmap, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) setDot(b, x, y);
}

describe('planBands', () => {
  it('feeds over blank rows and crops each band to its inked bytes', () => {
    const b = createMonoBitmap(64, 100);
    fillRect(b, 16, 10, 24, 20); // bytes 2..2, rows 10..19
    fillRect(b, 40, 60, 57, 70); // bytes 5..7, rows 60..69
    const ops = planBands(b, bands(24, true));
    expect(ops).toEqual<PageOp[]>([
      { kind: 'feed', dots: 10 },
      { kind: 'band', top: 10, height: 10, leftByte: 2, widthBytes: 1 },
      { kind: 'feed', dots: 40 },
      { kind: 'band', top: 60, height: 10, leftByte: 5, widthBytes: 3 },
      { kind: 'feed', dots: 30 },
    ]);
  });

  it('sends full rows when the profile cannot crop', () => {
    const b = createMonoBitmap(64, 30);
    fillRect(b, 16, 10, 24, 20);
    expect(planBands(b, bands(24, false))).toEqual<PageOp[]>([
      { kind: 'feed', dots: 10 },
      { kind: 'band', top: 10, height: 10, leftByte: 0, widthBytes: 8 },
      { kind: 'feed', dots: 10 },
    ]);
  });

  it('never makes a band taller than the profile allows', () => {
    const b = createMonoBitmap(32, 100);
    fillRect(b, 0, 0, 32, 100);
    const ops = planBands(b, bands(24, true));
    expect(ops.every((op) => op.kind === 'band' && op.height <= 24)).toBe(true);
    expect(ops.reduce((n, op) => n + (op.kind === 'band' ? op.height : 0), 0)).toBe(100);
  });

  it('keeps a short gap inside a band when a new band header would cost more', () => {
    const b = createMonoBitmap(16, 10);
    fillRect(b, 0, 0, 8, 4);
    fillRect(b, 0, 5, 8, 9); // one blank row (1 byte wide) between
    const ops = planBands(b, bands(24, true));
    // One band: the blank row inside (and the one after: 1 byte < a 3-byte feed) ride along.
    expect(ops).toEqual([{ kind: 'band', top: 0, height: 10, leftByte: 0, widthBytes: 1 }]);
  });

  it('with ESC * prefers whole 24-dot stripes and still feeds over blank runs', () => {
    const b = createMonoBitmap(16, 80);
    fillRect(b, 0, 30, 8, 35);
    fillRect(b, 0, 40, 8, 50);
    const ops = planBands(b, bands(240, true, 'esc-star'));
    expect(ops).toEqual<PageOp[]>([
      { kind: 'feed', dots: 30 },
      { kind: 'band', top: 30, height: 20, leftByte: 0, widthBytes: 1 },
      { kind: 'feed', dots: 30 },
    ]);
  });

  it('replaying the ops rebuilds the page pixel for pixel', () => {
    const b = createMonoBitmap(200, 300);
    for (let i = 0; i < 600; i += 1) setDot(b, (i * 37) % 200, (i * 91) % 300);
    fillRect(b, 10, 100, 190, 104);
    for (const crop of [true, false]) {
      const ops = planBands(b, bands(24, crop));
      expect(replayOps(b, ops)).toEqual(b);
    }
  });
});

describe('byte accounting', () => {
  it('naive is the full raster, floor sums each inked row span', () => {
    const b = createMonoBitmap(64, 10);
    fillRect(b, 0, 0, 1, 1); // row 0: byte 0
    fillRect(b, 8, 3, 40, 4); // row 3: bytes 1..4
    expect(naiveBytes(b)).toBe(80);
    expect(floorBytes(b)).toBe(1 + 4);
  });

  it('extracts a cropped band with the requested bytes', () => {
    const b = createMonoBitmap(32, 4);
    fillRect(b, 8, 1, 16, 2);
    const band = extractBand(b, { kind: 'band', top: 1, height: 2, leftByte: 1, widthBytes: 2 });
    expect(Array.from(band.data)).toEqual([0xff, 0, 0, 0]);
    expect(band.width).toBe(16);
  });
});

describe('cost model (each dialect owns its own)', () => {
  it('matches the bytes the ESC/POS encoder really produces', () => {
    for (const command of ['gs-v-0', 'gs-8-l', 'esc-star'] as const) {
      for (const verticalUnitsPerDot of [1, 2]) {
        const enc = encoderFor(testProfile({ raster: { command, maxBandHeight: 4080 }, verticalUnitsPerDot, escStarDots: 24 }));
        const costs = enc.dialect.costs;
        for (const [h, w] of [[1, 1], [24, 10], [25, 216], [240, 216], [400, 200]] as const) {
          expect(costs.band(h, w)).toBe(enc.rasterBand(createMonoBitmap(w * 8, h)).length);
        }
        for (const dots of [1, 200, 255, 600]) expect(costs.feed(dots)).toBe(enc.feedDots(dots).length);
        expect(costs.crop).toBe(enc.setLeftMarginDots(8).length + enc.setPrintAreaWidthDots(800).length);
      }
    }
  });
});

describe('segmented strips (ESC * pieces placed with ESC $)', () => {
  const segProfile = testProfile({ raster: { command: 'esc-star', maxBandHeight: 240, segments: true }, escStarDots: 24 });
  const seg = dialectFor(segProfile);
  const costs = seg.strips!;
  const plan = (b: MonoBitmap, d: RasterDialect = seg) => planBands(b, d);
  const strips = (ops: PageOp[]) => ops.filter((op): op is StripOp => op.kind === 'strip');

  function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** A form: frame round the page, blocks of text-like specks, a block touching the right edge. */
  function form(width: number, height: number, seed: number): MonoBitmap {
    const b = createMonoBitmap(width, height);
    const next = random(seed);
    fillRect(b, 0, 0, width, 2);
    fillRect(b, 0, height - 2, width, height);
    fillRect(b, 0, 0, 2, height);
    fillRect(b, width - 2, 0, width, height);
    for (let line = 0; line < 6; line += 1) {
      const top = 20 + line * 30;
      for (let y = top; y < Math.min(height - 3, top + 14); y += 1) for (let x = 40; x < width / 2; x += 1) if (next() < 0.25) setDot(b, x, y);
    }
    fillRect(b, width - 30, 50, width, 60);
    return b;
  }

  it('skips the white between a frame and the text: one piece per side, a gap of 3 columns or fewer sent as white', () => {
    const b = createMonoBitmap(400, 24);
    fillRect(b, 0, 0, 2, 24);
    fillRect(b, 398, 0, 400, 24); // the far right edge
    fillRect(b, 100, 5, 101, 6);
    fillRect(b, 104, 5, 105, 6); // 3 white columns between: cheaper inside the piece (9 bytes) than a new header (9)
    fillRect(b, 200, 5, 201, 6);
    fillRect(b, 205, 5, 206, 6); // 4 white columns: 12 bytes, a new piece is cheaper
    const ops = plan(b);
    expect(ops).toEqual<PageOp[]>([
      {
        kind: 'strip',
        top: 0,
        rows: 24,
        pieces: [
          { x: 0, width: 2 },
          { x: 100, width: 5 },
          { x: 200, width: 1 },
          { x: 205, width: 1 },
          { x: 398, width: 2 },
        ],
      },
    ]);
    // No ESC $ for the piece at 0; 9-byte headers for the others; 3 bytes per column; LF.
    expect(estimateBytes(ops, seg)).toBe(5 + 2 * 3 + 4 * 9 + (5 + 1 + 1 + 2) * 3 + 1);
  });

  it('starts strips at the text lines and feeds blank runs', () => {
    const b = createMonoBitmap(64, 200);
    fillRect(b, 8, 10, 16, 34); // a 24-row line at 10
    fillRect(b, 8, 150, 16, 160);
    const ops = plan(b);
    expect(ops).toEqual<PageOp[]>([
      { kind: 'feed', dots: 10 },
      { kind: 'strip', top: 10, rows: 24, pieces: [{ x: 8, width: 8 }] },
      { kind: 'feed', dots: 116 },
      { kind: 'strip', top: 150, rows: 24, pieces: [{ x: 8, width: 8 }] },
      { kind: 'feed', dots: 26 },
    ]);
  });

  it('the estimate is exactly what the encoder sends, and replaying the plan rebuilds the page', () => {
    const enc = encoderFor(segProfile);
    const pages = [form(1728, 400, 1), form(61, 130, 2), createMonoBitmap(200, 50)];
    const sparse = createMonoBitmap(1728, 300);
    const next = random(3);
    for (let i = 0; i < 2000; i += 1) setDot(sparse, Math.floor(next() * 1728), Math.floor(next() * 300));
    pages.push(sparse);
    for (const b of pages) {
      const ops = plan(b);
      expect(replayOps(b, ops)).toEqual(b);
      let sent = 0;
      for (const chunk of encodePage({ bitmap: b, ops }, enc)) if (chunk.op >= 0) sent += chunk.bytes.length;
      expect(estimateBytes(ops, seg)).toBe(sent);
      for (const op of strips(ops)) expect(stripBytes(op, costs)).toBe(enc.rasterStrip(b, op.top, op.rows, op.pieces, true).length);
      // Never below the floor for ESC * strips.
      expect(sent).toBeGreaterThanOrEqual(segmentFloorBytes(b, 24));
    }
  });

  it('a piece can end in the last column of a width that is not a multiple of 8', () => {
    const b = createMonoBitmap(61, 24);
    fillRect(b, 58, 0, 61, 3);
    expect(strips(plan(b))[0]?.pieces).toEqual([{ x: 58, width: 3 }]);
  });

  it('with 8-dot stripes a column is one byte, so gaps up to 9 columns ride along', () => {
    const c8 = dialectFor(testProfile({ raster: { command: 'esc-star', maxBandHeight: 240, segments: true }, escStarDots: 8 }));
    const b = createMonoBitmap(100, 8);
    fillRect(b, 0, 0, 1, 8);
    fillRect(b, 10, 0, 11, 8); // 9 white columns
    fillRect(b, 21, 0, 22, 8); // 10 white columns
    expect(strips(plan(b, c8))[0]?.pieces).toEqual([
      { x: 0, width: 11 },
      { x: 21, width: 1 },
    ]);
  });

  it('the segment floor covers each column with the fewest 24-dot columns; the segmented dialect floor is it, a band dialect floor the row floor', () => {
    const b = createMonoBitmap(16, 100);
    setDot(b, 3, 0);
    setDot(b, 3, 23); // one 24-dot column covers both
    setDot(b, 3, 24); // needs a second
    setDot(b, 9, 50);
    expect(segmentFloorBytes(b, 24)).toBe(3 * 3);
    expect(segmentFloorBytes(b, 8)).toBe(3); // rows 0, 23-30 and 50: three 8-dot columns of one byte
    expect(seg.floorBytes(b)).toBe(9);
    expect(dialectFor(baseProfile).floorBytes(b)).toBe(floorBytes(b));
    expect(dialectFor(testProfile({ raster: { command: 'esc-star', maxBandHeight: 240 } })).floorBytes(b)).toBe(floorBytes(b));
  });
});

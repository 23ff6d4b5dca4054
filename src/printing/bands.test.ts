import { describe, expect, it } from 'vitest';
import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { encoderFor } from '../../device-drivers/printer/escpos-encoder.ts';
import { createMonoBitmap, setDot, type MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import { bandCosts, extractBand, segmentedBytes, floorBytes, naiveBytes, planBands, replayOps, type PageOp } from './bands.ts';

const baseProfile: PrinterProfile = {
  id: 'test',
  name: 'test',
  dpi: 203,
  widthDots: 1728,
  paperWidthMm: 216,
  raster: { command: 'gs-v-0', maxBandHeight: 4000 },
  cropBands: true,
  cutter: true,
  serial: { baudRate: 115200, flowControl: 'none' },
};

function fillRect(b: MonoBitmap, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) setDot(b, x, y);
}

describe('planBands', () => {
  it('feeds over blank rows and crops each band to its inked bytes', () => {
    const b = createMonoBitmap(64, 100);
    fillRect(b, 16, 10, 24, 20); // bytes 2..2, rows 10..19
    fillRect(b, 40, 60, 57, 70); // bytes 5..7, rows 60..69
    const ops = planBands(b, { maxBandHeight: 24, crop: true });
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
    expect(planBands(b, { maxBandHeight: 24, crop: false })).toEqual<PageOp[]>([
      { kind: 'feed', dots: 10 },
      { kind: 'band', top: 10, height: 10, leftByte: 0, widthBytes: 8 },
      { kind: 'feed', dots: 10 },
    ]);
  });

  it('never makes a band taller than the profile allows', () => {
    const b = createMonoBitmap(32, 100);
    fillRect(b, 0, 0, 32, 100);
    const ops = planBands(b, { maxBandHeight: 24, crop: true });
    expect(ops.every((op) => op.kind === 'band' && op.height <= 24)).toBe(true);
    expect(ops.reduce((n, op) => n + (op.kind === 'band' ? op.height : 0), 0)).toBe(100);
  });

  it('keeps a short gap inside a band when a new band header would cost more', () => {
    const b = createMonoBitmap(16, 10);
    fillRect(b, 0, 0, 8, 4);
    fillRect(b, 0, 5, 8, 9); // one blank row (1 byte wide) between
    const ops = planBands(b, { maxBandHeight: 24, crop: true });
    // One band: the blank row inside (and the one after: 1 byte < a 3-byte feed) ride along.
    expect(ops).toEqual([{ kind: 'band', top: 0, height: 10, leftByte: 0, widthBytes: 1 }]);
  });

  it('with ESC * prefers whole 24-dot stripes and still feeds over blank runs', () => {
    const b = createMonoBitmap(16, 80);
    fillRect(b, 0, 30, 8, 35);
    fillRect(b, 0, 40, 8, 50);
    const costs = bandCosts({ raster: { command: 'esc-star', maxBandHeight: 240 }, escStarDots: 24 });
    const ops = planBands(b, { maxBandHeight: 240, crop: true, costs });
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
      const ops = planBands(b, { maxBandHeight: 24, crop });
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

describe('cost model', () => {
  it('matches the bytes the ESC/POS encoder really produces', () => {
    for (const command of ['gs-v-0', 'gs-8-l', 'esc-star'] as const) {
      for (const verticalUnitsPerDot of [1, 2]) {
        const profile = { raster: { command, maxBandHeight: 4000 }, verticalUnitsPerDot, escStarDots: 24 as const };
        const costs = bandCosts(profile);
        const enc = encoderFor({ ...baseProfile, ...profile });
        for (const [h, w] of [[1, 1], [24, 10], [25, 216], [240, 216], [400, 200]] as const) {
          expect(costs.band(h, w)).toBe(enc.rasterBand(createMonoBitmap(w * 8, h)).length);
        }
        for (const dots of [1, 200, 255, 600]) expect(costs.feed(dots)).toBe(enc.feedDots(dots).length);
        expect(costs.crop).toBe(enc.setLeftMarginDots(8).length + enc.setPrintAreaWidthDots(800).length);
      }
    }
  });
});

describe('segmentedBytes', () => {
  it('skips white between inked columns of a stripe, but sends short gaps as white', () => {
    const b = createMonoBitmap(400, 24); // 50 bytes per row
    fillRect(b, 0, 0, 8, 24); // byte 0
    fillRect(b, 392, 0, 400, 24); // byte 49: a frame's two sides
    // Two segments of 1 byte x 24 rows, 9 bytes overhead each, one 3-byte feed.
    expect(segmentedBytes(b)).toBe(2 * (9 + 24) + 3);
    const near = createMonoBitmap(400, 24);
    fillRect(near, 0, 0, 8, 24);
    fillRect(near, 24, 0, 32, 24); // 2 white bytes between: kept inside one segment
    expect(segmentedBytes(near)).toBe(9 + 4 * 24 + 3);
  });
});

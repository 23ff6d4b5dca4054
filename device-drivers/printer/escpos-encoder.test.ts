import { describe, expect, it } from 'vitest';
import { KioskError } from '../../src/core/errors.ts';
import { createMonoBitmap, setDot, type MonoBitmap } from './bitmap.ts';
import type { RasterCommand } from './contract.ts';
import { candidateDialects, dialectFor, escStarBand, escStarStrip, gsLBand, gsV0Band, PRINT_STORED_GRAPHICS, type StripPiece } from './dialects/index.ts';
import {
  clearBuffers,
  CLEAR_BUFFERS_RESPONSE,
  cut,
  encoderFor,
  feedDots,
  initialize,
  setAbsolutePositionDots,
  setLeftMarginDots,
  setLineSpacingDots,
  setPrintAreaWidthDots,
  statusRequest,
  transmitStatusRequest,
} from './escpos-encoder.ts';
import { loadProfile, parseProfile } from './profiles.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** A receipt profile with another raster command, through the schema like every profile. */
function profileWith(command: RasterCommand, overrides: Record<string, unknown> = {}) {
  return parseProfile({ ...loadProfile('generic-80mm-203'), id: `test-${command}`, raster: { command, maxBandHeight: 240 }, ...overrides }, 'test profile');
}
const ESC_STAR_24 = { stripe: 24, unitsPerDot: 1 } as const;
const rasterStrip = (page: MonoBitmap, top: number, rows: number, pieces: readonly StripPiece[], options: { stripe?: 8 | 24; unitsPerDot?: number; lineFeed?: boolean } = {}) =>
  escStarStrip(page, top, rows, pieces, { stripe: options.stripe ?? 24, unitsPerDot: options.unitsPerDot ?? 1, lineFeed: options.lineFeed ?? false });

function bitmapFromRows(width: number, rows: readonly string[]): MonoBitmap {
  const bitmap = createMonoBitmap(width, rows.length);
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) if (row[x] === '#') setDot(bitmap, x, y);
  });
  return bitmap;
}

describe('simple commands', () => {
  it('ESC @ initializes', () => {
    expect(initialize()).toEqual(bytes(0x1b, 0x40));
  });

  it('ESC J feeds, splitting above 255 units', () => {
    expect(feedDots(0, 1)).toEqual(bytes());
    expect(feedDots(24, 1)).toEqual(bytes(0x1b, 0x4a, 24));
    expect(feedDots(255, 1)).toEqual(bytes(0x1b, 0x4a, 255));
    expect(feedDots(600, 1)).toEqual(bytes(0x1b, 0x4a, 255, 0x1b, 0x4a, 255, 0x1b, 0x4a, 90));
  });

  it('ESC J counts in motion units when a dot is two units (KPM216H)', () => {
    expect(feedDots(100, 2)).toEqual(bytes(0x1b, 0x4a, 200));
    expect(feedDots(200, 2)).toEqual(bytes(0x1b, 0x4a, 255, 0x1b, 0x4a, 145));
  });

  it('GS V function B cuts after feeding', () => {
    expect(cut()).toEqual(bytes(0x1d, 0x56, 65, 0));
    expect(cut(true)).toEqual(bytes(0x1d, 0x56, 66, 0));
    expect(cut(false, 48)).toEqual(bytes(0x1d, 0x56, 65, 48));
  });

  it('GS L and GS W take little-endian dots', () => {
    expect(setLeftMarginDots(0)).toEqual(bytes(0x1d, 0x4c, 0, 0));
    expect(setLeftMarginDots(300)).toEqual(bytes(0x1d, 0x4c, 0x2c, 0x01));
    expect(setPrintAreaWidthDots(1728)).toEqual(bytes(0x1d, 0x57, 0xc0, 0x06));
  });

  it('DLE EOT asks for real-time status; GS r 1 for the paper sensor in order with the data', () => {
    expect(statusRequest(1)).toEqual(bytes(0x10, 0x04, 1));
    expect(statusRequest(2)).toEqual(bytes(0x10, 0x04, 2));
    expect(statusRequest(4)).toEqual(bytes(0x10, 0x04, 4));
    expect(transmitStatusRequest()).toEqual(bytes(0x1d, 0x72, 1));
  });

  it('rejects values the command cannot carry', () => {
    expect(() => feedDots(-1, 1)).toThrow(KioskError);
    expect(() => setLeftMarginDots(70000)).toThrow(KioskError);
    expect(() => cut(false, 256)).toThrow(KioskError);
  });
});

describe('raster dialects: golden bytes', () => {
  // 10 dots wide (2 bytes per row), 2 rows.
  const band = bitmapFromRows(10, ['#.......#.', '.#.......#']);

  it('GS v 0: x in bytes, y in dots, then exactly x*y bytes', () => {
    expect(gsV0Band(band)).toEqual(bytes(0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0x80, 0x40, 0x40));
    expect(dialectFor(profileWith('gs-v-0')).band(band)).toEqual(gsV0Band(band));
  });

  it('GS ( L fn 112 stores (x and y in dots), fn 50 prints', () => {
    expect(gsLBand(band)).toEqual(
      bytes(0x1d, 0x28, 0x4c, 14, 0, 0x30, 0x70, 0x30, 1, 1, 0x31, 10, 0, 2, 0, 0x80, 0x80, 0x40, 0x40, 0x1d, 0x28, 0x4c, 2, 0, 0x30, 0x32),
    );
    expect(dialectFor(profileWith('gs-8-l')).band(band)).toEqual(gsLBand(band));
    expect(PRINT_STORED_GRAPHICS).toEqual(bytes(0x1d, 0x28, 0x4c, 2, 0, 0x30, 0x32));
  });

  it('uses GS ( L up to 65 535 parameter bytes and GS 8 L above', () => {
    // 65 525 data bytes + 10 = 65 535: the largest GS ( L.
    const fits = createMonoBitmap(8, 65525);
    const atLimit = gsLBand(fits);
    expect(Array.from(atLimit.subarray(0, 5))).toEqual([0x1d, 0x28, 0x4c, 0xff, 0xff]);
    const over = createMonoBitmap(8, 65526);
    const big = gsLBand(over);
    expect(Array.from(big.subarray(0, 7))).toEqual([0x1d, 0x38, 0x4c, 0x00, 0x00, 0x01, 0x00]);
    expect(Array.from(big.subarray(7, 17))).toEqual([0x30, 0x70, 0x30, 1, 1, 0x31, 8, 0, 0xf6, 0xff]);
    expect(big.length).toBe(7 + 10 + 65526 + 7);
  });

  it('ESC * 24-dot: 3 bytes per column, top dot in bit 7 of the first byte, then ESC J by the real rows', () => {
    const small = bitmapFromRows(2, ['#.', '..', '.#']);
    const out = escStarBand(small, ESC_STAR_24);
    expect(out).toEqual(bytes(0x1b, 0x2a, 33, 2, 0, 0x80, 0, 0, 0x20, 0, 0, 0x1b, 0x4a, 3));
    expect(dialectFor(profileWith('esc-star')).band(small)).toEqual(out);
  });

  it('ESC * 8-dot stripes when the profile says so', () => {
    const tall = createMonoBitmap(1, 9);
    setDot(tall, 0, 0);
    setDot(tall, 0, 8);
    const expected = bytes(0x1b, 0x2a, 1, 1, 0, 0x80, 0x1b, 0x4a, 8, 0x1b, 0x2a, 1, 1, 0, 0x80, 0x1b, 0x4a, 1);
    expect(escStarBand(tall, { stripe: 8, unitsPerDot: 1 })).toEqual(expected);
    expect(dialectFor(profileWith('esc-star', { escStarDots: 8 })).band(tall)).toEqual(expected);
  });

  it('throws PRINTER_ERROR when a band exceeds what the command or the model can carry', () => {
    const wide = createMonoBitmap(8 * 70000, 1);
    expect(() => gsV0Band(wide)).toThrow(expect.objectContaining({ code: 'PRINTER_ERROR' }) as Error);
    for (const command of ['gs-v-0', 'gs-8-l', 'esc-star'] as const) {
      expect(() => dialectFor(profileWith(command)).band(createMonoBitmap(8, 241))).toThrow(expect.objectContaining({ code: 'PRINTER_ERROR', message: expect.stringContaining('at most 240 rows') as string }) as Error);
      expect(() => dialectFor(profileWith(command)).band(createMonoBitmap(0, 0))).toThrow(KioskError);
    }
  });

  it('each dialect knows its capabilities: band limit, cropping, segments', () => {
    const seg = dialectFor(loadProfile('generic-a4-203'));
    expect(seg).toMatchObject({ command: 'esc-star', maxBandHeight: 240, cropsBands: true, strips: { stripe: 24, bytesPerColumn: 3, positionHeader: 4, imageHeader: 5, stripEnd: 1 } });
    expect(dialectFor(loadProfile('generic-a4-203-gs-l'))).toMatchObject({ command: 'gs-8-l', maxBandHeight: 240, strips: null });
    expect(dialectFor(loadProfile('custom-kpm216h'))).toMatchObject({ command: 'gs-v-0', maxBandHeight: 128, strips: null });
    expect(dialectFor(profileWith('gs-v-0', { cropBands: false })).cropsBands).toBe(false);
    // Only ESC * has strips; the others refuse to make one.
    expect(() => dialectFor(profileWith('gs-v-0')).strip(band, 0, 1, [], true)).toThrow(KioskError);
  });

  it('candidate dialects: every raster command on the profile, ESC * with and without pieces (for a test strip in each)', () => {
    const kpm = loadProfile('custom-kpm216h');
    const all = candidateDialects(kpm);
    expect(all.map((d) => d.name)).toEqual(['GS v 0', 'GS ( L / GS 8 L', 'ESC * (24-dot)', 'ESC * (24-dot) pieces placed with ESC $']);
    // 128 rows is not a whole number of 24-dot stripes: ESC * bands are 120 rows at most.
    expect(all.map((d) => d.maxBandHeight)).toEqual([128, 128, 120, 120]);
    // The KPM's two motion units per dot go with every dialect.
    expect(Array.from(all[2]!.band(createMonoBitmap(8, 24)).subarray(-3))).toEqual([0x1b, 0x4a, 48]);
  });
});

describe('encoderFor(profile)', () => {
  it('binds the KPM216H dialect: GS v 0, two motion units per dot, 128-row bands', () => {
    const encoder = encoderFor(loadProfile('custom-kpm216h'));
    expect(encoder.dialect.command).toBe('gs-v-0');
    expect(encoder.feedDots(10)).toEqual(bytes(0x1b, 0x4a, 20));
    expect(Array.from(encoder.rasterBand(createMonoBitmap(16, 1)).subarray(0, 3))).toEqual([0x1d, 0x76, 0x30]);
    expect(() => encoder.rasterBand(createMonoBitmap(16, 129))).toThrow(KioskError);
  });
});

describe('segmented strips (ESC $ + ESC *)', () => {
  it('ESC $ takes the position in little-endian dots; ESC 3 the line spacing in motion units', () => {
    expect(setAbsolutePositionDots(0)).toEqual(bytes(0x1b, 0x24, 0, 0));
    expect(setAbsolutePositionDots(1720)).toEqual(bytes(0x1b, 0x24, 0xb8, 0x06));
    expect(setLineSpacingDots(24, 1)).toEqual(bytes(0x1b, 0x33, 24));
    expect(setLineSpacingDots(24, 2)).toEqual(bytes(0x1b, 0x33, 48));
    expect(() => setAbsolutePositionDots(65536)).toThrow(KioskError);
    expect(() => setLineSpacingDots(200, 2)).toThrow(KioskError);
  });

  it('DLE DC4 fn=8 is the Epson clear-buffers sequence; its answer is 37 25 00', () => {
    expect(clearBuffers()).toEqual(bytes(0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08));
    expect(CLEAR_BUFFERS_RESPONSE).toEqual(bytes(0x37, 0x25, 0x00));
  });

  // 12 dots wide, 3 rows: ink at x = 0 (row 0), x = 9 (row 2) and x = 11 (row 1).
  const page = bitmapFromRows(12, ['#...........', '...........#', '.........#..']);

  it('one ESC * per piece, ESC $ only where the position is not already there, then ESC J by the rows', () => {
    expect(rasterStrip(page, 0, 3, [{ x: 0, width: 1 }, { x: 9, width: 3 }])).toEqual(
      bytes(0x1b, 0x2a, 33, 1, 0, 0x80, 0, 0, 0x1b, 0x24, 9, 0, 0x1b, 0x2a, 33, 3, 0, 0x20, 0, 0, 0, 0, 0, 0x40, 0, 0, 0x1b, 0x4a, 3),
    );
    // Pieces that touch need no ESC $; a piece not at 0 first needs one.
    expect(rasterStrip(page, 0, 3, [{ x: 9, width: 1 }, { x: 10, width: 2 }])).toEqual(
      bytes(0x1b, 0x24, 9, 0, 0x1b, 0x2a, 33, 1, 0, 0x20, 0, 0, 0x1b, 0x2a, 33, 2, 0, 0, 0, 0, 0x40, 0, 0, 0x1b, 0x4a, 3),
    );
  });

  it('ends a full 24-row strip with LF when asked (ESC 3 24 set), a shorter one with ESC J', () => {
    const tall = createMonoBitmap(8, 30);
    setDot(tall, 2, 23);
    setDot(tall, 2, 24);
    expect(rasterStrip(tall, 0, 24, [{ x: 2, width: 1 }], { lineFeed: true })).toEqual(bytes(0x1b, 0x24, 2, 0, 0x1b, 0x2a, 33, 1, 0, 0, 0, 0x01, 0x0a));
    expect(rasterStrip(tall, 24, 6, [{ x: 2, width: 1 }], { lineFeed: true })).toEqual(bytes(0x1b, 0x24, 2, 0, 0x1b, 0x2a, 33, 1, 0, 0x80, 0, 0, 0x1b, 0x4a, 6));
    expect(rasterStrip(tall, 0, 24, [], { unitsPerDot: 2 })).toEqual(bytes(0x1b, 0x4a, 48));
  });

  it('8-dot stripes use m = 1 with one byte per column', () => {
    expect(rasterStrip(page, 0, 3, [{ x: 11, width: 1 }], { stripe: 8 })).toEqual(bytes(0x1b, 0x24, 11, 0, 0x1b, 0x2a, 1, 1, 0, 0x40, 0x1b, 0x4a, 3));
  });

  it('refuses pieces out of order, overlapping or past the page edge', () => {
    expect(() => rasterStrip(page, 0, 3, [{ x: 5, width: 3 }, { x: 6, width: 1 }])).toThrow(KioskError);
    expect(() => rasterStrip(page, 0, 3, [{ x: 10, width: 3 }])).toThrow(KioskError);
    expect(() => rasterStrip(page, 0, 25, [{ x: 0, width: 1 }])).toThrow(KioskError);
  });

  it('encoderFor binds stripe height and motion units', () => {
    const encoder = encoderFor(parseProfile({ ...loadProfile('custom-kpm216h'), raster: { command: 'esc-star', maxBandHeight: 120, segments: true } }, 'test profile'));
    expect(encoder.setLineSpacingDots(24)).toEqual(bytes(0x1b, 0x33, 48));
    expect(encoder.rasterStrip(page, 0, 3, [{ x: 0, width: 1 }])).toEqual(bytes(0x1b, 0x2a, 33, 1, 0, 0x80, 0, 0, 0x1b, 0x4a, 6));
    expect(encoder.clearBuffers()).toEqual(clearBuffers());
  });
});

import { describe, expect, it } from 'vitest';
import { KioskError } from '../../src/core/errors.ts';
import { createMonoBitmap, setDot, type MonoBitmap } from './bitmap.ts';
import { cut, encoderFor, feedDots, initialize, PRINT_STORED_GRAPHICS, rasterBand, setLeftMarginDots, setPrintAreaWidthDots, statusRequest } from './escpos-encoder.ts';
import { loadProfile } from './profiles.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

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
    expect(feedDots(0)).toEqual(bytes());
    expect(feedDots(24)).toEqual(bytes(0x1b, 0x4a, 24));
    expect(feedDots(255)).toEqual(bytes(0x1b, 0x4a, 255));
    expect(feedDots(600)).toEqual(bytes(0x1b, 0x4a, 255, 0x1b, 0x4a, 255, 0x1b, 0x4a, 90));
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

  it('DLE EOT asks for real-time status', () => {
    expect(statusRequest(1)).toEqual(bytes(0x10, 0x04, 1));
    expect(statusRequest(2)).toEqual(bytes(0x10, 0x04, 2));
    expect(statusRequest(4)).toEqual(bytes(0x10, 0x04, 4));
  });

  it('rejects values the command cannot carry', () => {
    expect(() => feedDots(-1)).toThrow(KioskError);
    expect(() => setLeftMarginDots(70000)).toThrow(KioskError);
    expect(() => cut(false, 256)).toThrow(KioskError);
  });
});

describe('raster bands', () => {
  // 10 dots wide (2 bytes per row), 2 rows.
  const band = bitmapFromRows(10, ['#.......#.', '.#.......#']);

  it('GS v 0: x in bytes, y in dots, then exactly x*y bytes', () => {
    expect(rasterBand(band, 'gs-v-0')).toEqual(bytes(0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0x80, 0x40, 0x40));
  });

  it('GS ( L fn 112 stores (x and y in dots), fn 50 prints', () => {
    expect(rasterBand(band, 'gs-8-l')).toEqual(
      bytes(0x1d, 0x28, 0x4c, 14, 0, 0x30, 0x70, 0x30, 1, 1, 0x31, 10, 0, 2, 0, 0x80, 0x80, 0x40, 0x40, 0x1d, 0x28, 0x4c, 2, 0, 0x30, 0x32),
    );
    expect(PRINT_STORED_GRAPHICS).toEqual(bytes(0x1d, 0x28, 0x4c, 2, 0, 0x30, 0x32));
  });

  it('uses GS ( L up to 65 535 parameter bytes and GS 8 L above', () => {
    // 65 525 data bytes + 10 = 65 535: the largest GS ( L.
    const fits = createMonoBitmap(8, 65525);
    const atLimit = rasterBand(fits, 'gs-8-l');
    expect(Array.from(atLimit.subarray(0, 5))).toEqual([0x1d, 0x28, 0x4c, 0xff, 0xff]);
    const over = createMonoBitmap(8, 65526);
    const big = rasterBand(over, 'gs-8-l');
    expect(Array.from(big.subarray(0, 7))).toEqual([0x1d, 0x38, 0x4c, 0x00, 0x00, 0x01, 0x00]);
    expect(Array.from(big.subarray(7, 17))).toEqual([0x30, 0x70, 0x30, 1, 1, 0x31, 8, 0, 0xf6, 0xff]);
    expect(big.length).toBe(7 + 10 + 65526 + 7);
  });

  it('ESC * 24-dot: 3 bytes per column, top dot in bit 7 of the first byte, then ESC J by the real rows', () => {
    const small = bitmapFromRows(2, ['#.', '..', '.#']);
    const out = rasterBand(small, 'esc-star');
    expect(out).toEqual(bytes(0x1b, 0x2a, 33, 2, 0, 0x80, 0, 0, 0x20, 0, 0, 0x1b, 0x4a, 3));
  });

  it('ESC * 8-dot stripes when the profile says so', () => {
    const tall = createMonoBitmap(1, 9);
    setDot(tall, 0, 0);
    setDot(tall, 0, 8);
    expect(rasterBand(tall, 'esc-star', { escStarDots: 8 })).toEqual(bytes(0x1b, 0x2a, 1, 1, 0, 0x80, 0x1b, 0x4a, 8, 0x1b, 0x2a, 1, 1, 0, 0x80, 0x1b, 0x4a, 1));
  });

  it('throws PRINTER_ERROR when a band exceeds what the command or the model can carry', () => {
    const wide = createMonoBitmap(8 * 70000, 1);
    expect(() => rasterBand(wide, 'gs-v-0')).toThrow(expect.objectContaining({ code: 'PRINTER_ERROR' }) as Error);
    expect(() => rasterBand(createMonoBitmap(8, 300), 'gs-v-0', { maxBandHeight: 240 })).toThrow(expect.objectContaining({ code: 'PRINTER_ERROR' }) as Error);
    expect(() => rasterBand(createMonoBitmap(0, 0), 'gs-8-l')).toThrow(KioskError);
  });
});

describe('encoderFor(profile)', () => {
  it('binds the KPM216H dialect: GS v 0, two motion units per dot, 128-row bands', () => {
    const encoder = encoderFor(loadProfile('custom-kpm216h'));
    expect(encoder.feedDots(10)).toEqual(bytes(0x1b, 0x4a, 20));
    expect(Array.from(encoder.rasterBand(createMonoBitmap(16, 1)).subarray(0, 3))).toEqual([0x1d, 0x76, 0x30]);
    expect(() => encoder.rasterBand(createMonoBitmap(16, 129))).toThrow(KioskError);
  });
});

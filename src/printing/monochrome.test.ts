import { describe, expect, it } from 'vitest';
import { getDot } from '../../device-drivers/printer/bitmap.ts';
import type { GrayPage } from '../../print-templates/pdf-raster.ts';
import { planPage, rotateGrayClockwise, scaleGrayToWidth, toMonoBitmap, toneTiles } from './monochrome.ts';

function page(width: number, height: number, fill: (x: number, y: number) => number): GrayPage {
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) gray[y * width + x] = fill(x, y);
  return { pageNumber: 1, width, height, gray };
}

function blackShare(bitmap: ReturnType<typeof toMonoBitmap>, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) if (getDot(bitmap, x, y)) n += 1;
  return n / ((x1 - x0) * (y1 - y0));
}

const profile = { dpi: 203, widthDots: 1728 };

describe('planPage', () => {
  it('keeps an A4 portrait page at the printer resolution (no resampling)', () => {
    expect(planPage(595.28, 841.89, profile)).toEqual({ rotate: false, dpi: 203, scale: 1 });
  });
  it('turns an A4 landscape page (KK) and still needs no resampling on A4-width paper', () => {
    expect(planPage(841.89, 595.28, profile)).toEqual({ rotate: true, dpi: 203, scale: 1 });
  });
  it('scales an A4 page down to an 80 mm receipt printer, exactly to its width', () => {
    const plan = planPage(595.28, 841.89, { dpi: 203, widthDots: 576 });
    expect(plan.rotate).toBe(false);
    expect(Math.round((595.28 * plan.dpi) / 72)).toBe(576);
    expect(plan.scale).toBeLessThan(1);
  });
});

describe('toMonoBitmap', () => {
  it('thresholds text crisply: black strokes, white paper, anti-aliased edges snapped', () => {
    // A 3-px black stroke with 1-px grey anti-aliasing on each side.
    const g = page(64, 32, (x) => (x >= 20 && x < 23 ? 0 : x === 19 || x === 23 ? 128 : 255));
    const bmp = toMonoBitmap(g, { widthDots: 64 });
    for (let y = 0; y < 32; y += 1) {
      for (let x = 0; x < 64; x += 1) expect(getDot(bmp, x, y)).toBe(x >= 19 && x <= 23);
    }
  });

  it('dithers a photo-like grey area and leaves text next to it solid', () => {
    // Left half: flat 50% grey (a photo area). Right half: white with a black bar.
    const g = page(128, 64, (x, y) => (x < 64 ? 128 : y >= 20 && y < 30 ? 0 : 255));
    const bmp = toMonoBitmap(g, { widthDots: 128 });
    const greyShare = blackShare(bmp, 0, 0, 64, 64);
    expect(greyShare).toBeGreaterThan(0.4);
    expect(greyShare).toBeLessThan(0.6);
    expect(blackShare(bmp, 64, 20, 128, 30)).toBe(1);
    expect(blackShare(bmp, 64, 0, 128, 20)).toBe(0);
  });

  it('renders a gradient as increasing dot density, Floyd-Steinberg too', () => {
    const g = page(256, 64, (x) => 255 - x);
    for (const dither of ['ordered', 'floyd-steinberg'] as const) {
      const bmp = toMonoBitmap(g, { widthDots: 256 }, { dither });
      const left = blackShare(bmp, 0, 0, 64, 64);
      const mid = blackShare(bmp, 96, 0, 160, 64);
      const right = blackShare(bmp, 192, 0, 256, 64);
      expect(left).toBeLessThan(mid);
      expect(mid).toBeLessThan(right);
      expect(Math.abs(mid - 0.5)).toBeLessThan(0.1);
    }
  });

  it('does not mistake small anti-aliased text for a photo', () => {
    // 1-px strokes every 3 px with grey fringes: like 6 pt text at 203 dpi.
    const g = page(64, 64, (x, y) => (y % 6 === 0 ? 255 : x % 3 === 0 ? 40 : x % 3 === 1 ? 170 : 255));
    expect(toneTiles(g).tone.includes(1)).toBe(false);
  });

  it('centres a narrower page on the printable width', () => {
    const g = page(16, 4, () => 0);
    const bmp = toMonoBitmap(g, { widthDots: 64 });
    expect(bmp.width).toBe(64);
    expect(blackShare(bmp, 24, 0, 40, 4)).toBe(1);
    expect(blackShare(bmp, 0, 0, 24, 4)).toBe(0);
    expect(blackShare(bmp, 40, 0, 64, 4)).toBe(0);
  });

  it('turns a landscape page that is too wide clockwise before anything else', () => {
    // 80 x 40 landscape, black mark in the top-left corner; printer 48 dots wide.
    const g = page(80, 40, (x, y) => (x < 8 && y < 4 ? 0 : 255));
    const bmp = toMonoBitmap(g, { widthDots: 48 });
    expect(bmp.height).toBe(80);
    // Turned clockwise the top-left corner ends up top-right: x 36..39 of the 40-wide image, centred (+4).
    expect(blackShare(bmp, 40, 0, 44, 8)).toBe(1);
    expect(blackShare(bmp, 0, 0, 40, 80)).toBe(0);
  });

  it('scales a page that is still too wide after turning, keeping the aspect ratio', () => {
    const g = page(100, 200, (x) => (x < 50 ? 0 : 255));
    const bmp = toMonoBitmap(g, { widthDots: 50 });
    expect(bmp.height).toBe(100);
    expect(blackShare(bmp, 0, 0, 25, 100)).toBe(1);
    expect(blackShare(bmp, 25, 0, 50, 100)).toBe(0);
  });
});

describe('geometry helpers', () => {
  it('rotation maps (x, y) to (h-1-y, x)', () => {
    const g = page(3, 2, (x, y) => y * 3 + x);
    const r = rotateGrayClockwise(g);
    expect([r.width, r.height]).toEqual([2, 3]);
    expect(Array.from(r.gray)).toEqual([3, 0, 4, 1, 5, 2]);
  });
  it('area-average downscale keeps the mean grey level', () => {
    const g = page(90, 30, (x) => (x % 2 === 0 ? 0 : 255));
    const s = scaleGrayToWidth(g, 60);
    const mean = s.gray.reduce((a, b) => a + b, 0) / s.gray.length;
    expect(mean).toBeGreaterThan(120);
    expect(mean).toBeLessThan(135);
  });
});

import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { createMonoBitmap, type MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { fontBuffers } from '../../print-templates/fonts.ts';
import { encodeQr } from '../../print-templates/qr.ts';

/**
 * The technician's test page, drawn straight at the printer's dots (no PDF in between, so
 * every mark lands on a known dot):
 * - a millimetre ruler across the full width: ticks at round(k * dpi / 25.4) dots, longer
 *   every 5 mm, longest every 10 mm with the centimetre number: a ruler laid on the paper
 *   shows at once whether the dpi and the width are right;
 * - a grid of squares `dpi / 2` dots apart (12.7 mm when the dpi is right);
 * - alignment marks: L-shaped corner marks at both edges, a centre mark, and a full-width bar
 *   at the bottom (a clipped edge or a dead head element shows);
 * - a QR code with the kiosk id, profile, geometry and time (scan it to read them back);
 * - the same facts in text.
 * Deterministic for the same inputs (tests decode the emulator's PNG of it).
 */
export interface TestPageInput {
  readonly profile: PrinterProfile;
  readonly kioskId: string;
  /** ISO 8601. */
  readonly time: string;
  /** How the page is sent, e.g. "ESC * 24-dot pieces placed with ESC $". */
  readonly rasterName: string;
}

/** Layout constants the tests read the page with. */
export const TEST_PAGE = {
  /** Below the top corner marks. */
  rulerTop: 48,
  rulerBaseline: 2,
  mmTick: 12,
  fiveMmTick: 20,
  cmTick: 30,
  cornerLength: 40,
  cornerThickness: 3,
  bottomBar: 4,
  qrModuleDots: 4,
  qrQuietModules: 4,
} as const;

/** Dot column of the ruler tick at `mm` millimetres from the left edge. */
export function rulerTickX(mm: number, dpi: number): number {
  return Math.round((mm * dpi) / 25.4);
}

/** The text the QR code carries: `ADM-TEST|kiosk|profile|widthxdpi|time`. */
export function testPagePayload(input: TestPageInput): string {
  return ['ADM-TEST', input.kioskId, input.profile.id, `${input.profile.widthDots}x${input.profile.dpi}`, input.time].join('|');
}

let fontsRegistered = false;
export const TEST_FONT = 'ADM Test Sans';
function registerFonts(): void {
  if (fontsRegistered) return;
  GlobalFonts.register(fontBuffers().regular, TEST_FONT);
  fontsRegistered = true;
}

/** Canvas pixels to printer dots: dark (below mid-gray) is a dot. */
export function canvasToMono(ctx: SKRSContext2D, width: number, height: number): MonoBitmap {
  const { data } = ctx.getImageData(0, 0, width, height);
  const bitmap = createMonoBitmap(width, height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if ((data[(y * width + x) * 4] ?? 255) < 128) {
        const index = y * bitmap.bytesPerRow + (x >> 3);
        bitmap.data[index] = (bitmap.data[index] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return bitmap;
}

export function newCanvas(width: number, height: number): SKRSContext2D {
  registerFonts();
  const ctx = createCanvas(width, height).getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'top';
  ctx.font = `${Math.max(14, Math.round(height / 20))}px "${TEST_FONT}"`;
  return ctx;
}

export function drawTestPage(input: TestPageInput): MonoBitmap {
  const { profile } = input;
  const W = profile.widthDots;
  const dpi = profile.dpi;
  const cell = Math.round(dpi / 2);
  const fontPx = Math.max(14, Math.round(Math.min(dpi / 9, W / 30)));
  const qr = encodeQr(new TextEncoder().encode(testPagePayload(input)));
  const qrDots = (qr.size + 2 * TEST_PAGE.qrQuietModules) * TEST_PAGE.qrModuleDots;
  const blockTop = TEST_PAGE.rulerTop + TEST_PAGE.rulerBaseline + TEST_PAGE.cmTick + fontPx + 16;
  const lines = [
    'ADM kiosk test page',
    `Kiosk: ${input.kioskId}`,
    `Profile: ${profile.id}`,
    `${profile.widthDots} dots, ${dpi} dpi (${((profile.widthDots * 25.4) / dpi).toFixed(1)} mm)`,
    `Raster: ${input.rasterName}`,
    `Time: ${input.time}`,
    `Grid squares: ${(cell * 25.4 / dpi).toFixed(1)} mm if the dpi is right`,
  ];
  const blockHeight = Math.max(qrDots, lines.length * Math.round(fontPx * 1.3));
  const gridTop = blockTop + blockHeight + 16;
  const gridHeight = 2 * cell;
  const H = gridTop + gridHeight + 1 + 24 + TEST_PAGE.cornerLength + TEST_PAGE.bottomBar;

  const ctx = newCanvas(W, H);
  const rect = (x: number, y: number, w: number, h: number) => ctx.fillRect(x, y, w, h);
  ctx.font = `${fontPx}px "${TEST_FONT}"`;

  // Corner marks (top and bottom, both edges).
  const L = TEST_PAGE.cornerLength;
  const T = TEST_PAGE.cornerThickness;
  rect(0, 0, L, T);
  rect(0, 0, T, L);
  rect(W - L, 0, L, T);
  rect(W - T, 0, T, L);
  rect(0, H - TEST_PAGE.bottomBar - L, T, L);
  rect(W - T, H - TEST_PAGE.bottomBar - L, T, L);
  // Full-width bar at the bottom: every head element fires.
  rect(0, H - TEST_PAGE.bottomBar, W, TEST_PAGE.bottomBar);
  // Centre mark above the bar.
  rect(Math.floor(W / 2) - 1, H - TEST_PAGE.bottomBar - L, 3, L);

  // Millimetre ruler.
  const top = TEST_PAGE.rulerTop;
  rect(0, top, W, TEST_PAGE.rulerBaseline);
  const tickTop = top + TEST_PAGE.rulerBaseline;
  for (let mm = 0; rulerTickX(mm, dpi) < W; mm += 1) {
    const x = rulerTickX(mm, dpi);
    const length = mm % 10 === 0 ? TEST_PAGE.cmTick : mm % 5 === 0 ? TEST_PAGE.fiveMmTick : TEST_PAGE.mmTick;
    rect(x, tickTop, 1, length);
    if (mm % 10 === 0 && mm > 0) {
      const label = String(mm / 10);
      const width = ctx.measureText(label).width;
      if (x + width / 2 < W) ctx.fillText(label, Math.max(0, x - width / 2), tickTop + TEST_PAGE.cmTick + 2);
    }
  }

  // Facts in text, QR code on the right.
  lines.forEach((line, i) => ctx.fillText(line, 8, blockTop + i * Math.round(fontPx * 1.3)));
  const qrLeft = W - qrDots;
  const m = TEST_PAGE.qrModuleDots;
  for (let r = 0; r < qr.size; r += 1) {
    for (let c = 0; c < qr.size; c += 1) {
      if (qr.data[r * qr.size + c] === 1) rect(qrLeft + (c + TEST_PAGE.qrQuietModules) * m, blockTop + (r + TEST_PAGE.qrQuietModules) * m, m, m);
    }
  }

  // dpi grid.
  for (let x = 0; x < W; x += cell) rect(x, gridTop, 1, gridHeight + 1);
  for (let y = 0; y <= gridHeight; y += cell) rect(0, gridTop + y, W, 1);
  return canvasToMono(ctx, W, H);
}

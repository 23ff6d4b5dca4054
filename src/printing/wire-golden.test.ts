import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMonoBitmap, setDot, type MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { encoderFor } from '../../device-drivers/printer/escpos-encoder.ts';
import { loadProfile, parseProfile } from '../../device-drivers/printer/profiles.ts';
import { planBands } from './bands.ts';
import { encodePage } from './encode-page.ts';

/**
 * Golden wire bytes: a synthetic form page planned and encoded for every shipped profile and
 * for variants that reach every branch of every raster command (8-dot stripes, two motion
 * units per dot, no crop, no cutter, GS 8 L for a band above 65 535 bytes). The digests were
 * taken before the raster dialects were introduced: refactoring the encoder or the planner
 * must not change one byte that goes to a printer.
 */

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fillRect(b: MonoBitmap, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) setDot(b, x, y);
}

/** Frame, a table grid, text-like lines, a dithered patch, a QR-like block, blank runs. */
function formPage(width: number, height: number, seed: number): MonoBitmap {
  const b = createMonoBitmap(width, height);
  const next = random(seed);
  fillRect(b, 0, 0, width, 3);
  fillRect(b, 0, 0, 3, height - 200);
  fillRect(b, width - 3, 0, width, height - 200);
  fillRect(b, 0, height - 203, width, height - 200);
  for (let line = 0; line < 12; line += 1) {
    const top = 20 + line * 33;
    const right = width * (0.3 + 0.6 * next());
    for (let y = top; y < top + 17; y += 1) for (let x = 24; x < right; x += 1) if (next() < 0.2) setDot(b, x, y);
  }
  const gridTop = 430;
  for (let r = 0; r <= 6; r += 1) fillRect(b, 16, gridTop + r * 20, width - 16, gridTop + r * 20 + 1);
  for (let c = 0; c <= 8; c += 1) {
    const x = 16 + Math.floor(((width - 33) * c) / 8);
    fillRect(b, x, gridTop, x + 1, gridTop + 121);
  }
  for (let y = 560; y < 640; y += 1) for (let x = width - 200; x < width - 40; x += 1) if (next() < (x - (width - 200)) / 160) setDot(b, x, y);
  for (let y = 660; y < 740; y += 4) for (let x = 40; x < 120; x += 4) if (next() < 0.5) fillRect(b, x, y, x + 4, y + 4);
  fillRect(b, width - 5, 700, width, 702);
  return b;
}

function wire(profile: PrinterProfile, page: MonoBitmap): { bytes: number; sha256: string; gs8l: boolean } {
  const encoder = encoderFor(profile);
  const ops = planBands(page, encoder.dialect);
  const hash = createHash('sha256');
  let bytes = 0;
  let gs8l = false;
  for (const chunk of encodePage({ bitmap: page, ops }, encoder)) {
    hash.update(chunk.bytes);
    bytes += chunk.bytes.length;
    gs8l ||= chunk.bytes[0] === 0x1d && chunk.bytes[1] === 0x38 && chunk.bytes[2] === 0x4c;
  }
  return { bytes, sha256: hash.digest('hex').slice(0, 16), gs8l };
}

const receipt = loadProfile('generic-80mm-203');
const variant = (overrides: Record<string, unknown>) => parseProfile({ ...receipt, id: 'golden-variant', ...overrides }, 'golden variant');

const CASES: readonly [string, () => PrinterProfile, { bytes: number; sha256: string }][] = [
  ['generic-a4-203', () => loadProfile('generic-a4-203'), { bytes: 99724, sha256: '5155e035b63bc361' }],
  ['generic-a4-203-gs-l', () => loadProfile('generic-a4-203-gs-l'), { bytes: 152129, sha256: 'ca3fd0dbadb28501' }],
  ['custom-kpm216h', () => loadProfile('custom-kpm216h'), { bytes: 152100, sha256: 'e487b9777f73a20f' }],
  ['generic-80mm-203', () => receipt, { bytes: 50985, sha256: '8e2fa57f90a91168' }],
  ['segmented ESC * 8-dot, 2 units per dot, cut feed', () => variant({ raster: { command: 'esc-star', maxBandHeight: 120, segments: true }, escStarDots: 8, verticalUnitsPerDot: 2, cutFeedDots: 30 }), { bytes: 20552, sha256: '8c3f9bf9c5d588aa' }],
  ['ESC * bands 24-dot, no cutter', () => variant({ raster: { command: 'esc-star', maxBandHeight: 240 }, cutter: false }), { bytes: 52353, sha256: '519eecf2f86d1453' }],
  ['GS v 0 without crop', () => variant({ cropBands: false }), { bytes: 53321, sha256: '37d3fa25164ab8da' }],
  ['GS 8 L: 4096 dots wide, bands up to 256 rows (above 65 535 bytes)', () => parseProfile({ ...loadProfile('generic-a4-203-gs-l'), id: 'golden-gs-8-l', widthDots: 4096, raster: { command: 'gs-8-l', maxBandHeight: 400 }, cropBands: false }, 'golden'), { bytes: 378961, sha256: '40ff1d324a466fd9' }],
];

describe('golden wire bytes (unchanged by refactoring)', () => {
  it.each(CASES)('%s', (_label, profile, expected) => {
    const p = profile();
    const { gs8l, ...result } = wire(p, formPage(p.widthDots, 900, 7));
    expect(result).toEqual(expected);
    // The GS 8 L case really reaches the 32-bit length form.
    expect(gs8l).toBe(p.id === 'golden-gs-8-l');
  });
});

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMonoBitmap, getDot, setDot, type MonoBitmap } from './bitmap.ts';
import type { RasterCommand } from './contract.ts';
import { escStarBand, escStarStrip, gsLBand, gsV0Band } from './dialects/index.ts';
import {
  clearBuffers,
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
  type StripPiece,
} from './escpos-encoder.ts';
import { EscPosEmulator, parseFaultSpec } from './escpos-emulator.ts';
import { readPagePng, sameDots } from './page-png.ts';
import { loadProfile, parseProfile } from './profiles.ts';

const scratch = mkdtempSync(join(tmpdir(), 'adm-emulator-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ESC_STAR_24 = { stripe: 24, unitsPerDot: 1 } as const;
const BANDS: Readonly<Record<RasterCommand, (band: MonoBitmap) => Uint8Array>> = {
  'gs-v-0': gsV0Band,
  'gs-8-l': gsLBand,
  'esc-star': (band) => escStarBand(band, ESC_STAR_24),
};

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBitmap(width: number, height: number, seed: number): MonoBitmap {
  const next = random(seed);
  const bitmap = createMonoBitmap(width, height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) if (next() < 0.3) setDot(bitmap, x, y);
  return bitmap;
}

function slice(bitmap: MonoBitmap, top: number, height: number): MonoBitmap {
  return { width: bitmap.width, height, bytesPerRow: bitmap.bytesPerRow, data: bitmap.data.slice(top * bitmap.bytesPerRow, (top + height) * bitmap.bytesPerRow) };
}

function crop(page: MonoBitmap, left: number, top: number, width: number, height: number): MonoBitmap {
  const out = createMonoBitmap(width, height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) if (getDot(page, left + x, top + y)) setDot(out, x, y);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Feeds bytes in random chunk sizes, so commands split anywhere. */
function feedChunked(emulator: EscPosEmulator, data: Uint8Array, seed: number, maxChunk = 97): void {
  const next = random(seed);
  for (let at = 0; at < data.length; ) {
    const size = 1 + Math.floor(next() * maxChunk);
    emulator.write(data.subarray(at, at + size));
    at += size;
  }
}

describe('round trip: encoder -> emulator gives the same dots back', () => {
  const profile = loadProfile('generic-a4-203');
  const commands: RasterCommand[] = ['gs-v-0', 'gs-8-l', 'esc-star'];

  for (const command of commands) {
    it(`${command}: a full-width random page in bands, bytes split at random`, () => {
      const page = randomBitmap(profile.widthDots, 130, command.length);
      const parts = [initialize()];
      for (let top = 0; top < page.height; top += 50) parts.push(BANDS[command](slice(page, top, Math.min(50, page.height - top))));
      parts.push(cut());
      const emulator = new EscPosEmulator({ profile });
      feedChunked(emulator, concat(parts), 7);
      expect(emulator.warnings).toEqual([]);
      expect(emulator.pages).toHaveLength(1);
      expect(sameDots(emulator.pages[0] as MonoBitmap, page)).toBe(true);
    });
  }

  it('decodes every command fed one byte at a time', () => {
    const band = randomBitmap(30, 30, 17);
    const bytes = concat([initialize(), setLeftMarginDots(3), gsLBand(band), feedDots(2, 1), gsV0Band(band), escStarBand(band, ESC_STAR_24), cut(true, 4)]);
    const emulator = new EscPosEmulator({ profile });
    for (const byte of bytes) emulator.write(Uint8Array.of(byte));
    const page = emulator.pages[0] as MonoBitmap;
    expect(page.height).toBe(30 + 2 + 30 + 30 + 4);
    for (const top of [0, 32, 62]) expect(sameDots(crop(page, 3, top, 30, 30), band)).toBe(true);
    expect(emulator.warnings).toEqual([]);
  });

  it('GS 8 L carries a band too big for GS ( L', () => {
    const band = randomBitmap(1728, 320, 3);
    const bytes = gsLBand(band);
    expect(bytes[1]).toBe(0x38);
    const emulator = new EscPosEmulator({ profile });
    feedChunked(emulator, concat([bytes, cut()]), 11, 4096);
    expect(sameDots(emulator.pages[0] as MonoBitmap, band)).toBe(true);
  });

  it('a cropped band lands at its left margin; blank rows skipped with ESC J stay white', () => {
    const band = randomBitmap(37, 20, 5);
    const emulator = new EscPosEmulator({ profile });
    emulator.write(concat([initialize(), feedDots(300, 1), setLeftMarginDots(200), setPrintAreaWidthDots(40), gsV0Band(band), feedDots(10, 1), cut()]));
    const page = emulator.pages[0] as MonoBitmap;
    expect(page.height).toBe(330);
    expect(sameDots(crop(page, 200, 300, 37, 20), band)).toBe(true);
    expect(sameDots(crop(page, 0, 0, page.width, 300), createMonoBitmap(page.width, 300))).toBe(true);
    expect(emulator.warnings).toEqual([]);
  });

  it('the KPM216H profile feeds two motion units per dot', () => {
    const kpm = loadProfile('custom-kpm216h');
    const encoder = encoderFor(kpm);
    const band = randomBitmap(64, 24, 9);
    const emulator = new EscPosEmulator({ profile: kpm });
    emulator.write(concat([encoder.initialize(), encoder.feedDots(301), encoder.rasterBand(band), encoder.cut()]));
    const page = emulator.pages[0] as MonoBitmap;
    expect(page.height).toBe(325);
    expect(sameDots(crop(page, 0, 301, 64, 24), band)).toBe(true);
  });

  it('ESC * with 8-dot stripes', () => {
    const band = randomBitmap(100, 21, 13);
    const emulator = new EscPosEmulator({ profile });
    emulator.write(concat([escStarBand(band, { stripe: 8, unitsPerDot: 1 }), cut()]));
    expect(sameDots(crop(emulator.pages[0] as MonoBitmap, 0, 0, 100, 21), band)).toBe(true);
  });
});

describe('emulator behaviour', () => {
  const profile = loadProfile('generic-80mm-203');

  it('clips what does not fit the print area and says so', () => {
    const band = createMonoBitmap(64, 1);
    band.data.fill(0xff);
    const emulator = new EscPosEmulator({ profile });
    emulator.write(concat([setLeftMarginDots(540), gsV0Band(band), cut()]));
    const page = emulator.pages[0] as MonoBitmap;
    expect(getDot(page, 575, 0)).toBe(true);
    expect(emulator.warnings.join('\n')).toMatch(/does not fit the print area/);
  });

  it('records unknown commands and text as warnings and keeps going', () => {
    const emulator = new EscPosEmulator({ profile });
    const band = randomBitmap(16, 4, 1);
    emulator.write(concat([Uint8Array.of(0x1b, 0x7e, 0x1d, 0x99), new TextEncoder().encode('HELLO'), gsV0Band(band), cut()]));
    expect(emulator.warnings.some((w) => w.includes('unknown command bytes 1b 7e'))).toBe(true);
    expect(emulator.warnings.some((w) => w.includes('5 bytes of text'))).toBe(true);
    expect(sameDots(crop(emulator.pages[0] as MonoBitmap, 0, 0, 16, 4), band)).toBe(true);
  });

  it('never throws on garbage', () => {
    const next = random(42);
    const emulator = new EscPosEmulator({ profile, onResponse: () => undefined });
    const garbage = new Uint8Array(200_000);
    for (let i = 0; i < garbage.length; i += 1) garbage[i] = Math.floor(next() * 256);
    expect(() => feedChunked(emulator, garbage, 1, 500)).not.toThrow();
    expect(() => emulator.flushPage()).not.toThrow();
  });

  it('ends a page on cut (with its feed) and on flush; a cut with nothing printed is only a warning', () => {
    const emulator = new EscPosEmulator({ profile });
    emulator.write(cut());
    expect(emulator.pages).toHaveLength(0);
    emulator.write(concat([gsV0Band(randomBitmap(8, 10, 2)), cut(false, 30)]));
    expect(emulator.pages[0]?.height).toBe(40);
    emulator.write(gsV0Band(randomBitmap(8, 5, 2)));
    expect(emulator.flushPage()?.endedBy).toBe('flush');
    expect(emulator.pages).toHaveLength(2);
  });

  it('answers DLE EOT from its state', () => {
    const answers: number[] = [];
    const emulator = new EscPosEmulator({ profile, onResponse: (bytes) => answers.push(...bytes) });
    emulator.write(concat([statusRequest(1), statusRequest(2), statusRequest(4)]));
    emulator.injectFault('cover-open');
    emulator.write(concat([statusRequest(1), statusRequest(2), statusRequest(4)]));
    expect(answers).toEqual([0x12, 0x12, 0x12, 0x3a, 0x16, 0x12]);
  });
});

describe('fault injection', () => {
  const profile = loadProfile('generic-80mm-203');

  it('parses fault specs and rejects others', () => {
    expect(parseFaultSpec('paper-end-after=100')).toEqual({ kind: 'paper-end', afterBytes: 100 });
    expect(parseFaultSpec('silent-after=0')).toEqual({ kind: 'silent', afterBytes: 0 });
    expect(parseFaultSpec('ignores-dle-dc4-after=0')).toEqual({ kind: 'ignores-dle-dc4', afterBytes: 0 });
    expect(parseFaultSpec('cutter-error-after=5')).toEqual({ kind: 'cutter-error', afterBytes: 5 });
    expect(parseFaultSpec('head-hot-after=5')).toEqual({ kind: 'head-hot', afterBytes: 5 });
    expect(() => parseFaultSpec('paper-end=100')).toThrow(/paper-end-after=BYTES/);
  });

  it('paper end mid-job: status shows it, the rest waits, clearing the fault prints it', () => {
    const band = randomBitmap(64, 40, 21);
    const first = gsV0Band(slice(band, 0, 20));
    const second = gsV0Band(slice(band, 20, 20));
    const answers: number[] = [];
    const emulator = new EscPosEmulator({ profile, faults: [{ kind: 'paper-end', afterBytes: first.length + 5 }], onResponse: (b) => answers.push(...b) });
    emulator.write(first);
    emulator.write(concat([statusRequest(4)]));
    expect(answers).toEqual([0x12]);
    emulator.write(concat([second, cut(), statusRequest(2), statusRequest(4)]));
    expect(emulator.status().paperEnd).toBe(true);
    expect(answers.slice(1)).toEqual([0x32, 0x7e]);
    expect(emulator.pages).toHaveLength(0);
    emulator.clearFault();
    expect(emulator.status().online).toBe(true);
    expect(sameDots(crop(emulator.pages[0] as MonoBitmap, 0, 0, 64, 40), band)).toBe(true);
  });

  it('near-end: status says so while printing carries on', () => {
    const band = randomBitmap(16, 8, 6);
    const emulator = new EscPosEmulator({ profile, faults: [parseFaultSpec('near-end-after=0')] });
    emulator.write(concat([gsV0Band(band), cut()]));
    expect(emulator.status()).toEqual({ online: true, coverOpen: false, paperNearEnd: true, paperEnd: false, error: false });
    expect(emulator.pages).toHaveLength(1);
  });

  it('silent-after: no answers and nothing printed until the fault clears', () => {
    const answers: number[] = [];
    const band = randomBitmap(16, 8, 4);
    const emulator = new EscPosEmulator({ profile, faults: [{ kind: 'silent', afterBytes: 3 }], onResponse: (b) => answers.push(...b) });
    emulator.write(statusRequest(1));
    emulator.write(concat([statusRequest(1), gsV0Band(band), cut()]));
    expect(answers).toEqual([0x12]);
    expect(emulator.isSilent).toBe(true);
    expect(emulator.pages).toHaveLength(0);
    emulator.clearFault();
    expect(answers).toEqual([0x12, 0x12]);
    expect(emulator.pages).toHaveLength(1);
  });
});

describe('PNG pages', () => {
  it('writes page-0001.png... and continues after pages already in the folder', () => {
    const dir = join(scratch, 'pages');
    const profile = loadProfile('generic-80mm-203');
    const band = randomBitmap(576, 30, 8);
    const first = new EscPosEmulator({ profile, outDir: dir });
    first.write(concat([gsV0Band(band), cut(), gsV0Band(band), cut()]));
    expect(existsSync(join(dir, 'page-0001.png'))).toBe(true);
    expect(sameDots(readPagePng(join(dir, 'page-0002.png')), band)).toBe(true);
    writeFileSync(join(dir, 'page-0007.png'), '');
    const written: string[] = [];
    const second = new EscPosEmulator({ profile, outDir: dir, onPage: (page) => written.push(page.path ?? '') });
    second.write(concat([gsV0Band(band), cut()]));
    expect(written).toEqual([join(dir, 'page-0008.png')]);
    expect(second.pages).toHaveLength(0);
  });
});

/** Runs of inked dot columns in rows top..top+rows-1, gaps of `merge` columns or fewer kept inside a piece. */
function piecesOf(bitmap: MonoBitmap, top: number, rows: number, merge = 3): StripPiece[] {
  const pieces: { x: number; width: number }[] = [];
  for (let x = 0; x < bitmap.width; x += 1) {
    let inked = false;
    for (let r = 0; r < rows && top + r < bitmap.height && !inked; r += 1) inked = getDot(bitmap, x, top + r);
    if (!inked) continue;
    const last = pieces[pieces.length - 1];
    if (last !== undefined && x - (last.x + last.width) <= merge) last.width = x + 1 - last.x;
    else pieces.push({ x, width: 1 });
  }
  return pieces;
}

/** A page as segmented strips: ESC 3 24, then per 24-row strip its pieces and LF (ESC J for a short last strip). */
function stripsOf(bitmap: MonoBitmap, stripe: 8 | 24 = 24, merge = 3): Uint8Array {
  const parts = [initialize(), setLineSpacingDots(stripe, 1)];
  for (let top = 0; top < bitmap.height; top += stripe) {
    const rows = Math.min(stripe, bitmap.height - top);
    parts.push(escStarStrip(bitmap, top, rows, piecesOf(bitmap, top, rows, merge), { stripe, unitsPerDot: 1, lineFeed: true }));
  }
  parts.push(cut());
  return concat(parts);
}

describe('segmented strips: ESC $ places ESC * pieces side by side', () => {
  const profile = loadProfile('generic-a4-203');

  it('random sparse page, pieces split at every gap, bytes split at random: the same dots back', () => {
    const page = createMonoBitmap(profile.widthDots, 100);
    const next = random(99);
    for (let i = 0; i < 3000; i += 1) setDot(page, Math.floor(next() * page.width), Math.floor(next() * page.height));
    const emulator = new EscPosEmulator({ profile });
    feedChunked(emulator, stripsOf(page, 24, 0), 5);
    expect(emulator.warnings).toEqual([]);
    expect(emulator.pages).toHaveLength(1);
    expect(sameDots(emulator.pages[0] as MonoBitmap, page)).toBe(true);
  });

  it('a framed form (edge-to-edge frame, text blocks, a piece at the far right edge), 8- and 24-dot stripes', () => {
    for (const stripe of [8, 24] as const) {
      const page = createMonoBitmap(profile.widthDots, 203);
      const W = page.width;
      for (let x = 0; x < W; x += 1) for (const y of [0, 1, 201, 202]) setDot(page, x, y);
      for (let y = 0; y < 203; y += 1) for (const x of [0, 1, W - 2, W - 1]) setDot(page, x, y);
      const next = random(stripe);
      for (let y = 30; y < 170; y += 1) for (let x = 100; x < 700; x += 1) if (next() < 0.2) setDot(page, x, y);
      for (let y = 40; y < 90; y += 1) for (let x = 1500; x < W; x += 1) if (next() < 0.5) setDot(page, x, y);
      const emulator = new EscPosEmulator({ profile });
      emulator.write(stripsOf(page, stripe));
      expect(emulator.warnings).toEqual([]);
      expect(sameDots(emulator.pages[0] as MonoBitmap, page)).toBe(true);
    }
  });

  it('a bitmap whose width is not a multiple of 8, with ink in its last column', () => {
    const page = randomBitmap(61, 50, 8);
    for (let y = 0; y < 50; y += 1) setDot(page, 60, y);
    const narrow = parseProfile({ ...profile, widthDots: 64 }, 'narrow test profile');
    const emulator = new EscPosEmulator({ profile: narrow });
    emulator.write(stripsOf(page));
    expect(emulator.warnings).toEqual([]);
    const out = emulator.pages[0] as MonoBitmap;
    expect(out.height).toBe(50);
    expect(sameDots(crop(out, 0, 0, 61, 50), page)).toBe(true);
    expect(sameDots(crop(out, 61, 0, 3, 50), createMonoBitmap(3, 50))).toBe(true);
  });

  it('ESC $ counts from the left margin; a position outside the print area is ignored with a warning', () => {
    const dot = createMonoBitmap(1, 1);
    setDot(dot, 0, 0);
    const image = escStarStrip(dot, 0, 1, [{ x: 0, width: 1 }], { ...ESC_STAR_24, lineFeed: false }).subarray(0, 8); // ESC * 33 1 0 + 3 bytes
    const emulator = new EscPosEmulator({ profile: parseProfile({ ...profile, widthDots: 64 }, 'narrow test profile') });
    emulator.write(concat([setLeftMarginDots(10), setAbsolutePositionDots(5), image, setAbsolutePositionDots(60), image, feedDots(24, 1), cut()]));
    const out = emulator.pages[0] as MonoBitmap;
    expect(getDot(out, 15, 0)).toBe(true);
    // 60 from the margin is past the right edge: ignored, the second image follows the first.
    expect(getDot(out, 16, 0)).toBe(true);
    expect(emulator.warnings.some((w) => w.includes('ESC $ 60'))).toBe(true);
  });
});

describe('DLE DC4 fn=8 (clear buffers)', () => {
  const profile = loadProfile('generic-80mm-203');

  it('is real-time during paper end: drops what was held, answers 37 25 00, and the old tail is not continued on the new roll', () => {
    const band = randomBitmap(64, 40, 3);
    const first = gsV0Band(slice(band, 0, 20));
    const answers: number[] = [];
    const emulator = new EscPosEmulator({ profile, faults: [{ kind: 'paper-end', afterBytes: first.length }], onResponse: (b) => answers.push(...b) });
    emulator.write(concat([first, gsV0Band(slice(band, 20, 20)), cut()]));
    expect(emulator.status().paperEnd).toBe(true);
    emulator.write(clearBuffers());
    expect(answers).toEqual([0x37, 0x25, 0x00]);
    emulator.clearFault();
    expect(emulator.pages).toHaveLength(0);
    // The page sent again after recovery comes out whole, on its own.
    emulator.write(concat([initialize(), gsV0Band(band), cut()]));
    expect(emulator.pages).toHaveLength(1);
    expect(sameDots(crop(emulator.pages[0] as MonoBitmap, 0, 0, 64, 40), band)).toBe(true);
    expect(emulator.warnings.some((w) => w.includes('old roll'))).toBe(true);
  });

  it('is answered and harmless while printing normally', () => {
    const answers: number[] = [];
    const band = randomBitmap(16, 8, 4);
    const emulator = new EscPosEmulator({ profile, onResponse: (b) => answers.push(...b) });
    feedChunked(emulator, concat([clearBuffers(), gsV0Band(band), cut()]), 1, 3);
    expect(answers).toEqual([0x37, 0x25, 0x00]);
    expect(emulator.warnings).toEqual([]);
    expect(sameDots(crop(emulator.pages[0] as MonoBitmap, 0, 0, 16, 8), band)).toBe(true);
  });
});

describe('status the emulator gives over other commands', () => {
  const profile = loadProfile('generic-80mm-203');

  it('answers GS r 1 (paper sensor) in order with the data: held while printing is stopped, answered once it resumes', () => {
    const answers: number[] = [];
    const emulator = new EscPosEmulator({ profile, onResponse: (bytes) => answers.push(...bytes) });
    emulator.write(transmitStatusRequest());
    expect(answers).toEqual([0x00]);
    emulator.injectFault('paper-end');
    emulator.write(transmitStatusRequest());
    // Stopped at paper end: GS r waits behind the data, DLE EOT does not.
    expect(answers).toEqual([0x00]);
    emulator.write(statusRequest(4));
    expect(answers).toEqual([0x00, 0x7e]);
    emulator.clearFault();
    expect(answers).toEqual([0x00, 0x7e, 0x00]);
  });

  it('a clone that ignores DLE DC4 fn=8 drops it unanswered (with a warning) and still answers status; clearing faults does not teach it', () => {
    const answers: number[] = [];
    const emulator = new EscPosEmulator({ profile, faults: [{ kind: 'ignores-dle-dc4', afterBytes: 0 }], onResponse: (bytes) => answers.push(...bytes) });
    emulator.injectFault('paper-end');
    emulator.write(clearBuffers());
    expect(answers).toEqual([]);
    emulator.clearFault();
    emulator.write(concat([clearBuffers(), statusRequest(1)]));
    expect(answers).toEqual([0x12]);
    expect(emulator.warnings.filter((w) => w.includes('not known to this printer'))).toHaveLength(2);
  });

  it('a cutter error or a hot head stops printing (offline, error) and DLE EOT 3 says which', () => {
    for (const [kind, cause] of [
      ['cutter-error', 0x1a],
      ['head-hot', 0x52],
    ] as const) {
      const answers: number[] = [];
      const emulator = new EscPosEmulator({ profile, onResponse: (bytes) => answers.push(...bytes) });
      emulator.injectFault(kind);
      emulator.write(concat([statusRequest(1), statusRequest(2), statusRequest(3)]));
      expect(answers).toEqual([0x3a, 0x52, cause]);
      expect(emulator.status()).toMatchObject({ online: false, error: true });
      emulator.clearFault();
      expect(emulator.status()).toMatchObject({ online: true, error: false });
    }
  });
});

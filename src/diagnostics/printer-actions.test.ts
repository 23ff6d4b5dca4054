import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { getDot } from '../../device-drivers/printer/bitmap.ts';
import { emulatorPrinter } from '../../device-drivers/printer/printers.ts';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { cutPaper, feedPaper, printProfileStrips, printTestPage, speedTest, speedVerdict } from './printer-actions.ts';
import { drawStrip, STRIP_GAP, STRIP_ROWS, stripCandidates } from './profile-strips.ts';
import { rulerTickX, TEST_PAGE } from './test-page.ts';

type JsQr = typeof jsqrModule.default;
const jsQR: JsQr = typeof (jsqrModule as unknown) === 'function' ? (jsqrModule as unknown as JsQr) : jsqrModule.default;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function emulated(profileId: string) {
  const dir = mkdtempSync(join(tmpdir(), 'adm-diag-actions-'));
  const printer = emulatorPrinter(loadProfile(profileId), dir, { responseTimeoutMs: 200 });
  await printer.open();
  closers.push(() => printer.close());
  return { printer, dir, emulator: printer.connection.emulator };
}

interface Gray {
  readonly width: number;
  readonly height: number;
  black(x: number, y: number): boolean;
  readonly png: PNG;
}

function readPage(dir: string): Gray & { path: string } {
  const pages = readdirSync(dir).filter((n) => n.endsWith('.png'));
  expect(pages).toHaveLength(1);
  const path = join(dir, pages[0] ?? '');
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height, png, path, black: (x, y) => (png.data[(y * png.width + x) * 4] ?? 255) < 128 };
}

function blackColumns(page: Gray, y: number): number[] {
  const out: number[] = [];
  for (let x = 0; x < page.width; x += 1) if (page.black(x, y)) out.push(x);
  return out;
}

describe('the test page, as the emulator prints it', () => {
  it.each(['generic-a4-203', 'generic-80mm-203', 'custom-kpm216h'])('%s: ruler ticks at the right dots, alignment marks, and a QR code that decodes', async (profileId) => {
    const { printer, dir } = await emulated(profileId);
    const profile = printer.profile;
    const outcome = await printTestPage(printer, { kioskId: 'ADM-TEST-01', time: '2026-11-20T03:00:00.000Z' });
    expect(outcome.words).toMatch(/test page printed/);
    const page = readPage(dir);
    expect(page.width).toBe(profile.widthDots);

    const tickTop = TEST_PAGE.rulerTop + TEST_PAGE.rulerBaseline;
    const ticks = (every: number) => {
      const xs: number[] = [];
      for (let mm = 0; rulerTickX(mm, profile.dpi) < profile.widthDots; mm += every) xs.push(rulerTickX(mm, profile.dpi));
      return xs;
    };
    // Every millimetre tick reaches row tickTop + 5; only the centimetre ticks reach row tickTop + 25.
    expect(blackColumns(page, tickTop + 5)).toEqual(ticks(1));
    expect(blackColumns(page, tickTop + TEST_PAGE.fiveMmTick + 2)).toEqual(ticks(10));
    expect(blackColumns(page, tickTop + TEST_PAGE.mmTick + 2)).toEqual(ticks(5));
    // 10 cm is 812 or 813 dots at 203/204 dpi: the ruler is true to the profile's dpi.
    if (profile.widthDots > 900) expect(rulerTickX(100, profile.dpi)).toBe(Math.round((100 * profile.dpi) / 25.4));
    // The ruler's baseline runs the full width.
    expect(blackColumns(page, TEST_PAGE.rulerTop)).toHaveLength(profile.widthDots);

    // Corner marks at both edges, top and bottom; the bottom bar is full width.
    for (const y of [0, 1, 2]) {
      expect(page.black(0, y) && page.black(TEST_PAGE.cornerLength - 1, y) && page.black(profile.widthDots - 1, y) && page.black(profile.widthDots - TEST_PAGE.cornerLength, y)).toBe(true);
      expect(page.black(TEST_PAGE.cornerLength, y)).toBe(false);
    }
    // The page ends with the bottom bar (plus the profile's cut feed, if any).
    const barRows: number[] = [];
    for (let y = 0; y < page.height; y += 1) if (blackColumns(page, y).length === profile.widthDots && y > TEST_PAGE.rulerTop + 1) barRows.push(y);
    expect(barRows.length).toBeGreaterThanOrEqual(TEST_PAGE.bottomBar);
    const lastBar = barRows[barRows.length - 1] ?? 0;
    expect(page.black(0, lastBar - TEST_PAGE.bottomBar - 1) && page.black(profile.widthDots - 1, lastBar - TEST_PAGE.bottomBar - 1)).toBe(true);
    expect(page.black(Math.floor(profile.widthDots / 2), lastBar - TEST_PAGE.bottomBar - 1)).toBe(true);

    // QR: jsQR on the pixels, and zbarimg (the Debian tool) on the PNG file.
    const expected = `ADM-TEST|ADM-TEST-01|${profileId}|${profile.widthDots}x${profile.dpi}|2026-11-20T03:00:00.000Z`;
    expect(outcome.payload).toBe(expected);
    expect(jsQR(new Uint8ClampedArray(page.png.data), page.width, page.height)?.data).toBe(expected);
    const zbar = execFileSync('zbarimg', ['--quiet', '--raw', page.path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    expect(zbar).toBe(expected);
  });

  it('is refused while the printer is out of paper, naming the fault and what to do; nothing is sent', async () => {
    const { printer, emulator } = await emulated('generic-a4-203');
    emulator.injectFault('paper-end');
    const before = emulator.bytesReceived;
    const error = await printTestPage(printer, { kioskId: 'ADM-TEST-01', time: '2026-11-20T03:00:00.000Z' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PRINTER_PAPER_END', message: 'The printer cannot print the test page: out of paper (paper end).' });
    expect((error as { hint: string }).hint).toMatch(/Load a new paper roll/);
    // Only the status questions (DLE EOT 1, 2, 4) went out.
    expect(emulator.bytesReceived - before).toBe(9);
  });
});

describe('"which profile fits" strips', () => {
  it('one labelled strip per candidate raster command, each printed as drawn, with the shipped profiles that use it', async () => {
    const { printer, dir } = await emulated('generic-a4-203');
    const outcome = await printProfileStrips(printer);
    expect(outcome.strips.map((s) => [s.command, s.segments])).toEqual([
      ['gs-v-0', false],
      ['gs-8-l', false],
      ['esc-star', false],
      ['esc-star', true],
    ]);
    expect(outcome.strips.find((s) => s.command === 'esc-star' && s.segments)?.profiles).toEqual(['generic-a4-203']);
    expect(outcome.strips.find((s) => s.command === 'gs-8-l')?.profiles).toEqual(['generic-a4-203-gs-l']);
    const page = readPage(dir);
    const candidates = stripCandidates(printer.profile);
    candidates.forEach((candidate, i) => {
      const strip = drawStrip(printer.profile.widthDots, candidate);
      const top = i * (STRIP_ROWS + STRIP_GAP);
      let differing = 0;
      for (let y = 0; y < STRIP_ROWS; y += 1) for (let x = 0; x < strip.width; x += 1) if (getDot(strip, x, y) !== page.black(x, top + y)) differing += 1;
      expect(differing, `strip ${candidate.number} (${candidate.name})`).toBe(0);
    });
  });
});

describe('feed, cut, speed test', () => {
  it('feed sends ESC J for the distance; cut sends GS V; both refused on a fault', async () => {
    const { printer, emulator } = await emulated('generic-a4-203');
    expect((await feedPaper(printer, 10)).words).toBe('fed 10 mm');
    expect((await cutPaper(printer)).words).toBe('cut');
    await expect(feedPaper(printer, 0)).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
    emulator.injectFault('cover-open');
    await expect(cutPaper(printer)).rejects.toMatchObject({ code: 'PRINTER_COVER_OPEN' });
  });

  it('the speed test sends about two seconds of white raster and reports bytes per second', async () => {
    const { printer, emulator } = await emulated('generic-a4-203');
    let t = 0;
    const result = await speedTest(printer, () => (t += 500));
    expect(result.bytes).toBeGreaterThanOrEqual(32 * 1024);
    expect(emulator.bytesReceived).toBeGreaterThanOrEqual(result.bytes);
    expect(result.seconds).toBe(0.5);
    expect(result.bytesPerSecond).toBe(Math.round(result.bytes / 0.5));
    expect(result.baud).toBeNull();
    expect(result.words).toMatch(/no baud rate on this link/);
  });

  it('the verdict compares the rate with what the configured baud carries', () => {
    expect(speedVerdict(23_040, 2.1, 115_200)).toMatchObject({ level: 'ok', bytesPerSecond: 10_971, lineBytesPerSecond: 11_520, ratio: 0.95 });
    expect(speedVerdict(23_040, 8, 115_200)).toMatchObject({ level: 'warn', ratio: 0.25 });
    expect(speedVerdict(23_040, 8, 115_200).whatToDo).toMatch(/flow control/);
    expect(speedVerdict(23_040, 0.1, 115_200)).toMatchObject({ level: 'warn' });
    expect(speedVerdict(23_040, 0.1, 115_200).words).toMatch(/faster than the line/);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { Printer, PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { readPagePng, sameDots } from '../../device-drivers/printer/page-png.ts';
import { emulatorPrinter } from '../../device-drivers/printer/printers.ts';
import { loadProfile, parseProfile } from '../../device-drivers/printer/profiles.ts';
import { KioskError } from '../core/errors.ts';
import { preparePages } from './prepare.ts';
import { runPrintJob, type PrintJobOptions, type PrintProgress } from './print-job.ts';
import { makeSamplePdf } from './sample-pdf.ts';
import { COVER_OPEN, OK, PAPER_END, ScriptedPrinter, virtualClock } from './testing/scripted-printer.ts';

// jsqr is CommonJS whose module.exports is the function; its types describe an ES default export.
type JsQr = typeof jsqrModule.default;
const jsQR: JsQr = typeof (jsqrModule as unknown) === 'function' ? (jsqrModule as unknown as JsQr) : jsqrModule.default;

let pdf: Uint8Array;
let expected: MonoBitmap[];
const receipt = loadProfile('generic-80mm-203');
/** A variant of the receipt profile, through the schema like every profile. */
const variant = (overrides: Record<string, unknown>): PrinterProfile => parseProfile({ ...receipt, ...overrides }, 'test profile');

beforeAll(async () => {
  pdf = await makeSamplePdf({ kind: 'akta', pages: 3 });
  expected = [];
  for await (const page of preparePages(pdf, receipt)) expected.push(page.bitmap);
});

function job(printer: Printer, clock: ReturnType<typeof virtualClock>, extra: Partial<PrintJobOptions> = {}): Promise<Awaited<ReturnType<typeof runPrintJob>>> {
  return runPrintJob({ pdf, printer, clock, faultPollMs: 500, waitOnFaultMs: 10_000, pollEveryBands: 2, ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<KioskError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KioskError) return error;
    throw error;
  }
  throw new Error('expected the job to fail');
}

describe('runPrintJob with a scripted printer', () => {
  it('prints every page once, reports progress from bytes written, ends at 100%', async () => {
    const clock = virtualClock();
    const printer = new ScriptedPrinter(receipt, () => OK, clock);
    const events: PrintProgress[] = [];
    const result = await job(printer, clock, { onProgress: (p) => events.push(p) });
    expect(result.pagesPrinted).toBe(3);
    expect(result.bytesSent).toBe(printer.bytes);
    expect(printer.emulator.pages).toHaveLength(3);
    printer.emulator.pages.forEach((page, i) => expect(sameDots(page, expected[i]!)).toBe(true));
    for (let i = 1; i < events.length; i += 1) expect(events[i]!.bytesSent).toBeGreaterThanOrEqual(events[i - 1]!.bytesSent);
    expect(events.every((e) => e.bytesSent <= e.bytesTotal && e.fault === null)).toBe(true);
    const last = events.at(-1)!;
    expect(last).toEqual({ pagesDone: 3, pageCount: 3, bytesSent: printer.bytes, bytesTotal: printer.bytes, fault: null });
    expect(result.pages.map((p) => p.attempts)).toEqual([1, 1, 1]);
  });

  it('moves progress in writes of at most writeChunkBytes, never cancelling inside a command', async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    const sizes: number[] = [];
    const printer = new ScriptedPrinter(receipt, () => OK, clock, (total) => {
      sizes.push(total);
      if (total > 2_000) controller.abort();
    });
    const error = await rejection(job(printer, clock, { writeChunkBytes: 100, signal: controller.signal }));
    expect(error.code).toBe('PRINT_CANCELLED');
    expect(sizes.every((total, i) => total - (sizes[i - 1] ?? 0) <= 100)).toBe(true);
    // The command in flight was completed and the cut that followed was understood.
    expect(printer.emulator.warnings).toEqual([]);
    expect(printer.emulator.pages).toHaveLength(1);
  });

  it('polls status between bands as the profile asks', async () => {
    const clock = virtualClock();
    const printer = new ScriptedPrinter(receipt, () => OK, clock);
    await job(printer, clock, { pollIntervalMs: 1e9, pollEveryBands: 1 });
    const bands = printer.polls;
    const printer2 = new ScriptedPrinter(receipt, () => OK, clock);
    await job(printer2, clock, { pollIntervalMs: 1e9, pollEveryBands: undefined });
    // Only the check before the job and one confirmation per page.
    expect(printer2.polls).toBe(1 + 3);
    expect(bands).toBeGreaterThan(printer2.polls + 3);
  });

  it('waits for a fault before the job without sending a byte, then prints', async () => {
    const clock = virtualClock();
    const faults: (string | null)[] = [];
    const printer = new ScriptedPrinter(receipt, (s) => (s.polls <= 3 ? COVER_OPEN : OK), clock);
    const result = await job(printer, clock, { onFault: (f) => faults.push(f?.code ?? null) });
    expect(faults).toEqual(['PRINTER_COVER_OPEN', null]);
    expect(result.pagesPrinted).toBe(3);
    expect(printer.emulator.pages).toHaveLength(3);
  });

  it('fails with the fault code when the fault does not clear in time; unfinished pages are not counted', async () => {
    const clock = virtualClock();
    let progress: PrintProgress | undefined;
    const printer = new ScriptedPrinter(receipt, (s) => (s.bytes > 6_000 ? PAPER_END : OK), clock);
    const error = await rejection(job(printer, clock, { onProgress: (p) => (progress = p), waitOnFaultMs: 5_000 }));
    expect(error.code).toBe('PRINTER_PAPER_END');
    expect(error.message).toMatch(/stopped after waiting 5 s on page \d of 3/);
    expect(progress?.fault?.code).toBe('PRINTER_PAPER_END');
    // Pages confirmed before the fault only.
    expect(progress?.pagesDone).toBeLessThan(3);
    const confirmed = progress?.pagesDone ?? 0;
    expect(printer.emulator.pages.slice(0, confirmed).every((p, i) => sameDots(p, expected[i]!))).toBe(true);
  });

  it('never counts a page whose confirming poll shows a fault: it is sent again', async () => {
    const clock = virtualClock();
    let confirmPolls = 0;
    const printer = new ScriptedPrinter(
      receipt,
      () => {
        // The poll right after page 1's cut shows the paper out; it is loaded again at once.
        if (printer.emulator.pages.length === 1 && confirmPolls < 1) {
          confirmPolls += 1;
          return PAPER_END;
        }
        return OK;
      },
      clock,
    );
    const result = await job(printer, clock, { pollIntervalMs: 1e9 });
    expect(result.pagesPrinted).toBe(3);
    expect(result.pages[0]?.attempts).toBe(2);
    // Page 1 came out, was not confirmed, and was printed again.
    expect(printer.emulator.pages).toHaveLength(4);
    expect(sameDots(printer.emulator.pages[1]!, expected[0]!)).toBe(true);
  });

  it.each([
    ['paper end: the rest of the page went with the old roll, so no cut', PAPER_END, false],
    ['cover open: the partial page is on the paper, so it is cut off', COVER_OPEN, true],
  ] as const)('with bufferClear, a fault mid-page sends DLE DC4 fn=8 before waiting; %s', async (_label, fault, cuts) => {
    const clock = virtualClock();
    const profile = parseProfile({ ...receipt, bufferClear: 'dle-dc4-8' }, 'test profile');
    const printer = new ScriptedPrinter(profile, ({ polls }) => (polls === 3 || polls === 4 ? fault : OK), clock);
    const writes: number[][] = [];
    const write = printer.write.bind(printer);
    printer.write = (bytes: Uint8Array) => {
      writes.push(Array.from(bytes));
      return write(bytes);
    };
    const result = await job(printer, clock, { writeChunkBytes: 1 << 20 });
    expect(result.pagesPrinted).toBe(3);
    const clear = writes.findIndex((w) => w.join() === [0x10, 0x14, 8, 1, 3, 20, 1, 6, 2, 8].join());
    expect(clear).toBeGreaterThan(0);
    expect(writes[clear + 1]).toEqual([0x1b, 0x40]);
    expect(writes[clear + 2]?.slice(0, 3).join() === [0x1d, 0x56, 65].join()).toBe(cuts);
  });

  it('cancels with PRINT_CANCELLED when the signal aborts, and cuts off the partial page', async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    const printer = new ScriptedPrinter(receipt, () => OK, clock, (bytes) => {
      if (bytes > 5_000) controller.abort();
    });
    const error = await rejection(job(printer, clock, { signal: controller.signal }));
    expect(error.code).toBe('PRINT_CANCELLED');
    // Page 1 whole, then the cut-off top of page 2.
    expect(printer.emulator.pages).toHaveLength(2);
    expect(sameDots(printer.emulator.pages[0]!, expected[0]!)).toBe(true);
    expect(printer.emulator.pages[1]!.height).toBeLessThan(expected[1]!.height);
  });

  it('cancels before the first byte without touching the printer', async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    controller.abort();
    const printer = new ScriptedPrinter(receipt, () => OK, clock);
    expect((await rejection(job(printer, clock, { signal: controller.signal }))).code).toBe('PRINT_CANCELLED');
    expect(printer.bytes).toBe(0);
  });

  it('cancels while waiting on a fault', async () => {
    const controller = new AbortController();
    const clock = virtualClock((t) => t > 2000 && controller.abort());
    const printer = new ScriptedPrinter(receipt, (s) => (s.bytes > 3_000 ? COVER_OPEN : OK), clock);
    const error = await rejection(job(printer, clock, { signal: controller.signal }));
    expect(error.code).toBe('PRINT_CANCELLED');
  });

  it('fails clearly when the printer stops answering or goes away', async () => {
    for (const code of ['PRINTER_NOT_RESPONDING', 'PRINTER_DISCONNECTED'] as const) {
      const clock = virtualClock();
      const printer = new ScriptedPrinter(receipt, (s) => (s.bytes > 5_000 ? new KioskError(code, 'no answer') : OK), clock);
      const error = await rejection(job(printer, clock));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/on page \d of 3/);
      expect(error.hint).toMatch(/power and cable/);
    }
    const clock = virtualClock();
    const broken = new ScriptedPrinter(receipt, () => OK, clock);
    broken.write = () => Promise.reject(new Error('EIO'));
    expect((await rejection(job(broken, clock))).code).toBe('PRINTER_DISCONNECTED');
  });
});

describe('runPrintJob through the ESC/POS emulator', () => {
  const a4 = loadProfile('generic-a4-203');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'adm-print-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Prints the sample through an emulator whose paper runs out after 6 000 bytes and is replaced at the third wait. */
  async function printThroughPaperEnd(profile: typeof a4, outDir: string) {
    const printer = emulatorPrinter(profile, outDir, { faults: [{ kind: 'paper-end', afterBytes: 6_000 }] });
    await printer.open();
    let sleeps = 0;
    const clock = virtualClock(() => {
      sleeps += 1;
      if (sleeps === 3) printer.connection.emulator.clearFault();
    });
    const faults: (string | null)[] = [];
    const result = await runPrintJob({ pdf, printer, clock, pollEveryBands: 2, onFault: (f) => faults.push(f?.code ?? null) });
    return { result, faults, printer };
  }

  it('pauses on paper end mid-page, resumes with that page from its first band: every page complete exactly once', async () => {
    const { result, faults } = await printThroughPaperEnd(receipt, join(dir, 'fault'));
    expect(faults).toEqual(['PRINTER_PAPER_END', null]);
    expect(result.pagesPrinted).toBe(3);
    const out = readOut(join(dir, 'fault'));
    const complete = out.filter((p) => expected.some((e) => sameDots(p, e)));
    expect(complete).toHaveLength(3);
    expected.forEach((e) => expect(complete.filter((p) => sameDots(p, e))).toHaveLength(1));
    // The extra sheet is the cut-off top of the interrupted page.
    const partial = out.filter((p) => !expected.some((e) => sameDots(p, e)));
    expect(partial).toHaveLength(1);
    const interrupted = result.pages.find((p) => p.attempts === 2)!;
    expect(partial[0]!.height).toBeLessThan(expected[interrupted.pageNumber - 1]!.height);
  });

  it('with a buffer clear (generic-a4-203): paper end mid-page drops what the printer held, no cut-off partial sheet', async () => {
    const sent: MonoBitmap[] = [];
    for await (const page of preparePages(pdf, a4)) sent.push(page.bitmap);
    const { result, faults, printer } = await printThroughPaperEnd(a4, join(dir, 'fault-a4'));
    expect(faults).toEqual(['PRINTER_PAPER_END', null]);
    expect(result.pagesPrinted).toBe(3);
    expect(result.pages.some((p) => p.attempts === 2)).toBe(true);
    const out = readOut(join(dir, 'fault-a4'));
    // Exactly the three pages, each once: the interrupted page's top went with the old roll.
    expect(out).toHaveLength(3);
    out.forEach((p, i) => expect(sameDots(p, sent[i]!)).toBe(true));
    expect(printer.connection.emulator.warnings.filter((w) => !w.includes('old roll'))).toEqual([]);
    expect(printer.connection.emulator.warnings.some((w) => w.includes('old roll'))).toBe(true);
  });

  it.each([
    ['generic-a4-203 (segmented ESC * strips placed with ESC $)', a4],
    ['custom-kpm216h (GS v 0, 2 motion units per dot, 204 dpi)', loadProfile('custom-kpm216h')],
    ['segmented ESC * with 2 motion units per dot and 8-dot stripes', variant({ id: 'seg8-test', verticalUnitsPerDot: 2, escStarDots: 8, raster: { command: 'esc-star', maxBandHeight: 120, segments: true } })],
    ['an ESC * profile without cutter', variant({ id: 'esc-star-test', cutter: false, raster: { command: 'esc-star', maxBandHeight: 240 } })],
    ['a profile that cannot crop', variant({ id: 'no-crop-test', cropBands: false })],
  ])('prints pixel-identical pages on %s', async (_label, profile) => {
    const sent: MonoBitmap[] = [];
    for await (const page of preparePages(pdf, profile)) sent.push(page.bitmap);
    const out = join(dir, profile.id);
    const printer = emulatorPrinter(profile, out);
    await printer.open();
    const result = await runPrintJob({ pdf, printer });
    await printer.close(); // a printer without cutter: the last page ends here
    expect(result.pagesPrinted).toBe(3);
    expect(printer.connection.emulator.warnings).toEqual([]);
    const pages = readOut(out);
    if (profile.cutter) {
      expect(pages).toHaveLength(3);
      pages.forEach((p, i) => expect(sameDots(p, sent[i]!)).toBe(true));
    } else {
      // No cutter: the pages run on as one strip of paper, one after the other.
      expect(pages).toHaveLength(1);
      const strip = pages[0]!;
      expect(strip.height).toBe(sent.reduce((n, p) => n + p.height, 0));
      const rows = sent.map((p) => p.data).reduce((a, b) => new Uint8Array([...a, ...b]), new Uint8Array());
      expect(sameDots(strip, { ...strip, data: rows })).toBe(true);
    }
  });

  it('prints a KK-like page pixel-identical to the bitmap sent, and its QR code still scans', async () => {
    const kk = await makeSamplePdf({ kind: 'kk', qr: 'https://verify.example.invalid/kk/0001' });
    const sent: MonoBitmap[] = [];
    for await (const page of preparePages(kk, a4)) sent.push(page.bitmap);
    const printer = emulatorPrinter(a4, join(dir, 'kk'));
    await printer.open();
    const result = await runPrintJob({ pdf: kk, printer });
    expect(result.pages[0]).toMatchObject({ rotated: true, scale: 1, widthDots: 1728 });
    const out = readOut(join(dir, 'kk'));
    expect(out).toHaveLength(1);
    expect(sameDots(out[0]!, sent[0]!)).toBe(true);
    // Fewer bytes than the full raster.
    expect(result.bytesSent).toBeLessThan(sent[0]!.bytesPerRow * sent[0]!.height);

    const png = PNG.sync.read(readFileSync(join(dir, 'kk', 'page-0001.png')));
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    expect(code?.data).toBe('https://verify.example.invalid/kk/0001');
  });
});

function readOut(folder: string): MonoBitmap[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => readPagePng(join(folder, f)));
}

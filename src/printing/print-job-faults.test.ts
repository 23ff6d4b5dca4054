import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { EmulatorFault } from '../../device-drivers/printer/escpos-emulator.ts';
import type { EscPosPrinter } from '../../device-drivers/printer/escpos-printer.ts';
import type { EmulatorLink } from '../../device-drivers/printer/links/emulator-link.ts';
import { readPagePng, sameDots } from '../../device-drivers/printer/page-png.ts';
import { emulatorPrinter } from '../../device-drivers/printer/printers.ts';
import { loadProfile, parseProfile } from '../../device-drivers/printer/profiles.ts';
import { KioskError } from '../core/errors.ts';
import { preparePages } from './prepare.ts';
import { PrintJobError } from './print-job-error.ts';
import { runPrintJob, type PrintJobOptions } from './print-job.ts';
import { makeSamplePdf } from './sample-pdf.ts';
import { COVER_OPEN, OK, PAPER_END, ScriptedPrinter, virtualClock } from './testing/scripted-printer.ts';

/**
 * Faults the printer reports stay the cause (issue 7): a printer that does not answer DLE DC4
 * fn=8 or stops answering while it is being fixed never turns a paper end into "printer not
 * responding"; and every failure says how far the job got (PrintJobError), which the print
 * transaction needs to decide about the resident's PIN.
 */
let dir: string;
let pdf: Uint8Array;
let onePage: Uint8Array;
let twoPages: Uint8Array;
/** generic-a4-203 (bufferClear dle-dc4-8) with a short answer timeout, so a missing answer costs 100 ms. */
const a4 = parseProfile({ ...loadProfile('generic-a4-203'), responseTimeoutMs: 100 }, 'test profile');
const receipt = loadProfile('generic-80mm-203');
let expected: MonoBitmap[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adm-print-faults-'));
  pdf = await makeSamplePdf({ kind: 'akta', pages: 3 });
  onePage = await makeSamplePdf({ kind: 'akta', pages: 1 });
  twoPages = await makeSamplePdf({ kind: 'akta', pages: 2 });
  expected = [];
  for await (const page of preparePages(pdf, a4)) expected.push(page.bitmap);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
function clonePrinter(faults: readonly EmulatorFault[], onPage?: (printer: EscPosPrinter<EmulatorLink>) => void): { printer: EscPosPrinter<EmulatorLink>; outDir: string } {
  runs += 1;
  const outDir = join(dir, `clone-${runs}`);
  // A clone that does not know DLE DC4 fn=8, from its first byte.
  const printer: EscPosPrinter<EmulatorLink> = emulatorPrinter(a4, outDir, { faults: [{ kind: 'ignores-dle-dc4', afterBytes: 0 }, ...faults], onPage: () => onPage?.(printer) });
  return { printer, outDir };
}

function readOut(folder: string): MonoBitmap[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => readPagePng(join(folder, f)));
}

async function failure(promise: Promise<unknown>): Promise<PrintJobError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PrintJobError) return error;
    throw error;
  }
  throw new Error('expected the job to fail');
}

const clearsIgnored = (printer: EscPosPrinter<EmulatorLink>) => printer.connection.emulator.warnings.filter((w) => w.includes('not known to this printer')).length;

describe('a printer that does not answer DLE DC4 fn=8 (profile bufferClear dle-dc4-8)', () => {
  it('paper end mid-page stays a paper end; the job falls back to the no-clear recovery and every page comes out whole once', async () => {
    const { printer, outDir } = clonePrinter([{ kind: 'paper-end', afterBytes: 6_000 }]);
    await printer.open();
    let sleeps = 0;
    const clock = virtualClock(() => {
      sleeps += 1;
      if (sleeps === 3) printer.connection.emulator.clearFault();
    });
    const faults: (string | null)[] = [];
    const result = await runPrintJob({ pdf, printer, clock, pollEveryBands: 2, onFault: (f) => faults.push(f?.code ?? null) });
    expect(faults).toEqual(['PRINTER_PAPER_END', null]);
    expect(result.pagesPrinted).toBe(3);
    expect(clearsIgnored(printer)).toBe(1);
    expect(printer.bufferClearSupport).toBe('ignores');
    // Without a clear, what the printer held printed when the paper was loaded and was cut
    // off: the partial sheet, then every page whole exactly once.
    const out = readOut(outDir);
    expected.forEach((e) => expect(out.filter((p) => sameDots(p, e))).toHaveLength(1));
    expect(out).toHaveLength(4);
  });

  it('is asked once per job: a second paper end in the same job waits for no answer', async () => {
    const { printer } = clonePrinter([
      { kind: 'paper-end', afterBytes: 6_000 },
      { kind: 'paper-end', afterBytes: 60_000 },
    ]);
    await printer.open();
    const clock = virtualClock(() => printer.connection.emulator.clearFault());
    const faults: (string | null)[] = [];
    const result = await runPrintJob({ pdf, printer, clock, pollEveryBands: 2, onFault: (f) => faults.push(f?.code ?? null) });
    expect(faults).toEqual(['PRINTER_PAPER_END', null, 'PRINTER_PAPER_END', null]);
    expect(result.pagesPrinted).toBe(3);
    expect(clearsIgnored(printer)).toBe(1);
  });

  it('a paper end nobody fixes fails the job with PRINTER_PAPER_END, never PRINTER_NOT_RESPONDING', async () => {
    const { printer } = clonePrinter([{ kind: 'paper-end', afterBytes: 6_000 }]);
    await printer.open();
    const error = await failure(runPrintJob({ pdf, printer, clock: virtualClock(), pollEveryBands: 2, waitOnFaultMs: 3_000 }));
    expect(error.code).toBe('PRINTER_PAPER_END');
    expect(error.message).toMatch(/out of paper.*stopped after waiting 3 s on page 1 of 3/);
    expect(error.message).not.toMatch(/answer/);
    expect({ confirmed: error.pagesConfirmed, handed: error.pagesHanded }).toEqual({ confirmed: 0, handed: 0 });
  });

  it('a page the printer took whole before its paper ran out is reported handed (the PIN rule sees it), the cause stays paper end', async () => {
    // The paper runs out right after page 1's cut: the page is out, the confirming poll shows paper end.
    const { printer, outDir } = clonePrinter([], (p) => p.connection.emulator.injectFault('paper-end'));
    await printer.open();
    const error = await failure(runPrintJob({ pdf: onePage, printer, clock: virtualClock(), waitOnFaultMs: 2_000 }));
    expect(error.code).toBe('PRINTER_PAPER_END');
    expect(error.pagesConfirmed).toBe(0);
    expect(error.pagesHanded).toBe(1);
    expect(error.bytesSent).toBeGreaterThan(0);
    expect(readOut(outDir)).toHaveLength(1);
  });
});

describe('a printer that stops answering while a fault shows (switched off to load paper)', () => {
  it('keeps waiting with the fault as the cause and resumes when it answers again', async () => {
    const clock = virtualClock();
    let faultPolls = 0;
    const printer = new ScriptedPrinter(
      receipt,
      ({ bytes }) => {
        if (bytes < 6_000 || faultPolls > 6) return OK;
        faultPolls += 1;
        return faultPolls === 1 ? PAPER_END : faultPolls <= 6 ? new KioskError('PRINTER_NOT_RESPONDING', 'no answer') : OK;
      },
      clock,
    );
    const faults: (string | null)[] = [];
    const result = await runPrintJob({ pdf, printer, clock, pollEveryBands: 2, faultPollMs: 500, waitOnFaultMs: 10_000, onFault: (f) => faults.push(f?.code ?? null) });
    expect(faults).toEqual(['PRINTER_PAPER_END', null]);
    expect(result.pagesPrinted).toBe(3);
  });

  it('fails with the fault code when it never answers again, saying it stopped answering (cause kept)', async () => {
    const clock = virtualClock();
    let faultPolls = 0;
    const printer = new ScriptedPrinter(receipt, ({ bytes }) => (bytes < 6_000 ? OK : (faultPolls += 1) === 1 ? PAPER_END : new KioskError('PRINTER_NOT_RESPONDING', 'no answer')), clock);
    const error = await failure(runPrintJob({ pdf, printer, clock, pollEveryBands: 2, waitOnFaultMs: 5_000 }));
    expect(error.code).toBe('PRINTER_PAPER_END');
    expect(error.message).toMatch(/out of paper.*stopped answering while the job waited/);
    // PrintJobError keeps the job's error as its cause; that one keeps the silence.
    expect((error.cause as KioskError).cause).toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
  });
});

describe('how long the job keeps waiting on a fault (what the resident is shown)', () => {
  it('says the whole wait when a fault begins, what is left of it when the printer reports another fault meanwhile, and 0 when it cleared', async () => {
    const clock = virtualClock();
    let faultPolls = 0;
    const printer = new ScriptedPrinter(
      receipt,
      ({ bytes }) => {
        if (bytes < 6_000 || faultPolls >= 5) return OK;
        faultPolls += 1;
        // Paper end for three polls (the wait began at the first), then the cover is opened to load paper.
        return faultPolls <= 3 ? PAPER_END : faultPolls === 4 ? COVER_OPEN : OK;
      },
      clock,
    );
    const calls: [string | null, number][] = [];
    await runPrintJob({ pdf, printer, clock, pollEveryBands: 2, faultPollMs: 500, waitOnFaultMs: 10_000, onFault: (f, waitLeftMs) => calls.push([f?.code ?? null, waitLeftMs]) });
    // The wait begins at the poll that confirms the paper end (the second); the cover is reported
    // two polls (1 s) later, and the same wait goes on (it does not start again).
    expect(calls).toEqual([
      ['PRINTER_PAPER_END', 10_000],
      ['PRINTER_COVER_OPEN', 9_000],
      [null, 0],
    ]);
  });
});

describe('a link lost while a fault shows (cable pulled during the paper change)', () => {
  it('fails the job at once with PRINTER_DISCONNECTED: that is news, not the same fault', async () => {
    const clock = virtualClock();
    let faultPolls = 0;
    const printer = new ScriptedPrinter(receipt, ({ bytes }) => (bytes < 6_000 ? OK : (faultPolls += 1) === 1 ? PAPER_END : new KioskError('PRINTER_DISCONNECTED', 'cable pulled')), clock);
    const faults: (string | null)[] = [];
    const error = await failure(runPrintJob({ pdf, printer, clock, pollEveryBands: 2, faultPollMs: 500, waitOnFaultMs: 60_000, onFault: (f) => faults.push(f?.code ?? null) }));
    expect(error.code).toBe('PRINTER_DISCONNECTED');
    // At the first poll after the paper end, not after the 60 s wait.
    expect(faultPolls).toBe(2);
    expect(faults).toEqual([]);
  });
});

describe('PrintJobError: how far a failed job got', () => {
  const job = (printer: ScriptedPrinter, clock: ReturnType<typeof virtualClock>, document: Uint8Array, extra: Partial<PrintJobOptions> = {}) =>
    runPrintJob({ pdf: document, printer, clock, pollEveryBands: 2, waitOnFaultMs: 1_000, ...extra });

  /** Bytes a whole job sends to a printer that never faults. */
  async function totalBytes(document: Uint8Array): Promise<number> {
    const clock = virtualClock();
    const printer = new ScriptedPrinter(receipt, () => OK, clock);
    return (await job(printer, clock, document)).bytesSent;
  }

  it('before the first byte: 0 confirmed, 0 handed, 0 bytes', async () => {
    const clock = virtualClock();
    const printer = new ScriptedPrinter(receipt, () => new KioskError('PRINTER_NOT_RESPONDING', 'no answer'), clock);
    const error = await failure(job(printer, clock, pdf));
    expect(error.code).toBe('PRINTER_NOT_RESPONDING');
    expect({ confirmed: error.pagesConfirmed, handed: error.pagesHanded, bytes: error.bytesSent }).toEqual({ confirmed: 0, handed: 0, bytes: 0 });
    expect(printer.bytes).toBe(0);
  });

  it('mid-page 1: nothing handed whole, but bytes reached the printer', async () => {
    const clock = virtualClock();
    const printer = new ScriptedPrinter(receipt, () => OK, clock);
    const write = printer.write.bind(printer);
    printer.write = (bytes) => (printer.bytes > 3_000 ? Promise.reject(new KioskError('PRINTER_DISCONNECTED', 'cable pulled')) : write(bytes));
    const error = await failure(job(printer, clock, pdf));
    expect(error.code).toBe('PRINTER_DISCONNECTED');
    expect(error.pagesConfirmed).toBe(0);
    expect(error.pagesHanded).toBe(0);
    expect(error.bytesSent).toBeGreaterThan(3_000);
  });

  it('after the last page was accepted whole but its confirming poll failed: every page handed, all but the last confirmed', async () => {
    const total = await totalBytes(pdf);
    const clock = virtualClock();
    const printer = new ScriptedPrinter(receipt, ({ bytes }) => (bytes >= total ? new KioskError('PRINTER_NOT_RESPONDING', 'no answer') : OK), clock);
    const error = await failure(job(printer, clock, pdf));
    expect(error.code).toBe('PRINTER_NOT_RESPONDING');
    expect(error.pagesHanded).toBe(3);
    expect(error.pagesConfirmed).toBe(2);
    expect(error.bytesSent).toBe(total);
  });

  it('a two-page job failing on page 2: page 1 confirmed and handed, page 2 neither', async () => {
    const first = await totalBytes(onePage);
    const clock = virtualClock();
    const printer = new ScriptedPrinter(receipt, () => OK, clock);
    const write = printer.write.bind(printer);
    printer.write = (bytes) => (printer.bytes > first + 2_000 ? Promise.reject(new KioskError('PRINTER_DISCONNECTED', 'cable pulled')) : write(bytes));
    const error = await failure(job(printer, clock, twoPages));
    expect(error.code).toBe('PRINTER_DISCONNECTED');
    expect(error.message).toMatch(/on page 2 of 2/);
    expect(error.pagesConfirmed).toBe(1);
    expect(error.pagesHanded).toBe(1);
    expect(error.bytesSent).toBeGreaterThan(first);
  });
});

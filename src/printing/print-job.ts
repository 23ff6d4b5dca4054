import type { PrintProgress } from '../core/session.ts';
import type { BufferClearOutcome, Printer, PrinterProfile, PrinterStatus } from '../../device-drivers/printer/contract.ts';
import { encoderFor } from '../../device-drivers/printer/escpos-encoder.ts';
import { isKioskError, type KioskError } from '../core/errors.ts';
import { encodePage, type PageEncoder } from './encode-page.ts';
import { faultOf, faultTimedOut, ioFailure, isNotResponding, Paused } from './job-faults.ts';
import type { MonochromeOptions } from './monochrome.ts';
import { cancelledError, preparePages, type PreparedPage } from './prepare.ts';
import { printJobError } from './print-job-error.ts';

/**
 * One print job: PDF bytes in, pages on paper out.
 *
 *   preparePages (rasterize -> monochrome -> band plan), one page ahead
 *     -> encodePage (ESC/POS chunks) -> printer.write, status polled between bands
 *
 * - Before the first byte the printer's status is checked; a fault waits like one mid-job.
 * - Page 1's first band goes out as soon as page 1 is planned; page n+1 is prepared while
 *   page n is on the wire.
 * - Paper end, cover open, offline or an error mid-job pause the job: `onFault(fault)`, then
 *   status is polled until it clears (`onFault(null)`) or `waitOnFaultMs` pass (the job fails
 *   with the fault's code). On resume the printer is re-initialized, the partial page is cut
 *   off (when there is a cutter) and the unfinished page is sent again from its first band.
 *   Profiles with bufferClear 'dle-dc4-8' first drop what the printer holds (DLE DC4 fn=8,
 *   right when the fault is seen); after paper end nothing is then left to cut off. A printer
 *   that does not confirm the clear (many clones ignore DLE DC4 fn=8) is not asked again in
 *   this job, and the page is recovered as without a clear.
 * - The fault the printer reported stays the cause: neither an unanswered buffer clear nor a
 *   printer that stops answering while it is being fixed turns a paper end into "printer not
 *   responding". If the fault does not clear in time the job fails with the fault's code. A
 *   link lost meanwhile (cable pulled) fails the job at once with PRINTER_DISCONNECTED.
 * - A page counts as printed only when all of it was written AND a status poll after it is
 *   clean.
 * - The AbortSignal cancels with PRINT_CANCELLED; a printer that stops answering or goes away
 *   fails with PRINTER_NOT_RESPONDING / PRINTER_DISCONNECTED.
 * - Every failure rejects with a PrintJobError carrying how far the job got (pages confirmed,
 *   pages handed whole to the printer, bytes sent), for the print transaction's PIN rule.
 */

export { faultOf } from './job-faults.ts';

/** Progress as the session shows it (bytes actually accepted by the transport; re-sent pages count again). */
export type { PrintProgress } from '../core/session.ts';

export interface PageStats {
  readonly pageNumber: number;
  readonly rotated: boolean;
  /** Rasterizing scale relative to the printer's dpi (1 = no resampling). */
  readonly scale: number;
  readonly widthDots: number;
  readonly heightDots: number;
  readonly bands: number;
  readonly feeds: number;
  /** Bytes of the successful attempt at this page (framing included). */
  readonly bytes: number;
  readonly naiveBytes: number;
  readonly floorBytes: number;
  /** How many times the page was started (more than 1 after a fault). */
  readonly attempts: number;
  readonly prepareMs: number;
}

export interface PrintResult {
  readonly pagesPrinted: number;
  readonly bytesSent: number;
  readonly pages: readonly PageStats[];
  /** Milliseconds from the start of the job to the first raster byte handed to the printer. */
  readonly firstBandMs: number;
}

export interface PrintJobOptions {
  readonly pdf: Uint8Array;
  readonly printer: Printer;
  /** Defaults to `printer.profile`. */
  readonly profile?: PrinterProfile;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PrintProgress) => void;
  /**
   * Called with the fault when the job pauses (and again when the printer reports another
   * fault meanwhile), with how long the job keeps waiting from now before it fails
   * (`waitLeftMs`, counted from when the wait began); with null and 0 when it resumes.
   */
  readonly onFault?: (fault: KioskError | null, waitLeftMs: number) => void;
  /** How long to wait for a fault to clear before failing (default 120 000 ms; 0 fails at once). */
  readonly waitOnFaultMs?: number;
  /** Poll status between bands at least this often (default: the profile's statusPollIntervalMs). */
  readonly pollIntervalMs?: number;
  /** Also poll after every N bands (default: only by time). */
  readonly pollEveryBands?: number;
  /** Status poll period while paused (default 500 ms). */
  readonly faultPollMs?: number;
  /** Largest single write to the printer (default 4096 bytes: progress every ~0.36 s at 115200). */
  readonly writeChunkBytes?: number;
  readonly monochrome?: MonochromeOptions;
  /** Injected for tests; defaults to the ESC/POS encoder for the profile. */
  readonly encoder?: PageEncoder;
  /** Injected for tests. */
  readonly clock?: { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };
}

const realClock = {
  now: () => performance.now(),
  sleep: (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted === true) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export async function runPrintJob(options: PrintJobOptions): Promise<PrintResult> {
  const { pdf, printer, signal } = options;
  const profile = options.profile ?? printer.profile;
  const encoder = options.encoder ?? encoderFor(profile);
  const clock = options.clock ?? realClock;
  const waitOnFaultMs = options.waitOnFaultMs ?? 120_000;
  const pollIntervalMs = options.pollIntervalMs ?? profile.statusPollIntervalMs;
  const faultPollMs = options.faultPollMs ?? 500;
  const writeChunkBytes = Math.max(64, options.writeChunkBytes ?? 4096);
  const started = clock.now();

  let pagesDone = 0;
  /** Page numbers whose every byte the printer's link accepted (a re-send counts once). */
  const handed = new Set<number>();
  let pageCount = 0;
  let bytesSent = 0;
  let knownBytes = 0; // exact estimates of the pages planned so far (+ re-sends)
  let plannedPages = 0;
  let fault: KioskError | null = null;
  let firstBandMs = -1;
  let where = 'before printing';
  /** Bands of an unfinished page are on paper (no cut after them yet). */
  let partialOnPaper = false;
  const pages: PageStats[] = [];

  const checkAbort = () => {
    if (signal?.aborted === true) throw cancelledError();
  };
  const progress = () => {
    const perPage = plannedPages > 0 ? knownBytes / plannedPages : 0;
    const bytesTotal = Math.max(bytesSent, Math.round(knownBytes + perPage * Math.max(0, pageCount - plannedPages)));
    options.onProgress?.({ pagesDone, pageCount, bytesSent, bytesTotal, fault: fault?.toErrorData() ?? null });
  };
  const status = async (): Promise<PrinterStatus> => {
    try {
      return await printer.status();
    } catch (cause) {
      throw ioFailure(cause, where);
    }
  };
  /**
   * Writes one command (a band with its margins, a feed, framing) in pieces of at most
   * `writeChunkBytes`, so progress moves smoothly. A cancel is honoured before a command,
   * never inside one: a half-sent raster command would swallow whatever came next.
   */
  const write = async (bytes: Uint8Array): Promise<void> => {
    checkAbort();
    for (let at = 0; at < bytes.length; at += writeChunkBytes) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + writeChunkBytes));
      try {
        await printer.write(piece);
      } catch (cause) {
        throw ioFailure(cause, where);
      }
      bytesSent += piece.length;
      progress();
    }
  };

  /**
   * Waits until the printer can print. `seen`: the fault that paused the job. While a fault
   * is showing, a printer that does not answer (switched off while the paper is loaded, a
   * clone still chewing on a command it does not know) keeps the job waiting with that fault
   * as the cause; without one, not answering fails the job at once. A link that goes away
   * (cable pulled) fails the job at once either way: that is news, not the same fault.
   */
  const waitUntilReady = async (seen: KioskError | null): Promise<void> => {
    let unanswered: KioskError | undefined;
    const ask = async (showing: KioskError | null): Promise<KioskError | null> => {
      try {
        const next = faultOf(await printer.status());
        unanswered = undefined;
        return next;
      } catch (cause) {
        if (showing === null || !isNotResponding(cause)) throw ioFailure(cause, where);
        unanswered = ioFailure(cause, where);
        return showing;
      }
    };
    let current = await ask(seen);
    if (current === null) return;
    const since = clock.now();
    fault = current;
    options.onFault?.(current, waitOnFaultMs);
    progress();
    while (current !== null) {
      if (clock.now() - since >= waitOnFaultMs) throw faultTimedOut(current, waitOnFaultMs, where, unanswered);
      await clock.sleep(faultPollMs, signal);
      checkAbort();
      const next = await ask(current);
      if (next !== null && next.code !== current.code) {
        options.onFault?.(next, Math.max(0, waitOnFaultMs - (clock.now() - since)));
      }
      current = next;
      fault = current;
    }
    options.onFault?.(null, 0);
    progress();
  };

  /** Set once the printer did not confirm a buffer clear: not asked again in this job. */
  let clearIgnored = false;
  /**
   * DLE DC4 fn=8 right after a fault (profiles with bufferClear 'dle-dc4-8'). `cleared` only
   * when the printer confirmed it. A printer that does not answer at all leaves the fault as
   * it is: the wait that follows tells whether it comes back. A lost link fails the job.
   */
  const clearAfterFault = async (): Promise<BufferClearOutcome> => {
    if (profile.bufferClear !== 'dle-dc4-8' || clearIgnored) return 'ignored';
    let outcome: BufferClearOutcome;
    try {
      outcome = (await printer.clearBuffers?.()) ?? 'ignored';
    } catch (cause) {
      if (isNotResponding(cause)) return 'ignored';
      throw ioFailure(cause, where);
    }
    if (outcome === 'ignored') clearIgnored = true;
    return outcome;
  };

  const sendPage = async (page: PreparedPage): Promise<{ bytes: number; bands: number; feeds: number }> => {
    let bytes = 0;
    let bands = 0;
    let feeds = 0;
    let bandsSincePoll = 0;
    let lastPoll = clock.now();
    let inked = false;
    for (const chunk of encodePage(page, encoder)) {
      const op = page.ops[chunk.op];
      await write(chunk.bytes);
      bytes += chunk.bytes.length;
      const image = op?.kind === 'band' || (op?.kind === 'strip' && op.pieces.length > 0);
      if (image) {
        bands += 1;
        inked = true;
        partialOnPaper = true;
        if (firstBandMs < 0) firstBandMs = clock.now() - started;
      } else if (op !== undefined) feeds += 1;
      if (!image) continue;
      bandsSincePoll += 1;
      const due = clock.now() - lastPoll >= pollIntervalMs || (options.pollEveryBands !== undefined && bandsSincePoll >= options.pollEveryBands);
      if (!due) continue;
      bandsSincePoll = 0;
      lastPoll = clock.now();
      const seen = faultOf(await status());
      if (seen !== null) throw new Paused(inked ? 'partial' : 'clean', seen);
    }
    handed.add(page.pageNumber);
    if (profile.cutter) partialOnPaper = false;
    // Confirmation: the page is only printed if the printer is fine after all of it.
    const after = faultOf(await status());
    if (after !== null) throw new Paused(profile.cutter ? 'complete' : 'partial', after);
    return { bytes, bands, feeds };
  };

  const source = preparePages(pdf, profile, { signal, ...(options.monochrome === undefined ? {} : { monochrome: options.monochrome }) });
  try {
    checkAbort();
    // Page 1 is rasterized while the printer answers the status check.
    let pending = source.next();
    pending.catch(() => undefined);
    where = 'before printing';
    await waitUntilReady(null);
    checkAbort();

    for (;;) {
      const result = await pending;
      checkAbort();
      if (result.done === true) break;
      const page = result.value;
      pageCount = page.pageCount;
      plannedPages += 1;
      knownBytes += page.estimatedBytes;
      // Prepare the next page while this one is on the wire.
      pending = source.next();
      pending.catch(() => undefined);
      progress();

      let attempt = 0;
      for (;;) {
        attempt += 1;
        where = `on page ${page.pageNumber} of ${page.pageCount}`;
        try {
          const sent = await sendPage(page);
          pages.push({
            pageNumber: page.pageNumber,
            rotated: page.plan.rotate,
            scale: page.plan.scale,
            widthDots: page.bitmap.width,
            heightDots: page.bitmap.height,
            bands: sent.bands,
            feeds: sent.feeds,
            bytes: sent.bytes,
            naiveBytes: page.naiveBytes,
            floorBytes: page.floorBytes,
            attempts: attempt,
            prepareMs: page.prepareMs,
          });
          pagesDone += 1;
          progress();
          break;
        } catch (error) {
          if (!(error instanceof Paused)) throw error;
          // With a real-time buffer clear, what the printer holds is dropped now, before the
          // fault clears (the printer would print it on the new paper as soon as it can).
          const cleared = (await clearAfterFault()) === 'cleared';
          await waitUntilReady(error.fault);
          checkAbort();
          // Start the page again on a clean printer; cut off what was printed of it. After a
          // buffer clear at paper end, what was printed of the page ran out with the old roll:
          // no cut. After a clear for another fault the page's own cut may have been dropped.
          // Without a confirmed clear, what the printer held prints when the fault clears and
          // the partial page is cut off.
          const restart = [encoder.initialize()];
          const tailGone = cleared && error.fault.code === 'PRINTER_PAPER_END';
          const printedPart = error.onPaper === 'partial' || (cleared && error.onPaper === 'complete');
          if (profile.cutter && printedPart && !tailGone) restart.push(encoder.cut(false));
          for (const bytes of restart) await write(bytes);
          if (profile.cutter) partialOnPaper = false;
          knownBytes += page.estimatedBytes;
          progress();
        }
      }
    }
    knownBytes = bytesSent;
    plannedPages = pageCount;
    progress();
    return { pagesPrinted: pagesDone, bytesSent, pages, firstBandMs: Math.max(0, firstBandMs) };
  } catch (error) {
    if (isKioskError(error) && error.code === 'PRINT_CANCELLED' && partialOnPaper) await cutOffAfterCancel(printer, encoder, profile);
    throw printJobError(error, { pagesConfirmed: pagesDone, pagesHanded: handed.size, bytesSent });
  } finally {
    await source.return(undefined).catch(() => undefined);
  }
}

/** Best effort after a cancel: reset the printer and cut off the partial page (1 s at most). */
async function cutOffAfterCancel(printer: Printer, encoder: PageEncoder, profile: PrinterProfile): Promise<void> {
  const bytes = profile.cutter ? [encoder.initialize(), encoder.cut(false)] : [encoder.initialize()];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)));
  const send = (async () => {
    for (const b of bytes) await printer.write(b);
  })().catch(() => undefined);
  await Promise.race([send, timeout]);
  clearTimeout(timer);
}

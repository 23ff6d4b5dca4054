import type { MonoBitmap } from '../../device-drivers/printer/bitmap.ts';
import type { Printer, PrinterStatusReport } from '../../device-drivers/printer/contract.ts';
import type { RasterDialect } from '../../device-drivers/printer/dialects/index.ts';
import { encoderFor } from '../../device-drivers/printer/escpos-encoder.ts';
import { SerialLink } from '../../device-drivers/printer/links/serial-link.ts';
import { EscPosPrinter } from '../../device-drivers/printer/escpos-printer.ts';
import { describeStatus } from '../../device-drivers/printer/status-parser.ts';
import { KioskError, isKioskError, type ErrorCode } from '../core/errors.ts';
import { planBands } from '../printing/bands.ts';
import { encodePage, type PageEncoder } from '../printing/encode-page.ts';
import { drawStrip, STRIP_GAP, stripCandidates } from './profile-strips.ts';
import { verdictOfError, verdictOfStatus } from './printer-words.ts';
import { drawTestPage, testPagePayload } from './test-page.ts';

/**
 * What a technician does with the printer: the test page, the "which profile fits" strips,
 * feed, cut and the speed test. Each checks the printer can print first (a fault is refused
 * naming it, with what to do) and checks again after (a fault that came up meanwhile is
 * named). The caller holds the printer (the host's PrinterGate): these never run beside a
 * resident's print.
 */
export interface ActionOutcome {
  /** Bytes handed to the printer. */
  readonly bytes: number;
  /** What happened, in words. */
  readonly words: string;
}

async function statusReport(printer: Printer): Promise<PrinterStatusReport> {
  if (printer.statusReport !== undefined) return printer.statusReport();
  const status = await printer.status();
  return { status, source: 'dle-eot', words: describeStatus(status) };
}

/** Refuses with the fault's own code when the printer cannot print now, naming it and what to do. */
export async function ensureReady(printer: Printer, what: string): Promise<void> {
  let report: PrinterStatusReport;
  try {
    report = await statusReport(printer);
  } catch (error) {
    if (!isKioskError(error)) throw error;
    const verdict = verdictOfError(error.toErrorData());
    throw new KioskError(error.code, `The printer cannot ${what}: it ${verdict.words}.`, { hint: verdict.whatToDo, cause: error });
  }
  const verdict = verdictOfStatus(report);
  if (verdict.level === 'broken') throw new KioskError((verdict.code ?? 'PRINTER_ERROR') as ErrorCode, `The printer cannot ${what}: ${verdict.words}.`, { hint: verdict.whatToDo });
}

async function send(printer: Printer, chunks: Iterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for (const chunk of chunks) {
    await printer.write(chunk);
    bytes += chunk.length;
  }
  return bytes;
}

function pageChunks(bitmap: MonoBitmap, encoder: PageEncoder): Uint8Array[] {
  const ops = planBands(bitmap, encoder.dialect);
  return [...encodePage({ bitmap, ops }, encoder)].map((chunk) => chunk.bytes);
}

async function afterwards(printer: Printer, what: string, bytes: number, words: string): Promise<ActionOutcome> {
  await ensureReady(printer, `finish ${what}`);
  return { bytes, words };
}

export async function printTestPage(printer: Printer, options: { readonly kioskId: string; readonly time: string }): Promise<ActionOutcome & { readonly payload: string }> {
  await ensureReady(printer, 'print the test page');
  const encoder = encoderFor(printer.profile);
  const input = { profile: printer.profile, kioskId: options.kioskId, time: options.time, rasterName: encoder.dialect.name };
  const bytes = await send(printer, pageChunks(drawTestPage(input), encoder));
  const outcome = await afterwards(printer, 'the test page', bytes, `test page printed (${bytes} bytes, ${encoder.dialect.name})`);
  return { ...outcome, payload: testPagePayload(input) };
}

export interface PrintedStrip {
  readonly number: number;
  readonly name: string;
  readonly command: RasterDialect['command'];
  readonly segments: boolean;
  readonly profiles: readonly string[];
}

/** One strip per candidate raster command, stacked on one piece of paper, cut once at the end. */
export async function printProfileStrips(printer: Printer): Promise<ActionOutcome & { readonly strips: readonly PrintedStrip[] }> {
  await ensureReady(printer, 'print the profile strips');
  const base = encoderFor(printer.profile);
  const candidates = stripCandidates(printer.profile);
  let bytes = 0;
  for (const candidate of candidates) {
    // Each strip in its own command; no cut between them.
    const encoder: PageEncoder = { ...base, profile: { ...printer.profile, cutter: false }, dialect: candidate.dialect };
    bytes += await send(printer, pageChunks(drawStrip(printer.profile.widthDots, candidate), encoder));
    bytes += await send(printer, [base.feedDots(STRIP_GAP)]);
  }
  if (printer.profile.cutter) bytes += await send(printer, [base.cut(false)]);
  const strips = candidates.map(({ number, name, command, segments, profiles }) => ({ number, name, command, segments, profiles }));
  return { ...(await afterwards(printer, 'the profile strips', bytes, `${strips.length} strips printed`)), strips };
}

export const MAX_FEED_MM = 300;

export async function feedPaper(printer: Printer, mm: number): Promise<ActionOutcome> {
  if (!Number.isFinite(mm) || mm < 1 || mm > MAX_FEED_MM) throw new KioskError('ARGUMENT_INVALID', `Feed ${mm} mm: choose 1 to ${MAX_FEED_MM} mm.`, { hint: 'Feed a few centimetres at a time.' });
  await ensureReady(printer, 'feed paper');
  const encoder = encoderFor(printer.profile);
  const bytes = await send(printer, [encoder.feedDots(Math.round((mm * printer.profile.dpi) / 25.4))]);
  return afterwards(printer, 'feeding', bytes, `fed ${mm} mm`);
}

export async function cutPaper(printer: Printer): Promise<ActionOutcome> {
  if (!printer.profile.cutter) throw new KioskError('ARGUMENT_INVALID', `The printer profile ${printer.profile.id} has no cutter.`, { hint: 'Tear the paper off by hand, or choose the profile of a model with a cutter.' });
  await ensureReady(printer, 'cut');
  const bytes = await send(printer, [encoderFor(printer.profile).cut(false)]);
  return afterwards(printer, 'the cut', bytes, 'cut');
}

export interface SpeedResult extends ActionOutcome {
  readonly seconds: number;
  readonly bytesPerSecond: number;
  /** The configured baud rate (serial links only). */
  readonly baud: number | null;
  /** What the line can carry at that baud, 8N1: baud / 10 bytes per second. */
  readonly lineBytesPerSecond: number | null;
  /** Achieved / line; null without a baud rate. */
  readonly ratio: number | null;
  readonly level: 'ok' | 'warn';
  readonly whatToDo: string;
}

/** Bytes the speed test sends: about two seconds of the configured line, at least 16 KiB. */
export function speedTestBytes(baud: number | null): number {
  return Math.max(16 * 1024, baud === null ? 32 * 1024 : Math.round((baud / 10) * 2));
}

/** The verdict on a measured rate (pure, so it is tested without timing). */
export function speedVerdict(bytes: number, seconds: number, baud: number | null): Omit<SpeedResult, 'bytes' | 'seconds'> {
  const bytesPerSecond = Math.round(bytes / Math.max(seconds, 1e-6));
  const lineBytesPerSecond = baud === null ? null : baud / 10;
  const ratio = lineBytesPerSecond === null ? null : Math.round((bytesPerSecond / lineBytesPerSecond) * 100) / 100;
  const measured = `${bytesPerSecond} bytes/s`;
  if (ratio === null || lineBytesPerSecond === null) return { bytesPerSecond, baud, lineBytesPerSecond, ratio, level: 'ok', words: `${measured} (no baud rate on this link)`, whatToDo: 'Nothing to do.' };
  const against = `${measured} against ${lineBytesPerSecond} bytes/s the line carries at ${baud} baud (${Math.round(ratio * 100)} %)`;
  if (ratio < 0.7) {
    return { bytesPerSecond, baud, lineBytesPerSecond, ratio, level: 'warn', words: `slow: ${against}`, whatToDo: 'The printer holds the line back (flow control) or the line is poor: check the cable, that flow control matches the printer (RTS/CTS), and try a higher baud rate set on both the printer and the kiosk.' };
  }
  if (ratio > 1.5) {
    return { bytesPerSecond, baud, lineBytesPerSecond, ratio, level: 'warn', words: `faster than the line: ${against}`, whatToDo: 'The link does not run at the configured baud rate (a USB adapter or virtual port that ignores it): check the printer\'s own baud setting matches the configuration.' };
  }
  return { bytesPerSecond, baud, lineBytesPerSecond, ratio, level: 'ok', words: against, whatToDo: 'Nothing to do.' };
}

export function linkBaud(printer: Printer): number | null {
  if (!(printer instanceof EscPosPrinter)) return null;
  const link: unknown = printer.connection;
  return link instanceof SerialLink ? link.baudRate : null;
}

/**
 * Sends about two seconds' worth of white raster (it feeds blank paper, no ink) in the
 * profile's own command and measures how fast the printer took it.
 */
export async function speedTest(printer: Printer, now: () => number = () => performance.now()): Promise<SpeedResult> {
  await ensureReady(printer, 'run the speed test');
  const encoder = encoderFor(printer.profile);
  const baud = linkBaud(printer);
  const target = speedTestBytes(baud);
  const rows = Math.max(1, Math.min(encoder.dialect.maxBandHeight, 240));
  const band: MonoBitmap = { width: printer.profile.widthDots, height: rows, bytesPerRow: printer.profile.widthDots / 8, data: new Uint8Array((printer.profile.widthDots / 8) * rows) };
  const chunk = encoder.rasterBand(band);
  const chunks: Uint8Array[] = [];
  for (let sent = 0; sent < target; sent += chunk.length) chunks.push(chunk);
  await send(printer, [encoder.initialize()]);
  const started = now();
  const bytes = await send(printer, chunks);
  // The printer answered a status question after the last byte: it is still there.
  await ensureReady(printer, 'finish the speed test');
  const seconds = (now() - started) / 1000;
  if (printer.profile.cutter) await send(printer, [encoder.cut(false)]);
  return { bytes, seconds, ...speedVerdict(bytes, seconds, baud) };
}

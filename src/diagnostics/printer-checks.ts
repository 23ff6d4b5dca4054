import type { Printer, PrinterStatusReport } from '../../device-drivers/printer/contract.ts';
import { EscPosPrinter } from '../../device-drivers/printer/escpos-printer.ts';
import { SerialLink } from '../../device-drivers/printer/links/serial-link.ts';
import { describeStatus } from '../../device-drivers/printer/status-parser.ts';
import { KioskError, toErrorData, type ErrorData } from '../core/errors.ts';
import { estimatePaper, type PaperCounts, type PaperSettings } from '../printing/paper-gauge.ts';
import { verdictOfError, verdictOfStatus, type PrinterVerdict } from './printer-words.ts';
import { OK_NOTHING_TO_DO, type CheckResult, type FactValue } from './report.ts';

/**
 * The printer section: how it is attached (link, profile, baud, flow control), its live status
 * in words with what to do, and the consumables (sheets and cards since the last refill). The
 * status question goes through the printer's one-user-at-a-time gate when there is one: while
 * a resident's job holds the printer the check says so and asks nothing (never interleaved).
 */
export interface PrinterAccess {
  /** Runs `job` only if nobody holds the printer; null when it is busy (the host's PrinterGate). */
  tryExclusive<T>(job: () => Promise<T>): Promise<T> | null;
}

export interface PrinterCheckOptions {
  readonly printer: Printer;
  /** Absent: the caller owns the printer alone (the CLI). */
  readonly access?: PrinterAccess;
  /** Sheets and cards since the last refill; absent when this process cannot read them. */
  readonly paperCounts?: () => PaperCounts;
  readonly paperSettings?: PaperSettings;
}

/** How the printer is attached, for the record. */
export function printerFacts(printer: Printer): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {
    link: printer.link,
    address: printer.describe(),
    profile: printer.profile.id,
    model: printer.profile.name,
    dpi: printer.profile.dpi,
    widthDots: printer.profile.widthDots,
    rasterCommand: printer.profile.raster.command,
  };
  if (printer instanceof EscPosPrinter) {
    facts['statusSource'] = printer.statusSource;
    facts['bufferClear'] = printer.profile.bufferClear === 'none' ? 'not used' : printer.bufferClearSupport;
    const link: unknown = printer.connection;
    if (link instanceof SerialLink) {
      facts['baud'] = link.baudRate;
      facts['flowControl'] = link.flowControl;
    }
  }
  return facts;
}

async function askStatus(printer: Printer): Promise<PrinterStatusReport> {
  if (printer.statusReport !== undefined) return printer.statusReport();
  const status = await printer.status();
  return { status, source: 'dle-eot', words: describeStatus(status) };
}

type Asked = { readonly kind: 'report'; readonly report: PrinterStatusReport } | { readonly kind: 'error'; readonly error: ErrorData } | { readonly kind: 'busy' };

async function ask(options: PrinterCheckOptions): Promise<Asked> {
  const run = async (): Promise<Asked> => {
    try {
      return { kind: 'report', report: await askStatus(options.printer) };
    } catch (error) {
      const data = error instanceof KioskError ? error.toErrorData() : toErrorData(new KioskError('PRINTER_NOT_RESPONDING', 'The printer did not answer.', { cause: error }));
      return { kind: 'error', error: data };
    }
  };
  if (options.access === undefined) return run();
  return (await options.access.tryExclusive(run)) ?? { kind: 'busy' };
}

function statusCheck(asked: Asked, printer: Printer): { check: CheckResult; nearEnd: boolean } {
  let verdict: PrinterVerdict;
  let facts: Record<string, FactValue> = {};
  if (asked.kind === 'busy') {
    verdict = { level: 'ok', words: 'printing a document right now: status not asked, so the print is not disturbed', whatToDo: 'Run the check again when the print has finished.' };
  } else if (asked.kind === 'error') {
    verdict = verdictOfError(asked.error);
    facts = { error: asked.error.message };
  } else {
    verdict = verdictOfStatus(asked.report);
    facts = { statusWords: asked.report.words, source: asked.report.source };
  }
  const check: CheckResult = {
    id: 'printer.status',
    label: `Printer status (${printer.profile.name})`,
    level: verdict.level,
    words: verdict.words,
    whatToDo: verdict.whatToDo,
    ...(verdict.code === undefined ? {} : { code: verdict.code }),
    facts,
  };
  return { check, nearEnd: asked.kind === 'report' && asked.report.status.paperNearEnd };
}

function consumablesCheck(options: PrinterCheckOptions, nearEnd: boolean): CheckResult {
  const label = 'Paper and cards since the last refill';
  if (options.paperCounts === undefined || options.paperSettings === undefined) {
    return { id: 'printer.consumables', label, level: 'ok', words: 'not counted: there is no print log in this data folder yet', whatToDo: OK_NOTHING_TO_DO };
  }
  let counts: PaperCounts;
  try {
    counts = options.paperCounts();
  } catch (error) {
    const data = toErrorData(error);
    return { id: 'printer.consumables', label, level: 'warn', words: `cannot be counted: ${data.message}`, whatToDo: data.hint ?? 'Check the print log (adm-kiosk log stats).', code: data.code };
  }
  const settings = options.paperSettings;
  const estimate = estimatePaper(counts, settings, nearEnd);
  const since = counts.refilledAt === null ? 'since the kiosk was installed (no refill recorded)' : `since the refill of ${counts.refilledAt}`;
  const left = estimate.sheetsLeft === null ? 'sheets left unknown (set consumables.paperSheetsPerRefill)' : `about ${estimate.sheetsLeft} sheet(s) left`;
  const cardsLeft = estimate.cardsLeft === null ? '' : `, about ${estimate.cardsLeft} card(s) left`;
  const facts: Record<string, FactValue> = { sheets: counts.sheets, cards: counts.cards, refilledAt: counts.refilledAt, sheetsLeft: estimate.sheetsLeft, cardsLeft: estimate.cardsLeft, lowSheets: settings.lowSheets };
  const words = `${counts.sheets} sheet(s) and ${counts.cards} card(s) printed ${since}; ${left}${cardsLeft}`;
  if (estimate.low) {
    return { id: 'printer.consumables', label, level: 'warn', words: `paper low: ${words}`, whatToDo: 'Load a new paper roll, then press "Paper refilled" so the count starts again.', facts };
  }
  return { id: 'printer.consumables', label, level: 'ok', words, whatToDo: OK_NOTHING_TO_DO, facts };
}

export async function checkPrinter(options: PrinterCheckOptions): Promise<CheckResult[]> {
  const { printer } = options;
  const link: CheckResult = {
    id: 'printer.link',
    label: 'Printer connection and profile',
    level: 'ok',
    words: `${printer.describe()}; profile ${printer.profile.id} (${printer.profile.widthDots} dots at ${printer.profile.dpi} dpi, ${printer.profile.raster.command})`,
    whatToDo: OK_NOTHING_TO_DO,
    facts: printerFacts(printer),
  };
  if (printer.link === 'file' || printer.link === 'emulator') {
    Object.assign(link, { level: 'warn', whatToDo: 'This is not a real printer (demo part): set printer.uri to serial:... or usblp:... on a production kiosk.' });
  }
  const { check, nearEnd } = statusCheck(await ask(options), printer);
  return [link, check, consumablesCheck(options, nearEnd)];
}

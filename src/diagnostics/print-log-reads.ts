import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NIK_KEY_FILE, paperUsed, PRINT_LOG_FILE, PrintLog } from '../print-log/index.ts';
import type { PaperCounts, PaperSettings } from '../printing/paper-gauge.ts';
import type { ChainState, LogCheckOptions } from './log-checks.ts';
import type { PrinterCheckOptions } from './printer-checks.ts';

/**
 * What diagnostics reads from the print log: pages printed since the last paper refill
 * (sheets for A4 documents, cards for KTP-el and KIA), jobs still open or waiting for review.
 * From a live log (the kiosk's own) or one opened read-only (the CLI).
 */
const ALL_TIME = { from: '2000-01-01', to: '2999-12-31' } as const;

/** The audit action that records a refill, with detail `sheets` or `cards` (the diagnostics and ops screens). */
export const REFILL_ACTION = 'refill';
export type RefillKind = 'sheets' | 'cards';

/** When paper of this kind was last refilled (the newest `refill` audit row for it); null: never recorded. */
export function lastRefill(log: PrintLog, kind: RefillKind): string | null {
  const used = paperUsed(log);
  return kind === 'sheets' ? used.sheetsRefilledAt : used.cardsRefilledAt;
}

/**
 * Paper used since the last refill of each kind, as the ops screen counts it (the print log's
 * `paperUsed`): A4 sheets are pages handed to the printer; cards are card documents (KTP-el,
 * KIA) of which a page was handed to the printer.
 */
export function countPaper(log: PrintLog): PaperCounts {
  const used = paperUsed(log);
  return { sheets: used.sheets, cards: used.cards, refilledAt: used.sheetsRefilledAt };
}

export function jobCounts(log: PrintLog): { open: number; needsReview: number } {
  const stats = log.stats(ALL_TIME);
  return {
    open: log.listUnsettled().length,
    needsReview: stats.rows.filter((r) => r.state === 'needs-review').reduce((n, r) => n + r.jobs, 0),
  };
}

export interface PrintLogReads {
  readonly paper: Pick<PrinterCheckOptions, 'paperCounts' | 'paperSettings'>;
  readonly log: Omit<LogCheckOptions, 'dataDir'>;
  close(): void;
}

/** Reads bound to a print log (the running kiosk's). `refilledAt` says when paper was last refilled. */
/** The hash chain's state in words (the print log's verifyChain). */
export function chainState(log: PrintLog): ChainState {
  const report = log.verifyChain();
  const bad = report.firstBad;
  return { ok: report.ok, rows: report.rows, words: bad === undefined ? 'intact' : `${bad.table} row ${bad.id}: ${bad.reason}` };
}

export function printLogReads(log: PrintLog, settings: PaperSettings): Omit<PrintLogReads, 'close'> {
  return {
    paper: { paperCounts: () => countPaper(log), paperSettings: settings },
    log: { printLogCounts: () => jobCounts(log) },
  };
}

/** The data folder's print log opened read-only for the CLI's checks; nothing when there is none yet. */
export function openPrintLogForChecks(dataDir: string, settings: PaperSettings): PrintLogReads {
  const file = join(dataDir, PRINT_LOG_FILE);
  if (!existsSync(file)) return { paper: {}, log: {}, close: () => undefined };
  let log: PrintLog;
  try {
    const keyFile = join(dataDir, NIK_KEY_FILE);
    log = PrintLog.openReadOnly(file, existsSync(keyFile) ? { nikKey: readFileSync(keyFile) } : {});
  } catch (error) {
    return {
      paper: {},
      log: {
        printLogCounts: () => {
          throw error;
        },
      },
      close: () => undefined,
    };
  }
  const reads = printLogReads(log, settings);
  return { paper: reads.paper, log: { ...reads.log, verifyChain: () => chainState(log) }, close: () => log.close() };
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_CATALOGUE, isDocumentType } from '../core/documents.ts';
import { NIK_KEY_FILE, PRINT_LOG_FILE, PrintLog } from '../print-log/index.ts';
import type { PaperCounts, PaperSettings } from '../printing/paper-gauge.ts';
import type { ChainState, LogCheckOptions } from './log-checks.ts';
import type { PrinterCheckOptions } from './printer-checks.ts';

/**
 * What diagnostics reads from the print log: pages printed since the last paper refill
 * (sheets for A4 documents, cards for KTP-el and KIA), jobs still open or waiting for review.
 * From a live log (the kiosk's own) or one opened read-only (the CLI).
 */
const ALL_TIME = { from: '2000-01-01', to: '2999-12-31' } as const;

/** Sheets and cards printed (pages done) since `since` (ISO 8601; null: ever). */
export function countPaper(log: PrintLog, since: string | null): PaperCounts {
  let sheets = 0;
  let cards = 0;
  // Jobs are selected by their creation day; a job created the day before the refill may have printed after it.
  const from = since === null ? ALL_TIME.from : new Date(Date.parse(since) - 2 * 86_400_000).toISOString().slice(0, 10);
  for (const job of log.iterateJobs({ from, to: ALL_TIME.to })) {
    if (since !== null && job.updatedAt < since) continue;
    if (!isDocumentType(job.documentType)) continue;
    if (DOCUMENT_CATALOGUE[job.documentType].medium === 'card') cards += job.pagesDone;
    else sheets += job.pagesDone;
  }
  return { sheets, cards, refilledAt: since };
}

/** The audit action that records a paper refill (the diagnostics screen's "Paper refilled", the ops screen's refill). */
export const REFILL_ACTION = 'refill';

/** When paper was last refilled (the newest `refill` audit row); null: never recorded. */
export function lastRefill(log: PrintLog): string | null {
  return log.lastAudit(REFILL_ACTION)?.at ?? null;
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

export function printLogReads(log: PrintLog, settings: PaperSettings, refilledAt: () => string | null): Omit<PrintLogReads, 'close'> {
  return {
    paper: { paperCounts: () => countPaper(log, refilledAt()), paperSettings: settings },
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
  const reads = printLogReads(log, settings, () => lastRefill(log));
  return { paper: reads.paper, log: { ...reads.log, verifyChain: () => chainState(log) }, close: () => log.close() };
}

import type { ChainReport } from './chain-verify.ts';
import type { PrintLog } from './print-log.ts';

/**
 * The print log's chain state for `adm-kiosk log verify`, start-up and diagnostics:
 * `{ ok, rows, jobs, head, firstBad?: { table, id, reason } }`. The log must have been opened
 * with its key (`PrintLog.open`, or `openReadOnly(file, { nikKey })`).
 */
export function verifyChain(log: PrintLog): ChainReport {
  return log.verifyChain();
}

export { PrintLog, type AuditEntry, type JobFilter, type PrintLogOptions, type JobEnding, type NewPrintJob, type PrintIntent, type PrintJob, type PrintEvent, type PrintStats, type PrintStatsRow } from './print-log.ts';
export { PRINT_JOB_STATES, ACTIVE_STATES, FINAL_STATES, PIN_STATES, UNSETTLED_PIN_STATES, canTransition, canChangePin, isPrintJobState, isActiveState, type PinState, type PrintJobState } from './lifecycle.ts';
export { loadOrCreateNikKey, readNikKey, NIK_KEY_FILE, NIK_KEY_BYTES } from './nik-key.ts';
export { exportJobs, exportChunks, csvField, csvLine, toLocalIso, UTF8_BOM, EXPORT_COLUMNS, EXPORT_FORMATS, type ExportFormat, type ExportOptions } from './export.ts';
export { parseUtcOffset, formatUtcOffset, rangeToUtc, WIB_OFFSET_MINUTES, type DateRange } from './dates.ts';
export { hashNik, scrubText } from './privacy.ts';
export { migrate, schemaVersion } from './migrate.ts';
export { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations/index.ts';

/** The log's file name inside the kiosk's data folder. */
export const PRINT_LOG_FILE = 'print-log.sqlite';
export { verifyChain } from './verify.ts';
export type { ChainBreak, ChainReport } from './chain-verify.ts';
export { AUDIT_ACTORS, type AuditActor } from './log-store.ts';
export { chainRowsAfter, dailyReport, listAudit, logTotals, paperUsed, FAILURE_STATES, type LogTotals, type ChainRow, type DailyReport, type DayCounts, type PaperUsed } from './reports.ts';

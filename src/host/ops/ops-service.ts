import type { ExportStatus, OpsHandlers, OpsOverview } from '../../api/ops-contract.ts';
import { KioskError, toErrorData } from '../../core/errors.ts';
import { dailyReport, paperUsed, rangeToUtc, type PrintLog } from '../../print-log/index.ts';
import { exportFileName, exportToDrive } from './drive-export.ts';
import { findDrive, listDrives } from './drives.ts';

export interface OpsDeps {
  readonly printLog: PrintLog;
  readonly kioskId: string;
  readonly driveRoots: readonly string[];
  readonly utcOffsetMinutes: number;
  /** Technical errors for the application log. */
  readonly report: (context: string, error: unknown) => void;
}

/** The longest range the ops screen charts (one bar per day). */
export const MAX_OVERVIEW_DAYS = 400;

/**
 * The ops contract's handlers: counts and paper from the print log, removable drives, and one
 * export at a time in the background (its status polled with getExport). Refills and exports
 * are audited (actor `ops`).
 */
export class OpsService implements OpsHandlers {
  private status: ExportStatus | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: OpsDeps) {}

  getOverview(input: { from: string; to: string }): Promise<OpsOverview> {
    return settle(() => {
      const range = this.range(input);
      const report = dailyReport(this.deps.printLog, range);
      return {
        kioskId: this.deps.kioskId,
        ...report,
        days: report.days.map((day) => ({ day: day.day, printed: { ...day.printed }, failures: { ...day.failures } })),
        totals: { ...report.totals },
        failureCodes: [...report.failureCodes],
        paper: paperUsed(this.deps.printLog),
      };
    });
  }

  refillPaper(input: { kind: 'sheets' | 'cards' }) {
    return settle(() => {
      this.deps.printLog.audit({ actor: 'ops', action: 'refill', detail: input.kind });
      return paperUsed(this.deps.printLog);
    });
  }

  listDrives() {
    return settle(() => listDrives(this.deps.driveRoots));
  }

  startExport(input: { from: string; to: string; drive: string; bom: boolean }): Promise<ExportStatus> {
    return settle(() => {
      if (this.status?.state === 'running') throw new KioskError('SESSION_STATE', 'An export is already running.', { hint: 'Wait until it has finished.' });
      const range = this.range(input);
      const drive = findDrive(this.deps.driveRoots, input.drive);
      if (drive === undefined) throw new KioskError('EXPORT_DRIVE_NOT_FOUND', 'That drive is not mounted (any more).', { hint: 'Plug the USB drive in again and pick it from the list.' });
      const status: ExportStatus = {
        state: 'running',
        from: range.from,
        to: range.to,
        drive: drive.path,
        fileName: exportFileName(this.deps.kioskId, range.from, range.to),
        rowsWritten: 0,
        totalRows: 0,
        sha256: null,
        error: null,
      };
      this.status = status;
      this.running = this.run(status, input.bom).finally(() => {
        this.running = null;
      });
      return status;
    });
  }

  getExport(): Promise<ExportStatus | null> {
    return Promise.resolve(this.status);
  }

  /** Waits for an export under way (the kiosk stops; tests). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async run(status: ExportStatus, bom: boolean): Promise<void> {
    const detail = `${status.from}..${status.to} to ${status.drive}`;
    try {
      const result = await exportToDrive({
        logFile: this.deps.printLog.file,
        drivePath: status.drive,
        kioskId: this.deps.kioskId,
        from: status.from,
        to: status.to,
        utcOffsetMinutes: this.deps.utcOffsetMinutes,
        bom,
        onProgress: (rowsWritten, totalRows) => {
          if (this.status === status || this.status?.state === 'running') this.status = { ...status, rowsWritten, totalRows };
        },
      });
      this.status = { ...status, state: 'done', fileName: result.fileName, rowsWritten: result.rows, totalRows: result.rows, sha256: result.sha256 };
      this.audit('export', `${detail}: ${result.fileName}, ${result.rows} rows, sha256 ${result.sha256}`);
    } catch (error) {
      this.deps.report('ops export', error);
      this.status = { ...(this.status ?? status), state: 'failed', error: toErrorData(error) };
      this.audit('export-failed', `${detail}: ${toErrorData(error).code}`);
    }
  }

  private audit(action: string, detail: string): void {
    try {
      this.deps.printLog.audit({ actor: 'ops', action, detail });
    } catch (error) {
      this.deps.report('ops audit', error);
    }
  }

  private range(input: { from: string; to: string }): { from: string; to: string; utcOffsetMinutes: number } {
    const range = { from: input.from, to: input.to, utcOffsetMinutes: this.deps.utcOffsetMinutes };
    rangeToUtc(range);
    const days = (Date.parse(`${input.to}T00:00:00Z`) - Date.parse(`${input.from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days > MAX_OVERVIEW_DAYS) throw new KioskError('ARGUMENT_INVALID', `The range has ${days} days; the ops screen shows at most ${MAX_OVERVIEW_DAYS}.`, { hint: 'Pick a shorter range.' });
    return range;
  }
}

function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

import { createHash } from 'node:crypto';
import { open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { KioskError } from '../../core/errors.ts';
import { exportChunks, PrintLog } from '../../print-log/index.ts';

export interface DriveExportRequest {
  /** The print log file (read through a connection of its own: the kiosk keeps logging meanwhile). */
  readonly logFile: string;
  readonly drivePath: string;
  readonly kioskId: string;
  readonly from: string;
  readonly to: string;
  readonly utcOffsetMinutes: number;
  readonly bom: boolean;
  /** Called after each block written: rows so far of all. */
  readonly onProgress?: (rowsWritten: number, totalRows: number) => void;
}

export interface DriveExportResult {
  readonly fileName: string;
  readonly rows: number;
  readonly sha256: string;
}

const BLOCK = 256 * 1024;

export function exportFileName(kioskId: string, from: string, to: string): string {
  return `adm-kiosk_${kioskId}_${from}_${to}.csv`;
}

/**
 * Writes the range's print log as CSV to a removable drive so that a file with the final name
 * is always complete: it is written under a temporary name (`.<name>.partial`), synced to the
 * drive, renamed, and the folder synced; a `<name>.sha256` beside it (sha256sum's format) lets
 * anyone check it later. A drive pulled or full mid-way fails with EXPORT_FAILED and leaves no
 * file under the final name. Yields to the event loop after each block, so the kiosk keeps
 * serving while a long export runs.
 */
export async function exportToDrive(request: DriveExportRequest): Promise<DriveExportResult> {
  const fileName = exportFileName(request.kioskId, request.from, request.to);
  const finalPath = join(request.drivePath, fileName);
  const tempPath = join(request.drivePath, `.${fileName}.partial`);
  const range = { from: request.from, to: request.to, utcOffsetMinutes: request.utcOffsetMinutes };
  const log = PrintLog.openReadOnly(request.logFile);
  let handle: FileHandle | undefined;
  try {
    const total = log.stats(range).jobs;
    handle = await open(tempPath, 'w', 0o644);
    const hash = createHash('sha256');
    let pending: string[] = [];
    let size = 0;
    let rows = 0;
    const flush = async () => {
      const bytes = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      size = 0;
      hash.update(bytes);
      await handle?.write(bytes);
      request.onProgress?.(rows, total);
      await new Promise((resolve) => setImmediate(resolve));
    };
    for (const chunk of exportChunks(log, { ...range, format: 'csv', bom: request.bom })) {
      pending.push(chunk.text);
      size += chunk.text.length;
      rows += chunk.rows;
      if (size >= BLOCK) await flush();
    }
    await flush();
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tempPath, finalPath);
    await syncFolder(request.drivePath);
    const sha256 = hash.digest('hex');
    await writeFile(join(request.drivePath, `${fileName}.sha256`), `${sha256}  ${fileName}\n`, { flush: true });
    await syncFolder(request.drivePath);
    return { fileName, rows, sha256 };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(tempPath, { force: true }).catch(() => undefined);
    if (error instanceof KioskError && error.code !== 'PRINT_LOG_ERROR') throw error;
    throw new KioskError('EXPORT_FAILED', `The export to ${request.drivePath} did not finish; no file named ${fileName} was left on the drive.`, {
      hint: 'Check that the drive is plugged in, writable and has free space, then export again.',
      cause: error,
    });
  } finally {
    log.close();
  }
}

async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

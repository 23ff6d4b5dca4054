import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../print-log/index.ts';
import { newJob, openLog, useTempDir } from '../../print-log/test-support.ts';
import { exportToDrive } from './drive-export.ts';
import { listDrives } from './drives.ts';
import { OpsService } from './ops-service.ts';

const tempDir = useTempDir();

/** A log over three WIB days: KK printed (2 pages), KTP printed, a KK failed on paper end, a KIA needing review. */
function seeded() {
  const dir = tempDir();
  const { log, clock } = openLog(join(dir, 'print-log.sqlite'));
  clock.set(Date.parse('2024-05-01T02:00:00.000Z'));
  const kk = log.createJob(newJob({ documentId: 'kk-1', authorizationId: 'a1' }));
  log.markRendering(kk.id);
  log.markPrinting(kk.id, { pageCount: 2 });
  log.markPrinted(kk.id);
  const ktp = log.createJob(newJob({ documentType: 'ktp', documentId: 'ktp-1', authorizationId: 'a2' }));
  log.markRendering(ktp.id);
  log.markPrinting(ktp.id, { pageCount: 2 });
  log.markPrinted(ktp.id);
  clock.set(Date.parse('2024-05-02T18:00:00.000Z')); // 2024-05-03 01:00 WIB
  const failed = log.createJob(newJob({ documentId: 'kk-2', authorizationId: 'a3' }));
  log.markFailed(failed.id, { code: 'PRINTER_PAPER_END', message: 'out of paper' });
  const review = log.createJob(newJob({ documentType: 'kia', documentId: 'kia-1', authorizationId: 'a4' }));
  log.markNeedsReview(review.id, { code: 'PRINTER_NOT_RESPONDING', message: 'silent' }, { pagesHanded: 1 });
  const roots = join(dir, 'media');
  mkdirSync(join(roots, 'ops', 'USB-DUKCAPIL'), { recursive: true });
  writeFileSync(join(roots, 'ops', 'not-a-drive.txt'), 'x');
  const ops = new OpsService({ printLog: log, kioskId: 'ADM-3201-01', driveRoots: [roots], utcOffsetMinutes: 420, report: () => undefined });
  return { dir, log, clock, ops, roots, drive: join(roots, 'ops', 'USB-DUKCAPIL') };
}

describe('ops service', () => {
  it('overview: prints per day by document type, failures per day by code, every day of the range, in the kiosk’s days', async () => {
    const { ops, log } = seeded();
    const overview = await ops.getOverview({ from: '2024-05-01', to: '2024-05-03' });
    expect(overview.days).toEqual([
      { day: '2024-05-01', printed: { kk: 1, ktp: 1 }, failures: {} },
      { day: '2024-05-02', printed: {}, failures: {} },
      { day: '2024-05-03', printed: {}, failures: { PRINTER_PAPER_END: 1, PRINTER_NOT_RESPONDING: 1 } },
    ]);
    expect(overview.totals).toEqual({ jobs: 4, printed: 2, failed: 2, pages: 4 });
    expect(overview.failureCodes).toEqual(['PRINTER_NOT_RESPONDING', 'PRINTER_PAPER_END']);
    expect(JSON.stringify(overview)).not.toMatch(/\d{6}\*{8}/);
    await expect(ops.getOverview({ from: '2024-05-03', to: '2024-05-01' })).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
    await expect(ops.getOverview({ from: '2020-01-01', to: '2024-01-01' })).rejects.toThrow(/at most 400/);
    log.close();
  });

  it('paper since the last refill: sheets (A4 pages handed) and cards; a refill starts the count again and is audited', async () => {
    const { ops, log, clock } = seeded();
    expect((await ops.getOverview({ from: '2024-05-01', to: '2024-05-01' })).paper).toMatchObject({ sheets: 2, cards: 2, sheetsRefilledAt: null });
    clock.advance(60_000);
    const after = await ops.refillPaper({ kind: 'sheets' });
    expect(after).toMatchObject({ sheets: 0, cards: 2, sheetsRefilledAt: '2024-05-02T18:01:00.000Z', cardsRefilledAt: null });
    expect(listAudit(log, { from: '2024-05-01', to: '2024-05-31' }).map((row) => `${row.actor} ${row.action} ${row.detail ?? ''}`)).toEqual(['ops refill sheets']);
    log.close();
  });

  it('lists the drives under <root>/<user>/<label> and exports only to one of them', async () => {
    const { ops, log, drive } = seeded();
    expect((await ops.listDrives()).map((d) => [d.path, d.name])).toEqual([[drive, 'USB-DUKCAPIL']]);
    await expect(ops.startExport({ from: '2024-05-01', to: '2024-05-31', drive: '/tmp', bom: true })).rejects.toMatchObject({ code: 'EXPORT_DRIVE_NOT_FOUND' });
    log.close();
  });

  it('exports to the drive: the whole file under its final name, a sha256 beside it, no temporary file, the row count, audited', async () => {
    const { ops, log, drive } = seeded();
    const started = await ops.startExport({ from: '2024-05-01', to: '2024-05-31', drive, bom: true });
    expect(started).toMatchObject({ state: 'running', fileName: 'adm-kiosk_ADM-3201-01_2024-05-01_2024-05-31.csv' });
    await expect(ops.startExport({ from: '2024-05-01', to: '2024-05-31', drive, bom: true })).rejects.toMatchObject({ code: 'SESSION_STATE' });
    await ops.idle();
    const done = await ops.getExport();
    expect(done).toMatchObject({ state: 'done', rowsWritten: 4, totalRows: 4, error: null });
    const bytes = readFileSync(join(drive, 'adm-kiosk_ADM-3201-01_2024-05-01_2024-05-31.csv'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8').trim().split('\r\n')).toHaveLength(5);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(done?.sha256).toBe(sha);
    expect(readFileSync(join(drive, 'adm-kiosk_ADM-3201-01_2024-05-01_2024-05-31.csv.sha256'), 'utf8')).toBe(`${sha}  adm-kiosk_ADM-3201-01_2024-05-01_2024-05-31.csv\n`);
    expect(readdirSync(drive).sort()).toEqual(['adm-kiosk_ADM-3201-01_2024-05-01_2024-05-31.csv', 'adm-kiosk_ADM-3201-01_2024-05-01_2024-05-31.csv.sha256']);
    expect(listAudit(log, { from: '2024-05-01', to: '2024-05-31' }).at(-1)).toMatchObject({ actor: 'ops', action: 'export', detail: expect.stringContaining('4 rows') as unknown });
    expect(log.verifyChain().ok).toBe(true);
    log.close();
  });

  it('a drive pulled mid-export: EXPORT_FAILED, and no file claims to be the complete export', async () => {
    const { log, drive } = seeded();
    let pulled = false;
    const attempt = exportToDrive({
      logFile: log.file,
      drivePath: drive,
      kioskId: 'ADM-3201-01',
      from: '2024-05-01',
      to: '2024-05-31',
      utcOffsetMinutes: 420,
      bom: false,
      onProgress: () => {
        if (pulled) return;
        pulled = true;
        rmSync(drive, { recursive: true, force: true });
      },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'EXPORT_FAILED', message: expect.stringContaining('no file named adm-kiosk_ADM-3201-01_2024-05-01_2024-05-31.csv was left') as unknown });
    expect(existsSync(join(drive, 'adm-kiosk_ADM-3201-01_2024-05-01_2024-05-31.csv'))).toBe(false);
    // The drive comes back (plugged in again, empty of our files): the export works then.
    mkdirSync(drive, { recursive: true });
    await expect(exportToDrive({ logFile: log.file, drivePath: drive, kioskId: 'ADM-3201-01', from: '2024-05-01', to: '2024-05-31', utcOffsetMinutes: 420, bom: false })).resolves.toMatchObject({ rows: 4 });
    log.close();
  });

  it('finds no drives when the roots do not exist', () => {
    expect(listDrives(['/nonexistent-media-root'])).toEqual([]);
  });
});

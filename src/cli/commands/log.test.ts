import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newJob, openLog, useTempDir } from '../../print-log/test-support.ts';
import { fakeIo } from '../testing.ts';
import { logExportCommand, logStatsCommand } from './log.ts';

const tempDir = useTempDir();

/** A data folder with a print log: 2 KK (1 printed, 1 failed) and 1 KIA on 2024-05-01 WIB, 1 KK on 2024-05-03 WIB. */
function dataDirWithLog(): string {
  const dir = tempDir();
  const { log, clock } = openLog(join(dir, 'print-log.sqlite'));
  const printed = log.createJob(newJob({ documentId: 'kk-1', authorizationId: 'a1' }));
  log.markRendering(printed.id);
  log.markPrinting(printed.id, { pageCount: 2 });
  log.markPrinted(printed.id);
  const failed = log.createJob(newJob({ documentId: 'kk-2', authorizationId: 'a2' }));
  log.markFailed(failed.id, { code: 'RENDER_FAILED', message: 'Template "kk" failed, twice' });
  const kia = log.createJob(newJob({ documentType: 'kia', documentId: 'kia-1', authorizationId: 'a3' }));
  log.markRendering(kia.id);
  log.markPrinting(kia.id, { pageCount: 2 });
  log.markPrinted(kia.id);
  clock.advance(2 * 86_400_000);
  log.createJob(newJob({ documentId: 'kk-3', authorizationId: 'a4' }));
  log.close();
  return dir;
}

describe('adm-kiosk log export', () => {
  it('writes CSV to standard output and a summary to standard error', async () => {
    const dir = dataDirWithLog();
    const io = fakeIo();
    expect(await logExportCommand.run(['--from', '2024-05-01', '--to', '2024-05-02', '--data-dir', dir], io)).toBe(0);
    const lines = io.out().split('\r\n');
    expect(lines[0]).toMatch(/^job_id,created_at,/);
    expect(lines.slice(1, -1).map((line) => line.split(',')[5])).toEqual(['kk-1', 'kk-2', 'kia-1']);
    expect(io.out()).toContain('"Template ""kk"" failed, twice"');
    expect(io.err()).toBe('Exported 3 print jobs created on 2024-05-01 to 2024-05-02, WIB (UTC+07:00).\n');
  });

  it('writes NDJSON to --out, finding the log through ADM_KIOSK_DATA_DIR', async () => {
    const dir = dataDirWithLog();
    const outDir = tempDir();
    const file = join(outDir, 'mei.ndjson');
    const io = fakeIo({ ADM_KIOSK_DATA_DIR: dir });
    expect(await logExportCommand.run(['--from', '2024-05-01', '--to', '2024-05-31', '--format', 'ndjson', '--out', file], io)).toBe(0);
    const rows = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { document_id: string; state: string });
    expect(rows.map((row) => [row.document_id, row.state])).toEqual([
      ['kk-1', 'printed'],
      ['kk-2', 'failed'],
      ['kia-1', 'printed'],
      ['kk-3', 'authorized'],
    ]);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(`Exported 4 print jobs created on 2024-05-01 to 2024-05-31, WIB (UTC+07:00) to ${file}.\n`);
    expect(readdirSync(outDir)).toEqual(['mei.ndjson']);
  });

  it('exits 0 with a note when no job matched, the CSV holding only its header', async () => {
    const io = fakeIo();
    expect(await logExportCommand.run(['--from', '2023-01-01', '--to', '2023-01-01', '--data-dir', dataDirWithLog(), '--tz', 'WITA'], io)).toBe(0);
    expect(io.out().split('\r\n')).toHaveLength(2);
    expect(io.err()).toBe('No print jobs were created on 2023-01-01, WITA (UTC+08:00); the export is empty but for the header row.\n');
  });

  it('exits 1 naming the path when there is no log, and creates nothing', async () => {
    const dir = join(tempDir(), 'wrong');
    mkdirSync(dir);
    const io = fakeIo();
    expect(await logExportCommand.run(['--from', '2024-05-01', '--to', '2024-05-02', '--data-dir', dir, '--out', join(dir, 'x.csv')], io)).toBe(1);
    expect(io.err()).toContain(`There is no print log at ${join(dir, 'print-log.sqlite')}.`);
    expect(io.err()).toContain('--data-dir');
    expect(io.out()).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 1 when the output folder does not exist, leaving no partial file', async () => {
    const io = fakeIo();
    const out = join(tempDir(), 'no-usb', 'x.csv');
    expect(await logExportCommand.run(['--from', '2024-05-01', '--to', '2024-05-02', '--data-dir', dataDirWithLog(), '--out', out], io)).toBe(1);
    expect(io.err()).toContain(`Cannot write the export to ${out}.`);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--from', '2024-05-03', '--to', '2024-05-01'], '--from (2024-05-03) is after --to (2024-05-01).'],
    [['--to', '2024-05-01'], '--from is required'],
    [['--from', '2024-02-30', '--to', '2024-05-01'], '--from must be a date as YYYY-MM-DD, got "2024-02-30".'],
    [['--from', '2024-05-01', '--to', '2024-05-01', '--format', 'xlsx'], '--format must be csv or ndjson, got "xlsx".'],
    [['--from', '2024-05-01', '--to', '2024-05-01', '--tz', 'Mars'], '--tz: The time zone "Mars" is not understood.'],
    [['--from', '2024-05-01', '--to', '2024-05-01', '--bogus'], 'bogus'],
  ])('exits 2 on bad arguments %j', async (args, message) => {
    const io = fakeIo();
    expect(await logExportCommand.run([...args, '--data-dir', tempDir()], io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err()).toMatch(/^adm-kiosk: /);
    expect(io.err()).toContain('See: adm-kiosk log export --help');
  });

  it('prints its help with --help', async () => {
    const io = fakeIo();
    expect(await logExportCommand.run(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: adm-kiosk log export --from YYYY-MM-DD --to YYYY-MM-DD');
  });
});

describe('adm-kiosk log stats', () => {
  it('prints a table of jobs per document type and state, with pages', async () => {
    const io = fakeIo();
    expect(await logStatsCommand.run(['--from', '2024-05-01', '--to', '2024-05-01', '--data-dir', dataDirWithLog()], io)).toBe(0);
    expect(io.out()).toBe(
      [
        'Print jobs created on 2024-05-01, WIB (UTC+07:00): 3 jobs, 4 pages printed.',
        '',
        'document type  printed  failed  jobs  pages',
        'kia                  1       0     1      2',
        'kk                   1       1     2      2',
        'all                  2       1     3      4',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --json', async () => {
    const io = fakeIo();
    expect(await logStatsCommand.run(['--from', '2024-05-01', '--to', '2024-05-03', '--json', '--data-dir', dataDirWithLog()], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      from: '2024-05-01',
      to: '2024-05-03',
      utcOffsetMinutes: 420,
      jobs: 4,
      pages: 4,
      byState: { printed: 2, failed: 1, authorized: 1 },
      byDocumentType: { kia: { jobs: 1, pages: 2, states: { printed: 1 } }, kk: { jobs: 3, pages: 2, states: { authorized: 1, printed: 1, failed: 1 } } },
    });
  });

  it('exits 1 without a log and 2 on a reversed range', async () => {
    const missing = fakeIo();
    expect(await logStatsCommand.run(['--from', '2024-05-01', '--to', '2024-05-01', '--data-dir', tempDir()], missing)).toBe(1);
    expect(missing.err()).toContain('There is no print log at');
    const reversed = fakeIo();
    expect(await logStatsCommand.run(['--from', '2024-05-02', '--to', '2024-05-01', '--data-dir', tempDir()], reversed)).toBe(2);
  });
});

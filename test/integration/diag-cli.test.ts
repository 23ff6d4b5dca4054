import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DiagReport } from '../../src/diagnostics/report.ts';
import { writeHealthSnapshot } from '../../src/host/health-snapshot.ts';
import { DataDirLock } from '../../src/host/data-dir-lock.ts';
import { listAudit, PRINT_LOG_FILE, PrintLog } from '../../src/print-log/index.ts';
import { cli, createLab, tempDir } from './serial-rig.ts';

/**
 * Issue 13, "done means" for the command line: with the emulator (a real `adm-kiosk emulator`
 * process on one end of a socat pty pair) injecting each printer fault in turn, `adm-kiosk
 * diag --json --printer serial:<other end>` names the problem in words a technician
 * understands, says what to do, and exits 1 (0 for paper near end, a warning). test-print's
 * page comes out of the same emulator with its QR code readable.
 */
type JsQr = typeof jsqrModule.default;
const jsQR: JsQr = typeof (jsqrModule as unknown) === 'function' ? (jsqrModule as unknown as JsQr) : jsqrModule.default;

const lab = createLab();
afterEach(() => lab.cleanUp());
afterAll(() => lab.cleanUp());

function printerStatus(report: DiagReport) {
  const check = report.sections.find((s) => s.id === 'printer')?.checks.find((c) => c.id === 'printer.status');
  if (check === undefined) throw new Error('no printer.status in the report');
  return check;
}

describe('adm-kiosk diag --json with the emulator injecting each printer fault', () => {
  it.each([
    ['paper-end', 1, 'broken', /out of paper/, /Load a new paper roll/],
    ['cover-open', 1, 'broken', /cover open/, /Close the printer cover/],
    ['head-hot', 1, 'broken', /print head too hot/, /cool down/],
    ['cutter-error', 1, 'broken', /cutter error/, /cutter blade/],
    ['silent', 1, 'broken', /does not answer/, /baud rate/],
    ['near-end', 0, 'warn', /paper near end/, /load a new roll/],
  ] as const)('%s: exit %i, %s, named and what to do', async (fault, exit, level, words, whatToDo) => {
    const dir = tempDir('adm-diag-cli-');
    const rig = await lab.startEmulator({ dir, faults: [`${fault}-after=0`] });
    const run = await cli(['diag', '--json', '--printer', `serial:${rig.device}?baud=115200`, '--data-dir', join(dir, 'data')]);
    expect(run.status, run.stderr).toBe(exit);
    const report = JSON.parse(run.stdout) as DiagReport;
    const status = printerStatus(report);
    expect(status.level).toBe(level);
    expect(status.words).toMatch(words);
    expect(status.whatToDo).toMatch(whatToDo);
    expect(report.level).toBe(level);
    expect(report.sections.map((s) => s.id)).toEqual(['reader', 'printer', 'registry', 'system', 'log']);
    expect(report.sections.find((s) => s.id === 'printer')?.checks[0]?.facts).toMatchObject({ link: 'serial', baud: 115200, flowControl: 'rtscts' });
  });

  it('a real adm-kiosk diag process: a ready printer exits 0; the text report names every section', async () => {
    const dir = tempDir('adm-diag-cli-');
    const rig = await lab.startEmulator({ dir });
    const run = await lab.run(['diag', '--printer', `serial:${rig.device}?baud=115200`, '--data-dir', join(dir, 'data')]);
    expect(run.status, run.stderr).toBe(0);
    for (const title of ['Card reader', 'Printer', 'Registry', 'System', 'Logs']) expect(run.stdout).toContain(`\n${title} [`);
    expect(run.stdout).toMatch(/ok {5}Printer status .*: ready/);
  });

  it('a printer that is not there: broken, not connected, exit 1', async () => {
    const dir = tempDir('adm-diag-cli-');
    const run = await cli(['diag', '--json', '--printer', `serial:${join(dir, 'no-such-tty')}`, '--data-dir', join(dir, 'data')]);
    expect(run.status).toBe(1);
    expect(printerStatus(JSON.parse(run.stdout) as DiagReport)).toMatchObject({ level: 'broken', words: 'not connected', code: 'PRINTER_DISCONNECTED' });
  });

  it('beside a running kiosk it opens neither printer nor reader and reports the kiosk\'s own view', async () => {
    const dir = tempDir('adm-diag-cli-');
    const dataDir = join(dir, 'data');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ printer: { uri: `serial:${join(dir, 'kiosk-tty')}` } }));
    // Stands in for the running kiosk: the lock held by this process and its health file.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    const lock = DataDirLock.acquire(dataDir, 'start');
    try {
      writeHealthSnapshot(dataDir, { inService: false, problems: [{ part: 'printer', error: { code: 'PRINTER_COVER_OPEN', message: 'The printer cover is open.' } }, { part: 'card-reader', error: { code: 'CARD_READER_ERROR', message: 'The card reader is not connected.' } }] }, new Date('2026-11-20T03:00:00Z'));
      const run = await cli(['diag', '--json', '--config', config, '--data-dir', dataDir]);
      expect(run.status).toBe(1);
      const report = JSON.parse(run.stdout) as DiagReport;
      const status = printerStatus(report);
      expect(status.words).toMatch(/^cover open \(as adm-kiosk start \(pid \d+ .* saw it at 2026-11-20T03:00:00.000Z\)$/);
      expect(status.whatToDo).toMatch(/Close the printer cover/);
      const reader = report.sections.find((s) => s.id === 'reader')?.checks[0];
      expect(reader).toMatchObject({ level: 'broken' });
      expect(reader?.words).toMatch(/not connected/);
    } finally {
      lock.release();
    }
  });
});

describe('adm-kiosk test-print', () => {
  it('prints the test page on a serial printer; the emulator\'s page carries the QR code with kiosk, profile and geometry', async () => {
    const dir = tempDir('adm-diag-cli-');
    const rig = await lab.startEmulator({ dir, profile: 'generic-a4-203' });
    const run = await cli(['test-print', '--printer', `serial:${rig.device}?baud=115200`, '--json', '--data-dir', join(dir, 'data')]);
    expect(run.status, run.stderr).toBe(0);
    const log = PrintLog.openReadOnly(join(dir, 'data', PRINT_LOG_FILE));
    expect(listAudit(log, { from: '2000-01-01', to: '2100-01-01' }).map((r) => [r.actor, r.action])).toEqual([['technician', 'test-print']]);
    log.close();
    const outcome = JSON.parse(run.stdout) as { qr: string; bytes: number };
    expect(outcome.qr).toMatch(/^ADM-TEST\|ADM-DEMO-01\|generic-a4-203\|1728x203\|\d{4}-\d\d-\d\dT/);
    await rig.emulator.waitForOutput(/page 0001: 1728x\d+ dots, ended by cut/);
    const page = PNG.sync.read(readFileSync(join(rig.outDir, readdirSync(rig.outDir)[0] ?? '')));
    expect(jsQR(new Uint8ClampedArray(page.data), page.width, page.height)?.data).toBe(outcome.qr);
  });

  it('refuses on paper end, naming it and what to do (exit 1)', async () => {
    const dir = tempDir('adm-diag-cli-');
    const rig = await lab.startEmulator({ dir, faults: ['paper-end-after=0'] });
    const run = await cli(['test-print', '--printer', `serial:${rig.device}?baud=115200`, '--data-dir', join(dir, 'data')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The printer cannot print the test page: out of paper (paper end).');
    expect(run.stderr).toMatch(/Load a new paper roll/);
  });

  it('--strips lists each strip with the raster setting and the profiles that use it', async () => {
    const dir = tempDir('adm-diag-cli-');
    const rig = await lab.startEmulator({ dir });
    const run = await cli(['test-print', '--strips', '--printer', `serial:${rig.device}?baud=115200`, '--data-dir', join(dir, 'data')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/4: ESC \* \(24-dot\) pieces placed with ESC \$ {2}-> {2}raster.command "esc-star", raster.segments true; profiles: generic-a4-203/);
    expect(run.stdout).toMatch(/2: GS \( L.*profiles: generic-a4-203-gs-l/);
  });

  it('--printer is required (exit 2)', async () => {
    const run = await cli(['test-print']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--printer is required');
  });
});

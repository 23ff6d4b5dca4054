import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type RunningKiosk } from '../e2e/kiosk-process.ts';
import { cli, createLab, demoHolder, printLog, tempDir, type Lab } from './serial-rig.ts';

/**
 * One kiosk per data folder, with real processes: a kiosk (`adm-kiosk start`) holds the
 * folder; a second start, a print and a demo reset on it are refused naming the kiosk;
 * read-only commands work beside it; and once the kiosk is killed with SIGKILL the OS has
 * dropped its lock, so the next writer gets the folder without anyone cleaning up.
 */
let kiosk: RunningKiosk;
let lab: Lab;
const dataDir = tempDir('adm-lock-');
let holder: { nik: string; document: { id: string; type: string; pin: string } };

beforeAll(async () => {
  lab = createLab();
  holder = await demoHolder(dataDir, 'kk');
  kiosk = await startKiosk(dataDir);
}, 120_000);

afterAll(async () => {
  await kiosk?.stop();
  await lab?.cleanUp();
});

const NAMES_THE_KIOSK = () => new RegExp(`in use by adm-kiosk start \\(pid ${kiosk.process.pid} on [^,]+, since [^,]+, port \\d+\\)`);

describe('a data folder held by a running kiosk', () => {
  it('refuses a second start on the folder, naming the running kiosk (exit 1)', async () => {
    const second = await lab.run(['start', '--shell', 'browser', '--headless', '--data-dir', dataDir]);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(NAMES_THE_KIOSK());
    expect(second.stderr).toContain('One kiosk per data folder');
  }, 60_000);

  it('refuses a print on the folder before the PIN is touched, naming the kiosk (exit 1)', async () => {
    const run = await lab.run(['print', 'kk', '--nik', holder.nik, '--pin', holder.document.pin, '--printer', `emulator:${join(dataDir, 'other-paper')}`, '--data-dir', dataDir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(NAMES_THE_KIOSK());
    expect(await printLog(dataDir)).toEqual([]);
    const citizens = JSON.parse((await cli(['demo', 'citizens', '--json', '--data-dir', dataDir])).stdout) as { nik: string; documents: { id: string; status: string }[] }[];
    expect(citizens.find((c) => c.nik === holder.nik)?.documents.find((d) => d.id === holder.document.id)?.status).toBe('ready');
  }, 60_000);

  it('refuses demo reset on the folder, naming the kiosk', async () => {
    const run = await lab.run(['demo', 'reset', '--data-dir', dataDir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(NAMES_THE_KIOSK());
  }, 60_000);

  it('lets read-only commands work beside it: demo citizens, log export and stats, render, verify', async () => {
    const pdf = join(dataDir, '..', `${holder.document.id}.pdf`);
    const runs = await Promise.all([
      lab.run(['demo', 'citizens', '--json', '--data-dir', dataDir]),
      lab.run(['log', 'export', '--from', '2000-01-01', '--to', '2100-01-01', '--format', 'csv', '--data-dir', dataDir]),
      lab.run(['log', 'stats', '--from', '2000-01-01', '--to', '2100-01-01', '--data-dir', dataDir]),
      lab.run(['render', 'kk', '--nik', holder.nik, '--document', holder.document.id, '--out', pdf, '--data-dir', dataDir]),
    ]);
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    const verify = await lab.run(['verify', pdf, '--data-dir', dataDir]);
    expect(verify.status, verify.stderr).toBe(0);
  }, 90_000);

  it('after kill -9 of the kiosk the OS has dropped the lock: the next writer gets the folder', async () => {
    kiosk.process.kill('SIGKILL');
    await new Promise((resolve) => kiosk.process.once('exit', resolve));
    const reset = await lab.run(['demo', 'reset', '--data-dir', dataDir]);
    expect(reset.status, reset.stderr).toBe(0);
  }, 60_000);
});

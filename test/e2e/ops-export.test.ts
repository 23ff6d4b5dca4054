import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { listAudit, loadOrCreateNikKey, PRINT_LOG_FILE, PrintLog } from '../../src/print-log/index.ts';
import { lastMonth } from '../../src/ui/screens/ops/ops-range.ts';
import { adm, openBrowser, startKiosk, tempDir, type RunningKiosk } from './kiosk-process.ts';

/**
 * Issue 12, "done means": an ops person exports last month's log to a USB drive from the kiosk
 * screen (a temporary folder stands in for the drive under the configured mount root), opens
 * it in a spreadsheet (here: Python's csv module, an independent reader) and can trust it is
 * complete: every job of last month and nothing else, the row count shown on screen, a sha256
 * beside it that sha256sum accepts, the export in the audit trail and the chain intact.
 */
let kiosk: RunningKiosk;
let context: BrowserContext;
let page: Page;
const dir = tempDir('adm-e2e-ops-');
const dataDir = join(dir, 'data');
const drive = join(dir, 'media', 'ops', 'USB-OPS');
const month = lastMonth(new Date());
const LAST_MONTH_JOBS = 23;

/** Jobs on days 3 to 25 of last month (10:00 WIB), one failed on paper end, and two this month. */
function seedLog(): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const clock = new ManualClock(0);
  const log = PrintLog.open(join(dataDir, PRINT_LOG_FILE), { nikKey: loadOrCreateNikKey(dataDir), clock, kioskId: 'ADM-DEMO-01' });
  const at = (day: string) => clock.set(Date.parse(`${day}T03:00:00.000Z`));
  for (let i = 0; i < LAST_MONTH_JOBS; i += 1) {
    at(`${month.from.slice(0, 8)}${String(3 + i).padStart(2, '0')}`);
    const job = log.createJob({ documentType: i % 3 === 0 ? 'ktp' : 'kk', documentId: `doc-${i}`, authorizationId: `auth-${i}`, nik: '3201014101900001', printer: 'seeded' });
    if (i === 7) {
      log.markFailed(job.id, { code: 'PRINTER_PAPER_END', message: 'out of paper' });
      continue;
    }
    log.markRendering(job.id);
    log.markPrinting(job.id, { pageCount: 1 });
    log.markPrinted(job.id);
  }
  clock.set(Date.now());
  log.createJob({ documentType: 'kk', documentId: 'this-month-1', authorizationId: 'auth-now-1', nik: '3201014101900001', printer: 'seeded' });
  log.createJob({ documentType: 'kk', documentId: 'this-month-2', authorizationId: 'auth-now-2', nik: '3201014101900001', printer: 'seeded' });
  log.close();
}

beforeAll(async () => {
  seedLog();
  mkdirSync(drive, { recursive: true });
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ ops: { driveRoots: [join(dir, 'media')] } }));
  kiosk = await startKiosk(dataDir, ['--config', config]);
  ({ context, page } = await openBrowser());
}, 120_000);

afterAll(async () => {
  await context?.close();
  expect(await kiosk?.stop()).toBe(0);
});

async function tapPin(pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-submit').click();
}

describe('ops exports last month to a USB drive from the kiosk screen', () => {
  it('opens the staff sign-in only through the hidden gesture, and refuses a wrong ops PIN with the tries left', async () => {
    await page.goto(kiosk.launchUrl);
    await page.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
    // Demo mode documents its staff PINs beside the demo cards.
    expect(await page.getByTestId('demo-staff-pins').innerText()).toContain('operator 246810, teknisi 135790');
    // A tap on the top-right corner alone, or a short hold, opens nothing.
    await page.mouse.click(1900, 20);
    await page.mouse.move(20, 20);
    await page.mouse.down();
    await page.waitForTimeout(500);
    await page.mouse.up();
    await page.mouse.click(1900, 20);
    expect(await page.getByTestId('staff-area').count()).toBe(0);
    // Hold top-left 3 s, then tap top-right within 2 s.
    await page.mouse.move(20, 20);
    await page.mouse.down();
    await page.waitForTimeout(3_200);
    await page.mouse.up();
    await page.mouse.click(1900, 20);
    await page.getByTestId('staff-roles').waitFor({ timeout: 10_000 });
    await page.getByTestId('staff-role-ops').click();
    await tapPin('111111');
    const error = page.getByTestId('staff-error');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.innerText()).toContain('Sisa 4 kali percobaan');
  });

  it('signs in with the ops PIN and shows last month: totals and both charts, no personal data', async () => {
    await tapPin('246810');
    await page.getByTestId('ops-screen').waitFor({ timeout: 20_000 });
    await page.getByTestId('ops-last-month').click();
    const totals = page.locator(`[data-testid="ops-totals"][data-from="${month.from}"]`);
    await totals.waitFor({ timeout: 15_000 });
    expect(await totals.innerText()).toContain(`${LAST_MONTH_JOBS} pekerjaan: ${LAST_MONTH_JOBS - 1} tercetak, 1 gagal`);
    expect(await page.getByTestId('ops-chart-prints').getAttribute('data-total')).toBe(String(LAST_MONTH_JOBS - 1));
    expect(await page.getByTestId('ops-chart-failures').getAttribute('data-total')).toBe('1');
    expect(await page.locator('[data-testid="ops-chart-prints"] canvas').count()).toBe(1);
    const text = await page.getByTestId('ops-screen').innerText();
    expect(text).not.toMatch(/3201014101900001|320101\*{8}01/);
  });

  it('exports to the USB drive with a progress bar, then shows the file name and row count', async () => {
    await page.getByTestId('ops-drive').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('ops-drive').first().innerText()).toContain('USB-OPS');
    await page.getByTestId('ops-export-start').click();
    const done = page.getByTestId('ops-export-done');
    await done.waitFor({ timeout: 30_000 });
    const fileName = `adm-kiosk_ADM-DEMO-01_${month.from}_${month.to}.csv`;
    expect(await done.getAttribute('data-file')).toBe(fileName);
    expect(await done.getAttribute('data-rows')).toBe(String(LAST_MONTH_JOBS));
    expect(await done.innerText()).toContain(`${fileName}, ${LAST_MONTH_JOBS} baris`);
  });

  it('the file on the drive is complete: a spreadsheet reader finds every job of last month and nothing else; sha256sum agrees', () => {
    const fileName = `adm-kiosk_ADM-DEMO-01_${month.from}_${month.to}.csv`;
    expect(readdirSync(drive).sort()).toEqual([fileName, `${fileName}.sha256`]);
    const reader = spawnSync(
      'python3',
      ['-c', 'import csv,json,sys; rows=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))); print(json.dumps(rows))', join(drive, fileName)],
      { encoding: 'utf8' },
    );
    expect(reader.status).toBe(0);
    const rows = JSON.parse(reader.stdout) as Record<string, string>[];
    expect(rows).toHaveLength(LAST_MONTH_JOBS);
    expect(rows.every((row) => row['created_at']?.startsWith(month.from.slice(0, 8)) === true && row['created_at'].endsWith('+07:00'))).toBe(true);
    expect(rows.map((row) => row['document_id'])).toEqual(Array.from({ length: LAST_MONTH_JOBS }, (_, i) => `doc-${i}`));
    expect(rows.filter((row) => row['state'] === 'failed').map((row) => row['error_code'])).toEqual(['PRINTER_PAPER_END']);
    expect(rows.every((row) => row['nik_masked'] === '320101********01')).toBe(true);
    const check = spawnSync('sha256sum', ['-c', `${fileName}.sha256`], { cwd: drive, encoding: 'utf8' });
    expect(check.stdout.trim()).toBe(`${fileName}: OK`);
  });

  it('signing out returns to the attract screen; the export and the sign-in are in the audit trail and the chain verifies', async () => {
    await page.getByTestId('staff-close').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
    const verify = adm(['log', 'verify', '--json', '--data-dir', dataDir]);
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    const log = PrintLog.openReadOnly(join(dataDir, PRINT_LOG_FILE));
    const actions = listAudit(log, { from: '2000-01-01', to: '2100-12-31' }).map((row) => `${row.actor} ${row.action}`);
    log.close();
    expect(actions).toEqual(['ops sign-in-failed', 'ops sign-in', 'ops export', 'ops sign-out']);
  });
});

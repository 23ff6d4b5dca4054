import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DemoRegistry, demoStateFilePath } from '../../src/records/demo-registry.ts';
import { generateDemoData, type DemoDocument } from '../../src/records/demo/demo-data.ts';
import { createLab, type EmulatorRig, type Lab } from '../integration/serial-rig.ts';
import { startRegistryProcess, type RegistryProcess } from '../integration/registry-process.ts';
import { openBrowser, ROOT, tempDir } from './kiosk-process.ts';

/**
 * Issue 10, "done means": the kiosk in production mode (registry.kind "http", cardReader.kind
 * "hid", a serial printer) against `adm-kiosk registry serve` (a real process, signed requests
 * over loopback) prints a document end to end in Chromium: card tap, a wrong PIN answered with
 * the attempts left from the registry's structured details, the right PIN, the preview, the
 * print on `adm-kiosk emulator` over a socat pty, and the PIN spent at the registry.
 * The card reader is the real HID driver on the fake reader module (see production-kiosk.ts).
 */
const data = generateDemoData();
let registry: RegistryProcess;
let lab: Lab;
let rig: EmulatorRig;
let kiosk: ChildProcess;
let output = '';
let context: BrowserContext;
let page: Page;
let holder: { nik: string; uid: string };
let kk: DemoDocument;

async function typePin(pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-submit').click();
}

beforeAll(async () => {
  const document = data.documents.find((d) => d.document.type === 'kk' && data.cards.some((c) => c.nik === d.holderNik));
  if (document === undefined) throw new Error('no demo KK with a cardholder');
  kk = document;
  holder = { nik: document.holderNik, uid: data.cards.find((c) => c.nik === document.holderNik)?.uid ?? '' };
  registry = await startRegistryProcess({ kioskId: 'ADM-3273-01' });
  lab = createLab();
  const dir = tempDir('adm-e2e-production-');
  rig = await lab.startEmulator({ dir });
  const configFile = join(dir, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      mode: 'production',
      kioskId: 'ADM-3273-01',
      registry: { kind: 'http', url: registry.url, keyFile: registry.keyFile },
      cardReader: { kind: 'hid', vendorId: 0x1209, productId: 0x0001 },
      printer: { uri: `serial:${rig.device}?baud=115200`, profile: 'generic-a4-203' },
    }),
  );
  kiosk = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/e2e/production-kiosk.ts'), configFile, join(dir, 'data')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ADM_KIOSK_DATA_DIR: '' } });
  kiosk.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
  kiosk.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the production kiosk did not start within 90 s:\n${output}`)), 90_000);
    const check = () => {
      if (/Open the kiosk at: \S+/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    kiosk.stdout?.on('data', check);
    kiosk.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the production kiosk exited with ${String(code)}:\n${output}`));
    });
  });
  ({ context, page } = await openBrowser());
}, 180_000);

afterAll(async () => {
  await context?.close();
  if (kiosk !== undefined && kiosk.exitCode === null) {
    const exited = new Promise((resolve) => kiosk.once('exit', resolve));
    kiosk.kill('SIGTERM');
    await exited;
  }
  await lab?.cleanUp();
  await registry?.stop();
}, 60_000);

describe('production mode against adm-kiosk registry serve, in Chromium', () => {
  it('starts in production mode, in service, with the http registry and no demo card picker', async () => {
    expect(output).toContain('in production mode');
    const url = /Open the kiosk at: (\S+)/.exec(output)?.[1] ?? '';
    await page.goto(url);
    await page.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
  });

  it('a tapped e-KTP is looked up at the registry; the resident is greeted and offered their KK', async () => {
    kiosk.stdin?.write(`tap ${holder.nik} ${holder.uid}\n`);
    await page.getByTestId('screen-choosing').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId(`document-${kk.document.id}`).innerText()).toContain('Kartu Keluarga');
  });

  it('a wrong PIN says how many attempts are left (from the registry’s details), the right one shows the preview', async () => {
    await page.getByTestId(`document-${kk.document.id}`).click();
    await page.getByTestId('screen-authorizing').waitFor();
    await typePin(kk.pin === '000000' ? '111111' : '000000');
    const notice = page.getByTestId('screen-authorizing').locator('[data-error-code="PIN_INVALID"]');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toContain('Sisa percobaan: 2 kali.');
    await typePin(kk.pin);
    await page.getByTestId('screen-previewing').waitFor({ timeout: 60_000 });
    await page.getByTestId('preview-pages').locator('img').first().waitFor({ timeout: 30_000 });
  });

  it('prints on the serial printer and the registry has the PIN spent', async () => {
    await page.getByTestId('print-button').click();
    await page.getByTestId('screen-done').waitFor({ timeout: 120_000 });
    await expect.poll(() => readdirSync(rig.outDir).filter((f) => f.endsWith('.png')).length, { timeout: 20_000 }).toBe(1);
    const state = new DemoRegistry({ stateFile: demoStateFilePath(registry.dataDir) });
    expect(state.demoCitizens().find((c) => c.nik === holder.nik)?.documents.find((d) => d.id === kk.document.id)?.status).toBe('printed');
    state.close();
    // The registry's access log: signed calls by operation, no NIK.
    expect(registry.output()).toMatch(/confirmPrintAuthorization 200/);
    expect(registry.output()).not.toContain(holder.nik);
  });
});

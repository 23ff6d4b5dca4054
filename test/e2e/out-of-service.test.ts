import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startPtyPair, type PtyPair } from '../../device-drivers/printer/socat-pair.ts';
import { createLab, type Lab } from '../integration/serial-rig.ts';
import { openBrowser, startKiosk, tempDir, type RunningKiosk } from './kiosk-process.ts';

/**
 * Issue 7, "done means": the kiosk configured with a serial printer that is not plugged in
 * starts, out of service, and Chromium shows the out-of-service screen; the cable is plugged
 * in (the socat pair appears at the configured path, `adm-kiosk emulator` on its other end)
 * and the attract screen comes back by itself, without a restart.
 */
let kiosk: RunningKiosk;
let context: BrowserContext;
let page: Page;
let lab: Lab;
let pair: PtyPair | undefined;
const dir = tempDir('adm-e2e-oos-');
const dataDir = join(dir, 'data');
const kioskEnd = join(dir, 'tty-kiosk');
const printerEnd = join(dir, 'tty-printer');

beforeAll(async () => {
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ printer: { uri: `serial:${kioskEnd}?baud=115200`, profile: 'generic-a4-203' }, health: { printerPollSeconds: 1 } }));
  lab = createLab();
  kiosk = await startKiosk(dataDir, ['--config', config]);
  ({ context, page } = await openBrowser());
}, 120_000);

afterAll(async () => {
  await context?.close();
  const code = await kiosk?.stop();
  await lab?.cleanUp();
  await pair?.kill();
  expect(code).toBe(0);
});

describe('a serial printer absent at start-up, then plugged in', () => {
  it('starts out of service and says so on the console', () => {
    expect(kiosk.output()).toMatch(/OUT OF SERVICE: printer PRINTER_DISCONNECTED/);
  });

  it('shows the out-of-service screen with the code, in Indonesian and English, and no card picker', async () => {
    await page.goto(kiosk.launchUrl);
    const screen = page.getByTestId('screen-out-of-service');
    await screen.waitFor({ timeout: 30_000 });
    const text = await screen.innerText();
    expect(text).toContain('Anjungan sedang tidak dapat digunakan');
    expect(text).toContain('This kiosk is out of service');
    expect(text).toContain('PRINTER_DISCONNECTED');
    expect(await page.getByTestId('screen-attract').count()).toBe(0);
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
  });

  it('returns to the attract screen by itself once the printer is there, without a restart', async () => {
    const pid = kiosk.process.pid;
    pair = await startPtyPair(5000, [printerEnd, kioskEnd]);
    const emulator = lab.spawn(['emulator', '--device', printerEnd, '--out', join(dir, 'paper')]);
    await emulator.waitForOutput(/kill -USR1 \d+ clears a fault/);
    await page.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('screen-out-of-service').count()).toBe(0);
    await page.getByTestId('demo-banner').waitFor({ timeout: 10_000 });
    expect(kiosk.process.pid).toBe(pid);
    expect(kiosk.process.exitCode).toBeNull();
  });
});

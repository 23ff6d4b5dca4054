import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SimulatedCardReader } from '../../device-drivers/card-reader/simulated-reader.ts';
import type { EscPosPrinter } from '../../device-drivers/printer/escpos-printer.ts';
import type { EmulatorLink } from '../../device-drivers/printer/links/emulator-link.ts';
import { ensureUiBuilt, uiDistDir } from '../../kiosk-shell/browser/ui-build.ts';
import { createAppLog } from '../../src/host/app-log.ts';
import { parseConfig } from '../../src/host/config.ts';
import { serveKiosk, type ServedKiosk } from '../../src/host/serve.ts';
import { DEMO_STAFF_PINS } from '../../src/host/staff/roles.ts';
import { listAudit } from '../../src/print-log/index.ts';
import { openBrowser, tempDir } from './kiosk-process.ts';

/**
 * Issue 13, "done means" on the screen: a demo kiosk (the real host and loopback server, in
 * this process so the test can reach its emulator and simulated reader) in Debian's Chromium.
 * The technician opens diagnostics with the hidden gesture and the technician PIN; the
 * emulator injects each printer fault in turn, then the reader is unplugged; each time the
 * screen names the problem in words and says what to do.
 */
let served: ServedKiosk;
let context: BrowserContext;
let page: Page;
const dataDir = join(tempDir('adm-e2e-diag-'), 'data');

beforeAll(async () => {
  await ensureUiBuilt(() => undefined);
  served = await serveKiosk({
    config: parseConfig({ health: { printerPollSeconds: 1 } }),
    dataDir,
    uiDir: uiDistDir,
    guardProcess: false,
    appLog: createAppLog({ dataDir, echo: false }),
  });
  ({ context, page } = await openBrowser());
}, 120_000);

afterAll(async () => {
  await context?.close();
  await served?.close();
});

const emulator = () => (served.kiosk.printer as EscPosPrinter<EmulatorLink>).connection.emulator;

async function gesture(p: Page): Promise<void> {
  const left = await p.getByTestId('staff-corner-start').boundingBox();
  const right = await p.getByTestId('staff-corner-end').boundingBox();
  if (left === null || right === null) throw new Error('the staff corners are not on the page');
  await p.mouse.move(left.x + 10, left.y + 10);
  await p.mouse.down();
  // The technician holds the corner for three seconds (the gesture itself, not a wait for the app).
  await p.waitForTimeout(3_200);
  await p.mouse.up();
  await p.mouse.click(right.x + right.width - 10, right.y + 10);
}

async function printerWords(): Promise<{ words: string; todo: string; level: string | null }> {
  const check = page.getByTestId('diag-check-printer.status');
  return { words: await check.getByTestId('diag-words').innerText(), todo: (await check.getByTestId('diag-todo').count()) > 0 ? await check.getByTestId('diag-todo').innerText() : '', level: await check.getAttribute('data-level') };
}

async function signIn(p: Page): Promise<void> {
  await p.getByTestId('staff-roles').waitFor({ timeout: 10_000 });
  await p.getByTestId('staff-role-technician').click();
  for (const digit of DEMO_STAFF_PINS.technician) await p.getByTestId(`pin-key-${digit}`).click();
  await p.getByTestId('pin-submit').click();
  await p.getByTestId('screen-diagnostics').waitFor({ timeout: 20_000 });
}

describe('the diagnostics screen in Chromium', () => {
  it('opens with the hidden gesture, the role chooser and the technician PIN (a tap on the corners does not open it)', async () => {
    await page.goto(served.launchUrl());
    await page.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
    const left = await page.getByTestId('staff-corner-start').boundingBox();
    const right = await page.getByTestId('staff-corner-end').boundingBox();
    if (left === null || right === null) throw new Error('the staff corners are not on the page');
    await page.mouse.click(left.x + 10, left.y + 10);
    await page.mouse.click(right.x + right.width - 10, right.y + 10);
    expect(await page.getByTestId('staff-area').count()).toBe(0);
    await gesture(page);
    await signIn(page);
    await page.getByTestId('diag-check-printer.status').waitFor({ timeout: 20_000 });
    expect((await printerWords()).words).toMatch(/^ready/);
    for (const id of ['reader', 'printer', 'registry', 'system', 'log']) expect(await page.getByTestId(`diag-section-${id}`).count()).toBe(1);
  });

  it.each([
    ['paper-end', 'broken', /out of paper/, /Load a new paper roll/],
    ['cover-open', 'broken', /cover open/, /Close the printer cover/],
    ['head-hot', 'broken', /print head too hot/, /cool down/],
    ['cutter-error', 'broken', /cutter error/, /cutter blade/],
    ['silent', 'broken', /does not answer/, /baud rate/],
    ['near-end', 'warn', /paper near end/, /load a new roll/],
  ] as const)('the emulator injects %s: the printer check says so in words, with what to do', async (fault, level, words, todo) => {
    emulator().clearFault();
    emulator().injectFault(fault);
    await page.getByTestId('diag-refresh').click();
    await expect.poll(async () => (await printerWords()).words, { timeout: 20_000, interval: 250 }).toMatch(words);
    const shown = await printerWords();
    expect(shown.level).toBe(level);
    expect(shown.todo).toMatch(todo);
    expect(await page.getByTestId('diag-section-printer').getAttribute('data-level')).toBe(level);
  });

  it('the card reader unplugged: the reader check says not connected and to plug it back in', async () => {
    emulator().clearFault();
    (served.kiosk.cardReader as SimulatedCardReader).detach();
    await page.getByTestId('diag-refresh').click();
    const reader = page.getByTestId('diag-check-reader.connection');
    await expect.poll(async () => reader.getAttribute('data-level'), { timeout: 20_000, interval: 250 }).toBe('broken');
    expect(await reader.getByTestId('diag-words').innerText()).toMatch(/not connected/);
    expect(await reader.getByTestId('diag-todo').innerText()).toMatch(/Plug the card reader's USB cable back in/);
    (served.kiosk.cardReader as SimulatedCardReader).attach();
  });

  it('prints the test page from the screen, and closes back to the attract screen; every step audited', async () => {
    await page.getByTestId('diag-action-test-page').click();
    await page.getByTestId('diag-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('diag-result').innerText()).toMatch(/test page printed/);
    expect(readdirSync(join(dataDir, 'printed')).filter((n) => n.endsWith('.png')).length).toBeGreaterThanOrEqual(1);
    await page.getByTestId('staff-close').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 20_000 });
    const actions = listAudit(served.kiosk.printLog, { from: '2000-01-01', to: '2100-01-01' }).filter((r) => r.actor === 'technician').map((r) => r.action);
    expect(actions[0]).toBe('sign-in');
    expect(actions).toContain('diag-opened');
    expect(actions).toContain('test-print');
    expect(actions.at(-1)).toBe('sign-out');
    expect(served.kiosk.printLog.verifyChain().ok).toBe(true);
  });

  it('a kiosk out of service (out of paper) still opens diagnostics from the out-of-service screen', async () => {
    emulator().injectFault('paper-end');
    await page.getByTestId('screen-out-of-service').waitFor({ timeout: 20_000 });
    await gesture(page);
    await signIn(page);
    await expect.poll(async () => (await printerWords()).words, { timeout: 20_000, interval: 250 }).toMatch(/out of paper/);
    emulator().clearFault();
    await page.getByTestId('staff-close').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 20_000 });
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readPagePng } from '../../device-drivers/printer/page-png.ts';
import { adm, openBrowser, startKiosk, tempDir, type RunningKiosk } from './kiosk-process.ts';

/**
 * The whole resident flow, as a resident does it, on embedded defaults: the kiosk started
 * with `adm-kiosk start` (browser shell), Debian's Chromium on its URL, a demo e-KTP tapped,
 * a wrong PIN then the right one, the preview of the real PDF, the print, and back to the
 * start. Then what ops and a technician would check: the print log row and the page the
 * emulator printed.
 */
interface Citizen {
  nik: string;
  name: string;
  documents: { id: string; type: string; pin: string; status: string }[];
}

let kiosk: RunningKiosk;
let context: BrowserContext;
let page: Page;
let citizen: Citizen;
let kk: Citizen['documents'][number];
const dataDir = tempDir('adm-e2e-data-');

async function typePin(pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-submit').click();
}

beforeAll(async () => {
  const listed = adm(['demo', 'citizens', '--json', '--data-dir', dataDir]);
  expect(listed.status).toBe(0);
  const citizens = JSON.parse(listed.stdout) as Citizen[];
  const holder = citizens.find((c) => c.documents.some((d) => d.type === 'kk' && d.status === 'ready'));
  if (holder === undefined) throw new Error('the demo registry has no resident with a print-ready KK');
  citizen = holder;
  kk = holder.documents.find((d) => d.type === 'kk' && d.status === 'ready') as Citizen['documents'][number];
  kiosk = await startKiosk(dataDir);
  ({ context, page } = await openBrowser());
}, 120_000);

afterAll(async () => {
  await context?.close();
  const code = await kiosk?.stop();
  expect(code).toBe(0);
});

describe('resident flow in the browser shell', () => {
  it('starts on the attract screen in demo mode with the demo card picker', async () => {
    await page.goto(kiosk.launchUrl);
    await expect.poll(() => page.getByTestId('screen-attract').isVisible(), { timeout: 20_000 }).toBe(true);
    // The picker is filled from listDemoCards() once the kiosk info says demo mode.
    await page.getByTestId('demo-banner').waitFor({ timeout: 10_000 });
    await page.getByTestId(`demo-card-${citizen.nik}`).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('demo-banner').innerText()).toMatch(/DEMO/i);
    // The token left the address bar once the page had read it.
    expect(page.url()).not.toContain('token=');
  });

  it('greets the resident by name after the demo card is tapped and lists the KK', async () => {
    await page.getByTestId(`demo-card-${citizen.nik}`).click();
    await page.getByTestId('screen-choosing').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('screen-choosing').locator('h1').innerText()).toBe(`Selamat datang, Bapak/Ibu ${citizen.name}`);
    expect(await page.getByTestId(`document-${kk.id}`).innerText()).toContain('Kartu Keluarga');
  });

  it('refuses a wrong PIN with the reason, and accepts the right one with a preview of the PDF', async () => {
    await page.getByTestId(`document-${kk.id}`).click();
    await page.getByTestId('screen-authorizing').waitFor();
    const wrong = kk.pin === '000000' ? '111111' : '000000';
    await typePin(wrong);
    const notice = page.getByTestId('screen-authorizing').locator('[data-error-code="PIN_INVALID"]');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toMatch(/PIN/);
    await typePin(kk.pin);
    await page.getByTestId('screen-previewing').waitFor({ timeout: 30_000 });
    const image = page.getByTestId('preview-pages').locator('img').first();
    await image.waitFor({ timeout: 30_000 });
    const size = await image.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.src.slice(0, 22) }));
    expect(size.src).toBe('data:image/png;base64,');
    // The KK is A4 landscape: the preview shows the page as the PDF has it.
    expect(size.w).toBeGreaterThan(size.h);
  });

  it('prints with a progress screen, then says to take the document', async () => {
    await page.getByTestId('print-button').click();
    await page.getByTestId('screen-done').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('screen-done').innerText()).toContain('Dokumen Anda sudah dicetak');
  });

  it('the emulator printed the page as a PNG whose QR code verifies, the NIK in it masked', () => {
    const printed = join(dataDir, 'printed');
    expect(existsSync(printed)).toBe(true);
    const pages = readdirSync(printed).filter((f) => f.endsWith('.png'));
    expect(pages).toEqual(['page-0001.png']);
    const bitmap = readPagePng(join(printed, 'page-0001.png'));
    expect(bitmap.width).toBe(1728);
    // Landscape KK printed rotated on the A4-width roll: taller than wide.
    expect(bitmap.height).toBeGreaterThan(bitmap.width);
    // What a technician would run on the printed page: the QR is found, decoded and verified.
    const verified = adm(['verify', join(printed, 'page-0001.png'), '--json']);
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ status: 'valid', payload: { type: 'kk', nik: `${citizen.nik.slice(0, 6)}********${citizen.nik.slice(14)}` } });
    expect(verified.stdout).not.toContain(citizen.nik);
  });

  it('returns to the attract screen and forgets the resident; the printed page is deleted with the session', async () => {
    await page.getByTestId('finish-button').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: 20_000 });
    // The demo picker lists every demo name; the greeting to this resident is gone.
    expect(await page.locator('body').innerText()).not.toContain(`Bapak/Ibu ${citizen.name}`);
    // printer.keepPages defaults to "session": the resident's page does not outlive the session.
    await expect.poll(() => readdirSync(join(dataDir, 'printed')).filter((f) => f.endsWith('.png')), { timeout: 10_000 }).toEqual([]);
  });

  it('logged the job as printed with the NIK masked, never whole', () => {
    const exported = adm(['log', 'export', '--from', '2000-01-01', '--to', '2100-12-31', '--format', 'ndjson', '--data-dir', dataDir]);
    expect(exported.status).toBe(0);
    const rows = exported.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    // The wrong PIN was an attempt too: its intent was logged before the registry refused it.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ document_id: kk.id, state: 'refused', error_code: 'PIN_INVALID', pin_state: 'not-redeemed' });
    expect(rows[1]).toMatchObject({ document_type: 'kk', document_id: kk.id, state: 'printed', pin_state: 'confirmed', pages_done: 1, page_count: 1, nik_masked: `${citizen.nik.slice(0, 6)}********${citizen.nik.slice(14)}` });
    expect(exported.stdout).not.toContain(citizen.nik);
  });

  it('the PIN is spent: the same document is no longer offered', () => {
    const listed = JSON.parse(adm(['demo', 'citizens', '--json', '--data-dir', dataDir]).stdout) as Citizen[];
    const after = listed.find((c) => c.nik === citizen.nik)?.documents.find((d) => d.id === kk.id);
    expect(after?.status).toBe('printed');
  });
});

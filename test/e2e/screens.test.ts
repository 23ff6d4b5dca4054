import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { CARD_FAULT_CODES, CARD_FAULTS } from '../../device-drivers/card-reader/card-fault.ts';
import { openBrowser, ROOT, type RunningKiosk } from './kiosk-process.ts';
import { installViewHold, type ViewHold } from './screens/hold-view.ts';
import { boxOf, callKiosk, demoCitizens, ready, sessionView, startConfigured, typePin, visible, wrongPin, type DemoCitizen, type DemoDocument } from './screens/kiosks.ts';
import { measureOverflow, measureTargets, runAxe, seriousOrCritical } from './screens/layout-checks.ts';
import { ScreenWalk, setLanguage } from './screens/walk.ts';

/**
 * Every screen a resident can meet, walked in real Chromium against real kiosks
 * (`adm-kiosk start`, demo mode), started side by side: one for the whole flow (wrong PIN,
 * lockout, the locked document on the next visit, every failed card read), one whose emulated
 * printer runs out of paper with a 15 s idle time (the idle warning, the fault screen with the
 * kiosk's own time limit, cancelling it: the error screen and what became of the PIN), one
 * whose serial printer is not there (out of service). Each screen is laid out in
 * portrait and landscape, Indonesian and English, with and without larger text, and measured
 * (overflow, 15 mm targets, axe-core, the frame every screen carries). With ADM_SCREENS_DIR
 * set (`npm run screens`) it also photographs each one and writes docs/screens.md.
 */
const SHOTS = process.env['ADM_SCREENS_DIR'];
const walk = new ScreenWalk({ shotsDir: SHOTS, largeTextShots: ['choosing', 'authorizing', 'printing', 'out-of-service'] });

let context: BrowserContext;
const kiosks: RunningKiosk[] = [];
let flowKiosk: RunningKiosk;
let faultKiosk: RunningKiosk;
let absentPrinterKiosk: RunningKiosk;

/** The fault kiosk waits this long on a printer fault: the screen must show the kiosk's limit, not one of its own. */
const WAIT_ON_FAULT_SECONDS = 300;

beforeAll(async () => {
  const started = await Promise.all([
    startConfigured('flow', {}),
    // Results end after 14 s: the error screen's whole time is under the idle warning's threshold.
    // The emulator takes a whole KK page (about 110 kB) at once, before the job's next status
    // poll: the paper end is found by the poll that would confirm the page, which was handed.
    startConfigured('fault', {
      printer: { uri: 'emulator:$DATA/printed?fault=paper-end-after=20000' },
      print: { waitOnFaultSeconds: WAIT_ON_FAULT_SECONDS },
      session: { idleSeconds: 15, resultSeconds: 14 },
    }),
    // A serial printer whose port is not there: the kiosk starts out of service (as test/e2e/out-of-service.test.ts).
    startConfigured('absent-printer', { printer: { uri: 'serial:$DATA/tty-not-plugged-in?baud=115200', profile: 'generic-a4-203' } }),
    openBrowser(),
  ]);
  [flowKiosk, faultKiosk, absentPrinterKiosk] = started;
  kiosks.push(flowKiosk, faultKiosk, absentPrinterKiosk);
  ({ context } = started[3]);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await Promise.all(kiosks.map((k) => k.stop()));
  if (SHOTS !== undefined) walk.writeIndex(join(ROOT, 'docs', 'screens.md'), '../test/screenshots/');
}, 60_000);

/** The clock in the pictures: a fixed moment, so screenshots change only when the screens do. */
const PICTURE_TIME = new Date('2026-11-30T09:30:00');

async function openKiosk(kiosk: RunningKiosk, first = 'screen-attract'): Promise<{ page: Page; hold: ViewHold }> {
  const page = await context.newPage();
  if (SHOTS !== undefined) await page.clock.setFixedTime(PICTURE_TIME);
  const hold = await installViewHold(page);
  await page.goto(kiosk.launchUrl);
  await page.getByTestId(first).waitFor({ timeout: 30_000 });
  return { page, hold };
}

describe('the walk’s own checks find what they look for', () => {
  it('a word sticking out of its button, a small target and a nameless button are reported', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 800, height: 600 });
    await page.setContent(
      '<div id="root"><button style="width:90px;height:80px;white-space:nowrap" data-testid="long">Lanjutkan sekarang</button><button style="width:40px;height:40px" data-testid="small">OK</button><button data-testid="empty" style="width:80px;height:80px"></button></div>',
    );
    const overflow = await measureOverflow(page);
    expect(overflow.map((o) => o.element)).toEqual(['button[data-testid=long]']);
    expect((await measureTargets(page)).map((t) => t.element)).toEqual(['button[data-testid=small] "OK"']);
    expect(seriousOrCritical(await runAxe(page)).map((f) => f.id)).toContain('button-name');
    await page.close();
  });
});

describe('screen walk: the whole flow on one kiosk', () => {
  let kiosk: RunningKiosk;
  let page: Page;
  let hold: ViewHold;
  let resident: DemoCitizen;
  let kk: DemoDocument;
  let kias: DemoDocument[];

  beforeAll(async () => {
    kiosk = flowKiosk;
    const found = demoCitizens(kiosk.dataDir).find((c) => ready(c, 'kk').length > 0 && ready(c, 'kia').length >= 2);
    if (found === undefined) throw new Error('the demo registry has no resident with a KK and two KIA');
    resident = found;
    kk = ready(found, 'kk')[0] as DemoDocument;
    kias = ready(found, 'kia');
    ({ page, hold } = await openKiosk(kiosk));
  }, 90_000);

  it('attract, with the demo card picker filtered by document and searched', async () => {
    await page.getByTestId(`demo-card-${resident.nik}`).waitFor();
    await walk.visit(page, 'attract', 'Attract (demo mode)', visible(page, 'screen-attract'));
    const total = await page.getByTestId('demo-picker').locator('.demo-card').count();
    await page.getByTestId('demo-filter-akta-kematian').click();
    const deaths = await page.getByTestId('demo-picker').locator('.demo-card').count();
    expect(deaths).toBeGreaterThan(0);
    expect(deaths).toBeLessThan(total / 4);
    await page.getByTestId('demo-filter-all').click();
    await page.getByTestId('demo-search').fill(resident.name.split(' ')[0] ?? '');
    expect(await page.getByTestId(`demo-card-${resident.nik}`).isVisible()).toBe(true);
    expect(await page.getByTestId('demo-picker').locator('.demo-card').count()).toBeLessThan(total / 4);
    expect(await page.getByTestId('demo-count').innerText()).toMatch(new RegExp(`dari ${total} kartu`));
  }, 120_000);

  it('touch feedback: a control looks pressed in the same task as the finger lands, and lets go when it lifts or leaves', async () => {
    const synthetic = await page.evaluate(() => {
      const button = document.querySelector('[data-testid="lang-en"]') as HTMLElement;
      const look = () => getComputedStyle(button).backgroundColor;
      const before = look();
      button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, pointerId: 7, isPrimary: true }));
      // Read synchronously: no frame, no React render, no round trip to the kiosk in between.
      const during = look();
      button.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true, pointerId: 7, isPrimary: true }));
      return { before, during, after: look() };
    });
    expect(synthetic.during).not.toBe(synthetic.before);
    expect(synthetic.after).toBe(synthetic.before);
    const card = page.getByTestId(`demo-card-${resident.nik}`);
    const box = await boxOf(page, `demo-card-${resident.nik}`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    expect(await card.evaluate((el) => el.classList.contains('is-pressed'))).toBe(true);
    await page.mouse.move(5, 5);
    expect(await card.evaluate((el) => el.classList.contains('is-pressed'))).toBe(false);
    await page.mouse.up();
    expect(await page.getByTestId('screen-attract').isVisible()).toBe(true);
  }, 120_000);

  it('reading the card (held on the real view while it lasts)', async () => {
    const reading = hold.holdWhen((view) => view.state.step === 'reading-card');
    await page.getByTestId(`demo-card-${resident.nik}`).click();
    await reading;
    try {
      await walk.visit(page, 'reading-card', 'Reading the e-KTP', visible(page, 'screen-reading-card'));
    } finally {
      hold.release();
    }
    await page.getByTestId('screen-choosing').waitFor({ timeout: 20_000 });
  }, 120_000);

  it('choosing: a formal greeting, and two KIA told apart by a name as large as the document kind', async () => {
    expect(await page.getByTestId('screen-choosing').locator('h1').innerText()).toBe(`Selamat datang, Bapak/Ibu ${resident.name}`);
    for (const kia of kias) {
      const button = page.getByTestId(`document-${kia.id}`);
      const sizes = await button.evaluate((el) => ({
        title: parseFloat(getComputedStyle(el.querySelector('.document-button__title') as Element).fontSize),
        subject: parseFloat(getComputedStyle(el.querySelector('[data-testid="document-subject"]') as Element).fontSize),
      }));
      expect(sizes.subject).toBeGreaterThanOrEqual(sizes.title);
    }
    const subjects = await Promise.all(kias.map((kia) => page.getByTestId(`document-${kia.id}`).getByTestId('document-subject').innerText()));
    expect(new Set(subjects).size).toBe(kias.length);
    await walk.visit(page, 'choosing', 'Choosing a document', visible(page, 'screen-choosing'));
  }, 120_000);

  it('PIN pad: one dot per digit of the PIN as the kiosk lists its length, the length in words, nothing moves when a wrong PIN is reported', async () => {
    const kia = kias[0] as DemoDocument;
    await page.getByTestId(`document-${kia.id}`).click();
    await page.getByTestId('screen-authorizing').waitFor();
    const view = await sessionView(page);
    const listed = view.state.step === 'authorizing' ? view.state.documents.find((d) => d.id === kia.id) : undefined;
    expect(listed?.pinLength).toBe(kia.pin.length);
    expect(await page.getByTestId('pin-dots').locator('.pin-dot').count()).toBe(listed?.pinLength);
    expect(await page.getByTestId('pin-length').innerText()).toBe(`PIN terdiri dari ${kia.pin.length} angka`);
    await walk.visit(page, 'authorizing', 'Entering the PIN', visible(page, 'pin-dots'));
    const tries = [
      { viewport: { width: 1920, height: 1080 }, left: 2 },
      { viewport: { width: 1080, height: 1920 }, left: 1 },
    ];
    for (const { viewport, left } of tries) {
      await page.setViewportSize(viewport);
      const before = await boxOf(page, 'pin-key-5');
      await typePin(page, wrongPin(kia.pin));
      await expect.poll(() => page.getByTestId('pin-error').innerText().catch(() => ''), { timeout: 20_000 }).toContain(`Sisa percobaan: ${left} kali.`);
      expect(await boxOf(page, 'pin-key-5')).toEqual(before);
    }
    // The resident's text says what happened; the code is not part of it.
    const notice = await page.getByTestId('pin-error').innerText();
    expect(notice).toContain('PIN salah.');
    expect(notice).toMatch(/Sisa percobaan: 1 kali\./);
    expect(notice).not.toContain('PIN_INVALID');
    await walk.visit(page, 'authorizing-wrong-pin', 'A wrong PIN', visible(page, 'pin-error'));
  }, 120_000);

  it('lockout: a screen of its own with what to do, and the document marked on the choosing screen', async () => {
    const kia = kias[0] as DemoDocument;
    // 3 wrong PINs lock a document (for 15 minutes); two were typed above.
    for (let left = 1; left > 0; left -= 1) {
      await typePin(page, wrongPin(kia.pin));
      await page.waitForFunction((n) => (document.querySelector('[data-testid="pin-error"]')?.textContent ?? '').includes(`Sisa percobaan: ${n} kali.`) || document.querySelector('[data-pin-refused]') !== null, left - 1);
    }
    const screen = page.locator('[data-testid="screen-authorizing"][data-pin-refused="PIN_LOCKED"]');
    await screen.waitFor({ timeout: 20_000 });
    expect(await screen.locator('h1').innerText()).toBe('PIN diblokir');
    expect(await screen.getByTestId('instruction').innerText()).toContain('petugas');
    expect(await page.getByTestId('pin-key-5').count()).toBe(0);
    await walk.visit(page, 'authorizing-locked', 'PIN locked after three wrong tries', visible(page, 'instruction'));
    await page.getByTestId('back-button').click();
    await page.getByTestId('screen-choosing').waitFor();
    // Marked as the kiosk lists it: locked until the end the registry gave, said with the time.
    const view = await sessionView(page);
    const lockedUntil = view.state.step === 'choosing' ? view.state.documents.find((d) => d.id === kia.id)?.lockedUntil : undefined;
    expect(Date.parse(lockedUntil ?? '') - Date.now()).toBeGreaterThan(14 * 60_000);
    const locked = page.getByTestId(`document-${kia.id}`);
    expect(await locked.getAttribute('data-locked-until')).toBe(lockedUntil);
    expect(await locked.isDisabled()).toBe(true);
    expect(await locked.getByTestId('document-blocked').innerText()).toMatch(/^PIN diblokir hingga pukul \d\d\.\d\d: coba lagi setelahnya, atau hubungi petugas$/);
    await walk.visit(page, 'choosing-locked', 'Choosing again: the locked document is marked', visible(page, 'screen-choosing'));
  }, 120_000);

  it('preview: the landscape KK turns to fill a portrait screen; a tap zooms in where it lands, a drag pans, two fingers pinch', async () => {
    await page.getByTestId(`document-${kk.id}`).click();
    await typePin(page, kk.pin);
    await page.getByTestId('preview-image').waitFor({ timeout: 30_000 });
    await page.setViewportSize({ width: 1080, height: 1920 });
    const viewer = page.getByTestId('page-viewer');
    await page.waitForFunction(() => document.querySelector('[data-testid="page-viewer"]')?.getAttribute('data-rotation') === '90');
    const frame = await boxOf(page, 'page-viewer');
    const fitted = await page.getByTestId('preview-image').boundingBox();
    // Turned, the page's long side runs along the screen's: it fills the viewer's height and
    // is longer than the screen is wide, which the page lying as printed could never be.
    expect((fitted?.height ?? 0) / frame.height).toBeGreaterThan(0.9);
    expect(fitted?.height ?? 0).toBeGreaterThan(frame.width);

    await page.mouse.click(frame.x + frame.width * 0.3, frame.y + frame.height * 0.3);
    await expect.poll(() => viewer.getAttribute('data-zoom')).toBe('2.50');
    const zoomed = await page.getByTestId('preview-image').boundingBox();
    expect((zoomed?.width ?? 0) / (fitted?.width ?? 1)).toBeCloseTo(2.5, 1);
    // Zoomed in, the page image is stretched less than 2x: its small text stays sharp.
    const natural = await page.getByTestId('preview-image').evaluate((img) => Math.max((img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight));
    expect(Math.max(zoomed?.width ?? 0, zoomed?.height ?? 0) / natural).toBeLessThan(2);
    // The point of the page that was tapped stays under the finger.
    const tapX = frame.x + frame.width * 0.3;
    const tapY = frame.y + frame.height * 0.3;
    const share = (box: typeof zoomed) => ({ x: (tapX - (box?.x ?? 0)) / (box?.width ?? 1), y: (tapY - (box?.y ?? 0)) / (box?.height ?? 1) });
    expect(share(zoomed).x).toBeCloseTo(share(fitted).x, 2);
    expect(share(zoomed).y).toBeCloseTo(share(fitted).y, 2);

    await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await page.mouse.down();
    await page.mouse.move(frame.x + frame.width / 2 - 150, frame.y + frame.height / 2 - 120, { steps: 5 });
    await page.mouse.up();
    const panned = await page.getByTestId('preview-image').boundingBox();
    expect((panned?.x ?? 0) - (zoomed?.x ?? 0)).toBeCloseTo(-150, -1);
    expect(await viewer.getAttribute('data-zoom')).toBe('2.50');

    await page.mouse.click(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await expect.poll(() => viewer.getAttribute('data-zoom')).toBe('1.00');

    // Two fingers spread apart (touch events through the DevTools protocol).
    const cdp = await context.newCDPSession(page);
    const cx = frame.x + frame.width / 2;
    const cy = frame.y + frame.height / 2;
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: cx - spread, y: cy, id: 1 }, { x: cx + spread, y: cy, id: 2 }],
      });
    await touch('touchStart', 60);
    for (const spread of [90, 120, 150, 180]) await touch('touchMove', spread);
    await touch('touchEnd', 0);
    await expect.poll(async () => Number(await viewer.getAttribute('data-zoom'))).toBeGreaterThan(2.5);
    await page.getByTestId('rotate').click();
    expect(await viewer.getAttribute('data-rotation')).toBe('0');
    expect(await viewer.getAttribute('data-zoom')).toBe('1.00');
    await page.getByTestId('rotate').click();
    await walk.visit(page, 'previewing', 'Checking the document', visible(page, 'preview-image'));
  }, 120_000);

  it('printing: pages done of the total, a bar by bytes sent, and a time estimate (held on a real progress view)', async () => {
    const printing = hold.holdWhen((view) => view.state.step === 'printing' && view.state.progress.bytesSent > 0 && view.state.progress.bytesTotal > 0);
    await page.getByTestId('print-button').click();
    const view = await printing;
    try {
      if (view.state.step !== 'printing') throw new Error('not printing');
      const { bytesSent, bytesTotal, pagesDone, pageCount } = view.state.progress;
      // The held view reaches the page a moment after the route saw it.
      await expect.poll(() => page.getByTestId('print-percent').innerText()).toBe(`${Math.floor((bytesSent / bytesTotal) * 100)}% terkirim ke printer`);
      expect(await page.getByTestId('print-progress').getAttribute('aria-valuenow')).toBe(String(Math.round((bytesSent / bytesTotal) * 100)));
      expect(await page.getByTestId('print-pages').innerText()).toBe(`${pagesDone} dari ${pageCount} halaman selesai`);
      expect(await page.getByTestId('print-estimate').innerText()).toMatch(/^(Menghitung perkiraan waktu|Perkiraan selesai)/);
      await walk.visit(page, 'printing', 'Printing', visible(page, 'print-progress'));
    } finally {
      hold.release();
    }
  }, 120_000);

  it('done: no idle banner when it opens; it says where the paper comes out and to take the e-KTP', async () => {
    await page.getByTestId('screen-done').waitFor({ timeout: 90_000 });
    const view = await page.evaluate(async () => (await fetch('/api/getSession', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-token': sessionStorage.getItem('adm-kiosk-token') ?? '' }, body: '{}' })).json() as Promise<{ value: { timeLeftMs: number } }>);
    // The result screen's whole time is under the 15 s warning threshold, yet no banner.
    expect(view.value.timeLeftMs).toBeLessThan(15_000);
    expect(await page.getByTestId('idle-warning').count()).toBe(0);
    expect(await page.getByTestId('instruction').innerText()).toBe('Ambil dokumen Anda dari tempat keluarnya kertas di bawah layar.');
    expect(await page.getByTestId('card-reminder').innerText()).toBe('Jangan lupa mengambil kembali e-KTP Anda.');
    expect(await page.getByTestId('auto-return').innerText()).toMatch(/^Layar kembali ke awal dalam \d+ detik\.$/);
    await walk.visit(page, 'done', 'Done: take the document and the e-KTP', visible(page, 'card-reminder'));
    await page.getByTestId('finish-button').click();
    await page.getByTestId('screen-attract').waitFor();
    // Back on attract the greeting is gone (the demo picker still lists every demo name).
    expect(await page.locator('body').innerText()).not.toContain(`Bapak/Ibu ${resident.name}`);
  }, 120_000);

  it('the next visit: the locked document is marked from the first screen, as the kiosk lists it (the screen kept nothing)', async () => {
    await page.getByTestId(`demo-card-${resident.nik}`).click();
    await page.getByTestId('screen-choosing').waitFor({ timeout: 20_000 });
    const kia = kias[0] as DemoDocument;
    const locked = page.getByTestId(`document-${kia.id}`);
    expect(await locked.isDisabled()).toBe(true);
    expect(await locked.getByTestId('document-blocked').innerText()).toMatch(/^PIN diblokir hingga pukul \d\d\.\d\d/);
    expect(await page.getByTestId(`document-${(kias[1] as DemoDocument).id}`).isDisabled()).toBe(false);
    await page.getByTestId('finish-button').click();
    await page.getByTestId('screen-attract').waitFor();
  }, 120_000);

  for (const fault of CARD_FAULTS) {
    const code = CARD_FAULT_CODES[fault];
    it(`a card that cannot be read (${fault}): ${code} in words, what to do next, and the way back`, async () => {
      await callKiosk(page, 'tapDemoCard', { nik: resident.nik, fault });
      const screen = page.locator(`[data-testid="session-error"][data-error-code="${code}"]`);
      await screen.waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('illustration').getAttribute('data-kind')).toBe('card-problem');
      expect(await page.getByTestId('pin-fate').count()).toBe(0);
      expect(await page.getByTestId('session-error').innerText()).not.toContain(code);
      await walk.visit(page, `error-card-${fault}`, `A card that cannot be read: ${code}`, visible(page, 'session-error'), ['portrait-id', 'portrait-en']);
      await page.getByTestId('home-button').click();
      await page.getByTestId('screen-attract').waitFor();
    }, 120_000);
  }
});

describe('screen walk: idle warning, a printer that runs out of paper, and cancelling', () => {
  let page: Page;

  it('warns before an idle session ends', async () => {
    const citizen = demoCitizens(faultKiosk.dataDir).find((c) => ready(c, 'kk').length > 0) as DemoCitizen;
    ({ page } = await openKiosk(faultKiosk));
    await page.getByTestId(`demo-card-${citizen.nik}`).click();
    await page.getByTestId('idle-warning').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('idle-warning').innerText()).toMatch(/^Sesi akan berakhir dalam \d+ detik\./);
    await walk.visit(page, 'idle-warning', 'Idle warning', visible(page, 'idle-warning'));
  }, 120_000);

  it('the fault: its own title, the cause, one instruction, the kiosk’s time limit, the code small for the staff, a way out', async () => {
    await setLanguage(page, 'id');
    const citizen = demoCitizens(faultKiosk.dataDir).find((c) => ready(c, 'kk').length > 0) as DemoCitizen;
    const kk = ready(citizen, 'kk')[0] as DemoDocument;
    await page.getByTestId(`document-${kk.id}`).click();
    await typePin(page, kk.pin);
    await page.getByTestId('print-button').click({ timeout: 30_000 });
    const fault = page.getByTestId('print-fault');
    await fault.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('screen-printing').locator('h1').innerText()).toBe('Pencetakan terhenti');
    expect(await fault.locator('.fault__cause').innerText()).toBe('Kertas habis.');
    expect(await page.getByTestId('instruction').count()).toBe(1);
    expect(await page.getByTestId('instruction').innerText()).not.toMatch(/jangan tinggalkan/i);
    // print.waitOnFaultSeconds is 300 on this kiosk: 5 minutes, counting down (the UI has no 10-minute constant any more).
    expect(await page.getByTestId('fault-deadline').innerText()).toMatch(/^Batas waktu menunggu: (5:00|4:[0-5]\d)$/);
    const staff = page.getByTestId('print-fault').getByTestId('staff-code');
    expect(await staff.innerText()).toBe('Kode untuk petugas: PRINTER_PAPER_END');
    const sizes = await fault.evaluate((el) => ({ cause: parseFloat(getComputedStyle(el.querySelector('.fault__cause') as Element).fontSize), code: parseFloat(getComputedStyle(el.querySelector('.staff-code') as Element).fontSize) }));
    expect(sizes.code).toBeLessThan(sizes.cause / 2);
    expect(await page.getByTestId('cancel-print-button').isEnabled()).toBe(true);
    await walk.visit(page, 'printing-fault', 'Printer fault while printing', visible(page, 'print-fault'));
  }, 240_000);

  it('cancelled while the printer waits: the error screen says what became of the PIN (the page had gone to the printer: held for the staff), calmly, with the code for the staff', async () => {
    await page.getByTestId('cancel-print-button').click();
    await page.getByTestId('screen-error').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('session-error').getAttribute('data-error-code')).toBe('PRINT_CANCELLED');
    // The kiosk's word on the PIN (the transaction table), shown as it says.
    const view = await sessionView(page);
    expect(view.state).toMatchObject({ step: 'error', pin: 'needs-review' });
    expect(await page.getByTestId('pin-fate').getAttribute('data-pin')).toBe('needs-review');
    expect(await page.getByTestId('pin-fate').innerText()).toBe('Sebagian halaman mungkin sudah tercetak: PIN Anda ditahan sampai petugas memeriksanya, jadi tunjukkan halaman yang keluar kepada petugas.');
    expect(await page.getByTestId('instruction').innerText()).toBe('Mohon hubungi petugas untuk memperbaiki printer.');
    expect(await page.getByTestId('staff-code').innerText()).toBe('Kode untuk petugas: PRINT_CANCELLED');
    // No warning banner over the error screen, though its whole time is under 15 s.
    expect(await page.getByTestId('auto-return').innerText()).toMatch(/^Layar kembali ke awal dalam (1[0-4]|\d) detik\.$/);
    expect(await page.getByTestId('idle-warning').count()).toBe(0);
    await walk.visit(page, 'error', 'Error screen: printing cancelled on a paper end, the PIN held for the staff', visible(page, 'pin-fate'));
  }, 120_000);
});

describe('screen walk: out of service', () => {
  it('a picture, what it means and to ask the staff, the part and its code, in both languages; no steps, no card picker', async () => {
    const { page } = await openKiosk(absentPrinterKiosk, 'screen-out-of-service');
    expect(await page.getByTestId('steps').count()).toBe(0);
    expect(await page.getByTestId('demo-picker').count()).toBe(0);
    expect(await page.locator('h1').innerText()).toBe('Anjungan sedang tidak dapat digunakan');
    expect(await page.getByTestId('instruction').innerText()).toBe('Silakan hubungi petugas untuk dilayani.');
    expect(await page.getByTestId('out-of-service-en').innerText()).toContain('This kiosk is out of service');
    expect(await page.locator('[data-error-code="PRINTER_DISCONNECTED"]').first().innerText()).toContain('Kode untuk petugas: PRINTER_DISCONNECTED');
    await walk.visit(page, 'out-of-service', 'Out of service (the printer is not there)', visible(page, 'screen-out-of-service'));
    // The toggle puts English first.
    await setLanguage(page, 'en');
    expect(await page.locator('h1').innerText()).toBe('This kiosk is out of service');
  }, 120_000);
});

describe('screen walk: what every screen showed', () => {
  it('no overflow, no target under 15 mm, no serious or critical axe finding, the frame and one instruction on every screen, in every orientation, language and text size', () => {
    expect(walk.problems()).toEqual([]);
    // 10 screens of the flow, 6 failed card reads, the idle warning, the fault, the cancelled print and out of service: 8 layouts each.
    expect(walk.findings.length).toBe(20 * 8);
  });
});

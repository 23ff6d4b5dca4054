import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { kioskContentSecurityPolicy } from '../../kiosk-shell/electron/lockdown.ts';
import { adm, openBrowser, startKiosk, tempDir, type RunningKiosk } from './kiosk-process.ts';

/**
 * The Content-Security-Policy the Electron shell adds to every response from the kiosk
 * (kiosk-shell/electron/lockdown.ts), in a real Chromium over the real UI: it is added here
 * the way Electron's session adds it (a response header beside the server's own), and the
 * resident's screens up to the PDF preview must work under it without a single violation
 * (eval included: the UI's zod runs jitless), while a remote request and an inline script are
 * refused.
 */
let kiosk: RunningKiosk;
let context: BrowserContext;
let page: Page;
const dataDir = tempDir('adm-e2e-csp-');

beforeAll(async () => {
  kiosk = await startKiosk(dataDir);
  ({ context, page } = await openBrowser());
  const origin = new URL(kiosk.launchUrl).origin;
  await page.route(`${origin}/**`, async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    const server = headers['content-security-policy'];
    await route.fulfill({ response, headers: { ...headers, 'content-security-policy': [server, kioskContentSecurityPolicy(origin)].filter((p) => p !== undefined).join(', ') } });
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  expect(await kiosk?.stop()).toBe(0);
});

const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe('the Electron shell\'s CSP in Chromium', () => {
  it('the kiosk UI works under it: attract screen, a demo card, the document list, the PIN, the PDF preview; no violation', async () => {
    const citizens = JSON.parse(adm(['demo', 'citizens', '--json', '--data-dir', dataDir]).stdout) as Array<{ nik: string; documents: Array<{ id: string; type: string; pin: string; status: string }> }>;
    const citizen = citizens.find((c) => c.documents.some((d) => d.type === 'ktp' && d.status === 'ready'));
    const ktp = citizen?.documents.find((d) => d.type === 'ktp' && d.status === 'ready');
    if (citizen === undefined || ktp === undefined) throw new Error('no demo resident with a print-ready KTP');
    await page.goto(kiosk.launchUrl);
    await page.getByTestId('screen-attract').waitFor({ timeout: 20_000 });
    await page.getByTestId(`demo-card-${citizen.nik}`).click();
    await page.getByTestId('screen-choosing').waitFor({ timeout: 20_000 });
    await page.getByTestId(`document-${ktp.id}`).click();
    await page.getByTestId('screen-authorizing').waitFor();
    for (const digit of ktp.pin) await page.getByTestId(`pin-key-${digit}`).click();
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('screen-previewing').waitFor({ timeout: 30_000 });
    const image = page.getByTestId('preview-pages').locator('img').first();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    expect(await violations()).toEqual([]);
  }, 120_000);

  // (eval is refused by the same policy, but code run from the test through DevTools is exempt
  // from it, so it cannot be tried from here; the UI's own code is held to it by the test above.)
  it('refuses what the kiosk never does: a remote request, another local port, an inline script', async () => {
    const outcome = await page.evaluate(async () => {
      const results: Record<string, string> = {};
      for (const [name, url] of [['remote', 'https://example.com/'], ['other port', 'http://127.0.0.1:9/']] as const) {
        try {
          await fetch(url);
          results[name] = 'fetched';
        } catch {
          results[name] = 'blocked';
        }
      }
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      results['inline'] = (window as unknown as { inlineRan?: boolean }).inlineRan === true ? 'ran' : 'blocked';
      return results;
    });
    expect(outcome).toEqual({ remote: 'blocked', 'other port': 'blocked', inline: 'blocked' });
    const seen = await violations();
    expect(seen.some((v) => v.startsWith('connect-src https://example.com'))).toBe(true);
    expect(seen.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
  }, 60_000);
});

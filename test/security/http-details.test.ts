import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, tempDir } from '../e2e/kiosk-process.ts';
import { demoHolder } from '../integration/serial-rig.ts';
import { rawExchange, httpRequest, startTarget, type TargetKiosk } from './support.ts';

/**
 * Issue 8, finding 6: the API did not check Origin although the architecture said it did; a
 * malformed `%` escape answered 500; the CSP lacked form-action, let the page open WebSockets
 * to any local port and allowed inline styles. Checked on a real kiosk process with raw
 * requests, and in Debian's Chromium: the whole resident flow (preview and progress bar
 * included) runs under the policy without one violation, while what the policy forbids (an
 * inline style, a socket to another port, a form post) is refused.
 */
let target: TargetKiosk;
let context: BrowserContext;
let page: Page;
let token = '';
const dataDir = join(tempDir('adm-sec-http-'), 'data');

interface Watched {
  cspViolations: string[];
}

beforeAll(async () => {
  target = await startTarget(dataDir, { leaveStartLink: true });
  ({ context, page } = await openBrowser());
  // Every CSP violation the page meets, from its first script on.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as Watched).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  await page.goto(target.launchUrl);
  await page.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
  token = (await page.evaluate(() => sessionStorage.getItem('adm-kiosk-token'))) ?? '';
}, 120_000);

afterAll(async () => {
  await context?.close();
  await target?.stop();
});

function cspOf(headers: string): Map<string, string[]> {
  const line = /^content-security-policy: (.*)$/im.exec(headers)?.[1] ?? '';
  return new Map(
    line
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== undefined && parts[0] !== '')
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

describe('the API checks Origin', () => {
  const call = (headers: Record<string, string>) => rawExchange(target.port, httpRequest('POST', '/api/getSession', { Host: `127.0.0.1:${target.port}`, 'x-kiosk-token': token, ...headers }, '{}'));

  it('refuses a call from another web page even with the token (403), answers the kiosk page and tools without an Origin', async () => {
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect((await call({ Origin: 'http://evil.example' })).statuses).toEqual([403]);
    expect((await call({ Origin: 'null' })).statuses).toEqual([403]);
    expect((await call({ Origin: `http://127.0.0.1:${target.port + 1}` })).statuses).toEqual([403]);
    expect((await call({ Origin: target.origin })).statuses).toEqual([200]);
    expect((await call({})).statuses).toEqual([200]);
  });
});

describe('a malformed % escape', () => {
  it('answers 400, not 500', async () => {
    for (const path of ['/%E0%A4%A', '/%zz', '/assets/%']) {
      expect((await rawExchange(target.port, httpRequest('GET', path, { Host: `127.0.0.1:${target.port}` }))).statuses, path).toEqual([400]);
    }
  });
});

describe('the Content-Security-Policy header', () => {
  it('forbids forms, inline styles and scripts, and sockets to anything but this kiosk', async () => {
    const reply = await rawExchange(target.port, httpRequest('GET', '/', { Host: `127.0.0.1:${target.port}` }));
    const csp = cspOf(reply.text);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${target.port}`]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(reply.text).not.toMatch(/unsafe-inline|unsafe-eval|127\.0\.0\.1:\*/);
  });
});

describe('the UI under its policy, in Chromium', () => {
  it('the whole flow (demo card, PIN, preview, zoom, printing, done) runs without one CSP violation', async () => {
    const { nik, document } = await demoHolder(dataDir, 'kk');
    await page.getByTestId(`demo-card-${nik}`).click();
    await page.getByTestId(`document-${document.id}`).click();
    for (const digit of document.pin) await page.getByTestId(`pin-key-${digit}`).click();
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('preview-image').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('print-button').click();
    await page.getByTestId('screen-done').waitFor({ timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as Watched).cspViolations)).toEqual([]);
  }, 180_000);

  it('what the policy forbids is refused in the page: an inline style, a socket to another port, a form post', async () => {
    const outcome = await page.evaluate(async () => {
      const watched = window as unknown as Watched;
      watched.cspViolations.length = 0;
      const probe = document.createElement('div');
      document.body.append(probe);
      probe.setAttribute('style', 'color: rgb(255, 0, 0)');
      const style = document.createElement('style');
      style.textContent = 'body { outline: 3px solid rgb(0, 255, 0); }';
      document.head.append(style);
      try {
        new WebSocket('ws://127.0.0.1:1/');
      } catch {
        // refused before any connection
      }
      const form = document.createElement('form');
      form.action = 'http://evil.example/collect';
      form.method = 'post';
      document.body.append(form);
      form.submit();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { color: getComputedStyle(probe).color, outline: getComputedStyle(document.body).outlineColor, violations: [...watched.cspViolations] };
    });
    expect(outcome.color).not.toBe('rgb(255, 0, 0)');
    expect(outcome.outline).not.toBe('rgb(0, 255, 0)');
    const directives = outcome.violations.map((v) => v.split(' ')[0]);
    expect(directives).toEqual(expect.arrayContaining(['style-src-attr', 'style-src-elem', 'connect-src', 'form-action']));
    // The kiosk page is still there (the form went nowhere).
    expect(page.url().startsWith(target.origin)).toBe(true);
  });
});

import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { kioskTokenFromLaunchUrl } from '../../src/api/launch-client.ts';
import { CHROMIUM, openBrowser, tempDir } from '../e2e/kiosk-process.ts';
import { eventually, exposures, processTree, startShellKiosk, type ShellKiosk } from './process-exposure.ts';
import { startTarget } from './support.ts';

/**
 * Issue 8, finding 2 (and issue 14's browser-shell bullet): the per-launch token was on
 * Chromium's command line (`--app=http://127.0.0.1:PORT/#token=...`), readable by every local
 * user in `ps`; with it another user could read the resident's name and document preview.
 * Now the kiosk is started as on a kiosk PC (`adm-kiosk start --shell browser`, a real
 * Chromium; `--shell electron`, an Electron stand-in), the token the page actually uses is
 * read back from the page, and neither it nor any token or bootstrap URL parameter appears in
 * any argument or environment entry of the kiosk, the browser or any of their children.
 */
const kiosks: ShellKiosk[] = [];
let cdp: Browser | undefined;

afterAll(async () => {
  await cdp?.close().catch(() => undefined);
  await Promise.all(kiosks.map((k) => k.stop()));
}, 60_000);

function executable(path: string, text: string): string {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}

describe('the browser shell', () => {
  it('Chromium gets no token in its arguments or environment, yet its page holds a working one', async () => {
    const dir = tempDir('adm-sec-token-');
    const dataDir = join(dir, 'data');
    // Debian's Chromium, headless (no display here), with a debugging port so the test can read the page's token.
    const browser = executable(join(dir, 'chromium'), `#!/bin/sh\nexec ${CHROMIUM} --headless --disable-gpu --disable-quic --no-sandbox --remote-debugging-port=0 "$@"\n`);
    const kiosk = startShellKiosk(['--shell', 'browser', '--data-dir', dataDir], { ADM_KIOSK_BROWSER: browser, DISPLAY: ':99' });
    kiosks.push(kiosk);
    await kiosk.waitFor(/in kiosk mode/);
    const port = await eventually(() => readFileSync(join(dataDir, 'browser-profile', 'DevToolsActivePort'), 'utf8').split('\n')[0] ?? null, 'Chromium to open its debugging port');
    cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const page = await eventually<Page>(() => cdp?.contexts()[0]?.pages().find((p) => p.url().startsWith('http://127.0.0.1:')) ?? null, 'the kiosk page');
    await page.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
    const token = await eventually(() => page.evaluate(() => sessionStorage.getItem('adm-kiosk-token')), "the page's token");
    expect(token.length).toBeGreaterThanOrEqual(32);
    // The token is the real one: the API answers it.
    const origin = new URL(page.url()).origin;
    const answer = (await (await fetch(`${origin}/api/getSession`, { method: 'POST', headers: { 'x-kiosk-token': token }, body: '{}' })).json()) as { ok: boolean };
    expect(answer.ok).toBe(true);
    const tree = processTree(kiosk.process.pid ?? -1);
    expect(tree.length, 'the kiosk and Chromium with its helper processes').toBeGreaterThan(2);
    expect(exposures(tree, token)).toEqual([]);
    // Not in the address bar either, nor in what the kiosk printed (a journal others may read).
    expect(page.url()).not.toMatch(/token|bootstrap/);
    expect(kiosk.output()).not.toContain(token);
    // The launch page was used once and is gone.
    expect(existsSync(join(dataDir, 'browser-launch.html'))).toBe(false);
  }, 180_000);
});

describe('the Electron shell (from a checkout)', () => {
  it('neither Electron nor its kiosk core gets a token in arguments or environment; the core hands the start link over its private channel', async () => {
    const dir = tempDir('adm-sec-electron-');
    const dataDir = join(dir, 'data');
    const out = join(dir, 'token.txt');
    // A stand-in for Electron's binary (not installed here) that does what main.ts does from a
    // checkout: fork the kiosk core (core.mjs beside main.mjs) on ADM_KIOSK_CORE_NODE with a
    // private IPC channel, take the start link from the core's "ready" message, open it.
    const electron = executable(
      join(dir, 'electron'),
      `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const { fork } = require('node:child_process');
const fail = (error) => fs.writeFileSync(${JSON.stringify(`${out}.error`)}, String(error));
const core = fork(path.join(path.dirname(process.argv[2]), 'core.mjs'), [], { execPath: process.env.ADM_KIOSK_CORE_NODE, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
core.on('message', (message) => {
  if (message.type !== 'ready') return;
  const url = new URL(message.url);
  const nonce = new URLSearchParams(url.hash.slice(1)).get('bootstrap');
  fetch(url.origin + '/bootstrap', { method: 'POST', headers: { 'content-type': 'application/json', origin: url.origin }, body: JSON.stringify({ nonce }) })
    .then((res) => res.json())
    .then((body) => fs.writeFileSync(${JSON.stringify(out)}, body.value.tokens['/api']))
    .catch(fail);
});
process.on('SIGTERM', () => { core.send({ type: 'stop', reason: 'test' }); core.on('exit', () => process.exit(0)); });
`,
    );
    const kiosk = startShellKiosk(['--shell', 'electron', '--data-dir', dataDir], { ADM_KIOSK_ELECTRON: electron });
    kiosks.push(kiosk);
    const token = await eventually(() => (existsSync(out) ? readFileSync(out, 'utf8') : null), `the Electron stand-in to get its token (${kiosk.output()})`, 90_000);
    expect(token.length).toBeGreaterThanOrEqual(32);
    const tree = processTree(kiosk.process.pid ?? -1);
    expect(tree.length, 'adm-kiosk, Electron and the kiosk core').toBeGreaterThanOrEqual(3);
    expect(exposures(tree, token)).toEqual([]);
    expect(kiosk.output()).not.toContain(token);
    // No launch page on disk: the Electron shell never needs one.
    expect(existsSync(join(dataDir, 'browser-launch.html'))).toBe(false);
  }, 180_000);
});

describe('the start link', () => {
  it('works once: a second page load, or anyone racing with a copy, is refused', async () => {
    const target = await startTarget(join(tempDir('adm-sec-once-'), 'data'));
    try {
      // startTarget used the printed link; using it again is refused.
      await expect(kioskTokenFromLaunchUrl(target.launchUrl)).rejects.toMatchObject({ code: 'API_UNAUTHORIZED' });
      // Without an Origin (not a page) or from another page, even a fresh guess gets nowhere.
      const refused = await fetch(`${target.origin}/bootstrap`, { method: 'POST', headers: { origin: 'http://evil.example' }, body: JSON.stringify({ nonce: 'x' }) });
      expect(refused.status).toBe(403);
      // A page opened with the used link gets nothing, and says so for the staff.
      const { context, page } = await openBrowser();
      try {
        await page.goto(target.launchUrl);
        await page.getByTestId('screen-startup-error').waitFor({ timeout: 30_000 });
        expect(await page.getByTestId('staff-code').innerText()).toContain('API_UNAUTHORIZED');
        expect(await page.evaluate(() => sessionStorage.getItem('adm-kiosk-token'))).toBeNull();
      } finally {
        await context.close();
      }
    } finally {
      await target.stop();
    }
  }, 120_000);

  it('the launch page is readable by the kiosk user only, in a folder only the kiosk user can enter', async () => {
    const dir = tempDir('adm-sec-launch-');
    const dataDir = join(dir, 'data');
    // The browser shell with a stand-in Chromium that never opens the page it is given.
    const kiosk = startShellKiosk(['--shell', 'browser', '--data-dir', dataDir], { ADM_KIOSK_BROWSER: executable(join(dir, 'chromium'), `#!/bin/sh\nexec sleep 600\n`), DISPLAY: ':99' });
    kiosks.push(kiosk);
    const page = join(dataDir, 'browser-launch.html');
    await eventually(() => (existsSync(page) ? true : null), 'the launch page');
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    await kiosk.stop();
    // Not left behind by a kiosk that stopped before any page used it.
    expect(existsSync(page)).toBe(false);
  }, 180_000);
});

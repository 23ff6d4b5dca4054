import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../e2e/kiosk-process.ts';
import { kioskTokenFromLaunchUrl } from '../../src/api/launch-client.ts';
import { apiOf, nonceOf, removeCoreBundle, sessionUntil, startSupervised, until, type SupervisedKiosk } from './electron-core-rig.ts';
import { demoHolder } from './serial-rig.ts';
import { expectStoppedJobClosedHonestly } from './stopped-job.ts';

/**
 * Electron's supervisor over a real kiosk core process (the bundle the packaged app runs as
 * its utility process, here in a Node child): the core serves the UI, the token reaches the
 * window only over the core's private channel, a renderer crash takes the resident back to
 * the attract screen, a core killed with SIGKILL is replaced, and a stop mid-print closes the
 * job honestly with exit code 0.
 */
let running: SupervisedKiosk | null = null;

afterEach(async () => {
  const kiosk = running;
  running = null;
  if (kiosk !== null && kiosk.app.exitCode === null) {
    kiosk.signals.raise('SIGTERM');
    await kiosk.app.whenExited();
  }
});

afterAll(() => removeCoreBundle());

function appLog(dataDir: string): Array<{ level: string; context: string; message?: string; code?: string }> {
  return readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: string; context: string; message?: string; code?: string });
}

async function supervised(env: Record<string, string> = {}) {
  const dir = tempDir('adm-electron-core-');
  const dataDir = join(dir, 'data');
  const kiosk = await startSupervised({ ADM_KIOSK_DATA_DIR: dataDir, ...env });
  running = kiosk;
  const url = await kiosk.firstPage();
  return { kiosk, dataDir, dir, url };
}

describe('Electron supervisor over a real kiosk core', () => {
  it('the core serves the UI on 127.0.0.1 and the window shows it; the API answers with the token from that URL', async () => {
    const { url } = await supervised();
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await apiOf(url).getSession({})).state.step).toBe('attract');
  }, 120_000);

  it('the token (and the start nonce) is in no command line and no environment: not the core\'s, not this (main) process\'s', async () => {
    const { kiosk, url } = await supervised();
    const nonce = nonceOf(url);
    const token = await kioskTokenFromLaunchUrl(url);
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    const pid = kiosk.corePids[0] ?? 0;
    for (const file of [`/proc/${pid}/cmdline`, `/proc/${pid}/environ`, `/proc/${process.pid}/cmdline`, `/proc/${process.pid}/environ`]) {
      const text = readFileSync(file).toString('latin1');
      expect(text, file).not.toContain(token);
      expect(text, file).not.toContain(nonce);
    }
    expect(JSON.stringify(process.env)).not.toContain(token);
  }, 120_000);

  it('a renderer crash mid-session: the core ends the session, the window is reloaded to the attract screen, the reason is in the application log', async () => {
    const { kiosk, url, dataDir } = await supervised();
    const api = apiOf(url);
    const { nik } = await demoHolder(dataDir, 'kk');
    await api.tapDemoCard({ nik });
    await sessionUntil(api, (view) => view.state.step === 'choosing');
    kiosk.window().webContents.renderProcessGone('crashed');
    await sessionUntil(api, (view) => view.state.step === 'attract', 15_000);
    await until('the reload', () => kiosk.loads().length === 2 || undefined, 15_000, kiosk.output);
    const lines = appLog(dataDir);
    expect(lines.some((line) => line.context === 'supervisor' && (line.message ?? '').startsWith('renderer-gone'))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(nik);
  }, 120_000);

  it('kill -9 of the core: a new core takes the data folder (the OS released the lock) and the window shows its new URL', async () => {
    const { kiosk, url, dataDir } = await supervised();
    const first = kiosk.corePids[0] ?? 0;
    process.kill(first, 'SIGKILL');
    const second = await until('the new core\'s page', () => kiosk.loads().find((load) => load !== url), 90_000, kiosk.output);
    expect(kiosk.corePids).toHaveLength(2);
    expect(kiosk.corePids[1]).not.toBe(first);
    expect((await apiOf(second).getSession({})).state.step).toBe('attract');
    // The old page is dead: the new core's start link is its own.
    expect(nonceOf(second)).not.toBe(nonceOf(url));
    await until('the supervisor line in the new core\'s log', () => appLog(dataDir).some((line) => (line.message ?? '').includes('core-exited: the kiosk core exited (signal SIGKILL)')) || undefined, 10_000);
  }, 150_000);

  it('a configuration the core cannot run: the app exits 2 and starts no second core', async () => {
    const dir = tempDir('adm-electron-core-bad-');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ printer: { profile: 'no-such-printer' } }));
    const kiosk = await startSupervised({ ADM_KIOSK_DATA_DIR: join(dir, 'data'), ADM_KIOSK_CONFIG: config });
    running = kiosk;
    expect(await kiosk.app.whenExited()).toBe(2);
    expect(kiosk.corePids).toHaveLength(1);
    expect(kiosk.output()).toContain('core-start-failed: PRINTER_PROFILE_UNKNOWN');
  }, 90_000);
});

describe('stopping the Electron shell mid-print', () => {
  async function printingOnPaperEnd() {
    const dir = tempDir('adm-electron-stop-');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ printer: { uri: `emulator:${join(dir, 'paper')}?fault=paper-end-after=6000` }, print: { waitOnFaultSeconds: 600 } }));
    const dataDir = join(dir, 'data');
    const kiosk = await startSupervised({ ADM_KIOSK_DATA_DIR: dataDir, ADM_KIOSK_CONFIG: config });
    running = kiosk;
    const url = await kiosk.firstPage();
    const api = apiOf(url);
    const { nik, document } = await demoHolder(dataDir, 'ktp');
    await api.tapDemoCard({ nik });
    await sessionUntil(api, (view) => view.state.step === 'choosing');
    await api.chooseDocument({ documentId: document.id });
    await api.submitPin({ pin: document.pin });
    await sessionUntil(api, (view) => view.state.step === 'previewing');
    await api.startPrint({});
    await sessionUntil(api, (view) => view.state.step === 'printing' && view.state.progress.fault !== null, 90_000);
    return { kiosk, dataDir, documentId: document.id };
  }


  it('SIGTERM to Electron\'s main process: the core closes the job per the table, exits 0, and so does the app', async () => {
    const { kiosk, dataDir, documentId } = await printingOnPaperEnd();
    const corePid = kiosk.corePids[0] ?? 0;
    kiosk.signals.raise('SIGTERM');
    expect(await kiosk.app.whenExited()).toBe(0);
    expect(kiosk.coreExits).toEqual([{ code: 0, signal: null }]);
    expect(() => process.kill(corePid, 0)).toThrow();
    await expectStoppedJobClosedHonestly(dataDir, documentId);
  }, 180_000);

  it.each([
    ['SIGTERM', 'systemd stops the whole unit'],
    ['SIGINT', 'Ctrl-C in a terminal reaches the process group'],
  ] as const)('%s to every process at once (%s): the same, exit 0', async (signal, _why) => {
    const { kiosk, dataDir, documentId } = await printingOnPaperEnd();
    process.kill(kiosk.corePids[0] ?? 0, signal);
    kiosk.signals.raise(signal);
    expect(await kiosk.app.whenExited()).toBe(0);
    expect(kiosk.coreExits).toEqual([{ code: 0, signal: null }]);
    await expectStoppedJobClosedHonestly(dataDir, documentId);
  }, 180_000);
});

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt } from '../../kiosk-shell/browser/ui-build.ts';
import { openBrowser } from '../e2e/kiosk-process.ts';
import { tempDir } from '../integration/serial-rig.ts';
import { startFaultKiosk, until, type FaultKiosk } from './fault-kiosk.ts';
import { startRegistryBackend, type RegistryBackend } from './registry-backend.ts';
import { ready, stepIs } from './fault-kiosk.ts';
import { retainingPaths } from './heap-retainers.ts';

/**
 * Forget every resident (issue 14): after three sessions (one printed to the end: card, list, PIN,
 * preview, print, done, back to attract, card lifted; one whose card is lifted on the list; one
 * who types a wrong PIN and leaves), neither the kiosk process's heap (a V8
 * heap snapshot of the real kiosk process, `--heapsnapshot-signal`), nor Chromium's (CDP
 * HeapProfiler.takeHeapSnapshot of the kiosk page, back on the attract screen), nor any file
 * in the data folder (application log, print log, health.json, emulator pages) holds the
 * residents' NIKs or names. The registry is http (a server in this test process), so the kiosk
 * holds no registry data of its own; the card reader is the real HID driver over a fake
 * reader module.
 */
let registry: RegistryBackend;
let kiosk: FaultKiosk;
let context: BrowserContext;
let page: Page;
const dir = tempDir('adm-privacy-');
const snapshots = join(dir, 'snapshots');
type Resident = { nik: string; uid: string; name: string; documentId: string; pin: string };
/** Three residents, each session ending another way: printed and done; card lifted on the list; a wrong PIN, then back and out. */
let residents: Resident[] = [];
const needles = (): string[] => residents.flatMap((r) => [r.nik, r.name]);

/** Where each needle occurs in a text: a few characters around the first hits, for the failure message. */
function traces(text: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const needle of needles) {
    const at = text.indexOf(needle);
    if (at >= 0) found.push(`${needle}: …${text.slice(Math.max(0, at - 80), at + needle.length + 80).replace(/\s+/g, ' ')}…`);
  }
  return found;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile());
}

beforeAll(async () => {
  mkdirSync(snapshots);
  await ensureUiBuilt(() => undefined);
  registry = await startRegistryBackend(dir);
  residents = registry.holders('kk').slice(0, 3);
  const [resident, lifted, wrongPin] = residents;
  if (resident === undefined || lifted === undefined || wrongPin === undefined) throw new Error('fewer than three demo residents with a KK');
  kiosk = await startFaultKiosk({
    dir,
    config: { kioskId: registry.kioskId, registry: { kind: 'http', url: registry.server.url, keyFile: registry.keyFile }, cardReader: { kind: 'hid' } },
    hidReader: true,
    nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshots}`],
  });
  ({ context, page } = await openBrowser());
  await page.goto(await kiosk.launchUrl());
  const api = kiosk.api();
  await until(api, ready, 'ready');
  kiosk.tap(resident.nik, resident.uid);
  await until(api, stepIs('choosing'), 'choosing');
  // The UI shows the resident: their name is in Chromium's memory now.
  await page.getByText(resident.name).first().waitFor({ timeout: 30_000 });
  await api.chooseDocument({ documentId: resident.documentId });
  await api.submitPin({ pin: resident.pin });
  await until(api, stepIs('previewing'), 'previewing');
  await page.locator('img').first().waitFor({ timeout: 30_000 });
  await api.startPrint({});
  await until(api, stepIs('done'), 'done', 60_000);
  await api.endSession({});
  kiosk.lift();
  await until(api, ready, 'back on attract');
  await page.getByText(resident.name).first().waitFor({ state: 'detached', timeout: 30_000 });
  // The card lifted on the list ends the session.
  kiosk.tap(lifted.nik, lifted.uid);
  await until(api, stepIs('choosing'), 'choosing');
  await page.getByText(lifted.name).first().waitFor({ timeout: 30_000 });
  kiosk.lift();
  await until(api, ready, 'back on attract after the card was lifted');
  // A wrong PIN, then the resident goes back and ends the session.
  kiosk.tap(wrongPin.nik, wrongPin.uid);
  await until(api, stepIs('choosing'), 'choosing');
  await api.chooseDocument({ documentId: wrongPin.documentId });
  await api.submitPin({ pin: wrongPin.pin === '000000' ? '111111' : '000000' });
  await until(api, (view) => view.state.step === 'authorizing' && view.state.error !== null, 'the wrong PIN refused');
  await api.endSession({});
  kiosk.lift();
  await until(api, ready, 'back on attract after the wrong PIN');
  await page.getByText(wrongPin.name).first().waitFor({ state: 'detached', timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await kiosk?.stop();
  await registry?.close();
});

describe('after three resident sessions (done; card lifted; wrong PIN, then out), every one of them is forgotten', () => {
  it('the kiosk process heap (V8 snapshot of the real process) holds none of their NIKs or names', async () => {
    const pid = kiosk.pid();
    process.kill(pid, 'SIGUSR2');
    let file: string | undefined;
    for (let i = 0; i < 600 && file === undefined; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const name = readdirSync(snapshots).find((f) => f.endsWith('.heapsnapshot'));
      // Whole once it parses as the snapshot's JSON ends (`]}`) and its size holds still.
      if (name !== undefined) {
        const path = join(snapshots, name);
        const size = statSync(path).size;
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (size > 0 && statSync(path).size === size && readFileSync(path, 'utf8').trimEnd().endsWith(']}')) file = path;
      }
    }
    expect(file).toBeDefined();
    const heap = readFileSync(file ?? '', 'utf8');
    expect(heap.length).toBeGreaterThan(1_000_000);
    const found = traces(heap, needles());
    // On a failure, say what holds them (one retaining path to a GC root per string).
    const held = found.length === 0 ? [] : needles().flatMap((needle) => retainingPaths(heap, needle));
    expect({ found, held }).toEqual({ found: [], held: [] });
  }, 120_000);

  it("Chromium's heap (CDP snapshot of the kiosk page, back on attract) holds none of their NIKs or names", async () => {
    const cdp = await context.newCDPSession(page);
    let heap = '';
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => (heap += chunk));
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    expect(heap.length).toBeGreaterThan(100_000);
    const found = traces(heap, needles());
    const held = found.length === 0 ? [] : needles().flatMap((needle) => retainingPaths(heap, needle));
    expect({ found, held }).toEqual({ found: [], held: [] });
  }, 120_000);

  it('no file in the data folder (application log, print log, health.json, pages) holds a NIK or name of theirs', () => {
    const dataDir = kiosk.dataDir;
    expect(existsSync(join(dataDir, 'print-log.sqlite'))).toBe(true);
    const found = filesUnder(dataDir).flatMap((path) => traces(readFileSync(path).toString('latin1'), needles()).map((hit) => `${path}: ${hit}`));
    expect(found).toEqual([]);
  });
});

import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyDocumentFile } from '../../print-templates/verify.ts';
import type { KioskApi, SessionView } from '../../src/api/contract.ts';
import { createHttpKioskApi } from '../../src/api/http-client.ts';
import { tempDir } from '../e2e/kiosk-process.ts';
import { demoHolder } from '../integration/serial-rig.ts';
import { startTarget, type TargetKiosk } from './support.ts';

/**
 * Issue 8, finding 3: the data folder and `printed/` were 0755, page PNGs 0644 and never
 * deleted (failed and interrupted jobs too), and each page's QR held the full NIK. A real
 * kiosk process prints through its API as the page does; then everything in its folder is
 * private to the kiosk user, the QR on the printed page holds the NIK masked only, and the
 * pages are gone once the session ends (default `printer.keepPages: "session"`), also those
 * of a failed job and those a killed run left behind.
 */
const targets: TargetKiosk[] = [];

afterAll(async () => {
  await Promise.all(targets.map((t) => t.stop()));
}, 60_000);

function api(target: TargetKiosk): KioskApi {
  return createHttpKioskApi({ baseUrl: target.origin, token: target.token });
}

async function until(kiosk: KioskApi, predicate: (view: SessionView) => boolean, what: string): Promise<SessionView> {
  for (let i = 0; i < 600; i += 1) {
    const view = await kiosk.getSession({});
    if (predicate(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never reached ${what}: ${JSON.stringify((await kiosk.getSession({})).state)}`);
}

/** Every path under `dir` whose mode lets group or others in. */
/** Taps the demo card, chooses the document and enters its PIN: the preview is on screen. */
async function upToPreview(kiosk: KioskApi, nik: string, document: { id: string; pin: string }): Promise<void> {
  await kiosk.tapDemoCard({ nik });
  await until(kiosk, (v) => v.state.step === 'choosing', 'choosing');
  await kiosk.chooseDocument({ documentId: document.id });
  await kiosk.submitPin({ pin: document.pin });
  await until(kiosk, (v) => v.state.step === 'previewing', 'previewing');
}

function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = statSync(path);
    if ((stat.mode & 0o077) !== 0) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return found;
}

const pages = (dir: string) => readdirSync(dir).filter((name) => /^\.?page-\d+\.png/.test(name));

describe('the data folder after a print', () => {
  it('is private to the kiosk user, the QR holds no full NIK, and the page goes with the session; a killed run\'s page goes at start-up', async () => {
    const dataDir = join(tempDir('adm-sec-data-'), 'data');
    const printed = join(dataDir, 'printed');
    // What an earlier version, or a run killed mid-print, left: open folders and a page.
    mkdirSync(printed, { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(printed, 0o755);
    writeFileSync(join(printed, 'page-0007.png'), 'a page of a run that was killed mid-print', { mode: 0o644 });
    chmodSync(join(printed, 'page-0007.png'), 0o644);
    const { nik, document } = await demoHolder(dataDir, 'kk');
    const target = await startTarget(dataDir);
    targets.push(target);
    expect(pages(printed)).toEqual([]);
    const kiosk = api(target);
    await upToPreview(kiosk, nik, document);
    await kiosk.startPrint({});
    await until(kiosk, (v) => v.state.step === 'done', 'done');

    // On the done screen the page is there (numbered after the one swept), readable by the kiosk user only, like everything else.
    expect(pages(printed)).toEqual(['page-0008.png']);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(printed, 'page-0008.png')).mode & 0o777).toBe(0o600);

    // Its QR code verifies and carries the NIK masked, never whole.
    const verified = await verifyDocumentFile(join(printed, 'page-0008.png'));
    expect(verified.status).toBe('valid');
    expect(verified.payload?.nik).toBe(`${nik.slice(0, 6)}********${nik.slice(14)}`);
    expect(JSON.stringify(verified.payload)).not.toContain(nik);

    await kiosk.endSession({});
    await until(kiosk, (v) => v.state.step === 'attract', 'attract');
    expect(pages(printed)).toEqual([]);
  }, 180_000);

  it('the pages of a failed print go with its session too', async () => {
    const dir = tempDir('adm-sec-failed-');
    const dataDir = join(dir, 'data');
    const config = join(dir, 'config.json');
    // Paper runs out on the KTP-el's second side (its first side is about 16 500 bytes on the wire): the first is printed, then the resident gives up.
    writeFileSync(config, JSON.stringify({ printer: { uri: `emulator:${join(dir, 'paper')}?fault=paper-end-after=25000` }, print: { waitOnFaultSeconds: 600 } }));
    const { nik, document } = await demoHolder(dataDir, 'ktp');
    const target = await startTarget(dataDir, { args: ['--config', config] });
    targets.push(target);
    const kiosk = api(target);
    await upToPreview(kiosk, nik, document);
    await kiosk.startPrint({});
    await until(kiosk, (v) => v.state.step === 'printing' && v.state.progress.fault !== null, 'the paper-end fault');
    expect(pages(join(dir, 'paper'))).toEqual(['page-0001.png']);
    expect(statSync(join(dir, 'paper')).mode & 0o777).toBe(0o700);
    await kiosk.cancelPrint({});
    const ended = await until(kiosk, (v) => v.state.step === 'error' || v.state.step === 'attract', 'the end of the print');
    if (ended.state.step === 'error') await kiosk.endSession({});
    await until(kiosk, (v) => v.state.step === 'attract', 'attract');
    expect(pages(join(dir, 'paper'))).toEqual([]);
  }, 180_000);
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpKioskApi } from '../../src/api/http-client.ts';
import { kioskTokenFromLaunchUrl } from '../../src/api/launch-client.ts';
import type { KioskApi, SessionView } from '../../src/api/contract.ts';
import { startKiosk, tempDir, type RunningKiosk } from '../e2e/kiosk-process.ts';
import { demoHolder } from './serial-rig.ts';
import { expectStoppedJobClosedHonestly } from './stopped-job.ts';

/**
 * Stopping the kiosk (SIGTERM) while a print waits on paper end: the process exits 0, the job
 * is closed honestly in the log per the table (interrupted with the PIN released when no page
 * was handed to the printer; needs-review with the PIN held once one was), and nothing fails
 * on a closed database (the application log has no error line).
 */
let kiosk: RunningKiosk;
let api: KioskApi;
const dir = tempDir('adm-stop-fault-');
const dataDir = join(dir, 'data');
let documentId = '';

async function until(predicate: (view: SessionView) => boolean): Promise<SessionView> {
  for (let i = 0; i < 300; i += 1) {
    const view = await api.getSession({});
    if (predicate(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the session never got there: ${JSON.stringify((await api.getSession({})).state)}`);
}

beforeAll(async () => {
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ printer: { uri: `emulator:${join(dir, 'paper')}?fault=paper-end-after=6000` }, print: { waitOnFaultSeconds: 600 } }));
  kiosk = await startKiosk(dataDir, ['--config', config]);
  api = createHttpKioskApi({ baseUrl: new URL(kiosk.launchUrl).origin, token: await kioskTokenFromLaunchUrl(kiosk.launchUrl) });
}, 120_000);

afterAll(async () => {
  await kiosk?.stop();
});

describe('SIGTERM while a print waits on paper end', () => {
  it('the print waits on the fault', async () => {
    const { nik, document } = await demoHolder(dataDir, 'ktp');
    documentId = document.id;
    await api.tapDemoCard({ nik });
    await until((view) => view.state.step === 'choosing');
    await api.chooseDocument({ documentId });
    await api.submitPin({ pin: document.pin });
    await until((view) => view.state.step === 'previewing');
    await api.startPrint({});
    const waiting = await until((view) => view.state.step === 'printing' && view.state.progress.fault !== null);
    expect(waiting.state).toMatchObject({ step: 'printing', progress: { fault: { code: 'PRINTER_PAPER_END' } } });
  }, 90_000);

  it('the kiosk exits 0 and the job ends in its row of the table, with no error in the application log', async () => {
    expect(await kiosk.stop()).toBe(0);
    await expectStoppedJobClosedHonestly(dataDir, documentId);
  }, 60_000);
});

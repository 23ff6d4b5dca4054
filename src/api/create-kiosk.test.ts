import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { createKiosk, type Kiosk } from './create-kiosk.ts';

/** The kiosk as wired for every door, on embedded defaults, in a temporary data folder. */
async function demoKiosk(dataDir: string): Promise<Kiosk> {
  return createKiosk({ config: parseConfig({}), dataDir, interactive: false, logError: () => undefined });
}

async function untilStep(kiosk: Kiosk, step: string): Promise<void> {
  for (let i = 0; i < 200 && kiosk.service.view().state.step !== step; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(kiosk.service.view().state.step).toBe(step);
}

describe('createKiosk on embedded defaults', () => {
  it('runs in demo mode with the emulator printing into the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'adm-kiosk-'));
    const kiosk = await demoKiosk(dataDir);
    try {
      expect(kiosk.info).toMatchObject({ mode: 'demo', kioskId: 'ADM-DEMO-01' });
      expect(kiosk.info.printer).toContain(join(dataDir, 'printed'));
      expect((await kiosk.service.listDemoCards()).length).toBeGreaterThan(12);
    } finally {
      await kiosk.close();
    }
  });

  it('refuses production mode while only demo parts exist', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'adm-kiosk-'));
    await expect(createKiosk({ config: parseConfig({ mode: 'production' }), dataDir })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('after a crash mid-session, marks the open job interrupted and gives the PIN back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'adm-kiosk-'));
    const first = await demoKiosk(dataDir);
    const holder = first.registry.demoCitizens().find((c) => c.documents.some((d) => d.type === 'kk' && d.status === 'ready'));
    const kk = holder?.documents.find((d) => d.type === 'kk');
    if (holder === undefined || kk === undefined) throw new Error('no demo KK holder');
    await first.service.tapDemoCard({ nik: holder.nik });
    await untilStep(first, 'choosing');
    await first.service.chooseDocument({ documentId: kk.id });
    await first.service.submitPin({ pin: kk.pin });
    expect(first.service.view().state.step).toBe('previewing');
    expect(first.registry.demoCitizens().find((c) => c.nik === holder.nik)?.documents.find((d) => d.id === kk.id)?.status).toBe('redeemed');
    // The power goes: nothing is closed in order; only the database handle is dropped.
    first.printLog.close();

    const second = await demoKiosk(dataDir);
    try {
      const [job] = second.printLog.listJobs({ from: '2000-01-01', to: '2100-12-31' });
      expect(job).toMatchObject({ documentId: kk.id, state: 'interrupted' });
      expect(second.registry.demoCitizens().find((c) => c.nik === holder.nik)?.documents.find((d) => d.id === kk.id)?.status).toBe('ready');
      expect(readdirSync(join(dataDir, 'printed'))).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

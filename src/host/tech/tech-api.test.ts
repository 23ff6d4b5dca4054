import { kioskTokenFromLaunchUrl } from '../../api/launch-client.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimulatedCardReader } from '../../../device-drivers/card-reader/simulated-reader.ts';
import type { EscPosPrinter } from '../../../device-drivers/printer/escpos-printer.ts';
import type { EmulatorLink } from '../../../device-drivers/printer/links/emulator-link.ts';
import { createHttpClient, createHttpKioskApi } from '../../api/http-client.ts';
import { techContract } from '../../api/tech-contract.ts';
import { useTempDirs } from '../../api/test-support.ts';
import { createAppLog } from '../app-log.ts';
import { parseConfig } from '../config.ts';
import { serveKiosk, type ServedKiosk } from '../serve.ts';
import { DEMO_STAFF_PINS } from '../staff/roles.ts';
import { listAudit, paperUsed } from '../../print-log/index.ts';

/**
 * The technician contract on a served demo kiosk (loopback HTTP, the technician's staff
 * token): the report names the emulator's faults and the detached reader; printer actions
 * wait for nobody (a held printer refuses them at once); every action lands in the audit table.
 */
const tempDir = useTempDirs();

async function serve(): Promise<{ served: ServedKiosk; tech: ReturnType<typeof createHttpClient<typeof techContract>>; uiToken: string }> {
  const dataDir = join(tempDir(), 'data');
  const uiDir = join(dataDir, '..', 'ui');
  mkdirSync(uiDir, { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const served = await serveKiosk({ config: parseConfig({ consumables: { paperSheetsPerRefill: 100 } }), dataDir, uiDir, interactive: false, guardProcess: false, appLog: createAppLog({ dataDir, echo: false }) });
  const baseUrl = served.server.url;
  const uiToken = await kioskTokenFromLaunchUrl(served.launchUrl());
  const grant = await createHttpKioskApi({ baseUrl, token: uiToken }).staffSignIn({ role: 'technician', pin: DEMO_STAFF_PINS.technician });
  return { served, uiToken, tech: createHttpClient(techContract, { baseUrl, token: grant.token, prefix: '/tech' }) };
}

/** Puts the card on the reader until the pending card test has answered (it subscribes when its request arrives). */
async function tapUntil<T>(pending: Promise<T>, tap: () => void): Promise<T> {
  let done = false;
  const settled = pending.finally(() => (done = true));
  while (!done) {
    tap();
    await Promise.race([settled.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return settled;
}

const emulatorOf = (served: ServedKiosk) => (served.kiosk.printer as EscPosPrinter<EmulatorLink>).connection.emulator;

describe('the /tech contract on a running kiosk', () => {
  it('the report names each emulator fault and the detached reader, with what to do', async () => {
    const { served, tech } = await serve();
    try {
      let report = await tech.getReport({});
      expect(report.sections.map((s) => s.id)).toEqual(['reader', 'printer', 'registry', 'system', 'log']);
      expect(report.sections.find((s) => s.id === 'log')?.checks.find((c) => c.id === 'log.chain')).toMatchObject({ level: 'ok' });
      for (const [fault, words] of [
        ['paper-end', /out of paper/],
        ['cover-open', /cover open/],
        ['head-hot', /print head too hot/],
        ['cutter-error', /cutter error/],
        ['near-end', /paper near end/],
      ] as const) {
        emulatorOf(served).clearFault();
        emulatorOf(served).injectFault(fault);
        report = await tech.getReport({});
        const status = report.sections.find((s) => s.id === 'printer')?.checks.find((c) => c.id === 'printer.status');
        expect(status?.words, fault).toMatch(words);
        expect(status?.whatToDo.length, fault).toBeGreaterThan(20);
      }
      emulatorOf(served).clearFault();
      (served.kiosk.cardReader as SimulatedCardReader).detach();
      report = await tech.getReport({});
      expect(report.sections.find((s) => s.id === 'reader')?.checks[0]).toMatchObject({ level: 'broken', code: 'CARD_READER_DISCONNECTED' });
    } finally {
      await served.close();
    }
  });

  it('printer actions are refused at once while a print holds the printer, and audited', async () => {
    const { served, tech } = await serve();
    try {
      let release = () => undefined as void;
      const job = served.kiosk.core.gate.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
      const before = emulatorOf(served).bytesReceived;
      await expect(tech.printTestPage({})).rejects.toMatchObject({ code: 'PRINTER_BUSY' });
      await expect(tech.feed({ mm: 10 })).rejects.toMatchObject({ code: 'PRINTER_BUSY' });
      expect(emulatorOf(served).bytesReceived).toBe(before);
      release();
      await job;
      await new Promise((resolve) => setImmediate(resolve));
      expect((await tech.printTestPage({})).words).toMatch(/test page printed/);
      expect((await tech.cut({})).words).toBe('cut');
      const strips = await tech.printStrips({});
      expect(strips.strips).toHaveLength(4);
      const speed = await tech.speedTest({});
      expect(speed.bytes).toBeGreaterThan(16_000);
      const refilled = await tech.paperRefilled({ kind: 'sheets' });
      const rows = listAudit(served.kiosk.printLog, { from: '2000-01-01', to: '2100-01-01' }).filter((r) => r.actor === 'technician').map((r) => [r.action, r.detail]);
      expect(rows.map(([action]) => action)).toEqual(['sign-in', 'test-print', 'feed', 'test-print', 'cut', 'strips', 'speed-test', 'refill']);
      expect(rows[1]?.[1]).toBe('refused: the printer was busy printing');
      expect(refilled.refilledAt).toBe(paperUsed(served.kiosk.printLog).sheetsRefilledAt);
      expect(rows.at(-1)?.[1]).toBe('sheets');
      expect(served.kiosk.printLog.verifyChain().ok).toBe(true);
    } finally {
      await served.close();
    }
  });

  it('the card test says whether a chip was read, with the UID masked and no NIK; a card on the reader starts no session', async () => {
    const { served, tech } = await serve();
    try {
      const reader = served.kiosk.cardReader as SimulatedCardReader;
      const result = await tapUntil(tech.cardTest({ seconds: 20 }), () => reader.present({ nik: '3273014101900001', uid: '04A1B2C3D4E5F6' }));
      expect(result).toEqual({ outcome: 'read', uidMasked: '04**********F6', words: 'card detected and its chip read (the NIK was read, not shown)' });
      expect(JSON.stringify(result)).not.toContain('3273014101900001');
      expect(served.kiosk.service.view().state.step).toBe('attract');
      reader.remove();
      const failing = await tapUntil(tech.cardTest({ seconds: 20 }), () => reader.present({ nik: '3273014101900001', uid: '04A1B2C3D4E5F6', fault: 'not-ektp' }));
      expect(failing).toMatchObject({ outcome: 'failed', uidMasked: null, code: 'CARD_NOT_EKTP' });
    } finally {
      await served.close();
    }
  });

  it('refuses the resident UI\'s token', async () => {
    const { served, uiToken } = await serve();
    try {
      const withUi = createHttpClient(techContract, { baseUrl: served.server.url, token: uiToken, prefix: '/tech' });
      await expect(withUi.getReport({})).rejects.toMatchObject({ code: 'API_UNAUTHORIZED' });
    } finally {
      await served.close();
    }
  });
});

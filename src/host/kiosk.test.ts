import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeHidBus } from '../../device-drivers/card-reader/testing/fake-hid-bus.ts';
import { FakeReaderModule } from '../../device-drivers/card-reader/testing/fake-reader-module.ts';
import { TEST_TIMING } from '../../device-drivers/card-reader/testing/hid-harness.ts';
import { useTempDirs } from '../api/test-support.ts';
import { KioskError } from '../core/errors.ts';
import { DemoRegistry, demoStateFilePath } from '../records/demo-registry.ts';
import { createAppLog } from './app-log.ts';
import { parseConfig } from './config.ts';
import { readLockHolder } from './data-dir-lock.ts';
import { openKiosk, type Kiosk } from './kiosk.ts';
import { BUILT_IN_PARTS, hidReaderPart, type PartBuilders } from './parts.ts';

/** The kiosk as every door opens it, on a temporary data folder. */
const tempDir = useTempDirs();
const quietLog = (dir: string) => createAppLog({ dataDir: dir, echo: false });

async function demoKiosk(dataDir: string, raw: unknown = {}): Promise<Kiosk> {
  return openKiosk({ config: parseConfig(raw), dataDir, interactive: false, appLog: quietLog(dataDir) });
}

async function untilStep(kiosk: Kiosk, step: string): Promise<void> {
  for (let i = 0; i < 400 && kiosk.service.view().state.step !== step; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(kiosk.service.view().state.step).toBe(step);
}

async function refusal(promise: Promise<unknown>): Promise<KioskError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskError);
  return error as KioskError;
}

/** The USB bus the kiosk's HID reader is found on, at node-hid's interface. */
const bus = new FakeHidBus();
/** The built-in hid reader on the fake bus; a stand-in for the http registry issue 10 brings, added the way it will add its own. */
const FUTURE_PARTS: PartBuilders = {
  registry: {
    ...BUILT_IN_PARTS.registry,
    http: (_config, context) => ({ registry: new DemoRegistry({ stateFile: demoStateFilePath(context.dataDir) }), description: 'http registry (test stand-in)', demo: null }),
  },
  cardReader: { ...BUILT_IN_PARTS.cardReader, hid: hidReaderPart({ hid: bus, timing: TEST_TIMING }) },
};

const PRODUCTION = (printerUri: string) => ({
  mode: 'production',
  kioskId: 'ADM-3273-01',
  registry: { kind: 'http', url: 'https://registry.dukcapil.example/api' },
  cardReader: { kind: 'hid', vendorId: 0x1234, productId: 0x5678 },
  printer: { uri: printerUri, profile: 'generic-a4-203' },
});

describe('openKiosk on embedded defaults', () => {
  it('runs in demo mode with the emulator printing into a data folder only the kiosk user can read', async () => {
    const dataDir = join(tempDir(), 'data');
    const kiosk = await demoKiosk(dataDir);
    try {
      expect(kiosk.info).toMatchObject({ mode: 'demo', kioskId: 'ADM-DEMO-01', demoCardPicker: true });
      expect(kiosk.info.printer).toContain(join(dataDir, 'printed'));
      expect((await kiosk.service.listDemoCards()).length).toBeGreaterThan(12);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(kiosk.health.current()).toEqual({ inService: true, problems: [] });
      expect((await kiosk.service.getSession()).availability).toEqual({ inService: true, problems: [] });
    } finally {
      await kiosk.close();
    }
  });

  it('refuses production mode naming every demo part', async () => {
    const error = await refusal(demoKiosk(tempDir(), { mode: 'production' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('mode "production" runs only on real parts; these are demo parts: registry.kind "demo", cardReader.kind "simulated", printer.uri (emulator: not a real printer)');
  });

  it('refuses a part kind a build has no builder for, by name (here a build without the http registry)', async () => {
    const dataDir = tempDir();
    const withoutHttp: PartBuilders = { registry: { demo: BUILT_IN_PARTS.registry.demo }, cardReader: BUILT_IN_PARTS.cardReader };
    const error = await refusal(openKiosk({ config: parseConfig(PRODUCTION('serial:/dev/ttyUSB7?baud=115200')), dataDir, interactive: false, appLog: quietLog(dataDir), parts: withoutHttp }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message.split('\n')).toEqual(['registry.kind "http" is not available in this version of adm-kiosk (available: demo).']);
  });

  it('starts in production mode once every configured part is real: here out of service, the serial printer and the hid reader not plugged in', async () => {
    const dataDir = tempDir();
    const kiosk = await openKiosk({ config: parseConfig(PRODUCTION(join(dataDir, 'no-such-tty').replace(/^/, 'serial:'))), dataDir, interactive: false, appLog: quietLog(dataDir), parts: FUTURE_PARTS });
    try {
      expect(kiosk.info).toMatchObject({ mode: 'production', registry: 'http registry (test stand-in)', cardReader: 'hid 1234:5678' });
      expect(kiosk.health.current()).toMatchObject({
        inService: false,
        problems: [
          { part: 'printer', error: { code: 'PRINTER_DISCONNECTED' } },
          { part: 'card-reader', error: { code: 'CARD_READER_DISCONNECTED' } },
        ],
      });
      expect(kiosk.cardReader.status()).toMatchObject({ kind: 'hid', connected: false });
      await expect(kiosk.service.listDemoCards()).rejects.toMatchObject({ code: 'DEMO_ONLY' });
    } finally {
      await kiosk.close();
    }
  });

  it('one kiosk per data folder: a second open on the same folder is refused naming the holder; after close it opens', async () => {
    const dataDir = tempDir();
    const first = await demoKiosk(dataDir);
    const error = await refusal(demoKiosk(dataDir));
    expect(error.code).toBe('DATA_DIR_LOCKED');
    expect(error.message).toContain(`in use by adm-kiosk start (pid ${process.pid}`);
    expect(readLockHolder(dataDir)).toMatchObject({ pid: process.pid, command: 'start' });
    await first.close();
    expect(readLockHolder(dataDir)).toBeNull();
    const second = await demoKiosk(dataDir);
    await second.close();
  });

  it('after a crash mid-session, the next start closes the open job and gives the PIN back', async () => {
    const dataDir = tempDir();
    const first = await demoKiosk(dataDir);
    const demo = first.demoRegistry;
    if (demo === null) throw new Error('demo mode has a demo registry');
    const holder = demo.demoCitizens().find((c) => c.documents.some((d) => d.type === 'kk' && d.status === 'ready'));
    const kk = holder?.documents.find((d) => d.type === 'kk');
    if (holder === undefined || kk === undefined) throw new Error('no demo KK holder');
    await first.service.tapDemoCard({ nik: holder.nik });
    await untilStep(first, 'choosing');
    await first.service.chooseDocument({ documentId: kk.id });
    await first.service.submitPin({ pin: kk.pin });
    expect(first.service.view().state.step).toBe('previewing');
    expect(demo.demoCitizens().find((c) => c.nik === holder.nik)?.documents.find((d) => d.id === kk.id)?.status).toBe('redeemed');
    // The power goes: nothing is closed in order; the database handle and the lock just go.
    first.printLog.close();
    first.core.lock.release();

    const second = await demoKiosk(dataDir);
    try {
      const [job] = second.printLog.listJobs({ from: '2000-01-01', to: '2100-12-31' });
      expect(job).toMatchObject({ documentId: kk.id, state: 'interrupted', pinState: 'released' });
      expect(second.demoRegistry?.demoCitizens().find((c) => c.nik === holder.nik)?.documents.find((d) => d.id === kk.id)?.status).toBe('ready');
      expect(readdirSync(join(dataDir, 'printed'))).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('a demo card tapped with a staged fault fails to read with its code (the screen walk\'s failed reads); the next tap reads', async () => {
    const dataDir = tempDir();
    const kiosk = await demoKiosk(dataDir);
    try {
      const [holder] = await kiosk.service.listDemoCards();
      if (holder === undefined) throw new Error('no demo card');
      await kiosk.service.tapDemoCard({ nik: holder.nik, fault: 'blocked' });
      await untilStep(kiosk, 'error');
      expect(kiosk.service.view().state).toMatchObject({ step: 'error', error: { code: 'CARD_BLOCKED' }, pin: null });
      await kiosk.service.tapDemoCard({ nik: holder.nik });
      await untilStep(kiosk, 'choosing');
    } finally {
      await kiosk.close();
    }
  });

  it('offers only documents its printer prints legibly: on an 80 mm receipt profile the A4 KK and akta are not offered', async () => {
    const dataDir = tempDir();
    const kiosk = await demoKiosk(dataDir, { printer: { profile: 'generic-80mm-203' } });
    try {
      const cards = await kiosk.service.listDemoCards();
      const types = new Set(cards.flatMap((c) => c.documentTypes));
      expect(types.has('kk')).toBe(false);
      expect(types.has('akta-kelahiran')).toBe(false);
      const holder = cards[0];
      if (holder === undefined) throw new Error('no demo card');
      await kiosk.service.tapDemoCard({ nik: holder.nik });
      await untilStep(kiosk, 'choosing');
      const state = kiosk.service.view().state;
      if (state.step !== 'choosing') throw new Error('not choosing');
      expect(state.documents.every((d) => d.type === 'ktp' || d.type === 'kia')).toBe(true);
    } finally {
      await kiosk.close();
    }
  });
});

describe('openKiosk with cardReader.kind "hid"', () => {
  it('builds the HID driver on node-hid\'s interface: the reader module answers, a tapped e-KTP opens a session, a pull takes the kiosk out of service', async () => {
    const dataDir = tempDir();
    const module = new FakeReaderModule({ path: '/dev/hidraw-kiosk-test', firmwareVersion: 'ADM-R 2.0.1' });
    bus.plug(module);
    const kiosk = await openKiosk({ config: parseConfig({ cardReader: { kind: 'hid', path: module.path } }), dataDir, interactive: false, appLog: quietLog(dataDir), parts: FUTURE_PARTS });
    try {
      expect(kiosk.info).toMatchObject({ mode: 'demo', cardReader: 'hid 1209:0001 at /dev/hidraw-kiosk-test', demoCardPicker: false });
      await expect(kiosk.service.listDemoCards()).rejects.toMatchObject({ code: 'DEMO_ONLY' });
      expect(kiosk.cardReader.status()).toMatchObject({ kind: 'hid', connected: true, firmwareVersion: 'ADM-R 2.0.1' });
      expect(kiosk.health.current()).toEqual({ inService: true, problems: [] });
      const demo = kiosk.demoRegistry;
      if (demo === null) throw new Error('demo mode has a demo registry');
      const citizen = demo.demoCitizens()[0];
      if (citizen === undefined) throw new Error('no demo citizen');
      module.tap({ nik: citizen.nik, uid: citizen.cardUid, name: citizen.name.toUpperCase(), validUntil: null });
      await untilStep(kiosk, 'choosing');
      bus.unplug(module.path);
      await untilStep(kiosk, 'attract');
      expect(kiosk.health.current()).toMatchObject({ inService: false, problems: [{ part: 'card-reader', error: { code: 'CARD_READER_DISCONNECTED' } }] });
    } finally {
      await kiosk.close();
      bus.unplug(module.path);
    }
  });
});

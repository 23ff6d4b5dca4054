import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMonoBitmap, setDot } from './bitmap.ts';
import { encoderFor } from './escpos-encoder.ts';
import { openPrinter } from './printer-uri.ts';
import { SerialPortStream } from '@serialport/stream';
import { SerialPortMock } from 'serialport';
import { runSerialEmulator } from './emulator-serial.ts';
import { EscPosEmulator } from './escpos-emulator.ts';
import { printerContract } from './printer.contract.ts';
import { loadProfile, parseProfile } from './profiles.ts';
import { SerialPrinter, type SerialPortFactory } from './serial-printer.ts';
import { startPtyPair } from './testing/socat-pair.ts';

/**
 * The same contract over a real serial line: SerialPrinter on one end of a socat pty pair,
 * the emulator on the other, 115 200 baud. Killing socat is pulling the cable.
 */
const scratch = mkdtempSync(join(tmpdir(), 'adm-serial-printer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

const base = loadProfile('generic-80mm-203');
// Short status timeout so silence is noticed quickly.
const profile = parseProfile({ ...base, responseTimeoutMs: 300 }, 'test profile');

printerContract(
  'SerialPrinter over a socat pty pair to the serial emulator',
  async (setup) => {
    runs += 1;
    const outDir = join(scratch, `run-${runs}`);
    const pair = await startPtyPair();
    const emulator = await runSerialEmulator({ device: pair.a, outDir, profile: setup.profile, fault: setup.faults });
    emulator.done.catch(() => undefined);
    const printer = new SerialPrinter(setup.profile, pair.b, { writeStallMs: 2000 });
    return {
      printer,
      outDir,
      disconnect: () => pair.kill(),
      cleanup: async () => {
        await emulator.stop();
        await pair.kill();
      },
    };
  },
  { profile, pageTimeoutMs: 5000, notRespondingWithinMs: 2000, canDisconnect: true },
);

/**
 * And over serialport's mock binding: the same SerialPrinter code, the port made by an
 * injected factory whose binding hands every write to an in-process emulator and feeds its
 * answers back as received data. No kernel, no socat: the injection point is proved.
 */
const MockBinding = SerialPortMock.binding;
type MockBindingInterface = typeof MockBinding;

function emulatorOnMockBinding(emulator: () => EscPosEmulator): SerialPortFactory {
  const binding: MockBindingInterface = {
    ...MockBinding,
    async open(options) {
      const port = await MockBinding.open(options);
      const target = emulator();
      const write = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        target.write(buffer);
      };
      const respond = (bytes: Uint8Array) => port.emitData(Buffer.from(bytes));
      responders.set(target, respond);
      return port;
    },
  };
  return (options) => new SerialPortStream({ binding, path: options.path, baudRate: options.baudRate, autoOpen: false });
}
const responders = new Map<EscPosEmulator, (bytes: Uint8Array) => void>();

printerContract(
  'SerialPrinter over serialport MockBinding to an in-process emulator',
  (setup) => {
    runs += 1;
    const outDir = join(scratch, `mock-${runs}`);
    const path = `/dev/mock-printer-${runs}`;
    MockBinding.createPort(path, { echo: false, record: false });
    const emulator = new EscPosEmulator({ profile: setup.profile, outDir, faults: setup.faults, onResponse: (bytes) => responders.get(emulator)?.(bytes) });
    const printer = new SerialPrinter(setup.profile, path, { portFactory: emulatorOnMockBinding(() => emulator), writeStallMs: 1000 });
    return Promise.resolve({ printer, outDir, cleanup: () => Promise.resolve() });
  },
  { profile, pageTimeoutMs: 2000, notRespondingWithinMs: 2000 },
);

/**
 * Real hardware: ADM_KIOSK_TEST_PRINTER=serial:/dev/ttyUSB0 (and optionally
 * ADM_KIOSK_TEST_PRINTER_PROFILE=custom-kpm216h) runs a short check against the printer on
 * that port: it answers status, takes a small test strip and cuts. Nothing runs without it.
 */
const hardware = process.env['ADM_KIOSK_TEST_PRINTER'];
if (hardware !== undefined && hardware !== '') {
  describe(`real printer at ${hardware}`, () => {
    it('answers status, takes a test strip and cuts', async () => {
      const real = loadProfile(process.env['ADM_KIOSK_TEST_PRINTER_PROFILE'] ?? 'generic-80mm-203');
      const printer = openPrinter(hardware, real);
      await printer.open();
      try {
        const status = await printer.status();
        expect(typeof status.online).toBe('boolean');
        const encoder = encoderFor(real);
        const strip = createMonoBitmap(real.widthDots, 24);
        for (let y = 0; y < 24; y += 1) for (let x = y; x < real.widthDots; x += 24) setDot(strip, x, y);
        await printer.write(encoder.initialize());
        await printer.write(encoder.rasterBand(strip));
        await printer.write(encoder.feedDots(100));
        if (real.cutter) await printer.write(encoder.cut());
        expect(await printer.status()).toMatchObject({ online: true });
      } finally {
        await printer.close();
      }
    });
  });
}

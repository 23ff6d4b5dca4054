import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPortStream } from '@serialport/stream';
import { SerialPortMock } from 'serialport';
import { afterAll, describe, expect, it } from 'vitest';
import { createMonoBitmap, setDot } from './bitmap.ts';
import { encoderFor } from './escpos-encoder.ts';
import { EscPosEmulator } from './escpos-emulator.ts';
import type { SerialPortFactory } from './links/serial-link.ts';
import { pageFileName, readPagePng } from './page-png.ts';
import { printerContract } from './printer.contract.ts';
import { openPrinter } from './printer-uri.ts';
import { emulatorPrinter, filePrinter, serialPrinter, usbPrinter } from './printers.ts';
import { loadProfile, parseProfile } from './profiles.ts';
import { startEmulatorLine } from './testing/emulator-line.ts';

/**
 * The one printer contract (printer.contract.ts), run against EscPosPrinter on every link:
 * the in-process emulator (DLE EOT and GS r status), a capture file, a serial line and a USB
 * printer-class device each over a real socat pty pair to the serial emulator (killing socat
 * is pulling the cable; restarting it at the same paths is plugging it back), and serialport's
 * mock binding. 115 200 baud, short status timeout so silence is noticed quickly.
 */
const scratch = mkdtempSync(join(tmpdir(), 'adm-printer-links-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;
const nextDir = (name: string): string => {
  runs += 1;
  const dir = join(scratch, `${name}-${runs}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const receipt = loadProfile('generic-80mm-203');
const profile = parseProfile({ ...receipt, responseTimeoutMs: 300 }, 'test profile');
const gsRProfile = parseProfile({ ...receipt, id: 'receipt-gs-r', statusCommand: 'gs-r', responseTimeoutMs: 300 }, 'test profile');

const pngPage = (outDir: string) => (n: number) => {
  const path = join(outDir, pageFileName(n));
  return Promise.resolve(existsSync(path) ? readPagePng(path) : undefined);
};

for (const [label, p] of [
  ['DLE EOT status', profile],
  ['GS r status', gsRProfile],
] as const) {
  printerContract(
    `EscPosPrinter on the in-process emulator link (demo mode), ${label}`,
    (setup) => {
      const outDir = nextDir('emulator');
      const printer = emulatorPrinter(setup.profile, outDir, { faults: setup.faults });
      return Promise.resolve({ printer, page: pngPage(outDir), cleanup: () => Promise.resolve() });
    },
    { profile: p, answers: true, pageTimeoutMs: 1000, notRespondingWithinMs: 1000 },
  );
}

printerContract(
  'EscPosPrinter on a capture file link (write only)',
  (setup) => {
    const path = join(nextDir('file'), 'capture.bin');
    const printer = filePrinter(setup.profile, path);
    // The capture replayed into an emulator is what a printer would have printed.
    const page = (n: number) => {
      if (!existsSync(path)) return Promise.resolve(undefined);
      const emulator = new EscPosEmulator({ profile: setup.profile, keepPages: true });
      emulator.write(readFileSync(path));
      return Promise.resolve(emulator.pages[n - 1]);
    };
    return Promise.resolve({ printer, page, cleanup: () => Promise.resolve() });
  },
  { profile, answers: false, pageTimeoutMs: 1000 },
);

printerContract(
  'EscPosPrinter on a serial link over a socat pty pair to the serial emulator',
  async (setup) => {
    const line = await startEmulatorLine({ dir: nextDir('serial'), profile: setup.profile, faults: setup.faults });
    const printer = serialPrinter(setup.profile, line.printerEnd, { writeStallMs: 2000, autoReconnectMs: 100 });
    return { printer, page: line.page, disconnect: line.unplug, reconnectLine: line.plugIn, cleanup: line.stop };
  },
  { profile, answers: true, pageTimeoutMs: 5000, notRespondingWithinMs: 2000, canDisconnect: true },
);

printerContract(
  'EscPosPrinter on a USB printer-class (usblp) link: a socat pty standing in for /dev/usb/lp0, the serial emulator at the other end',
  async (setup) => {
    const line = await startEmulatorLine({ dir: nextDir('usblp'), profile: setup.profile, faults: setup.faults });
    const printer = usbPrinter(setup.profile, line.printerEnd, { writeStallMs: 2000, autoReconnectMs: 100 });
    return { printer, page: line.page, disconnect: line.unplug, reconnectLine: line.plugIn, cleanup: line.stop };
  },
  { profile, answers: true, pageTimeoutMs: 5000, notRespondingWithinMs: 2000, canDisconnect: true },
);

/**
 * And over serialport's mock binding: the same serial link code, the port made by an injected
 * factory whose binding hands every write to an in-process emulator and feeds its answers back
 * as received data. No kernel, no socat: the injection point is proved.
 */
const MockBinding = SerialPortMock.binding;
type MockBindingInterface = typeof MockBinding;
const responders = new Map<EscPosEmulator, (bytes: Uint8Array) => void>();

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
      responders.set(target, (bytes: Uint8Array) => port.emitData(Buffer.from(bytes)));
      return port;
    },
  };
  return (options) => new SerialPortStream({ binding, path: options.path, baudRate: options.baudRate, autoOpen: false });
}

printerContract(
  'EscPosPrinter on a serial link over serialport MockBinding to an in-process emulator',
  (setup) => {
    const outDir = nextDir('mock');
    const path = `/dev/mock-printer-${runs}`;
    MockBinding.createPort(path, { echo: false, record: false });
    const emulator = new EscPosEmulator({ profile: setup.profile, outDir, faults: setup.faults, onResponse: (bytes) => responders.get(emulator)?.(bytes) });
    const printer = serialPrinter(setup.profile, path, { portFactory: emulatorOnMockBinding(() => emulator), writeStallMs: 1000 });
    return Promise.resolve({ printer, page: pngPage(outDir), cleanup: () => Promise.resolve() });
  },
  { profile, answers: true, pageTimeoutMs: 2000, notRespondingWithinMs: 2000 },
);

/**
 * Real hardware: ADM_KIOSK_TEST_PRINTER=serial:/dev/ttyUSB0 or usblp:/dev/usb/lp0 (and
 * optionally ADM_KIOSK_TEST_PRINTER_PROFILE=custom-kpm216h) runs a short check against the
 * printer there: it answers status, takes a small test strip and cuts. Nothing runs without it.
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

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrinterLinkEvent } from './contract.ts';
import { runSerialEmulator } from './emulator-serial.ts';
import type { SerialPortLike } from './links/serial-link.ts';
import { filePrinter, serialPrinter, usbPrinter } from './printers.ts';
import { loadProfile, parseProfile } from './profiles.ts';
import { startEmulatorLine } from './testing/emulator-line.ts';
import { startPtyPair } from './socat-pair.ts';

/** Device links beyond the contract: back-pressure, stalls, reconnection, late answers, a capture file. */
const scratch = mkdtempSync(join(tmpdir(), 'adm-device-links-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const profile = parseProfile({ ...loadProfile('generic-80mm-203'), responseTimeoutMs: 300 }, 'test profile');
let dirs = 0;
const nextDir = (name: string): string => {
  dirs += 1;
  const dir = join(scratch, `${name}-${dirs}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const LINKS = [
  ['serial', (path: string, options: { writeStallMs?: number; autoReconnectMs?: number } = {}) => serialPrinter(profile, path, options)],
  ['usblp', (path: string, options: { writeStallMs?: number; autoReconnectMs?: number } = {}) => usbPrinter(profile, path, options)],
] as const;

describe.each(LINKS)('%s link on a real pty', (kind, makePrinter) => {
  it('a write resolves only when the line has taken the bytes; a printer that stops taking them is PRINTER_NOT_RESPONDING', async () => {
    const pair = await startPtyPair();
    try {
      // Nobody reads the other end: the pty and socat buffers fill, then the line pushes back.
      const printer = makePrinter(pair.b, { writeStallMs: 400 });
      await printer.open();
      const started = Date.now();
      await expect(printer.write(new Uint8Array(4 * 1024 * 1024))).rejects.toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
      expect(Date.now() - started).toBeLessThan(5000);
      await printer.close();
    } finally {
      await pair.kill();
    }
  });

  it('opened while the device is missing: open fails, the link keeps looking, and emits "reconnected" once the socat pair appears', async () => {
    const line = await startEmulatorLine({ dir: nextDir(`${kind}-absent`), profile, plugged: false });
    const printer = makePrinter(line.printerEnd, { autoReconnectMs: 100 });
    const events: PrinterLinkEvent[] = [];
    printer.onLinkEvent((event) => events.push(event));
    const back = new Promise<void>((resolve) => printer.onLinkEvent((event) => event.type === 'reconnected' && resolve()));
    try {
      await expect(printer.open()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      // Absent for a while: the background attempts fail quietly.
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(events).toEqual([]);
      await line.plugIn();
      await back;
      expect(events).toEqual([{ type: 'reconnected' }]);
      expect(await printer.status()).toMatchObject({ online: true });
    } finally {
      await printer.close();
      await line.stop();
    }
  });

  it('reconnect() opens the same path again once the line is back', async () => {
    const line = await startEmulatorLine({ dir: nextDir(`${kind}-reconnect`), profile });
    const printer = makePrinter(line.printerEnd, { autoReconnectMs: 0 });
    const lost: string[] = [];
    printer.onLinkEvent((event) => event.type === 'disconnected' && lost.push(event.error.code));
    try {
      await printer.open();
      expect(await printer.status()).toMatchObject({ online: true });
      await line.unplug();
      // A write notices the loss on every link (a pty hang-up may not be reported until then).
      await expect(printer.write(Uint8Array.of(0x1b, 0x40))).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      expect(lost).toEqual(['PRINTER_DISCONNECTED']);
      await expect(printer.reconnect(2, 50)).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      await line.plugIn();
      await printer.reconnect(3, 100);
      expect(await printer.status()).toMatchObject({ online: true });
    } finally {
      await printer.close();
      await line.stop();
    }
  });

  it('discards a stale byte before asking for status', async () => {
    const line = await startEmulatorLine({ dir: nextDir(`${kind}-stale`), profile });
    const printer = makePrinter(line.printerEnd);
    try {
      await printer.open();
      line.current?.emulator.write(Uint8Array.of(0x10, 0x04, 0x02)); // an answer nobody asked for
      await new Promise((resolve) => setTimeout(resolve, 50));
      line.current?.emulator.injectFault('cover-open');
      expect(await printer.status()).toMatchObject({ online: false, coverOpen: true });
    } finally {
      await printer.close();
      await line.stop();
    }
  });

  it('a hung printer stops taking bytes, so writes stall into PRINTER_NOT_RESPONDING; after clearing the fault the line moves again', async () => {
    const pair = await startPtyPair();
    const running = await runSerialEmulator({ device: pair.a, outDir: nextDir(`${kind}-hung`), profile, fault: { kind: 'silent', afterBytes: 10 } });
    running.done.catch(() => undefined);
    const printer = makePrinter(pair.b, { writeStallMs: 300 });
    try {
      await printer.open();
      await expect(printer.write(new Uint8Array(2 * 1024 * 1024))).rejects.toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
      expect(running.emulator.isSilent).toBe(true);
      const stalledAt = running.emulator.bytesReceived;
      // The stalled write stopped where the line stopped: most of it was never sent.
      expect(stalledAt).toBeLessThan(1024 * 1024);
      running.clearFault();
      await printer.write(new Uint8Array(64 * 1024));
      expect(await printer.status()).toMatchObject({ online: true });
      expect(running.emulator.bytesReceived).toBeGreaterThan(stalledAt + 64 * 1024);
    } finally {
      await printer.close();
      await running.stop();
      await pair.kill();
    }
  });
});

describe('capture file link', () => {
  it('appends the raw bytes; status is assumed ready while open and PRINTER_DISCONNECTED after close', async () => {
    const path = join(scratch, 'capture', 'job.bin');
    // Its folder must exist: opening creates no folders (issue 8: nothing is made before the PIN is checked).
    await expect(filePrinter(profile, path).open()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED', hint: expect.stringContaining('does not exist') as unknown });
    expect(existsSync(join(scratch, 'capture'))).toBe(false);
    mkdirSync(join(scratch, 'capture'));
    const printer = filePrinter(profile, path);
    await printer.open();
    expect(await printer.status()).toMatchObject({ online: true });
    await printer.write(Uint8Array.of(0x1b, 0x40));
    await printer.write(Uint8Array.of(0x1d, 0x56, 65, 0));
    // Nothing can be read back, so nothing is asked: no status request lands in the capture.
    expect(await printer.clearBuffers()).toBe('ignored');
    await printer.close();
    expect([...readFileSync(path)]).toEqual([0x1b, 0x40, 0x1d, 0x56, 65, 0]);
    await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
    await expect(printer.write(Uint8Array.of(0))).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
  });
});

describe('closing while an open is in flight', () => {
  it('a serial port that finishes opening after close() is closed again, and the open says so', async () => {
    let finishOpen: ((error: Error | null) => void) | undefined;
    let isOpen = false;
    let closes = 0;
    const port: SerialPortLike = {
      get isOpen() {
        return isOpen;
      },
      open: (callback) => {
        finishOpen = (error) => {
          isOpen = error === null;
          callback(error);
        };
      },
      close: (callback) => {
        closes += 1;
        isOpen = false;
        callback?.(null);
      },
      write: () => true,
      on: () => port,
      removeAllListeners: () => port,
    };
    const printer = serialPrinter(profile, '/dev/ttyFAKE0', { portFactory: () => port, autoReconnectMs: 0 });
    const opening = printer.open();
    await printer.close();
    finishOpen?.(null);
    await expect(opening).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED', message: expect.stringContaining('closed while it was being opened') as string });
    expect(isOpen).toBe(false);
    expect(closes).toBe(1);
    await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
  });
});

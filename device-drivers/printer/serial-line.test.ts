import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSerialEmulator } from './emulator-serial.ts';
import { FilePrinter } from './file-printer.ts';
import { loadProfile, parseProfile } from './profiles.ts';
import { SerialPrinter } from './serial-printer.ts';
import { startPtyPair } from './testing/socat-pair.ts';

/** Serial behaviours beyond the contract: back-pressure, stalls, reconnect, late answers. */
const scratch = mkdtempSync(join(tmpdir(), 'adm-serial-line-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const profile = parseProfile({ ...loadProfile('generic-80mm-203'), responseTimeoutMs: 300 }, 'test profile');

describe('SerialPrinter on a real line', () => {
  it('a write resolves only when the line has taken the bytes; a printer that stops taking them is PRINTER_NOT_RESPONDING', async () => {
    const pair = await startPtyPair();
    try {
      // Nobody reads the other end: the pty and socat buffers fill, then the line pushes back.
      const printer = new SerialPrinter(profile, pair.b, { writeStallMs: 400 });
      await printer.open();
      const started = Date.now();
      await expect(printer.write(new Uint8Array(4 * 1024 * 1024))).rejects.toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
      expect(Date.now() - started).toBeLessThan(5000);
      await printer.close();
    } finally {
      await pair.kill();
    }
  });

  it('reconnect() opens the same path again once the line is back', async () => {
    const link = join(scratch, 'printer-link');
    const emulatorLink = join(scratch, 'emulator-link');
    const startLinked = async () => {
      const pair = await startPtyPair(5000, [emulatorLink, link]);
      const emulator = await runSerialEmulator({ device: emulatorLink, outDir: join(scratch, 'reconnect'), profile });
      emulator.done.catch(() => undefined);
      return { pair, emulator };
    };
    let line = await startLinked();
    const printer = new SerialPrinter(profile, link);
    const lost: string[] = [];
    printer.onDisconnect((error) => lost.push(error.code));
    try {
      await printer.open();
      expect(await printer.status()).toMatchObject({ online: true });
      await line.pair.kill();
      await line.emulator.stop();
      await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      expect(lost).toEqual(['PRINTER_DISCONNECTED']);
      await expect(printer.reconnect(2, 50)).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      line = await startLinked();
      await printer.reconnect(3, 100);
      expect(await printer.status()).toMatchObject({ online: true });
    } finally {
      await printer.close();
      await line.emulator.stop();
      await line.pair.kill();
    }
  });

  it('reconnects by itself when the USB-serial adapter comes back, and tells whoever listens', async () => {
    const link = join(scratch, 'auto-printer-link');
    const emulatorLink = join(scratch, 'auto-emulator-link');
    const startLinked = async () => {
      const pair = await startPtyPair(5000, [emulatorLink, link]);
      const emulator = await runSerialEmulator({ device: emulatorLink, outDir: join(scratch, 'auto-reconnect'), profile });
      emulator.done.catch(() => undefined);
      return { pair, emulator };
    };
    let line = await startLinked();
    const printer = new SerialPrinter(profile, link, { autoReconnectMs: 100 });
    const back = new Promise<void>((resolve) => printer.onReconnect(resolve));
    try {
      await printer.open();
      await line.pair.kill();
      await line.emulator.stop();
      await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      // Unplugged for a while: the background attempts fail quietly.
      await new Promise((resolve) => setTimeout(resolve, 350));
      line = await startLinked();
      await back;
      expect(await printer.status()).toMatchObject({ online: true });
    } finally {
      await printer.close();
      await line.emulator.stop();
      await line.pair.kill();
    }
  });

  it('discards a stale byte before asking for status', async () => {
    const pair = await startPtyPair();
    const emulator = await runSerialEmulator({ device: pair.a, outDir: join(scratch, 'stale'), profile });
    emulator.done.catch(() => undefined);
    const printer = new SerialPrinter(profile, pair.b);
    try {
      await printer.open();
      emulator.emulator.write(Uint8Array.of(0x10, 0x04, 0x02)); // an answer nobody asked for
      await new Promise((resolve) => setTimeout(resolve, 50));
      emulator.emulator.injectFault('cover-open');
      expect(await printer.status()).toMatchObject({ online: false, coverOpen: true });
    } finally {
      await printer.close();
      await emulator.stop();
      await pair.kill();
    }
  });
});

describe('FilePrinter', () => {
  it('appends the raw bytes and is always online', async () => {
    const path = join(scratch, 'capture', 'job.bin');
    const printer = new FilePrinter(profile, path);
    await printer.open();
    await printer.write(Uint8Array.of(0x1b, 0x40));
    await printer.write(Uint8Array.of(0x1d, 0x56, 65, 0));
    await printer.close();
    expect([...readFileSync(path)]).toEqual([0x1b, 0x40, 0x1d, 0x56, 65, 0]);
    expect(await printer.status()).toMatchObject({ online: true });
    await expect(printer.write(Uint8Array.of(0))).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
  });
});

describe('the serial emulator as a hung printer', () => {
  it('stops taking bytes when silent, so writes stall into PRINTER_NOT_RESPONDING; after clearing the fault the line moves again', async () => {
    const pair = await startPtyPair();
    const outDir = join(scratch, 'hung');
    const running = await runSerialEmulator({ device: pair.a, outDir, profile, fault: { kind: 'silent', afterBytes: 10 } });
    running.done.catch(() => undefined);
    const printer = new SerialPrinter(profile, pair.b, { writeStallMs: 300 });
    try {
      await printer.open();
      await expect(printer.write(new Uint8Array(2 * 1024 * 1024))).rejects.toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
      expect(running.emulator.isSilent).toBe(true);
      const stalledAt = running.emulator.bytesReceived;
      // The stalled write stopped after its current 4 KB slice: the rest was never sent.
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

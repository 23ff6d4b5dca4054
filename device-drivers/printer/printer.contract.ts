import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMonoBitmap, setDot, type MonoBitmap } from './bitmap.ts';
import type { Printer, PrinterProfile } from './contract.ts';
import { encoderFor } from './escpos-encoder.ts';
import type { EmulatorFault } from './escpos-emulator.ts';
import { pageFileName, readPagePng, sameDots } from './page-png.ts';

/**
 * One test suite every Printer must pass, run against each implementation (the in-process
 * emulator, a serial printer over a pty to the emulator, and real hardware when wired).
 * The harness puts an ESC/POS emulator (or a printer) at the other end and says where its
 * pages appear.
 */
export interface PrinterHarness {
  readonly printer: Printer;
  /** Folder the far end writes page PNGs into. */
  readonly outDir: string;
  /** Takes the line away under the printer (pull the cable); absent when it cannot. */
  readonly disconnect?: () => Promise<void>;
  cleanup(): Promise<void>;
}

export interface HarnessSetup {
  readonly profile: PrinterProfile;
  readonly faults: readonly EmulatorFault[];
}

export type PrinterHarnessFactory = (setup: HarnessSetup) => Promise<PrinterHarness>;

export interface PrinterContractOptions {
  readonly profile: PrinterProfile;
  /** How long to wait for a page PNG to appear (serial lines take a while). */
  readonly pageTimeoutMs?: number;
  /** A silent printer must be reported within this. */
  readonly notRespondingWithinMs?: number;
  /** The harness can take the line away (its `disconnect`): run the disconnection test. */
  readonly canDisconnect?: boolean;
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitForAsync<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function testPattern(width: number, height: number): MonoBitmap {
  const bitmap = createMonoBitmap(width, height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) if ((x + y) % 7 === 0 || y === 0 || x === width - 1) setDot(bitmap, x, y);
  }
  return bitmap;
}

function job(profile: PrinterProfile, page: MonoBitmap, bandHeight: number): Uint8Array[] {
  const encoder = encoderFor(profile);
  const parts = [encoder.initialize()];
  for (let top = 0; top < page.height; top += bandHeight) {
    const height = Math.min(bandHeight, page.height - top);
    parts.push(encoder.rasterBand({ width: page.width, height, bytesPerRow: page.bytesPerRow, data: page.data.slice(top * page.bytesPerRow, (top + height) * page.bytesPerRow) }));
  }
  parts.push(encoder.cut());
  return parts;
}

export function printerContract(name: string, factory: PrinterHarnessFactory, options: PrinterContractOptions): void {
  const { profile } = options;
  const pageTimeoutMs = options.pageTimeoutMs ?? 5000;
  const notRespondingWithinMs = options.notRespondingWithinMs ?? 3000;

  describe(`Printer contract: ${name}`, () => {
    let harness: PrinterHarness | undefined;
    const setUp = async (faults: readonly EmulatorFault[] = []): Promise<PrinterHarness> => {
      harness = await factory({ profile, faults });
      await harness.printer.open();
      return harness;
    };
    afterEach(async () => {
      const current = harness;
      harness = undefined;
      if (current !== undefined) {
        await current.printer.close().catch(() => undefined);
        await current.cleanup();
      }
    });

    it('reports a ready printer after open and describes itself without personal data', async () => {
      const { printer } = await setUp();
      expect(await printer.status()).toEqual({ online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false });
      expect(printer.describe()).toContain(profile.id);
      expect(printer.profile.id).toBe(profile.id);
    });

    it('prints the bytes written as the right page', async () => {
      const { printer, outDir } = await setUp();
      const page = testPattern(profile.widthDots, 60);
      for (const part of job(profile, page, 24)) await printer.write(part);
      expect(await printer.status()).toMatchObject({ online: true });
      const path = join(outDir, pageFileName(1));
      await waitFor(() => (existsSync(path) ? true : undefined), pageTimeoutMs, path);
      expect(sameDots(readPagePng(path), page)).toBe(true);
    });

    it('shows paper end in its status when the paper runs out mid-job', async () => {
      const page = testPattern(profile.widthDots, 48);
      const parts = job(profile, page, 16);
      const firstBand = (parts[0]?.length ?? 0) + (parts[1]?.length ?? 0);
      const { printer, outDir } = await setUp([{ kind: 'paper-end', afterBytes: firstBand + 10 }]);
      await printer.write(parts[0] ?? new Uint8Array());
      await printer.write(parts[1] ?? new Uint8Array());
      expect(await printer.status()).toMatchObject({ online: true, paperEnd: false });
      for (const part of parts.slice(2)) await printer.write(part);
      const status = await printer.status();
      expect(status).toMatchObject({ online: false, paperEnd: true });
      expect(existsSync(join(outDir, pageFileName(1)))).toBe(false);
    });

    it('clears its buffers during paper end (when it implements clearBuffers); status reads right after', async () => {
      const page = testPattern(profile.widthDots, 48);
      const parts = job(profile, page, 16);
      const firstBand = (parts[0]?.length ?? 0) + (parts[1]?.length ?? 0);
      const { printer } = await setUp([{ kind: 'paper-end', afterBytes: firstBand + 10 }]);
      if (printer.clearBuffers === undefined) return;
      await printer.clearBuffers();
      expect(await printer.status()).toMatchObject({ online: true });
      for (const part of parts) await printer.write(part);
      expect(await printer.status()).toMatchObject({ online: false, paperEnd: true });
      await printer.clearBuffers();
      expect(await printer.status()).toMatchObject({ online: false, paperEnd: true });
    });

    it('says PRINTER_NOT_RESPONDING when the printer goes silent', async () => {
      const { printer } = await setUp([{ kind: 'silent', afterBytes: 9 }]);
      await printer.status();
      await printer.write(Uint8Array.of(0x1b, 0x40));
      const started = Date.now();
      await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
      expect(Date.now() - started).toBeLessThan(notRespondingWithinMs);
    });

    it('says PRINTER_DISCONNECTED after close', async () => {
      const { printer } = await setUp();
      await printer.close();
      await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      await expect(printer.write(Uint8Array.of(0x1b, 0x40))).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
    });

    if (options.canDisconnect === true) {
      it('says PRINTER_DISCONNECTED when the line goes away', async () => {
        const current = await setUp();
        expect(await current.printer.status()).toMatchObject({ online: true });
        await current.disconnect?.();
        const started = Date.now();
        // The first failure the kiosk sees must already name the cause.
        const failure = await waitForAsync(async () => {
          try {
            await current.printer.status();
            return undefined;
          } catch (error) {
            return { error };
          }
        }, 3000, 'status to fail');
        expect(failure.error).toMatchObject({ code: 'PRINTER_DISCONNECTED' });
        await expect(current.printer.write(Uint8Array.of(0x1b, 0x40))).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
        expect(Date.now() - started).toBeLessThan(3000);
      });
    }
  });
}

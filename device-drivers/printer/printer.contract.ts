import { afterEach, describe, expect, it } from 'vitest';
import { createMonoBitmap, setDot, type MonoBitmap } from './bitmap.ts';
import type { Printer, PrinterLinkEvent, PrinterProfile } from './contract.ts';
import { encoderFor } from './escpos-encoder.ts';
import type { EmulatorFault } from './escpos-emulator.ts';
import { sameDots } from './page-png.ts';

/**
 * One test suite every Printer must pass, run against each link (the in-process emulator, a
 * serial line and a USB printer-class device over socat ptys to the emulator, serialport's mock
 * binding, a capture file, and real hardware when wired). The harness puts an ESC/POS emulator
 * (or a printer) at the other end and says how to read the pages it printed.
 */
export interface PrinterHarness {
  readonly printer: Printer;
  /** Page `n` (1-based) as printed at the far end, once it exists; undefined while it does not. */
  page(n: number): Promise<MonoBitmap | undefined>;
  /** Takes the line away under the printer (pull the cable); absent when it cannot. */
  readonly disconnect?: () => Promise<void>;
  /** Puts the line back at the same path (plug the cable in again); absent when it cannot. */
  readonly reconnectLine?: () => Promise<void>;
  cleanup(): Promise<void>;
}

export interface HarnessSetup {
  readonly profile: PrinterProfile;
  readonly faults: readonly EmulatorFault[];
}

export type PrinterHarnessFactory = (setup: HarnessSetup) => Promise<PrinterHarness>;

export interface PrinterContractOptions {
  readonly profile: PrinterProfile;
  /** How long to wait for a page to appear (serial lines take a while). */
  readonly pageTimeoutMs?: number;
  /** A silent printer must be reported within this. */
  readonly notRespondingWithinMs?: number;
  /** The printer can answer over this link (false for a capture file: status is assumed). */
  readonly answers: boolean;
  /** The harness can take the line away (its `disconnect`, and `reconnectLine` to put it back). */
  readonly canDisconnect?: boolean;
}

async function waitForAsync<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
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

const READY = { online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false };

export function printerContract(name: string, factory: PrinterHarnessFactory, options: PrinterContractOptions): void {
  const { profile } = options;
  const pageTimeoutMs = options.pageTimeoutMs ?? 5000;
  const notRespondingWithinMs = options.notRespondingWithinMs ?? 3000;
  const answersInOrderOnly = profile.statusCommand === 'gs-r';

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
      expect(await printer.status()).toEqual(READY);
      expect(printer.describe()).toContain(profile.id);
      expect(printer.profile.id).toBe(profile.id);
      // A link that cannot carry answers says that the status it reports is assumed.
      expect(printer.describe().includes('assumed')).toBe(!options.answers || profile.statusCommand === 'none');
      expect(await printer.statusReport?.()).toMatchObject({ status: READY, words: options.answers ? 'ready' : 'ready (assumed)' });
    });

    it('prints the bytes written as the right page', async () => {
      const current = await setUp();
      const page = testPattern(profile.widthDots, 60);
      for (const part of job(profile, page, 24)) await current.printer.write(part);
      expect(await current.printer.status()).toMatchObject({ online: true });
      const printed = await waitForAsync(() => current.page(1), pageTimeoutMs, 'page 1');
      expect(sameDots(printed, page)).toBe(true);
    });

    it('says PRINTER_DISCONNECTED after close', async () => {
      const { printer } = await setUp();
      await printer.close();
      await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
      await expect(printer.write(Uint8Array.of(0x1b, 0x40))).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
    });

    if (!options.answers) return;

    it(answersInOrderOnly ? 'shows paper end at idle; mid-job (GS r held behind the page) it does not answer' : 'shows paper end in its status when the paper runs out mid-job', async () => {
      const page = testPattern(profile.widthDots, 48);
      const parts = job(profile, page, 16);
      const firstBand = (parts[0]?.length ?? 0) + (parts[1]?.length ?? 0);
      const current = await setUp([{ kind: 'paper-end', afterBytes: firstBand + 10 }]);
      await current.printer.write(parts[0] ?? new Uint8Array());
      await current.printer.write(parts[1] ?? new Uint8Array());
      expect(await current.printer.status()).toMatchObject({ online: true, paperEnd: false });
      for (const part of parts.slice(2)) await current.printer.write(part);
      if (answersInOrderOnly) await expect(current.printer.status()).rejects.toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
      else expect(await current.printer.status()).toMatchObject({ online: false, paperEnd: true });
      expect(await current.page(1)).toBeUndefined();
    });

    it('clears its buffers during paper end (DLE DC4 fn=8 answered); status reads right after', async () => {
      const page = testPattern(profile.widthDots, 48);
      const parts = job(profile, page, 16);
      const firstBand = (parts[0]?.length ?? 0) + (parts[1]?.length ?? 0);
      const { printer } = await setUp([{ kind: 'paper-end', afterBytes: firstBand + 10 }]);
      if (printer.clearBuffers === undefined || answersInOrderOnly) return;
      expect(await printer.clearBuffers()).toBe('cleared');
      expect(await printer.status()).toMatchObject({ online: true });
      for (const part of parts) await printer.write(part);
      expect(await printer.status()).toMatchObject({ online: false, paperEnd: true });
      expect(await printer.clearBuffers()).toBe('cleared');
      expect(await printer.status()).toMatchObject({ online: false, paperEnd: true });
    });

    it('a printer that ignores DLE DC4 fn=8 keeps its paper end: the clear is "ignored" (once waited for, then known)', async () => {
      const page = testPattern(profile.widthDots, 48);
      const parts = job(profile, page, 16);
      const { printer } = await setUp([
        { kind: 'ignores-dle-dc4', afterBytes: 0 },
        { kind: 'paper-end', afterBytes: (parts[0]?.length ?? 0) + (parts[1]?.length ?? 0) + 10 },
      ]);
      if (printer.clearBuffers === undefined || answersInOrderOnly) return;
      for (const part of parts) await printer.write(part);
      expect(await printer.status()).toMatchObject({ online: false, paperEnd: true });
      expect(await printer.clearBuffers()).toBe('ignored');
      // The paper end is still what the printer says, never "not responding".
      expect(await printer.status()).toMatchObject({ online: false, paperEnd: true });
      // Remembered: the second clear does not wait for an answer that never comes.
      const started = Date.now();
      expect(await printer.clearBuffers()).toBe('ignored');
      expect(Date.now() - started).toBeLessThan(profile.responseTimeoutMs);
    });

    it.each([
      ['cutter-error', 'offline, cutter error', { cutter: true, autoRecoverable: false }],
      ['head-hot', 'offline, head too hot (or supply voltage): waits and recovers by itself', { cutter: false, autoRecoverable: true }],
    ] as const)('reports a %s in words for a technician (DLE EOT 3 asked only when there is an error)', async (kind, words, cause) => {
      const { printer } = await setUp([{ kind, afterBytes: 0 }]);
      if (printer.statusReport === undefined || answersInOrderOnly) return;
      const report = await printer.statusReport();
      expect(report).toMatchObject({ source: 'dle-eot', status: { online: false, error: true }, errorCause: cause, words });
      expect(await printer.status()).toMatchObject({ online: false, error: true });
    });

    it('says PRINTER_NOT_RESPONDING when the printer goes silent', async () => {
      const { printer } = await setUp([{ kind: 'silent', afterBytes: 9 }]);
      await printer.status();
      await printer.write(Uint8Array.of(0x1b, 0x40, 0x1b, 0x40, 0x1b, 0x40));
      const started = Date.now();
      await expect(printer.status()).rejects.toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
      expect(Date.now() - started).toBeLessThan(notRespondingWithinMs);
      // A silent printer is not mistaken for one that merely ignores the buffer clear.
      if (printer.clearBuffers !== undefined && !answersInOrderOnly) await expect(printer.clearBuffers()).rejects.toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
    });

    if (options.canDisconnect !== true) {
      it('emits no link event: this link has no line to lose', async () => {
        const { printer } = await setUp();
        const events: PrinterLinkEvent[] = [];
        printer.onLinkEvent((event) => events.push(event));
        await printer.status();
        await printer.close();
        expect(events).toEqual([]);
      });
      return;
    }

    it('says PRINTER_DISCONNECTED when the line goes away, emits "disconnected" once, and "reconnected" when it is back', async () => {
      const current = await setUp();
      const events: PrinterLinkEvent[] = [];
      current.printer.onLinkEvent((event) => events.push(event));
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
      expect(events).toEqual([{ type: 'disconnected', error: expect.objectContaining({ code: 'PRINTER_DISCONNECTED' }) as unknown }]);
      if (current.reconnectLine === undefined) return;
      await current.reconnectLine();
      await waitForAsync(() => Promise.resolve(events.length >= 2 ? true : undefined), 10_000, 'the reconnected event');
      expect(events.map((e) => e.type)).toEqual(['disconnected', 'reconnected']);
      expect(await current.printer.status()).toEqual(READY);
    });
  });
}

import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KioskError } from '../../../src/core/errors.ts';
import type { PrinterLink, PrinterLinkEvent } from '../contract.ts';
import { EscPosEmulator, type EmulatedPage, type EmulatorFault } from '../escpos-emulator.ts';
import type { PrinterProfile } from '../profile-schema.ts';

export interface EmulatorLinkOptions {
  readonly faults?: readonly EmulatorFault[];
  /** Called for every page the emulator finishes (its PNG already written). */
  readonly onPage?: (page: EmulatedPage) => void;
}

/**
 * Demo mode's "cable": the bytes go to an in-process ESC/POS emulator that writes each
 * printed page as a PNG into a folder, and its answers come back as a byte stream, exactly as
 * a real printer's would (a silent emulator simply never answers). Fault injection is the
 * emulator's (`emulator.injectFault`, `clearFault`, scheduled faults).
 */
export class EmulatorLink implements PrinterLink {
  readonly kind = 'emulator' as const;
  readonly duplex = true;
  readonly outDir: string;
  readonly emulator: EscPosEmulator;
  private opened = false;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();

  constructor(profile: PrinterProfile, outDir: string, options: EmulatorLinkOptions = {}) {
    this.outDir = outDir;
    this.emulator = new EscPosEmulator({
      profile,
      outDir,
      faults: options.faults ?? [],
      ...(options.onPage === undefined ? {} : { onPage: options.onPage }),
      onResponse: (bytes) => {
        for (const listener of this.dataListeners) listener(bytes);
      },
    });
  }

  describe(): string {
    return `ESC/POS emulator writing pages to ${this.outDir}`;
  }

  /**
   * Creates the page folder (0700) if it is missing, but not its parents: a mistyped
   * `emulator:` path fails here, before anything is printed, instead of leaving folders behind.
   */
  async open(): Promise<void> {
    try {
      await mkdir(this.outDir, { mode: 0o700 });
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' || !(await stat(this.outDir)).isDirectory()) {
        throw new KioskError('PRINTER_DISCONNECTED', `The emulator's page folder ${this.outDir} cannot be created (${code ?? 'error'}).`, {
          hint: code === 'ENOENT' ? `The folder ${dirname(this.outDir)} does not exist: create it first, or check the path.` : 'Check the path and that its folder is writable.',
          cause,
        });
      }
    }
    this.opened = true;
  }

  /** Finishes a page left without a cut (a printer without cutter) and stops. */
  close(): Promise<void> {
    if (this.opened) this.emulator.flushPage();
    this.opened = false;
    return Promise.resolve();
  }

  write(bytes: Uint8Array): Promise<void> {
    return Promise.resolve().then(() => {
      if (!this.opened) throw new KioskError('PRINTER_DISCONNECTED', 'The emulated printer is not open.', { hint: 'Open the printer before printing.' });
      this.emulator.write(bytes);
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** Nothing to lose: the in-process emulator never emits link events. */
  onLinkEvent(_listener: (event: PrinterLinkEvent) => void): () => void {
    return () => undefined;
  }

  /** Answers arrive as soon as a question is written: nothing to prepare. */
  beginExchange(): Promise<void> {
    return Promise.resolve();
  }

  endExchange(): void {}

  reconnect(): Promise<void> {
    return this.open();
  }
}

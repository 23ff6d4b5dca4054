import { mkdir } from 'node:fs/promises';
import { KioskError } from '../../src/core/errors.ts';
import type { Printer, PrinterLinkEvent, PrinterProfile, PrinterStatus } from './contract.ts';
import { CLEAR_BUFFERS_RESPONSE, clearBuffers, statusRequest } from './escpos-encoder.ts';
import { EscPosEmulator, type EmulatedPage, type EmulatorFault } from './escpos-emulator.ts';
import { combineStatus } from './status-parser.ts';

export interface EmulatorPrinterOptions {
  readonly faults?: readonly EmulatorFault[];
  /** Called for every page the emulator finishes (its PNG already written). */
  readonly onPage?: (page: EmulatedPage) => void;
}

/**
 * Demo mode's printer: an in-process ESC/POS emulator that writes each printed page as a PNG
 * into a folder. Status goes through the same bytes a real printer gets (DLE EOT 1, 2, 4).
 */
export class EmulatorPrinter implements Printer {
  readonly profile: PrinterProfile;
  readonly link = 'emulator' as const;
  readonly outDir: string;
  readonly emulator: EscPosEmulator;
  private readonly responses: number[] = [];
  private opened = false;

  constructor(profile: PrinterProfile, outDir: string, options: EmulatorPrinterOptions = {}) {
    this.profile = profile;
    this.outDir = outDir;
    this.emulator = new EscPosEmulator({
      profile,
      outDir,
      faults: options.faults ?? [],
      ...(options.onPage === undefined ? {} : { onPage: options.onPage }),
      onResponse: (bytes) => this.responses.push(...bytes),
    });
  }

  async open(): Promise<void> {
    try {
      await mkdir(this.outDir, { recursive: true });
    } catch (cause) {
      throw new KioskError('PRINTER_DISCONNECTED', `The emulator's page folder ${this.outDir} cannot be created.`, { hint: 'Check the data folder is writable.', cause });
    }
    this.opened = true;
  }

  /** Finishes a page left without a cut (a printer without cutter) and stops. */
  close(): Promise<void> {
    if (this.opened) this.emulator.flushPage();
    this.opened = false;
    return Promise.resolve();
  }

  private ensureOpen(): void {
    if (!this.opened) throw new KioskError('PRINTER_DISCONNECTED', 'The emulated printer is not open.', { hint: 'Open the printer before printing.' });
  }

  status(): Promise<PrinterStatus> {
    return Promise.resolve().then(() => this.readStatus());
  }

  private readStatus(): PrinterStatus {
    this.ensureOpen();
    this.responses.length = 0;
    const answers: number[] = [];
    for (const n of [1, 2, 4] as const) {
      this.emulator.write(statusRequest(n));
      const byte = this.responses.shift();
      if (byte === undefined) {
        throw new KioskError('PRINTER_NOT_RESPONDING', `The emulated printer did not answer DLE EOT ${n}.`, { hint: 'The emulator was told to go silent; clear its fault.' });
      }
      answers.push(byte);
    }
    return combineStatus(answers[0] ?? -1, answers[1] ?? -1, answers[2] ?? -1);
  }

  /** DLE DC4 fn=8 through the emulator; resolves once it answered 37 25 00. */
  clearBuffers(): Promise<void> {
    return Promise.resolve().then(() => {
      this.ensureOpen();
      this.responses.length = 0;
      this.emulator.write(clearBuffers());
      const answer = this.responses.splice(0, 3);
      if (answer.length < 3) throw new KioskError('PRINTER_NOT_RESPONDING', 'The emulated printer did not answer the buffer clear.', { hint: 'The emulator was told to go silent; clear its fault.' });
      if (answer.some((b, i) => b !== CLEAR_BUFFERS_RESPONSE[i])) throw new KioskError('PRINTER_ERROR', 'The emulated printer answered the buffer clear wrongly.', { hint: 'This is a bug in the emulator.' });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    return Promise.resolve().then(() => {
      this.ensureOpen();
      this.emulator.write(bytes);
    });
  }

  /** The emulator has no line to lose: reopening is opening. */
  reconnect(): Promise<void> {
    return this.open();
  }

  /** Nothing to lose: the in-process emulator never emits link events. */
  onLinkEvent(_listener: (event: PrinterLinkEvent) => void): () => void {
    return () => undefined;
  }

  describe(): string {
    return `ESC/POS emulator (${this.profile.id}) writing pages to ${this.outDir}`;
  }
}

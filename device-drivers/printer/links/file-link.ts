import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KioskError } from '../../../src/core/errors.ts';
import type { PrinterLink, PrinterLinkEvent } from '../contract.ts';

/**
 * Raw ESC/POS bytes appended to a file: for capturing what the kiosk sends (replay it later
 * with `cat file > /dev/usb/lp0` or feed it to the emulator). Write only: nothing comes back,
 * so the printer's status cannot be read (EscPosPrinter reports it as assumed ready and says
 * so in its description).
 */
export class FileLink implements PrinterLink {
  readonly kind = 'file' as const;
  readonly duplex = false;
  readonly path: string;
  private handle: FileHandle | undefined;

  constructor(path: string) {
    this.path = path;
  }

  describe(): string {
    return `file ${this.path}`;
  }

  /**
   * Opens (creates, 0600: it holds the resident's document) the capture file. Its folder must
   * exist: nothing is created on the way, so a mistyped path fails here, before a PIN is spent.
   */
  async open(): Promise<void> {
    if (this.handle !== undefined) return;
    try {
      this.handle = await open(this.path, 'a', 0o600);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      throw new KioskError('PRINTER_DISCONNECTED', `The print capture file ${this.path} cannot be opened (${code ?? 'error'}).`, {
        hint: code === 'ENOENT' ? `The folder ${dirname(this.path)} does not exist: create it first, or check the path.` : 'Check the path and that its folder is writable.',
        cause,
      });
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (handle === undefined) throw new KioskError('PRINTER_DISCONNECTED', 'The print capture file is not open.', { hint: 'Open the printer before printing.' });
    try {
      await handle.write(bytes);
    } catch (cause) {
      throw new KioskError('PRINTER_DISCONNECTED', `Writing to the print capture file ${this.path} failed.`, { hint: 'Check free disk space.', cause });
    }
  }

  /** Nothing ever comes back from a file. */
  onData(_listener: (chunk: Uint8Array) => void): () => void {
    return () => undefined;
  }

  /** A capture file has no line to lose. */
  onLinkEvent(_listener: (event: PrinterLinkEvent) => void): () => void {
    return () => undefined;
  }

  beginExchange(): Promise<void> {
    return Promise.resolve();
  }

  endExchange(): void {}

  /** Reopening a file is opening it. */
  async reconnect(): Promise<void> {
    await this.close();
    await this.open();
  }
}

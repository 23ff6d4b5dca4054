import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KioskError } from '../../src/core/errors.ts';
import type { Printer, PrinterLinkEvent, PrinterProfile, PrinterStatus } from './contract.ts';

/**
 * Raw ESC/POS bytes appended to a file: for capturing what the kiosk sends (replay it later
 * with `cat file > /dev/ttyUSB0` or feed it to the emulator). Status is always "online".
 */
export class FilePrinter implements Printer {
  readonly profile: PrinterProfile;
  readonly link = 'file' as const;
  readonly path: string;
  private handle: FileHandle | undefined;

  constructor(profile: PrinterProfile, path: string) {
    this.profile = profile;
    this.path = path;
  }

  async open(): Promise<void> {
    if (this.handle !== undefined) return;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      this.handle = await open(this.path, 'a');
    } catch (cause) {
      throw new KioskError('PRINTER_DISCONNECTED', `The print capture file ${this.path} cannot be opened.`, { hint: 'Check the path and that its folder is writable.', cause });
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  status(): Promise<PrinterStatus> {
    return Promise.resolve({ online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false });
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

  /** Nothing to lose: a capture file never emits link events. */
  onLinkEvent(_listener: (event: PrinterLinkEvent) => void): () => void {
    return () => undefined;
  }

  describe(): string {
    return `file ${this.path} (${this.profile.id})`;
  }
}

import { constants, type FileHandle, open } from 'node:fs/promises';
import { KioskError } from '../../../src/core/errors.ts';
import { DeviceLink, sleep, type DeviceLinkOptions } from './device-link.ts';

/**
 * A USB printer-class device as the kernel's usblp driver shows it: a character device such as
 * /dev/usb/lp0, opened with node:fs. It is opened non-blocking, so nothing ever parks a thread
 * of libuv's pool on it: a write the device cannot take yet (EAGAIN) is retried after a pause
 * of 1-5 ms (that is the printer's back-pressure; no progress for writeStallMs is
 * PRINTER_NOT_RESPONDING), and input is read only during a status exchange, polled every few
 * milliseconds (input left from before the question is dropped first). Unplugging shows as EIO
 * or ENODEV on a write or read: the link is lost and looks for the device path again, like a
 * serial link. A printer that sends nothing back (unidirectional usblp: EINVAL on read) simply
 * never answers: give its profile statusCommand "none".
 */
export interface UsbLpLinkOptions extends DeviceLinkOptions {
  /** No progress on a write for this long is PRINTER_NOT_RESPONDING. Default 5 s. */
  readonly writeStallMs?: number;
  /** Input poll period during a status exchange. Default 2 ms. */
  readonly readPollMs?: number;
}

/** Largest single write (the usblp driver itself takes at most a page at a time). */
const WRITE_SLICE = 4096;
/**
 * Longest pause between tries of a write the device cannot take yet. Short, because the usblp
 * driver takes one block per write and says EAGAIN until its transfer is done: a long pause
 * would leave a fast printer idle. 200 tries a second while a printer is stopped cost nothing.
 */
const MAX_BACKOFF_MS = 5;
const LOST_CODES = new Set(['EIO', 'ENODEV', 'ENXIO', 'EPIPE', 'EBADF', 'ESHUTDOWN']);
/** The device cannot take (or give) bytes right now; ENOSPC is usblp's "paper out" when the printer asks to abort. */
const AGAIN_CODES = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR', 'ENOSPC']);

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function openHint(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
    case 'ENXIO':
    case 'ENODEV':
      return 'Check the printer is switched on and its USB cable plugged in (ls /dev/usb/ should show it).';
    case 'EACCES':
    case 'EPERM':
      return 'Give the kiosk user access to the device: add it to the lp group, or a udev rule for the printer.';
    case 'EBUSY':
      return 'Another program has the printer open (a CUPS backend?); stop it.';
    default:
      return 'Check the printer cable and power.';
  }
}

export class UsbLpLink extends DeviceLink {
  readonly kind = 'usblp' as const;
  private handle: FileHandle | undefined;
  private readonly writeStallMs: number;
  private readonly readPollMs: number;
  private exchanges = 0;
  /** The handle the input poll runs on, if one runs. */
  private pollingHandle: FileHandle | undefined;
  /** The device refused a read (EINVAL): a unidirectional printer, it cannot answer status. */
  private readRefused = false;

  constructor(path: string, options: UsbLpLinkOptions = {}) {
    super(path, options);
    this.writeStallMs = options.writeStallMs ?? 5_000;
    this.readPollMs = options.readPollMs ?? 2;
  }

  describe(): string {
    return `usblp ${this.path}${this.readRefused ? ' (sends nothing back: status cannot be read)' : ''}`;
  }

  protected async openDevice(): Promise<void> {
    try {
      this.handle = await open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (cause) {
      throw new KioskError('PRINTER_DISCONNECTED', `The USB printer ${this.path} cannot be opened.`, { hint: openHint(errorCode(cause)), cause });
    }
  }

  protected async closeDevice(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.exchanges = 0;
    await handle?.close().catch(() => undefined);
  }

  private usableHandle(): FileHandle {
    const problem = this.unusable();
    const handle = this.handle;
    if (problem !== undefined) throw problem;
    if (handle === undefined) throw new KioskError('PRINTER_DISCONNECTED', `The printer on ${this.path} is not open.`, { hint: 'Open the printer before printing.' });
    return handle;
  }

  /** A failure of the device: lost for good on EIO / ENODEV, else the error itself. */
  private failed(handle: FileHandle, error: unknown): KioskError {
    if (this.handle !== handle) return this.unusable() ?? new KioskError('PRINTER_DISCONNECTED', 'The printer connection was closed.');
    const code = errorCode(error);
    if (code !== undefined && LOST_CODES.has(code)) this.lose(asError(error));
    return (
      this.unusable() ??
      new KioskError('PRINTER_ERROR', `The USB printer ${this.path} refused the data (${code ?? 'unknown error'}).`, {
        hint: 'Switch the printer off and on; if it keeps happening, check the kernel log (dmesg) for the usblp device.',
        cause: error,
      })
    );
  }

  async write(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    let lastProgress = Date.now();
    let backoff = 1;
    while (true) {
      const handle = this.usableHandle();
      if (offset >= bytes.length) return;
      let written = 0;
      try {
        ({ bytesWritten: written } = await handle.write(bytes, offset, Math.min(WRITE_SLICE, bytes.length - offset)));
      } catch (error) {
        if (!AGAIN_CODES.has(errorCode(error) ?? '')) throw this.failed(handle, error);
      }
      if (written > 0) {
        offset += written;
        lastProgress = Date.now();
        backoff = 1;
        continue;
      }
      if (Date.now() - lastProgress >= this.writeStallMs) {
        throw new KioskError('PRINTER_NOT_RESPONDING', `The printer on ${this.path} has not taken any data for ${this.writeStallMs} ms.`, {
          hint: 'The printer may be out of paper, open, or switched off; check it and its cable.',
        });
      }
      await sleep(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /** Drops input left from before (a late answer, a stale byte), then reads promptly until endExchange. */
  async beginExchange(): Promise<void> {
    const handle = this.usableHandle();
    const scratch = Buffer.alloc(256);
    for (let i = 0; i < 64; i += 1) {
      const got = await this.readOnce(handle, scratch);
      if (got <= 0) break;
    }
    this.exchanges += 1;
    if (this.pollingHandle !== handle) {
      this.pollingHandle = handle;
      // poll() never rejects; the catch only keeps that promise handled.
      this.poll(handle).catch(() => undefined);
    }
  }

  endExchange(): void {
    this.exchanges = Math.max(0, this.exchanges - 1);
  }

  /** One non-blocking read: bytes read, 0 when nothing is waiting, -1 when reading is impossible. */
  private async readOnce(handle: FileHandle, buffer: Buffer): Promise<number> {
    if (this.readRefused) return -1;
    try {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      return bytesRead;
    } catch (error) {
      const code = errorCode(error);
      if (AGAIN_CODES.has(code ?? '')) return 0;
      if (code === 'EINVAL') {
        this.readRefused = true;
        return -1;
      }
      this.failed(handle, error);
      return -1;
    }
  }

  /** Reads while an exchange is open; never rejects (failures end the loop and lose the link). */
  private async poll(handle: FileHandle): Promise<void> {
    const buffer = Buffer.alloc(256);
    try {
      while (this.exchanges > 0 && this.handle === handle && this.lost === undefined) {
        const got = await this.readOnce(handle, buffer);
        if (got > 0) this.emitData(Uint8Array.from(buffer.subarray(0, got)));
        else if (got < 0) break;
        else await sleep(this.readPollMs);
      }
    } finally {
      if (this.pollingHandle === handle) this.pollingHandle = undefined;
    }
  }
}

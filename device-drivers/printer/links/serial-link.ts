import { SerialPort } from 'serialport';
import { KioskError } from '../../../src/core/errors.ts';
import type { PrinterProfile } from '../profile-schema.ts';
import { DeviceLink, type DeviceLinkOptions } from './device-link.ts';

/**
 * The part of a serialport stream the link uses. The real `SerialPort` and serialport's
 * `SerialPortMock` both fit, so tests inject the mock binding and production the real one.
 */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  write(data: Buffer, callback?: (error: Error | null | undefined) => void): boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  /** Stop / restart reading (stream flow control); the emulator uses it to play a hung printer. */
  pause?(): unknown;
  resume?(): unknown;
}

export interface SerialOpenOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly rtscts: boolean;
  readonly xon: boolean;
  readonly xoff: boolean;
}

export type SerialPortFactory = (options: SerialOpenOptions) => SerialPortLike;

/** The real serial port (serialport's native binding), not opened yet. */
export const realSerialPort: SerialPortFactory = (options) =>
  new SerialPort({ path: options.path, baudRate: options.baudRate, rtscts: options.rtscts, xon: options.xon, xoff: options.xoff, autoOpen: false, highWaterMark: 64 * 1024 });

export interface SerialLinkOptions extends DeviceLinkOptions {
  readonly baudRate: number;
  readonly flowControl: PrinterProfile['serial']['flowControl'];
  /** How the port is made; defaults to the real serial port. */
  readonly portFactory?: SerialPortFactory;
  /** A write slice the line does not take within this (plus twice its wire time) is PRINTER_NOT_RESPONDING. Default 5 s. */
  readonly writeStallMs?: number;
}

/** Largest slice handed to the port at once (about 0.36 s of wire time at 115 200 baud). */
const WRITE_SLICE = 4096;

/**
 * A serial line (RS-232 or USB-serial): bytes written honour the line's back-pressure (each
 * slice resolves once the OS has taken it), a line that stops moving is noticed after
 * writeStallMs, and what the printer sends comes in as a stream.
 */
export class SerialLink extends DeviceLink {
  readonly kind = 'serial' as const;
  readonly baudRate: number;
  readonly flowControl: PrinterProfile['serial']['flowControl'];
  private readonly portFactory: SerialPortFactory;
  private readonly writeStallMs: number;
  private port: SerialPortLike | undefined;
  private closing = false;

  constructor(path: string, options: SerialLinkOptions) {
    super(path, options);
    this.baudRate = options.baudRate;
    this.flowControl = options.flowControl;
    this.portFactory = options.portFactory ?? realSerialPort;
    this.writeStallMs = options.writeStallMs ?? 5_000;
  }

  describe(): string {
    return `serial ${this.path} @${this.baudRate} ${this.flowControl === 'none' ? 'no flow control' : this.flowControl}`;
  }

  protected async openDevice(): Promise<void> {
    const port = this.portFactory({
      path: this.path,
      baudRate: this.baudRate,
      rtscts: this.flowControl === 'rtscts',
      xon: this.flowControl === 'xonxoff',
      xoff: this.flowControl === 'xonxoff',
    });
    port.on('data', (chunk) => {
      if (this.port === port) this.emitData(chunk);
    });
    port.on('close', (error) => {
      if (this.port === port && !this.closing) this.lose(error ?? undefined);
    });
    port.on('error', (error) => {
      if (this.port === port && !this.closing) this.lose(error);
    });
    await new Promise<void>((resolve, reject) => {
      port.open((error) => {
        if (error === null) resolve();
        else {
          port.removeAllListeners();
          port.on('error', () => undefined);
          reject(
            new KioskError('PRINTER_DISCONNECTED', `The serial port ${this.path} cannot be opened.`, {
              hint: 'Check the printer cable and power, and that the kiosk user may use the port (dialout group).',
              cause: error,
            }),
          );
        }
      });
    });
    this.port = port;
  }

  protected async closeDevice(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port === undefined) return;
    this.closing = true;
    try {
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    } finally {
      port.removeAllListeners();
      // A hang-up noticed after closing must not become an unhandled 'error' event.
      port.on('error', () => undefined);
      this.closing = false;
    }
  }

  /** The stream reads all the time: nothing to prepare, stale bytes have already been delivered. */
  beginExchange(): Promise<void> {
    return Promise.resolve();
  }

  endExchange(): void {}

  /**
   * Sends bytes in slices of WRITE_SLICE bytes, each resolved once the OS has taken it, so a
   * line that stops moving (printer buffer full and never draining) is noticed after
   * writeStallMs however large the write.
   */
  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) {
      const problem = this.unusable();
      if (problem !== undefined) throw problem;
      return;
    }
    for (let at = 0; at < bytes.length; at += WRITE_SLICE) await this.writeSlice(bytes.subarray(at, at + WRITE_SLICE));
  }

  private writeSlice(bytes: Uint8Array): Promise<void> {
    const problem = this.unusable();
    const port = this.port;
    if (problem !== undefined || port === undefined) return Promise.reject(problem ?? new KioskError('PRINTER_DISCONNECTED', `The printer on ${this.path} is not open.`));
    const limitMs = Math.round(this.writeStallMs + (2 * bytes.length * 10 * 1000) / this.baudRate);
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: KioskError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pendingWrites.delete(finish);
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = setTimeout(
        () =>
          finish(
            new KioskError('PRINTER_NOT_RESPONDING', `The printer on ${this.path} has not taken any data for ${limitMs} ms.`, {
              hint: 'The printer may be out of paper, open, or switched off; check it and its cable.',
            }),
          ),
        limitMs,
      );
      this.pendingWrites.add(finish);
      port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error) => {
        if (error === null || error === undefined) {
          finish();
          return;
        }
        this.lose(error);
        finish(this.unusable());
      });
    });
  }
}

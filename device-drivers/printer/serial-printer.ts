import { SerialPort } from 'serialport';
import { KioskError } from '../../src/core/errors.ts';
import type { Printer, PrinterLinkEvent, PrinterProfile, PrinterStatus } from './contract.ts';
import { CLEAR_BUFFERS_RESPONSE, clearBuffers, statusRequest } from './escpos-encoder.ts';
import { combineStatus } from './status-parser.ts';

/**
 * The part of a serialport stream the printer uses. The real `SerialPort` and serialport's
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

export interface SerialPrinterOptions {
  /** Overrides the profile's baud rate (e.g. from `serial:/dev/ttyUSB0?baud=921600`). */
  readonly baudRate?: number;
  /** Overrides the profile's flow control. */
  readonly flowControl?: PrinterProfile['serial']['flowControl'];
  /** How the port is made; defaults to the real serial port. */
  readonly portFactory?: SerialPortFactory;
  /** Per status byte; defaults to the profile's responseTimeoutMs, else 1000 ms. */
  readonly responseTimeoutMs?: number;
  /** A write that the line does not take within this (plus twice its wire time) is PRINTER_NOT_RESPONDING. Default 5 s. */
  readonly writeStallMs?: number;
  /**
   * After the line is lost (USB-serial adapter pulled), try to open the path again every this
   * many milliseconds until it is back or the printer is closed. Default 2000; 0 turns it off.
   */
  readonly autoReconnectMs?: number;
}

interface ByteWaiter {
  readonly resolve: (byte: number) => void;
  readonly reject: (error: unknown) => void;
}

/** Largest slice handed to the port at once (about 0.36 s of wire time at 115 200 baud). */
const WRITE_SLICE = 4096;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A printer on a serial line (RS-232 or USB-serial): bytes written honour the line's
 * back-pressure (each write resolves once the OS has taken it), status is DLE EOT 1, 2 and 4
 * with a per-byte timeout, and a lost line is PRINTER_DISCONNECTED until `reconnect()`.
 */
export class SerialPrinter implements Printer {
  readonly profile: PrinterProfile;
  readonly link = 'serial' as const;
  readonly path: string;
  readonly baudRate: number;
  readonly flowControl: PrinterProfile['serial']['flowControl'];
  private readonly portFactory: SerialPortFactory;
  private readonly responseTimeoutMs: number;
  private readonly writeStallMs: number;
  private port: SerialPortLike | undefined;
  private lost: KioskError | undefined;
  private closing = false;
  private inbox: number[] = [];
  private waiter: ByteWaiter | undefined;
  private readonly pendingWrites = new Set<(error: KioskError) => void>();
  private statusChain: Promise<unknown> = Promise.resolve();
  private readonly disconnectListeners = new Set<(error: KioskError) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly autoReconnectMs: number;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set by close(): the owner is done with the printer; nothing reconnects it. */
  private shutDown = false;
  private opening: Promise<void> | undefined;

  constructor(profile: PrinterProfile, path: string, options: SerialPrinterOptions = {}) {
    this.profile = profile;
    this.path = path;
    this.baudRate = options.baudRate ?? profile.serial.baudRate;
    this.flowControl = options.flowControl ?? profile.serial.flowControl;
    this.portFactory = options.portFactory ?? realSerialPort;
    this.responseTimeoutMs = options.responseTimeoutMs ?? profile.responseTimeoutMs ?? 1000;
    this.writeStallMs = options.writeStallMs ?? 5_000;
    this.autoReconnectMs = options.autoReconnectMs ?? 2_000;
  }

  /** Called each time the line came back by itself (automatic reconnection). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Called once each time the line is lost (cable pulled, device gone). Returns the unsubscribe function. */
  onDisconnect(listener: (error: KioskError) => void): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  onLinkEvent(listener: (event: PrinterLinkEvent) => void): () => void {
    const offLost = this.onDisconnect((error) => listener({ type: 'disconnected', error: error.toErrorData() }));
    const offBack = this.onReconnect(() => listener({ type: 'reconnected' }));
    return () => {
      offLost();
      offBack();
    };
  }

  get isConnected(): boolean {
    return this.port !== undefined && this.lost === undefined;
  }

  /** Opens the line; concurrent calls (the owner and the background reconnection) share one attempt. */
  open(): Promise<void> {
    this.shutDown = false;
    if (this.opening !== undefined) return this.opening;
    this.opening = this.openPort().finally(() => {
      this.opening = undefined;
    });
    // A printer absent at start-up is looked for in the background, as after a loss.
    this.opening.catch((error: unknown) => {
      if (this.port === undefined && this.lost === undefined) {
        this.lost = error instanceof KioskError ? error : new KioskError('PRINTER_DISCONNECTED', `The serial port ${this.path} cannot be opened.`, { cause: error });
        this.scheduleReconnect();
      }
    });
    return this.opening;
  }

  private async openPort(): Promise<void> {
    if (this.port !== undefined && this.lost === undefined) return;
    // What is left of a lost line is closed first (its file descriptor released).
    if (this.port !== undefined) await this.closePort();
    const port = this.portFactory({
      path: this.path,
      baudRate: this.baudRate,
      rtscts: this.flowControl === 'rtscts',
      xon: this.flowControl === 'xonxoff',
      xoff: this.flowControl === 'xonxoff',
    });
    port.on('data', (chunk) => this.received(chunk));
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
    this.lost = undefined;
    this.inbox = [];
  }

  async close(): Promise<void> {
    this.shutDown = true;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    await this.closePort();
  }

  private async closePort(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    this.failWaiters(new KioskError('PRINTER_DISCONNECTED', 'The printer connection was closed.', { hint: 'Open the printer again.' }));
    if (port === undefined) return;
    this.closing = true;
    try {
      if (port.isOpen) {
        await new Promise<void>((resolve) => port.close(() => resolve()));
      }
    } finally {
      port.removeAllListeners();
      // A hang-up noticed after closing must not become an unhandled 'error' event.
      port.on('error', () => undefined);
      this.closing = false;
    }
  }

  /** Closes whatever is left of the line and opens the path again, retrying. */
  async reconnect(attempts = 5, delayMs = 1000): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      await this.closePort().catch(() => undefined);
      try {
        await this.open();
        return;
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await sleep(delayMs);
      }
    }
    throw new KioskError('PRINTER_DISCONNECTED', `The serial port ${this.path} could not be opened again after ${attempts} attempts.`, {
      hint: 'Check the printer cable and power, then try again.',
      cause: lastError,
    });
  }

  describe(): string {
    return `serial ${this.path} @${this.baudRate} ${this.flowControl === 'none' ? 'no flow control' : this.flowControl} (${this.profile.id})`;
  }

  /**
   * Sends bytes in slices of WRITE_SLICE bytes, each resolved once the OS has taken it, so a
   * line that stops moving (printer buffer full and never draining) is noticed after
   * writeStallMs however large the write.
   */
  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) {
      this.usablePort();
      return;
    }
    for (let at = 0; at < bytes.length; at += WRITE_SLICE) await this.writeSlice(bytes.subarray(at, at + WRITE_SLICE));
  }

  private writeSlice(bytes: Uint8Array): Promise<void> {
    let port: SerialPortLike;
    try {
      port = this.usablePort();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
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
        finish(this.lost);
      });
    });
  }

  /** DLE EOT 1, 2 and 4, one at a time; concurrent callers queue. */
  status(): Promise<PrinterStatus> {
    const run = this.statusChain.then(() => this.queryStatus());
    this.statusChain = run.catch(() => undefined);
    return run;
  }

  private async queryStatus(): Promise<PrinterStatus> {
    this.usablePort();
    if (this.profile.statusCommand === 'none') {
      return { online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false };
    }
    this.inbox = [];
    const answers: number[] = [];
    for (const n of [1, 2, 4] as const) {
      await this.write(statusRequest(n));
      answers.push(await this.readByte(n));
    }
    return combineStatus(answers[0] ?? -1, answers[1] ?? -1, answers[2] ?? -1);
  }

  /** DLE DC4 fn=8, then waits for its 37 25 00 answer; queued with status requests. */
  clearBuffers(): Promise<void> {
    const run = this.statusChain.then(() => this.queryClear());
    this.statusChain = run.catch(() => undefined);
    return run;
  }

  private async queryClear(): Promise<void> {
    this.usablePort();
    this.inbox = [];
    await this.write(clearBuffers());
    for (const expected of CLEAR_BUFFERS_RESPONSE) {
      const byte = await this.readByte('DLE DC4 8 (clear buffers)');
      if (byte !== expected) {
        throw new KioskError('PRINTER_ERROR', `The printer on ${this.path} answered the buffer clear with byte 0x${byte.toString(16).padStart(2, '0')}, not 37 25 00.`, {
          hint: "Set the printer profile's bufferClear to \"none\" if this model does not support DLE DC4 fn=8.",
        });
      }
    }
  }

  private readByte(n: number | string): Promise<number> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.lost !== undefined) return Promise.reject(this.lost);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(
          new KioskError('PRINTER_NOT_RESPONDING', `The printer on ${this.path} did not answer ${typeof n === 'number' ? `the status request DLE EOT ${n}` : n} within ${this.responseTimeoutMs} ms.`, {
            hint:
              typeof n === 'number'
                ? 'Check the printer is switched on, the cable is plugged in and the baud rate matches the printer.'
                : 'Check the printer is switched on and cabled; if it is, this model may not know DLE DC4 fn=8: set the profile\'s bufferClear to "none".',
          }),
        );
      }, this.responseTimeoutMs);
      this.waiter = {
        resolve: (byte) => {
          clearTimeout(timer);
          resolve(byte);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      };
    });
  }

  private received(chunk: Buffer): void {
    for (const byte of chunk) {
      const waiter = this.waiter;
      if (waiter !== undefined) {
        this.waiter = undefined;
        waiter.resolve(byte);
      } else if (this.inbox.length < 64) {
        this.inbox.push(byte);
      }
    }
  }

  private usablePort(): SerialPortLike {
    if (this.lost !== undefined) throw this.lost;
    const port = this.port;
    if (port === undefined) throw new KioskError('PRINTER_DISCONNECTED', `The printer on ${this.path} is not open.`, { hint: 'Open the printer before printing.' });
    return port;
  }

  private failWaiters(error: KioskError): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
    for (const finish of [...this.pendingWrites]) finish(error);
  }

  private lose(cause: Error | undefined): void {
    if (this.lost !== undefined) return;
    const error = new KioskError('PRINTER_DISCONNECTED', `The connection to the printer on ${this.path} was lost.`, {
      hint: 'Check the printer cable and power; the kiosk reconnects when the printer is back.',
      ...(cause === undefined ? {} : { cause }),
    });
    this.lost = error;
    this.failWaiters(error);
    for (const listener of this.disconnectListeners) listener(error);
    this.scheduleReconnect();
  }

  /** While the line is lost, tries the path again now and then, in the background. */
  private scheduleReconnect(): void {
    if (this.autoReconnectMs <= 0 || this.reconnectTimer !== undefined || this.shutDown) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.shutDown || this.lost === undefined) return;
      this.open().then(
        () => {
          for (const listener of this.reconnectListeners) listener();
        },
        () => this.scheduleReconnect(),
      );
    }, this.autoReconnectMs);
    this.reconnectTimer.unref?.();
  }
}

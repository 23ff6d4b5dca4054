import { KioskError } from '../../../src/core/errors.ts';
import type { PrinterLink, PrinterLinkEvent, PrinterLinkKind } from '../contract.ts';

/**
 * What a link to a real device (a serial port, a USB printer-class device) shares: opening the
 * device once even when the owner and the background reconnection ask together; noticing that
 * the device went away (PRINTER_DISCONNECTED from then on, pending writes failed, one
 * `disconnected` event); looking for the device path again every `autoReconnectMs` until it is
 * back (then one `reconnected` event), also when the very first open failed; and closing for
 * good. Subclasses open, close, write to and read from the device itself.
 */
export interface DeviceLinkOptions {
  /** While the device is lost (or was absent at open), try its path again this often. Default 2000 ms; 0 turns it off. */
  readonly autoReconnectMs?: number;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export abstract class DeviceLink implements PrinterLink {
  abstract readonly kind: PrinterLinkKind;
  readonly duplex = true;
  readonly path: string;
  protected lost: KioskError | undefined;
  /** Set by close(): the owner is done with the link; nothing reconnects it. */
  protected shutDown = false;
  private isOpen = false;
  private opening: Promise<void> | undefined;
  /** Bumped by close(): an open still in flight then closes what it opened. */
  private generation = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly autoReconnectMs: number;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly eventListeners = new Set<(event: PrinterLinkEvent) => void>();
  /** Writes in flight, failed at once when the device goes away or the link is closed. */
  protected readonly pendingWrites = new Set<(error: KioskError) => void>();

  protected constructor(path: string, options: DeviceLinkOptions) {
    this.path = path;
    this.autoReconnectMs = options.autoReconnectMs ?? 2_000;
  }

  abstract describe(): string;
  abstract write(bytes: Uint8Array): Promise<void>;
  abstract beginExchange(): Promise<void>;
  abstract endExchange(): void;
  /** Opens the device; rejects PRINTER_DISCONNECTED (with a hint) when it cannot. */
  protected abstract openDevice(): Promise<void>;
  /** Closes the device if it is open; never rejects. */
  protected abstract closeDevice(): Promise<void>;

  get isConnected(): boolean {
    return this.isOpen && this.lost === undefined;
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onLinkEvent(listener: (event: PrinterLinkEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  protected emitData(chunk: Uint8Array): void {
    for (const listener of this.dataListeners) listener(chunk);
  }

  private emit(event: PrinterLinkEvent): void {
    for (const listener of [...this.eventListeners]) listener(event);
  }

  /** Opens the device; concurrent calls (the owner and the background reconnection) share one attempt. */
  open(): Promise<void> {
    this.shutDown = false;
    if (this.opening !== undefined) return this.opening;
    this.opening = this.openOnce().finally(() => {
      this.opening = undefined;
    });
    // A device absent at start-up is looked for in the background, as after a loss.
    this.opening.catch((error: unknown) => {
      if (!this.isOpen && this.lost === undefined && !this.shutDown) {
        this.lost = error instanceof KioskError ? error : new KioskError('PRINTER_DISCONNECTED', `The printer device ${this.path} cannot be opened.`, { cause: error });
        this.scheduleReconnect();
      }
    });
    return this.opening;
  }

  private async openOnce(): Promise<void> {
    if (this.isOpen && this.lost === undefined) return;
    // What is left of a lost device is closed first (its file descriptor released).
    if (this.isOpen) await this.release();
    const generation = this.generation;
    await this.openDevice();
    if (generation !== this.generation) {
      // Closed while the device was being opened (the owner stopped during a background attempt).
      await this.closeDevice();
      throw new KioskError('PRINTER_DISCONNECTED', `The printer on ${this.path} was closed while it was being opened.`, { hint: 'Open the printer again.' });
    }
    this.isOpen = true;
    this.lost = undefined;
  }

  async close(): Promise<void> {
    this.shutDown = true;
    this.generation += 1;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    await this.release();
  }

  private async release(): Promise<void> {
    this.isOpen = false;
    this.failPending(new KioskError('PRINTER_DISCONNECTED', 'The printer connection was closed.', { hint: 'Open the printer again.' }));
    await this.closeDevice();
  }

  /** Closes whatever is left of the device and opens the path again, retrying. */
  async reconnect(attempts = 5, delayMs = 1000): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      await this.release();
      try {
        await this.open();
        return;
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await sleep(delayMs);
      }
    }
    throw new KioskError('PRINTER_DISCONNECTED', `The printer device ${this.path} could not be opened again after ${attempts} attempts.`, {
      hint: 'Check the printer cable and power, then try again.',
      cause: lastError,
    });
  }

  /** The error a call gets while the device is lost or not open; undefined when usable. */
  protected unusable(): KioskError | undefined {
    if (this.lost !== undefined) return this.lost;
    if (!this.isOpen) return new KioskError('PRINTER_DISCONNECTED', `The printer on ${this.path} is not open.`, { hint: 'Open the printer before printing.' });
    return undefined;
  }

  protected failPending(error: KioskError): void {
    for (const finish of [...this.pendingWrites]) finish(error);
  }

  /** The device went away (cable pulled, EIO, ENODEV): once per loss. */
  protected lose(cause: Error | undefined): void {
    if (this.lost !== undefined || this.shutDown) return;
    const error = new KioskError('PRINTER_DISCONNECTED', `The connection to the printer on ${this.path} was lost.`, {
      hint: 'Check the printer cable and power; the kiosk reconnects when the printer is back.',
      ...(cause === undefined ? {} : { cause }),
    });
    this.lost = error;
    this.failPending(error);
    this.emit({ type: 'disconnected', error: error.toErrorData() });
    this.scheduleReconnect();
  }

  /** While the device is lost, tries the path again now and then, in the background. */
  private scheduleReconnect(): void {
    if (this.autoReconnectMs <= 0 || this.reconnectTimer !== undefined || this.shutDown) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.shutDown || this.lost === undefined) return;
      this.open().then(
        () => this.emit({ type: 'reconnected' }),
        () => this.scheduleReconnect(),
      );
    }, this.autoReconnectMs);
    this.reconnectTimer.unref?.();
  }
}

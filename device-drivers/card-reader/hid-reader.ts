import type { ErrorData } from '../../src/core/errors.ts';
import { isKioskError } from '../../src/core/errors.ts';
import type { CardReader, CardReaderEvent, CardReaderStatus } from './contract.ts';
import { CardReaderEventHub } from './event-hub.ts';
import { describeSelector, selectDevice, type DeviceSelector } from './hid-device-select.ts';
import { enumerationError, isPermissionError, openError, permissionError } from './hid-open-errors.ts';
import { DEFAULT_HID_TIMING, type HidTiming } from './hid-timing.ts';
import { loadNodeHid, type NodeHidApi } from './node-hid-api.ts';
import type { FrameError } from './protocol/frame-parser.ts';
import { ReaderConnection, type ConnectionCounters } from './reader-connection.ts';
import { readerDisconnected } from './reader-errors.ts';

export interface HidCardReaderOptions extends DeviceSelector {
  /** node-hid, or something at its interface (the fake bus in tests). Default: node-hid, loaded on first open. */
  readonly hid?: NodeHidApi;
  readonly timing?: Partial<HidTiming>;
  /** Where a throwing event listener is reported (default: one line on stderr with the error's class). */
  readonly onListenerError?: (error: unknown) => void;
}

/** What a technician sees beside the status (diagnostics). */
export interface HidReaderDiagnostics {
  readonly device: string;
  readonly path: string | null;
  readonly serialNumber: string | null;
  readonly protocol: string | null;
  readonly counters: ConnectionCounters | null;
  readonly lastProtocolError: FrameError | null;
  readonly enumerations: number;
  readonly connections: number;
}

/**
 * The e-KTP reader module on USB HID (PROTOCOL.md), through node-hid's async API.
 *
 * While started it is either attached (a `ReaderConnection`: heartbeat, card reads) or
 * looking for the reader: one enumeration every `scanIntervalMs` (1.5 s) and none while
 * attached, so the bus is not hammered. A pull is noticed at once (node-hid's read fails;
 * a write fails; or two commands go unanswered) and reported as `reader-disconnected`; the
 * reader is reopened when it is back. While looking, each distinct problem (absent at start,
 * permission refused, several readers, handshake failed) is reported once as `reader-error`.
 */
export class HidCardReader implements CardReader {
  private readonly hub: CardReaderEventHub;
  private readonly timing: HidTiming;
  private hid: NodeHidApi | null;
  private started = false;
  private run = 0;
  private connection: ReaderConnection | null = null;
  private attempt: Promise<void> | null = null;
  private scanTimer: ReturnType<typeof setTimeout> | null = null;
  private firmwareVersion: string | null = null;
  private lastError: ErrorData | null = null;
  private lastProtocolError: FrameError | null = null;
  /** Problems already reported while looking for the reader (by code): each is said once until it connects. */
  private readonly reported = new Set<string>();
  private handshaking: ReaderConnection | null = null;
  private path: string | null = null;
  private serialNumber: string | null = null;
  private protocol: string | null = null;
  private enumerations = 0;
  private connections = 0;

  constructor(private readonly options: HidCardReaderOptions) {
    this.hub = new CardReaderEventHub(options.onListenerError);
    this.timing = { ...DEFAULT_HID_TIMING, ...options.timing };
    this.hid = options.hid ?? null;
  }

  async open(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.run += 1;
    this.lastError = null;
    this.reported.clear();
    this.hub.unmute();
    await this.tryAttach(this.run);
  }

  async close(): Promise<void> {
    this.started = false;
    this.run += 1;
    this.hub.mute();
    if (this.scanTimer !== null) clearTimeout(this.scanTimer);
    this.scanTimer = null;
    await this.handshaking?.close();
    await this.attempt;
    const connection = this.connection;
    this.connection = null;
    this.firmwareVersion = null;
    await connection?.close();
  }

  status(): CardReaderStatus {
    return {
      kind: 'hid',
      connected: this.connection !== null,
      cardPresent: this.connection?.cardPresent ?? false,
      firmwareVersion: this.firmwareVersion,
      lastError: this.lastError,
      device: this.describe(),
    };
  }

  onEvent(listener: (event: CardReaderEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  diagnostics(): HidReaderDiagnostics {
    return {
      device: this.describe(),
      path: this.path,
      serialNumber: this.serialNumber,
      protocol: this.protocol,
      counters: this.connection?.counts() ?? null,
      lastProtocolError: this.lastProtocolError,
      enumerations: this.enumerations,
      connections: this.connections,
    };
  }

  private describe(): string {
    const base = describeSelector(this.options);
    return this.path !== null && this.options.path === undefined ? `${base} at ${this.path}` : base;
  }

  private tryAttach(run: number): Promise<void> {
    const attempt = this.attach(run)
      .catch((error: unknown) => this.searchFailed(run, { code: 'INTERNAL', message: `Attaching the card reader failed unexpectedly (${error instanceof Error ? error.name : typeof error}).`, hint: 'Report this with the kiosk log to the maintainers.' }))
      .finally(() => {
        if (this.attempt === attempt) this.attempt = null;
      });
    this.attempt = attempt;
    return attempt;
  }

  /** One attempt: enumerate, pick, open, handshake. Never rejects; schedules the next scan when it fails. */
  private async attach(run: number): Promise<void> {
    const live = () => this.started && this.run === run;
    try {
      this.hid ??= await loadNodeHid();
    } catch (error) {
      this.searchFailed(run, { code: 'CARD_READER_ERROR', message: `node-hid could not be loaded: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Reinstall the kiosk (npm ci) so that node-hid\'s native module is built for this system.' });
      return;
    }
    let devices;
    try {
      this.enumerations += 1;
      devices = await this.hid.devicesAsync(this.options.vendorId, this.options.productId);
    } catch (error) {
      this.searchFailed(run, enumerationError(error));
      return;
    }
    if (!live()) return;
    const selection = selectDevice(devices, this.options);
    if (selection.kind !== 'found') {
      this.searchFailed(run, selection.kind === 'ambiguous' ? selection.error : readerDisconnected(`no ${describeSelector(this.options)} is attached`));
      return;
    }
    const { path } = selection.device;
    let device;
    try {
      device = await this.hid.HIDAsync.open(path);
    } catch (error) {
      this.searchFailed(run, isPermissionError(error) ? permissionError(path, this.options.vendorId, this.options.productId) : openError(path, error));
      return;
    }
    const connection = new ReaderConnection(device, this.timing, {
      event: (event) => {
        if (this.connection !== connection) return;
        if (event.type === 'card-read-failed' || event.type === 'reader-error') this.lastError = event.error;
        this.hub.emit(event);
      },
      lost: (error) => this.onLost(connection, error),
      protocolError: (error) => {
        this.lastProtocolError = error;
      },
    });
    if (!live()) {
      await connection.close();
      return;
    }
    let info;
    this.handshaking = connection;
    try {
      info = await connection.handshake();
    } catch (error) {
      this.handshaking = null;
      await connection.close();
      this.searchFailed(run, isKioskError(error) ? error.toErrorData() : { code: 'CARD_READER_ERROR', message: 'The card reader handshake failed.', hint: 'Replug the reader.' });
      return;
    }
    this.handshaking = null;
    if (!live()) {
      await connection.close();
      return;
    }
    this.connection = connection;
    this.connections += 1;
    this.path = path;
    this.serialNumber = info.serialNumber === '' ? null : info.serialNumber;
    this.protocol = `${info.protocolMajor}.${info.protocolMinor}`;
    this.firmwareVersion = info.firmwareVersion;
    this.reported.clear();
    this.hub.emit({ type: 'reader-connected', firmwareVersion: info.firmwareVersion });
    connection.run();
  }

  private onLost(connection: ReaderConnection, error: ErrorData): void {
    if (this.connection !== connection) return;
    this.connection = null;
    this.firmwareVersion = null;
    this.lastError = error;
    // Absence after a pull is already said by this event: the scans do not say it again.
    this.reported.add(error.code);
    if (error.code !== 'CARD_READER_DISCONNECTED') this.reported.add('CARD_READER_DISCONNECTED');
    this.hub.emit({ type: 'reader-disconnected', error });
    this.scheduleScan(this.run);
  }

  /** A failed attempt: say it once per kind of problem, look again later. */
  private searchFailed(run: number, error: ErrorData): void {
    if (!this.started || this.run !== run) return;
    if (!this.reported.has(error.code)) {
      this.reported.add(error.code);
      this.lastError = error;
      this.hub.emit({ type: 'reader-error', error });
    }
    this.scheduleScan(run);
  }

  private scheduleScan(run: number): void {
    if (!this.started || this.run !== run || this.scanTimer !== null) return;
    this.scanTimer = setTimeout(() => {
      this.scanTimer = null;
      if (this.started && this.run === run) void this.tryAttach(run); // tryAttach never rejects: failures go to searchFailed
    }, this.timing.scanIntervalMs);
    this.scanTimer.unref?.();
  }
}


import type { ErrorData } from '../../src/core/errors.ts';
import type { PrinterProfile } from './profile-schema.ts';

export type { PrinterProfile, PrinterProfileInput, RasterCommand, StatusCommand } from './profile-schema.ts';

/**
 * What every printer gives the kiosk: a profile saying what it can do, real-time status,
 * and a byte sink that honours back-pressure. There is one implementation, `EscPosPrinter`,
 * which speaks the ESC/POS status protocol over a `PrinterLink` (serial, USB printer class,
 * capture file, in-process emulator).
 */
export interface PrinterStatus {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
  /** Any other error the printer reports (cutter jam, head temperature, ...). */
  readonly error: boolean;
}

/** How the printer is attached. `serial` and `usblp` are real printers; `file` and `emulator` are not. */
export type PrinterLinkKind = 'serial' | 'usblp' | 'file' | 'emulator';

/**
 * The link came and went by itself (a USB-serial adapter or a USB printer pulled and plugged
 * back). `disconnected` is emitted once per loss; `reconnected` once the printer has reopened
 * its link on its own. A printer whose first `open()` failed keeps trying in the background and
 * emits `reconnected` when it succeeds, so its owner never has to retry.
 */
export type PrinterLinkEvent = { readonly type: 'disconnected'; readonly error: ErrorData } | { readonly type: 'reconnected' };

/**
 * What a buffer clear (DLE DC4 fn=8) achieved: `cleared` when the printer confirmed it
 * (37 25 00); `ignored` when it did not (a model that does not know the command, or a link it
 * cannot answer over), so what it holds may still print and the job recovers as without a clear.
 */
export type BufferClearOutcome = 'cleared' | 'ignored';

/** How a printer learns its status: asked with DLE EOT or GS r, or assumed (no way to ask). */
export type StatusSource = 'dle-eot' | 'gs-r' | 'assumed';

/** Status for a technician: what it is, how it was learned, what caused an error, in words. */
export interface PrinterStatusReport {
  readonly status: PrinterStatus;
  readonly source: StatusSource;
  /** DLE EOT 3, asked only when the printer reports an error (DLE EOT status only). */
  readonly errorCause?: { readonly mechanical: boolean; readonly cutter: boolean; readonly unrecoverable: boolean; readonly autoRecoverable: boolean };
  /** "ready", "offline, out of paper", "offline, cutter error", ... ("(assumed)" appended when not asked). */
  readonly words: string;
}

export interface Printer {
  readonly profile: PrinterProfile;
  readonly link: PrinterLinkKind;
  /** Subscribes to link events; returns the unsubscribe function. */
  onLinkEvent(listener: (event: PrinterLinkEvent) => void): () => void;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Real-time status; throws PRINTER_NOT_RESPONDING when the printer does not answer in time. */
  status(): Promise<PrinterStatus>;
  /** Sends bytes; resolves once the transport has accepted them (back-pressure honoured). */
  write(bytes: Uint8Array): Promise<void>;
  /** A short description for technicians, e.g. "serial /dev/ttyUSB0 @115200". No personal data. */
  describe(): string;
  /**
   * Optional: drops whatever is left of the connection and opens it again, retrying; throws
   * PRINTER_DISCONNECTED when it cannot. EscPosPrinter implements it.
   */
  reconnect?(attempts?: number, delayMs?: number): Promise<void>;
  /**
   * Optional: real-time DLE DC4 fn=8: the printer drops what it holds (receive and print
   * buffers) and answers 37 25 00. Resolves `cleared` once that answer has arrived (so it cannot
   * be mistaken for a status byte), `ignored` when the printer answers status but not this
   * (remembered for the link session: it is not sent again until the link is reopened).
   * Rejects PRINTER_NOT_RESPONDING only when the printer answers nothing at all any more.
   */
  clearBuffers?(): Promise<BufferClearOutcome>;
  /** Optional: status for diagnostics, with the error's cause (cutter, head temperature) and words. */
  statusReport?(): Promise<PrinterStatusReport>;
}

/**
 * Where the bytes go: the one thing that differs between a serial printer, a USB printer, a
 * capture file and the in-process emulator. `EscPosPrinter` does the talking over it.
 */
export interface PrinterLink {
  readonly kind: PrinterLinkKind;
  /** False for a write-only link (a capture file): nothing can be read back, status is assumed. */
  readonly duplex: boolean;
  /** Where the link goes, for technicians: "serial /dev/ttyUSB0 @115200 rtscts". No personal data. */
  describe(): string;
  /** Opens the link. A real link that cannot be opened keeps looking in the background (see PrinterLinkEvent). */
  open(): Promise<void>;
  /** Closes it for good (no background reconnection after this). */
  close(): Promise<void>;
  /**
   * Resolves once the link has taken every byte (back-pressure honoured). Rejects
   * PRINTER_DISCONNECTED (lost or not open) or PRINTER_NOT_RESPONDING (the line stopped moving).
   */
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes from the printer as they arrive; returns the unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onLinkEvent(listener: (event: PrinterLinkEvent) => void): () => void;
  /**
   * A question is about to be asked: input that arrived before it is dropped, and a link that
   * has to poll for input (usblp) reads promptly until `endExchange()`.
   */
  beginExchange(): Promise<void>;
  endExchange(): void;
  /** Drops what is left of the link and opens it again, retrying; PRINTER_DISCONNECTED when it cannot. */
  reconnect(attempts?: number, delayMs?: number): Promise<void>;
}

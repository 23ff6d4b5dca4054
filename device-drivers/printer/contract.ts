import type { ErrorData } from '../../src/core/errors.ts';

/**
 * What every printer gives the kiosk: a profile saying what it can do, real-time status,
 * and a byte sink that honours back-pressure. Real printers sit behind a serial transport;
 * the ESC/POS emulator implements the same contract in-process (demo mode) or over a pty.
 */
export interface PrinterStatus {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
  /** Any other error the printer reports (cutter jam, head temperature, ...). */
  readonly error: boolean;
}

export type RasterCommand = 'gs-v-0' | 'gs-8-l' | 'esc-star';

export interface PrinterProfile {
  readonly id: string;
  readonly name: string;
  readonly dpi: number;
  /** Printable width in dots. */
  readonly widthDots: number;
  readonly paperWidthMm: number;
  readonly raster: {
    readonly command: RasterCommand;
    /** Tallest band (in dots) one raster command may carry on this model. */
    readonly maxBandHeight: number;
    /**
     * Optional (default false), only with `esc-star`: each stripe may be sent as several ESC *
     * pieces side by side, placed with ESC $, so white inside a stripe is skipped.
     */
    readonly segments?: boolean;
  };
  /** Whether left margin / print area commands may be used to send only the inked width. */
  readonly cropBands: boolean;
  readonly cutter: boolean;
  readonly serial: {
    readonly baudRate: number;
    readonly flowControl: 'rtscts' | 'xonxoff' | 'none';
  };
  /**
   * Optional details (added after the first contract; absent means the default noted).
   * Profiles loaded through `loadProfile` always carry them.
   */
  /** How often the job loop may poll real-time status between bands (default 500 ms). */
  readonly statusPollIntervalMs?: number;
  /** How long to wait for each real-time status byte before PRINTER_NOT_RESPONDING (default 1000 ms). */
  readonly responseTimeoutMs?: number;
  /**
   * Vertical motion units per dot, i.e. what ESC J n counts in (default 1). The Custom
   * KPM216H's default vertical unit is 1/408 inch on a 204 dpi head: 2 units per dot.
   */
  readonly verticalUnitsPerDot?: number;
  /** Stripe height of ESC * bands: 8 or 24 dots (default 24). */
  readonly escStarDots?: 8 | 24;
  /** Dots fed before a cut (GS V function B), e.g. to clear the tear bar (default 0). */
  readonly cutFeedDots?: number;
  /** How real-time status is asked for (default 'dle-eot': DLE EOT 1, 2 and 4). */
  readonly statusCommand?: 'dle-eot' | 'none';
  /**
   * Real-time buffer clear the model understands (default 'none'): 'dle-dc4-8' is DLE DC4 fn=8,
   * used after a fault so what the printer holds is dropped instead of printed on new paper.
   */
  readonly bufferClear?: 'dle-dc4-8' | 'none';
}

/** How the printer is attached. `serial` and `usblp` are real printers; `file` and `emulator` are not. */
export type PrinterLinkKind = 'serial' | 'usblp' | 'file' | 'emulator';

/**
 * The link came and went by itself (a USB-serial adapter pulled and plugged back).
 * `disconnected` is emitted once per loss; `reconnected` once the printer has reopened its
 * link on its own. A printer whose first `open()` failed keeps trying in the background and
 * emits `reconnected` when it succeeds, so its owner never has to retry.
 */
export type PrinterLinkEvent = { readonly type: 'disconnected'; readonly error: ErrorData } | { readonly type: 'reconnected' };

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
   * Optional (added later): drops whatever is left of the connection and opens it again,
   * retrying; throws PRINTER_DISCONNECTED when it cannot. Serial printers implement it.
   */
  reconnect?(attempts?: number, delayMs?: number): Promise<void>;
  /**
   * Optional (added later): real-time DLE DC4 fn=8, for profiles with bufferClear 'dle-dc4-8':
   * the printer drops what it holds (receive and print buffers) and answers 37 25 00; resolves
   * once that answer has arrived (so it cannot be mistaken for a status byte). No answer within
   * the profile's responseTimeoutMs is PRINTER_NOT_RESPONDING.
   */
  clearBuffers?(): Promise<void>;
}

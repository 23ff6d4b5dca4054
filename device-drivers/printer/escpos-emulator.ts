import { KioskError } from '../../src/core/errors.ts';
import type { MonoBitmap } from './bitmap.ts';
import type { PrinterProfile, PrinterStatus } from './contract.ts';
import { EscPosDecoder, type EscPosCommand } from './escpos-decoder.ts';
import { lastPageNumber, writePagePng } from './page-png.ts';
import { PaperCanvas } from './paper-canvas.ts';
import { encodeErrorCause, encodePaperSensorStatus, encodeStatusBytes } from './status-parser.ts';

/**
 * An ESC/POS printer in software: consumes bytes (in chunks of any size) and renders what the
 * printer would put on paper, one page per cut. It answers real-time status (DLE EOT) from its
 * own state, and can be told to fail (paper end, cover open, silence) after a number of bytes,
 * so the kiosk's error paths can be exercised without hardware. It answers GS r 1 (paper
 * sensor) in order with the data, as printers do: not while printing is stopped.
 *
 * Model: one print position (x, y) in dots on a page as wide as the profile; raster commands
 * draw at the left margin and move y below the image; ESC * draws at the current x (set by
 * ESC $, counted from the left margin; advanced by each image) and waits for ESC J / LF to
 * move y and return x to the line start; GS V ends the page (y + cut feed rows tall). Anything it does not
 * understand becomes a warning; it never throws on input.
 */

/**
 * What can go wrong: paper end, cover open, a hung printer (silent), paper near end, a jammed
 * cutter (`cutter-error`), a print head too hot (`head-hot`: an automatically recoverable
 * error), and `ignores-dle-dc4`: from then on the printer behaves like the many clones that do not know
 * DLE DC4 fn=8 (the buffer clear is dropped without an answer; status is still answered).
 * Clearing faults (paper loaded) does not teach it the command.
 */
export type EmulatorFaultKind = 'paper-end' | 'cover-open' | 'silent' | 'near-end' | 'cutter-error' | 'head-hot' | 'ignores-dle-dc4';

export interface EmulatorFault {
  readonly kind: EmulatorFaultKind;
  /** The fault begins once this many bytes have been received. */
  readonly afterBytes: number;
}

const FAULT_FORMS = 'paper-end-after=BYTES, cover-open-after=BYTES, silent-after=BYTES, near-end-after=BYTES, cutter-error-after=BYTES, head-hot-after=BYTES or ignores-dle-dc4-after=BYTES';

/** Parses `paper-end-after=1000` (the CLI's --fault and emulator: URIs' ?fault=). */
export function parseFaultSpec(spec: string): EmulatorFault {
  const match = /^(paper-end|cover-open|silent|near-end|cutter-error|head-hot|ignores-dle-dc4)-after=(\d{1,12})$/.exec(spec.trim());
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new KioskError('ARGUMENT_INVALID', `The fault "${spec}" is not understood; use ${FAULT_FORMS}.`, {
      hint: 'BYTES is how many bytes the emulator accepts before the fault, e.g. paper-end-after=20000.',
    });
  }
  return { kind: match[1] as EmulatorFaultKind, afterBytes: Number(match[2]) };
}

export interface EmulatedPage {
  /** 1-based page number since the emulator started (or after the last page in outDir). */
  readonly sequence: number;
  readonly bitmap: MonoBitmap;
  /** The PNG written for it, when the emulator has an output folder. */
  readonly path?: string;
  /** How the page ended. */
  readonly endedBy: 'cut' | 'form-feed' | 'flush';
}

export interface EscPosEmulatorOptions {
  readonly profile: PrinterProfile;
  /** Write each finished page as page-NNNN.png here (numbering continues after existing files). */
  readonly outDir?: string;
  readonly faults?: readonly EmulatorFault[];
  /** Keep finished pages in `pages` (default: only when there is no outDir). */
  readonly keepPages?: boolean;
  readonly onPage?: (page: EmulatedPage) => void;
  /** Bytes the printer sends back (status answers). */
  readonly onResponse?: (bytes: Uint8Array) => void;
}

interface StoredGraphics {
  readonly width: number;
  readonly height: number;
  readonly scaleX: number;
  readonly scaleY: number;
  readonly data: Uint8Array;
}

const MAX_WARNINGS = 200;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ') + (bytes.length > 8 ? ' ...' : '');
}

export class EscPosEmulator {
  readonly profile: PrinterProfile;
  /** Finished pages kept in memory (see keepPages). */
  readonly pages: MonoBitmap[] = [];
  /** Things a technician should know: unknown commands, clipped images, cuts without content. */
  readonly warnings: string[] = [];
  /** Bytes received so far (including any held back by a fault). */
  bytesReceived = 0;

  private readonly decoder = new EscPosDecoder();
  private readonly outDir: string | undefined;
  private readonly keepPages: boolean;
  private readonly onPage: ((page: EmulatedPage) => void) | undefined;
  private readonly onResponse: ((bytes: Uint8Array) => void) | undefined;
  private scheduled: EmulatorFault[];
  private nextSequence: number;

  private coverOpen = false;
  private paperEnd = false;
  private nearEnd = false;
  private silent = false;
  private cutterError = false;
  private headHot = false;
  /** A clone without DLE DC4 fn=8 (the ignores-dle-dc4 fault): clears are dropped unanswered. */
  private ignoresClear = false;
  /** Commands decoded while the printer is stopped (paper end, cover open), run on recovery. */
  private held: EscPosCommand[] = [];
  /** Bytes received while silent, decoded on recovery. */
  private silentBacklog: Uint8Array[] = [];
  /** A buffer clear arrived during paper end: the page in progress went with the old roll. */
  private tailOnOldRoll = false;

  // Printer state (reset by ESC @).
  private horizontalUnit = 0;
  private verticalUnit = 0;
  private leftMarginUnits = 0;
  private areaWidthUnits = 0;
  private lineSpacingUnits: number | 'default' = 'default';
  private stored: StoredGraphics | undefined;

  // Page state: the paper, and the print position on it in dots.
  private readonly paper: PaperCanvas;
  private y = 0;
  private x = 0;

  constructor(options: EscPosEmulatorOptions) {
    this.profile = options.profile;
    this.outDir = options.outDir;
    this.keepPages = options.keepPages ?? options.outDir === undefined;
    this.onPage = options.onPage;
    this.onResponse = options.onResponse;
    this.scheduled = [...(options.faults ?? [])].sort((a, b) => a.afterBytes - b.afterBytes);
    this.nextSequence = (options.outDir === undefined ? 0 : lastPageNumber(options.outDir)) + 1;
    this.paper = new PaperCanvas(this.profile.widthDots);
    this.resetSettings();
  }

  /** The printer's state as it would report it over DLE EOT. */
  status(): PrinterStatus {
    return {
      online: !(this.coverOpen || this.paperEnd || this.stoppedByError),
      coverOpen: this.coverOpen,
      paperNearEnd: this.nearEnd || this.paperEnd,
      paperEnd: this.paperEnd,
      error: this.stoppedByError,
    };
  }

  private get stoppedByError(): boolean {
    return this.cutterError || this.headHot;
  }

  /** Printing is stopped (what arrives is held back until the fault clears). */
  private get stopped(): boolean {
    return this.coverOpen || this.paperEnd || this.stoppedByError;
  }

  /** True while a silent-after fault holds: it neither answers nor prints. */
  get isSilent(): boolean {
    return this.silent;
  }

  /** Bytes waiting for the rest of a command, or held back by a fault. */
  get pendingBytes(): number {
    return this.decoder.pending + this.silentBacklog.reduce((n, c) => n + c.length, 0);
  }

  /** Starts a fault now (tests, technicians' demos). */
  injectFault(kind: EmulatorFaultKind): void {
    if (kind === 'paper-end') this.paperEnd = true;
    else if (kind === 'cover-open') this.coverOpen = true;
    else if (kind === 'near-end') this.nearEnd = true;
    else if (kind === 'cutter-error') this.cutterError = true;
    else if (kind === 'head-hot') this.headHot = true;
    else if (kind === 'ignores-dle-dc4') this.ignoresClear = true;
    else this.silent = true;
  }

  /**
   * Clears every active fault (paper loaded, cover closed, line back) and resumes: commands
   * held back are printed, bytes received while silent are decoded. Scheduled faults that have
   * not triggered yet stay scheduled.
   */
  clearFault(): void {
    if (this.paperEnd && this.tailOnOldRoll && (this.paper.inked || this.y > 0)) {
      this.warn(`paper end: ${Math.ceil(this.y)} rows printed before the paper ran out went with the old roll`);
      this.paper.clear();
      this.y = 0;
      this.x = 0;
    }
    this.tailOnOldRoll = false;
    this.coverOpen = false;
    this.paperEnd = false;
    this.nearEnd = false;
    this.cutterError = false;
    this.headHot = false;
    this.silent = false;
    const held = this.held;
    this.held = [];
    for (const command of held) this.execute(command);
    const backlog = this.silentBacklog;
    this.silentBacklog = [];
    for (const chunk of backlog) this.ingest(chunk);
  }

  /** Consumes bytes as a printer's receive buffer would. Never throws on content. */
  write(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const next = this.scheduled[0];
      if (next !== undefined && next.afterBytes <= this.bytesReceived) {
        this.scheduled.shift();
        this.injectFault(next.kind);
        continue;
      }
      const limit = next === undefined ? chunk.length - offset : Math.min(chunk.length - offset, next.afterBytes - this.bytesReceived);
      const part = chunk.subarray(offset, offset + limit);
      offset += limit;
      this.bytesReceived += limit;
      this.ingest(part);
    }
    const next = this.scheduled[0];
    if (next !== undefined && next.afterBytes <= this.bytesReceived) {
      this.scheduled.shift();
      this.injectFault(next.kind);
    }
  }

  /**
   * Ends the page in progress without a cut (e.g. when the printer is closed, or for a model
   * without cutter); returns it, or undefined when nothing was printed since the last page.
   */
  flushPage(): EmulatedPage | undefined {
    if (!this.paper.inked && this.y === 0) return undefined;
    return this.finishPage(Math.ceil(this.y), 'flush');
  }

  private ingest(part: Uint8Array): void {
    if (this.silent) {
      this.silentBacklog.push(part.slice());
      return;
    }
    this.decoder.push(part);
    for (;;) {
      if (this.silent) {
        return;
      }
      const command = this.decoder.next();
      if (command === undefined) return;
      if (command.kind === 'status-request') this.answerStatus(command.n);
      else if (command.kind === 'clear-buffers') this.clearBuffers();
      else if (this.stopped) this.held.push(command);
      else this.execute(command);
    }
  }

  /**
   * DLE DC4 fn=8, real-time: what is held back (received while stopped, not printed) is
   * dropped, and the printer answers 37 25 00. During paper end, the rows already printed of
   * the page in progress are on the tail of the old roll: on recovery they are dropped
   * (with a warning) instead of being continued on the new paper.
   */
  private clearBuffers(): void {
    if (this.ignoresClear) {
      this.warn('DLE DC4 fn=8 (clear buffers): not known to this printer; ignored, no answer');
      return;
    }
    this.held = [];
    if (this.paperEnd) this.tailOnOldRoll = true;
    this.onResponse?.(Uint8Array.of(0x37, 0x25, 0x00));
  }

  private warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push('further warnings dropped');
  }

  private answerStatus(n: number): void {
    const { b1, b2, b4 } = encodeStatusBytes(this.status());
    let byte: number;
    if (n === 1) byte = b1;
    else if (n === 2) byte = b2;
    else if (n === 4) byte = b4;
    else if (n === 3) byte = encodeErrorCause({ mechanical: false, cutter: this.cutterError, unrecoverable: false, autoRecoverable: this.headHot });
    else {
      this.warn(`DLE EOT ${n} is not a status request; not answered`);
      return;
    }
    this.onResponse?.(Uint8Array.of(byte));
  }

  /** GS r 1 / 49: the paper sensor byte. Other n (drawer, ink) are not modelled. */
  private answerTransmitStatus(n: number): void {
    if (n !== 1 && n !== 49) {
      this.warn(`GS r ${n}: only the paper sensor status (n = 1) is emulated; not answered`);
      return;
    }
    this.onResponse?.(Uint8Array.of(encodePaperSensorStatus(this.status())));
  }

  private resetSettings(): void {
    this.horizontalUnit = this.profile.dpi;
    this.verticalUnit = this.profile.dpi * this.profile.verticalUnitsPerDot;
    this.leftMarginUnits = 0;
    this.areaWidthUnits = this.profile.widthDots;
    this.lineSpacingUnits = 'default';
    this.stored = undefined;
    this.x = 0;
  }

  private hDots(units: number): number {
    return Math.round((units * this.profile.dpi) / this.horizontalUnit);
  }

  private vDots(units: number): number {
    return (units * this.profile.dpi) / this.verticalUnit;
  }

  private get leftMargin(): number {
    return Math.min(this.hDots(this.leftMarginUnits), this.profile.widthDots);
  }

  private get rightEdge(): number {
    return Math.min(this.leftMargin + this.hDots(this.areaWidthUnits), this.profile.widthDots);
  }

  private lineSpacingDots(): number {
    // ESC 2: about 1/6 inch.
    return this.lineSpacingUnits === 'default' ? Math.round(this.profile.dpi / 6) : this.vDots(this.lineSpacingUnits);
  }

  /** Draws a raster image at (left, top), clipped to the print area with a warning. */
  private drawRaster(data: Uint8Array, rowBytes: number, width: number, height: number, left: number, top: number, sx: number, sy: number, what: string): void {
    const right = this.rightEdge;
    if (left + width * sx > right) this.warn(`${what}: ${width * sx} dots wide at ${left} does not fit the print area (right edge ${right}); clipped`);
    this.paper.drawRaster(data, rowBytes, width, height, left, top, sx, sy, right);
  }

  /** ESC *: draws at the current x, then moves x past the image. */
  private drawColumns(command: Extract<EscPosCommand, { kind: 'column-image' }>): void {
    const sx = command.mode === 0 || command.mode === 32 ? 2 : 1;
    const left = this.leftMargin + this.x;
    const right = this.rightEdge;
    if (left + command.columns * sx > right) this.warn(`ESC *: ${command.columns * sx} dots wide at ${left} does not fit the print area (right edge ${right}); clipped`);
    this.paper.drawColumns(command.data, command.columns, command.dotsPerColumn, left, this.y, sx, right);
    this.x += command.columns * sx;
  }

  private feed(dots: number): void {
    this.y += dots;
    this.x = 0;
  }

  private finishPage(height: number, endedBy: EmulatedPage['endedBy']): EmulatedPage {
    const bitmap = this.paper.take(height);
    this.y = 0;
    this.x = 0;
    const sequence = this.nextSequence;
    this.nextSequence += 1;
    const path = this.outDir === undefined ? undefined : writePagePng(bitmap, this.outDir, sequence);
    if (this.keepPages) this.pages.push(bitmap);
    const page: EmulatedPage = path === undefined ? { sequence, bitmap, endedBy } : { sequence, bitmap, path, endedBy };
    this.onPage?.(page);
    return page;
  }

  private execute(command: EscPosCommand): void {
    switch (command.kind) {
      case 'initialize':
        this.resetSettings();
        return;
      case 'line-feed':
        this.feed(this.lineSpacingDots());
        return;
      case 'carriage-return':
        return;
      case 'form-feed':
        if (this.paper.inked || this.y > 0) this.finishPage(Math.ceil(this.y - 1e-9), 'form-feed');
        return;
      case 'feed-units':
        this.feed(this.vDots(command.units));
        return;
      case 'feed-lines':
        this.feed(command.lines * this.lineSpacingDots());
        return;
      case 'line-spacing':
        this.lineSpacingUnits = command.units;
        return;
      case 'motion-units':
        this.horizontalUnit = command.x === 0 ? this.profile.dpi : command.x;
        this.verticalUnit = command.y === 0 ? this.profile.dpi * this.profile.verticalUnitsPerDot : command.y;
        return;
      case 'left-margin':
        this.leftMarginUnits = command.units;
        return;
      case 'absolute-position': {
        const x = this.hDots(command.units);
        if (this.leftMargin + x >= this.rightEdge) {
          this.warn(`ESC $ ${command.units}: outside the print area (right edge ${this.rightEdge}); ignored`);
          return;
        }
        this.x = x;
        return;
      }
      case 'clear-buffers':
        this.clearBuffers();
        return;
      case 'print-area-width':
        this.areaWidthUnits = command.units;
        return;
      case 'raster-gs-v-0': {
        const mode = command.mode >= 48 ? command.mode - 48 : command.mode;
        if (mode > 3) this.warn(`GS v 0 mode ${command.mode} is not defined; printed as normal`);
        const sx = mode === 1 || mode === 3 ? 2 : 1;
        const sy = mode === 2 || mode === 3 ? 2 : 1;
        this.drawRaster(command.data, command.bytesPerRow, command.bytesPerRow * 8, command.height, this.leftMargin, this.y, sx, sy, 'GS v 0');
        this.feed(command.height * sy);
        return;
      }
      case 'store-graphics': {
        if (command.tone !== 0x30 || command.color !== 0x31) this.warn(`GS ( L fn 112: tone ${command.tone} / colour ${command.color} is not monochrome colour 1; stored anyway`);
        const rowBytes = Math.ceil(command.width / 8);
        if (command.data.length !== rowBytes * command.height) {
          this.warn(`GS ( L fn 112: ${command.data.length} data bytes for a ${command.width}x${command.height} image (expected ${rowBytes * command.height}); ignored`);
          this.stored = undefined;
          return;
        }
        this.stored = { width: command.width, height: command.height, scaleX: command.scaleX === 2 ? 2 : 1, scaleY: command.scaleY === 2 ? 2 : 1, data: command.data };
        return;
      }
      case 'print-stored-graphics': {
        const stored = this.stored;
        if (stored === undefined) {
          this.warn('GS ( L fn 50: nothing stored to print');
          return;
        }
        this.drawRaster(stored.data, Math.ceil(stored.width / 8), stored.width, stored.height, this.leftMargin, this.y, stored.scaleX, stored.scaleY, 'GS ( L fn 50');
        this.feed(stored.height * stored.scaleY);
        return;
      }
      case 'graphics-other':
        this.warn(`${command.via === 'gs-8-l' ? 'GS 8 L' : 'GS ( L'} function ${command.fn} (${command.length} parameter bytes) is not emulated; skipped`);
        return;
      case 'column-image':
        this.drawColumns(command);
        return;
      case 'cut': {
        if (!this.profile.cutter) this.warn('GS V: this profile has no cutter; treated as the end of the page');
        const withFeed = command.mode === 65 || command.mode === 66 || command.mode >= 97;
        const height = Math.ceil(this.y + (withFeed ? this.vDots(command.feedUnits) : 0) - 1e-9);
        if (!this.paper.inked && height === 0) {
          this.warn('GS V: cut with nothing printed since the last cut');
          return;
        }
        this.finishPage(height, 'cut');
        return;
      }
      case 'status-request':
        this.answerStatus(command.n);
        return;
      case 'transmit-status':
        this.answerTransmitStatus(command.n);
        return;
      case 'text':
        this.warn(`${command.length} bytes of text: the emulator does not render fonts`);
        return;
      case 'ignored':
        return;
      case 'unknown':
        this.warn(`unknown command bytes ${hex(command.bytes)} at byte ${this.decoder.consumed - command.bytes.length}; skipped`);
        return;
      default: {
        const never: never = command;
        this.warn(`unhandled command ${JSON.stringify(never)}`);
      }
    }
  }
}

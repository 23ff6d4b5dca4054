import type { CardReader, CardReaderEvent } from '../../device-drivers/card-reader/contract.ts';
import type { Printer, PrinterStatus } from '../../device-drivers/printer/contract.ts';
import type { Availability, KioskPart } from '../api/contract.ts';
import type { AvailabilitySource } from '../api/service.ts';
import { KioskError, toErrorData, type ErrorData } from '../core/errors.ts';
import { faultOf } from '../printing/index.ts';
import type { PrinterGate } from './printer-gate.ts';

/**
 * The health monitor: whether the kiosk can serve the next resident. It watches
 * - the printer: its status every `pollMs` while no job holds it (a job's own polls report
 *   faults during a print), and its link events (disconnected, reconnected) at once;
 * - the card reader: reader-connected / reader-disconnected, and a reader-error while it is not
 *   connected (absent at start-up, permission refused), by the driver's own code;
 * - the registry: a slot (`setProblem('registry', ...)`) for the registry client's
 *   reachability (issue 10).
 * Its state is the session view's `availability`; while any part is down the kiosk is out of
 * service, and it comes back by itself when the part does.
 */
export interface HealthOptions {
  readonly printer: Printer;
  readonly gate: PrinterGate;
  readonly cardReader: CardReader;
  readonly pollMs: number;
  readonly onInfo?: (message: string) => void;
}

/** A reader that is not connected and has not said why (yet). */
const READER_GONE: ErrorData = { code: 'CARD_READER_DISCONNECTED', message: 'The card reader is not connected.', hint: 'Check the card reader cable; the kiosk carries on by itself once it is back.' };

export class HealthMonitor implements AvailabilitySource {
  private readonly problems = new Map<KioskPart, ErrorData>();
  private readonly listeners = new Set<(availability: Availability) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private polling: Promise<void> | null = null;
  private stopped = true;
  private printerStatus: PrinterStatus | null = null;

  constructor(private readonly options: HealthOptions) {}

  start(): void {
    this.stopped = false;
    const { printer, cardReader } = this.options;
    this.unsubscribe.push(
      printer.onLinkEvent((event) => {
        if (event.type === 'disconnected') this.setProblem('printer', event.error);
        else this.pollNow().catch(() => undefined);
      }),
    );
    this.unsubscribe.push(cardReader.onEvent((event) => this.onReaderEvent(event)));
    // Events of the reader's own start-up were delivered before this subscription: its status says how it is.
    const reader = cardReader.status();
    if (!reader.connected) this.setProblem('card-reader', reader.lastError ?? READER_GONE);
    this.schedule(0);
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const off of this.unsubscribe.splice(0)) off();
    return this.polling ?? Promise.resolve();
  }

  current(): Availability {
    const problems = [...this.problems].map(([part, error]) => ({ part, error }));
    return { inService: problems.length === 0, problems };
  }

  /** The printer's status at the last idle poll (paper near end, for the paper gauge); null before the first. */
  get lastPrinterStatus(): PrinterStatus | null {
    return this.printerStatus;
  }

  onChange(listener: (availability: Availability) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sets or clears a part's problem (the registry client reports its reachability here). */
  setProblem(part: KioskPart, error: ErrorData | null): void {
    const before = this.problems.get(part);
    if (error === null ? before === undefined : before?.code === error.code && before.message === error.message) return;
    const wasInService = this.problems.size === 0;
    if (error === null) this.problems.delete(part);
    else this.problems.set(part, error);
    const now = this.current();
    if (error !== null) this.options.onInfo?.(`${part} down: ${error.code}${wasInService ? '; the kiosk is out of service' : ''}`);
    else this.options.onInfo?.(`${part} back${now.inService ? '; the kiosk is in service again' : ''}`);
    for (const listener of this.listeners) listener(now);
  }

  /**
   * The reader is a problem while it is not connected: pulled or silent (`reader-disconnected`),
   * or absent, refused (permission: the udev rule) or not speaking the protocol while the
   * driver looks for it (`reader-error` while not connected). The part's problem keeps the
   * driver's own code, which the out-of-service screen shows. A reader-error while connected
   * (the SAM) concerns card reads: those fail one by one with a code the resident is shown.
   */
  private onReaderEvent(event: CardReaderEvent): void {
    if (event.type === 'reader-disconnected') this.setProblem('card-reader', event.error);
    else if (event.type === 'reader-connected') this.setProblem('card-reader', null);
    else if (event.type === 'reader-error' && !this.options.cardReader.status().connected) this.setProblem('card-reader', event.error);
  }

  /** One status poll now, unless a job holds the printer or a poll is under way. Never rejects. */
  pollNow(): Promise<void> {
    if (this.polling !== null) return this.polling;
    const asked = this.options.gate.tryExclusive(() => this.options.printer.status());
    if (asked === null) return Promise.resolve();
    this.polling = asked
      .then(
        (status) => {
          this.printerStatus = status;
          this.setProblem('printer', faultOf(status)?.toErrorData() ?? null);
        },
        (error: unknown) => this.setProblem('printer', toErrorData(error instanceof KioskError ? error : new KioskError('PRINTER_NOT_RESPONDING', 'The printer did not answer.', { cause: error }))),
      )
      .finally(() => (this.polling = null));
    return this.polling;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pollNow()
        .catch(() => undefined)
        .finally(() => this.schedule(this.options.pollMs));
    }, delayMs);
    this.timer.unref?.();
  }
}

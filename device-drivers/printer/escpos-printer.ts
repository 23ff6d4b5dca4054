import { fromErrorData, isKioskError, KioskError } from '../../src/core/errors.ts';
import type { BufferClearOutcome, Printer, PrinterLink, PrinterLinkEvent, PrinterStatus, PrinterStatusReport, StatusSource } from './contract.ts';
import { CLEAR_BUFFERS_RESPONSE, clearBuffers, statusRequest, transmitStatusRequest } from './escpos-commands.ts';
import type { PrinterProfile } from './profile-schema.ts';
import { combineStatus, describeStatusWithCause, parsePaperSensorStatus, parseStatusByte } from './status-parser.ts';

/**
 * One ESC/POS printer over a link. The status protocol (DLE EOT 1, 2, 4; GS r 1 where the
 * profile says so), the buffer clear (DLE DC4 fn=8) and what a missing or wrong answer means
 * are implemented here once, whatever the link: serial, USB printer class, capture file or the
 * in-process emulator.
 *
 * - Questions are asked one at a time (status and buffer clears queue), each answer byte within
 *   the profile's responseTimeoutMs, else PRINTER_NOT_RESPONDING; a link lost while waiting
 *   fails at once with PRINTER_DISCONNECTED.
 * - A link that cannot carry answers (a capture file), or a profile with statusCommand "none":
 *   status is assumed ready, and `describe()` says so.
 * - A printer that does not answer DLE DC4 fn=8 but still answers status is remembered for the
 *   link session: `clearBuffers()` then resolves `ignored` at once (the job recovers as without
 *   a buffer clear) instead of turning a paper end into "printer not responding".
 */
export type { StatusSource } from './contract.ts';
/** What the printer did with DLE DC4 fn=8 so far in this link session. */
export type BufferClearSupport = 'unknown' | 'answers' | 'ignores';

export interface EscPosPrinterOptions {
  /** Per answer byte; defaults to the profile's responseTimeoutMs. */
  readonly responseTimeoutMs?: number;
}

interface ByteWaiter {
  readonly resolve: (byte: number) => void;
  readonly reject: (error: KioskError) => void;
}

/** Most bytes kept while nobody is waiting for an answer (stale input is dropped before each question anyway). */
const INBOX_LIMIT = 64;

export class EscPosPrinter<L extends PrinterLink = PrinterLink> implements Printer {
  readonly profile: PrinterProfile;
  /** The link the printer is on (its `kind` is `link`). */
  readonly connection: L;
  private readonly responseTimeoutMs: number;
  private inbox: number[] = [];
  private waiter: ByteWaiter | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private clearSupport: BufferClearSupport = 'unknown';

  constructor(profile: PrinterProfile, connection: L, options: EscPosPrinterOptions = {}) {
    this.profile = profile;
    this.connection = connection;
    this.responseTimeoutMs = options.responseTimeoutMs ?? profile.responseTimeoutMs;
    connection.onData((chunk) => this.received(chunk));
    connection.onLinkEvent((event) => {
      // A new link session: the printer at the other end may be another one.
      this.clearSupport = 'unknown';
      if (event.type === 'disconnected') this.failWaiter(fromErrorData(event.error));
    });
  }

  get link(): L['kind'] {
    return this.connection.kind;
  }

  /** How status is learned on this printer: asked with DLE EOT or GS r, or assumed (no way to ask). */
  get statusSource(): StatusSource {
    if (!this.connection.duplex || this.profile.statusCommand === 'none') return 'assumed';
    return this.profile.statusCommand;
  }

  /** Whether the printer has answered DLE DC4 fn=8 in this link session (diagnostics). */
  get bufferClearSupport(): BufferClearSupport {
    return this.clearSupport;
  }

  onLinkEvent(listener: (event: PrinterLinkEvent) => void): () => void {
    return this.connection.onLinkEvent(listener);
  }

  async open(): Promise<void> {
    this.clearSupport = 'unknown';
    await this.connection.open();
  }

  async close(): Promise<void> {
    this.failWaiter(new KioskError('PRINTER_DISCONNECTED', 'The printer connection was closed.', { hint: 'Open the printer again.' }));
    await this.connection.close();
  }

  async reconnect(attempts?: number, delayMs?: number): Promise<void> {
    this.clearSupport = 'unknown';
    await this.connection.reconnect(attempts, delayMs);
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.connection.write(bytes);
  }

  describe(): string {
    const source = this.statusSource;
    const note = source === 'assumed' ? (this.connection.duplex ? '; status not asked (statusCommand none): assumed ready' : '; status cannot be read over this link: assumed ready') : source === 'gs-r' ? '; status: paper sensor only (GS r)' : '';
    return `${this.connection.describe()} (${this.profile.id}${note})`;
  }

  /** Real-time status, asked one question at a time; concurrent callers queue. */
  status(): Promise<PrinterStatus> {
    return this.enqueue(() => this.queryStatus());
  }

  /**
   * Status for a technician: the status, how it was learned and, when the printer reports an
   * error over DLE EOT, its cause (DLE EOT 3: cutter, head temperature, ...), in words.
   */
  statusReport(): Promise<PrinterStatusReport> {
    return this.enqueue(async () => {
      const status = await this.queryStatus();
      const source = this.statusSource;
      if (source !== 'dle-eot' || !status.error) return { status, source, words: `${describeStatusWithCause(status, undefined)}${source === 'assumed' ? ' (assumed)' : ''}` };
      const [byte] = await this.ask(statusRequest(3), 'the status request DLE EOT 3', 1);
      const { request: _request, ...errorCause } = parseStatusByte(3, byte ?? -1);
      return { status, source, errorCause, words: describeStatusWithCause(status, errorCause) };
    });
  }

  /** DLE DC4 fn=8, queued with status questions. */
  clearBuffers(): Promise<BufferClearOutcome> {
    return this.enqueue(() => this.queryClear());
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async queryStatus(): Promise<PrinterStatus> {
    // A write of nothing checks the link is usable (open, not lost) without sending anything.
    await this.connection.write(new Uint8Array(0));
    switch (this.statusSource) {
      case 'assumed':
        return { online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false };
      case 'gs-r': {
        const [byte] = await this.ask(transmitStatusRequest(), 'the status request GS r 1', 1);
        return parsePaperSensorStatus(byte ?? -1);
      }
      case 'dle-eot': {
        const answers: number[] = [];
        for (const n of [1, 2, 4] as const) answers.push(...(await this.ask(statusRequest(n), `the status request DLE EOT ${n}`, 1)));
        return combineStatus(answers[0] ?? -1, answers[1] ?? -1, answers[2] ?? -1);
      }
    }
  }

  private async queryClear(): Promise<BufferClearOutcome> {
    await this.connection.write(new Uint8Array(0));
    if (!this.connection.duplex || this.clearSupport === 'ignores') return 'ignored';
    let answer: number[];
    try {
      answer = await this.ask(clearBuffers(), 'the buffer clear DLE DC4 8', CLEAR_BUFFERS_RESPONSE.length);
    } catch (error) {
      if (!isKioskError(error) || error.code !== 'PRINTER_NOT_RESPONDING') throw error;
      // No answer: a model that does not know DLE DC4 fn=8, or a printer gone silent. Ask it
      // something every ESC/POS printer answers to tell which.
      if (!(await this.stillAnswers())) throw error;
      this.clearSupport = 'ignores';
      return 'ignored';
    }
    if (answer.every((byte, i) => byte === CLEAR_BUFFERS_RESPONSE[i])) {
      this.clearSupport = 'answers';
      return 'cleared';
    }
    // Something else came back (a clone's own idea of DLE DC4): not a confirmed clear.
    this.clearSupport = 'ignores';
    return 'ignored';
  }

  /** Whether the printer still answers a real-time status request (two tries: a clone may have swallowed the first). */
  private async stillAnswers(): Promise<boolean> {
    if (this.profile.statusCommand !== 'dle-eot') return true;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await this.ask(statusRequest(1), 'the status request DLE EOT 1', 1);
        return true;
      } catch (error) {
        if (!isKioskError(error) || error.code !== 'PRINTER_NOT_RESPONDING') throw error;
      }
    }
    return false;
  }

  /** One question: input from before it is dropped, the request written, `count` answer bytes read. */
  private async ask(request: Uint8Array, what: string, count: number): Promise<number[]> {
    await this.connection.beginExchange();
    try {
      this.inbox = [];
      await this.connection.write(request);
      const answer: number[] = [];
      for (let i = 0; i < count; i += 1) answer.push(await this.readByte(what));
      return answer;
    } finally {
      this.connection.endExchange();
    }
  }

  private readByte(what: string): Promise<number> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(
          new KioskError('PRINTER_NOT_RESPONDING', `The printer on ${this.connection.describe()} did not answer ${what} within ${this.responseTimeoutMs} ms.`, {
            hint: 'Check the printer is switched on, the cable is plugged in and the baud rate matches the printer.',
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
          reject(error);
        },
      };
    });
  }

  private received(chunk: Uint8Array): void {
    for (const byte of chunk) {
      const waiter = this.waiter;
      if (waiter !== undefined) {
        this.waiter = undefined;
        waiter.resolve(byte);
      } else if (this.inbox.length < INBOX_LIMIT) {
        this.inbox.push(byte);
      }
    }
  }

  private failWaiter(error: KioskError): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }
}

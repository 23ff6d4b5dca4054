import type { CardReader, CardReaderEvent } from '../../device-drivers/card-reader/contract.ts';
import type { Clock } from '../core/clock.ts';
import { KioskError, toErrorData, type ErrorData } from '../core/errors.ts';
import { maskNik } from '../core/mask.ts';
import { DEFAULT_TIMEOUTS, hasTimedOut, nextState, timeLeft, type SessionEvent, type SessionState, type SessionTimeouts } from '../core/session.ts';
import type { PrintAuthorization, Registry } from '../records/contract.ts';
import type { DemoCard, KioskApiHandlers, KioskInfo, Preview, SessionView } from './contract.ts';
import type { Previewer, PrintLogPort, PrintRunner, Renderer } from './ports.ts';

/**
 * The kiosk: implements every KioskApi method by driving the session state machine and the
 * parts. It alone holds the resident's data (card, record, PDF) and drops all of it whenever
 * the session returns to attract, whatever the reason (done, cancel, idle, error, new card).
 */
export interface DemoHooks {
  listCards(): DemoCard[];
  tapCard(nik: string): void;
}

export interface KioskServiceDeps {
  readonly info: KioskInfo;
  readonly registry: Registry;
  readonly cardReader: CardReader;
  readonly printLog: PrintLogPort;
  readonly render: Renderer;
  readonly preview: Previewer;
  readonly print: PrintRunner;
  readonly printerDescription: string;
  readonly clock: Clock;
  readonly timeouts?: SessionTimeouts;
  /** Present only in demo mode. */
  readonly demo?: DemoHooks;
  /** Called with technical error data (no personal data) for the application log. */
  readonly logError?: (context: string, error: ErrorData) => void;
}

/** Everything about the current resident; replaced by null the moment the session ends. */
interface Resident {
  readonly nik: string;
  readonly cardUid: string;
  authorization: PrintAuthorization | null;
  jobId: number | null;
  pdf: Uint8Array | null;
  preview: Preview | null;
  printAbort: AbortController | null;
}

const OK = { ok: true as const };

/** Runs a synchronous step as a promise, so that a refusal rejects instead of throwing. */
function settled<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export class KioskService implements KioskApiHandlers {
  private state: SessionState = { step: 'attract' };
  private resident: Resident | null = null;
  private lastActivityAt: number;
  private readonly listeners = new Set<(view: SessionView) => void>();
  private readonly timeouts: SessionTimeouts;
  private unsubscribeReader: (() => void) | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Bumped at every session end so late async results of an old session are ignored. */
  private generation = 0;

  constructor(private readonly deps: KioskServiceDeps) {
    this.timeouts = deps.timeouts ?? DEFAULT_TIMEOUTS;
    this.lastActivityAt = deps.clock.now();
  }

  /** Subscribes to card events and, unless `tickMs` is null (no resident at a screen), starts the idle clock. */
  start(tickMs: number | null = 1000): void {
    this.unsubscribeReader = this.deps.cardReader.onEvent((event) => this.onCardEvent(event));
    if (tickMs === null) return;
    this.ticker = setInterval(() => this.tick(), tickMs);
    this.ticker.unref?.();
  }

  async stop(): Promise<void> {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
    this.unsubscribeReader?.();
    this.unsubscribeReader = null;
    this.resident?.printAbort?.abort();
    if (this.state.step !== 'printing') await this.endSession({});
  }

  onSession(listener: (view: SessionView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks the idle timeout; called every second by `start`, and directly by tests. */
  tick(): void {
    const now = this.deps.clock.now();
    if (hasTimedOut(this.state, this.lastActivityAt, now, this.timeouts)) {
      void this.endSession({});
      return;
    }
    if (this.state.step !== 'attract') this.publish();
  }

  view(): SessionView {
    // The core state is deeply readonly; the wire type is the same shape without the modifiers.
    return { state: this.state as SessionView['state'], timeLeftMs: timeLeft(this.state, this.lastActivityAt, this.deps.clock.now(), this.timeouts) };
  }

  getKioskInfo(): Promise<KioskInfo> {
    return Promise.resolve(this.deps.info);
  }

  getSession(): Promise<SessionView> {
    return Promise.resolve(this.view());
  }

  listDemoCards(): Promise<DemoCard[]> {
    return settled(() => this.demoHooks().listCards());
  }

  tapDemoCard(input: { nik: string }): Promise<{ ok: true }> {
    return settled(() => {
      this.demoHooks().tapCard(input.nik);
      return OK;
    });
  }

  chooseDocument(input: { documentId: string }): Promise<{ ok: true }> {
    return settled(() => {
      this.apply({ type: 'document-chosen', documentId: input.documentId });
      return OK;
    });
  }

  async submitPin(input: { pin: string }): Promise<{ ok: true }> {
    const resident = this.requireResident();
    const state = this.state;
    if (state.step !== 'authorizing') throw this.stepError('submitPin');
    const generation = this.generation;
    let authorization: PrintAuthorization;
    try {
      authorization = await this.deps.registry.redeemPin(resident.nik, state.documentId, input.pin);
    } catch (error) {
      if (generation !== this.generation) return OK;
      const data = toErrorData(error);
      if (data.code === 'PIN_INVALID' || data.code === 'PIN_USED' || data.code === 'PIN_LOCKED') this.apply({ type: 'pin-rejected', error: data });
      else this.apply({ type: 'failed', error: this.logged('redeem PIN', data) });
      return OK;
    }
    if (generation !== this.generation) {
      await this.deps.registry.releasePrint(authorization.authorizationId, 'session ended during authorization').catch(() => undefined);
      return OK;
    }
    resident.authorization = authorization;
    const document = authorization.input.document;
    resident.jobId = this.deps.printLog.createJob({
      documentType: document.type,
      documentId: document.id,
      authorizationId: authorization.authorizationId,
      nik: resident.nik,
      printer: this.deps.printerDescription,
    });
    try {
      this.deps.printLog.markRendering(resident.jobId);
      resident.pdf = await this.deps.render(authorization.input);
      const preview = await this.deps.preview(resident.pdf);
      if (generation !== this.generation) return OK;
      resident.preview = { documentId: document.id, pages: preview.pages };
      this.apply({ type: 'authorized', pageCount: preview.pageCount });
    } catch (error) {
      if (generation !== this.generation) return OK;
      const data = this.logged('render', toErrorData(error));
      await this.closeAuthorization('failed', data);
      this.apply({ type: 'failed', error: data });
    }
    return OK;
  }

  getPreview(): Promise<Preview> {
    return settled(() => {
      const resident = this.requireResident();
      if (resident.preview === null || (this.state.step !== 'previewing' && this.state.step !== 'printing')) throw this.stepError('getPreview');
      return resident.preview;
    });
  }

  startPrint(): Promise<{ ok: true }> {
    return settled(() => this.beginPrint());
  }

  private beginPrint(): { ok: true } {
    const resident = this.requireResident();
    const state = this.state;
    if (state.step !== 'previewing' || resident.pdf === null || resident.jobId === null) throw this.stepError('startPrint');
    const abort = new AbortController();
    resident.printAbort = abort;
    this.deps.printLog.markPrinting(resident.jobId, { pageCount: state.pageCount });
    this.apply({ type: 'print-started', bytesTotal: 0 });
    void this.runPrint(resident, resident.pdf, abort.signal, this.generation);
    return OK;
  }

  async back(): Promise<{ ok: true }> {
    const step = this.state.step;
    if (step === 'attract' || step === 'error') return this.endSession({});
    if (step === 'previewing') await this.closeAuthorization('cancelled', null);
    this.apply({ type: 'back' });
    return OK;
  }

  async endSession(_input: Record<string, never>): Promise<{ ok: true }> {
    const resident = this.resident;
    if (resident?.printAbort !== null && resident?.printAbort !== undefined && this.state.step === 'printing') {
      // A print under way is not abandoned by a tap on "Selesai": it finishes or fails on its own.
      throw new KioskError('SESSION_STATE', 'A document is printing; the session ends when it is done.', { hint: 'Wait for the printer to finish.' });
    }
    if (resident !== null) await this.closeAuthorization('cancelled', null);
    this.generation += 1;
    this.wipe();
    this.state = { step: 'attract' };
    this.publish();
    return OK;
  }

  /** Cancels the print under way (technician or CLI Ctrl-C); false when nothing is printing. */
  cancelPrint(): boolean {
    const abort = this.resident?.printAbort;
    if (abort === null || abort === undefined) return false;
    abort.abort();
    return true;
  }

  touch(): Promise<{ ok: true }> {
    this.lastActivityAt = this.deps.clock.now();
    this.publish();
    return Promise.resolve(OK);
  }

  private async runPrint(resident: Resident, pdf: Uint8Array, signal: AbortSignal, generation: number): Promise<void> {
    let fault: ErrorData | null = null;
    let last = { pagesDone: 0, pageCount: 0, bytesSent: 0, bytesTotal: 0 };
    const jobId = resident.jobId ?? -1;
    try {
      await this.deps.print({
        pdf,
        signal,
        onProgress: (progress) => {
          // The log is written (one durable transaction) when a page completes, not per band.
          if (progress.pagesDone !== last.pagesDone) this.deps.printLog.markProgress(jobId, { pagesDone: progress.pagesDone, bytesSent: progress.bytesSent });
          last = progress;
          if (generation === this.generation) this.apply({ type: 'print-progress', progress: { ...progress, fault } });
        },
        onFault: (next) => {
          fault = next;
          if (generation === this.generation) this.apply({ type: 'print-progress', progress: { ...last, fault } });
        },
      });
      this.deps.printLog.markPrinted(jobId);
      resident.jobId = null;
      if (resident.authorization !== null) {
        await this.deps.registry.confirmPrint(resident.authorization.authorizationId).catch((error: unknown) => this.logged('confirm print', toErrorData(error)));
        resident.authorization = null;
      }
      resident.printAbort = null;
      if (generation === this.generation) {
        this.lastActivityAt = this.deps.clock.now();
        this.apply({ type: 'print-finished' });
      }
    } catch (error) {
      const data = this.logged('print', toErrorData(error));
      resident.printAbort = null;
      await this.closeAuthorization(data.code === 'PRINT_CANCELLED' ? 'cancelled' : 'failed', data);
      if (generation === this.generation) {
        this.lastActivityAt = this.deps.clock.now();
        this.apply({ type: 'print-failed', error: data });
      }
    }
  }

  /** Releases an open authorization (the PIN lives again) and closes the log row. */
  private async closeAuthorization(outcome: 'failed' | 'cancelled', error: ErrorData | null): Promise<void> {
    const resident = this.resident;
    if (resident === null) return;
    const authorization = resident.authorization;
    resident.authorization = null;
    if (resident.jobId !== null) {
      if (outcome === 'failed' && error !== null) this.deps.printLog.markFailed(resident.jobId, error);
      else this.deps.printLog.markCancelled(resident.jobId, error?.message ?? 'the resident left before printing');
      resident.jobId = null;
    }
    resident.pdf?.fill(0);
    resident.pdf = null;
    resident.preview = null;
    if (authorization !== null) {
      await this.deps.registry
        .releasePrint(authorization.authorizationId, outcome)
        .catch((releaseError: unknown) => this.logged('release authorization', toErrorData(releaseError)));
    }
  }

  private onCardEvent(event: CardReaderEvent): void {
    if (event.type === 'reader-error') {
      this.logged('card reader', event.error);
      return;
    }
    if (event.type !== 'card-present') return;
    const { nik, uid } = event.card;
    if (this.resident?.nik === nik) return;
    if (this.state.step === 'printing') return;
    void (async () => {
      if (this.state.step !== 'attract') await this.endSession({});
      await this.beginSession(nik, uid);
    })();
  }

  private async beginSession(nik: string, cardUid: string): Promise<void> {
    this.lastActivityAt = this.deps.clock.now();
    this.resident = { nik, cardUid, authorization: null, jobId: null, pdf: null, preview: null, printAbort: null };
    this.apply({ type: 'card-tapped' });
    const generation = this.generation;
    try {
      const found = await this.deps.registry.lookupResident(nik, cardUid);
      if (generation !== this.generation) return;
      this.apply({ type: 'resident-loaded', resident: { name: found.name, nikMasked: maskNik(found.nik) }, documents: found.documents });
    } catch (error) {
      if (generation !== this.generation) return;
      this.resident = null;
      this.apply({ type: 'failed', error: this.logged('lookup resident', toErrorData(error)) });
    }
  }

  private apply(event: SessionEvent): void {
    this.state = nextState(this.state, event);
    if (event.type !== 'print-progress') this.lastActivityAt = this.deps.clock.now();
    if (this.state.step === 'attract') this.wipe();
    this.publish();
  }

  private wipe(): void {
    const resident = this.resident;
    if (resident !== null) {
      resident.pdf?.fill(0);
      resident.pdf = null;
      resident.preview = null;
      resident.authorization = null;
    }
    this.resident = null;
  }

  private publish(): void {
    const view = this.view();
    for (const listener of this.listeners) listener(view);
  }

  private requireResident(): Resident {
    if (this.resident === null) throw this.stepError('this action');
    return this.resident;
  }

  private stepError(action: string): KioskError {
    return new KioskError('SESSION_STATE', `${action} is not possible at the "${this.state.step}" step.`, { hint: 'Start again from the first screen.' });
  }

  private demoHooks(): DemoHooks {
    if (this.deps.demo === undefined) throw new KioskError('DEMO_ONLY', 'Demo cards exist only in demo mode.', { hint: 'Use a real e-KTP on the card reader.' });
    return this.deps.demo;
  }

  private logged(context: string, error: ErrorData): ErrorData {
    this.deps.logError?.(context, error);
    return error;
  }
}

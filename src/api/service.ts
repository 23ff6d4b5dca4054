import type { CardFault } from '../../device-drivers/card-reader/card-fault.ts';
import type { CardReaderEvent } from '../../device-drivers/card-reader/contract.ts';
import { KioskError, toErrorData, type ErrorData } from '../core/errors.ts';
import { maskNik } from '../core/mask.ts';
import { DEFAULT_TIMEOUTS, endLocks, hasTimedOut, nextState, timeLeft, type SessionEvent, type SessionState, type SessionTimeouts } from '../core/session.ts';
import type { Availability, DemoCard, KioskApiHandlers, KioskInfo, Preview, SessionView } from './contract.ts';
import { InFlight, settled } from './in-flight.ts';
import { cardReaction, nextPending, type CardContext, type PendingRead } from './card-reactions.ts';
import { PrintTransaction, type Settlement } from './print-transaction.ts';
import type { DemoHooks, KioskServiceDeps } from './service-deps.ts';
import { PaperNotice } from './paper-notice.ts';

export type { AvailabilitySource, DemoHooks, KioskServiceDeps, StaffPort } from './service-deps.ts';

/** Everything about the current resident; replaced by null the moment the session ends. */
interface Resident {
  readonly nik: string;
  readonly cardUid: string;
  tx: PrintTransaction | null;
  pdf: Uint8Array | null;
  preview: Preview | null;
}

const OK = { ok: true as const };
const IN_SERVICE: Availability = { inService: true, problems: [] };

/**
 * The kiosk: implements every KioskApi method by driving the session state machine, and each
 * print through one PrintTransaction (src/api/print-transaction.ts). It alone holds the
 * resident's data (card, PDF, preview) and drops all of it whenever the session returns to
 * attract, whatever the reason (done, cancel, idle, error, new card). Every promise it starts
 * is tracked and handled; `stop()` waits for them, so nothing writes to a closed log.
 */
export class KioskService implements KioskApiHandlers {
  private state: SessionState = { step: 'attract' };
  /** Tells the preview when the paper left may not last the document. */
  private paperNotice: PaperNotice | undefined;
  private resident: Resident | null = null;
  private lastActivityAt: number;
  private readonly listeners = new Set<(view: SessionView) => void>();
  private readonly timeouts: SessionTimeouts;
  private readonly unsubscribe: (() => void)[] = [];
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Bumped at every session end so late results of an old session are ignored. */
  private generation = 0;
  /** Every promise the service started on its own (prints, cancellations, card reactions). */
  private readonly inFlight = new InFlight((context, error) => this.report(context, error));
  /** Transactions not yet settled, by log row: reconciliation leaves these alone. */
  private readonly liveTransactions = new Set<PrintTransaction>();
  private stopping = false;
  /** The card read the session waits for (card-reactions.ts). */
  private pendingRead: PendingRead = null;
  /** While the print waits on a printer fault: when (kiosk clock) the job stops waiting. */
  private faultDeadline: number | null = null;

  constructor(private readonly deps: KioskServiceDeps) {
    this.timeouts = deps.timeouts ?? DEFAULT_TIMEOUTS;
    this.lastActivityAt = deps.clock.now();
  }

  /** Subscribes to card and health events and, unless `tickMs` is null (no resident at a screen), starts the idle clock. */
  start(tickMs: number | null = 1000): void {
    this.unsubscribe.push(this.deps.cardReader.onEvent((event) => this.onCardEvent(event)));
    if (this.deps.health !== undefined) this.unsubscribe.push(this.deps.health.onChange(() => this.publish()));
    if (tickMs === null) return;
    this.ticker = setInterval(() => this.tick(), tickMs);
    this.ticker.unref?.();
  }

  /**
   * Stops taking new work, ends a print under way honestly (aborted, settled per the table:
   * `interrupted`, or `needs-review` once a page was handed) and waits for every promise the
   * service started, so the caller may close the log and the printer afterwards.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
    for (const off of this.unsubscribe.splice(0)) off();
    const closing = [...this.liveTransactions].map((tx) => tx.cancel('stop', 'the kiosk is stopping'));
    await this.inFlight.settle(closing);
    this.generation += 1;
    this.wipe();
    this.state = { step: 'attract' };
  }

  /** True while a live transaction of this process owns the log row (reconciliation skips it). */
  ownsJob(jobId: number): boolean {
    for (const tx of this.liveTransactions) if (tx.jobId === jobId) return true;
    return false;
  }

  onSession(listener: (view: SessionView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks the idle timeout; called every second by `start`, and directly by tests. */
  tick(): void {
    const now = this.deps.clock.now();
    // A document whose PIN lock has ended is offered again while the resident is still here.
    this.state = endLocks(this.state, now);
    if (hasTimedOut(this.state, this.lastActivityAt, now, this.timeouts)) {
      this.inFlight.track('idle timeout', this.endSession({}));
      return;
    }
    if (this.state.step !== 'attract') this.publish();
  }

  view(): SessionView {
    const now = this.deps.clock.now();
    return {
      state: this.notice().apply(this.stateView(now), this.state),
      timeLeftMs: timeLeft(this.state, this.lastActivityAt, now, this.timeouts),
      availability: this.deps.health?.current() ?? IN_SERVICE,
    };
  }

  private notice(): PaperNotice {
    return (this.paperNotice ??= new PaperNotice(this.deps.paperLeft, this.deps.report));
  }

  /** Staff sign-in: only on the attract screen, never during a resident's session. */
  async staffSignIn(input: { role: 'ops' | 'technician'; pin: string }): Promise<{ token: string; expiresAt: string }> {
    const staff = this.deps.staff;
    if (staff === undefined) {
      throw new KioskError('STAFF_PIN_NOT_SET', 'Staff sign-in is not available on this kiosk.', { hint: 'Set staff PINs in the configuration (docs/operations.md).' });
    }
    if (this.state.step !== 'attract' || this.resident !== null) throw this.stepError('staffSignIn');
    return staff.signIn(input.role, input.pin);
  }

  staffSignOut(input: { token: string }): Promise<{ ok: true }> {
    this.deps.staff?.signOut(input.token);
    return Promise.resolve(OK);
  }

  /**
   * The state as the wire carries it: the core state (deeply readonly, the same shape without
   * the modifiers), and while printing, how long the kiosk keeps waiting on a printer fault.
   */
  private stateView(now: number): SessionView['state'] {
    const state = this.state;
    if (state.step !== 'printing') return state as SessionView['state'];
    const faultWaitLeftMs = state.progress.fault === null || this.faultDeadline === null ? null : Math.max(0, this.faultDeadline - now);
    return { ...state, progress: { ...state.progress, faultWaitLeftMs } } as SessionView['state'];
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

  tapDemoCard(input: { nik: string; fault?: CardFault | undefined }): Promise<{ ok: true }> {
    return settled(() => {
      this.demoHooks().tapCard(input.nik, input.fault);
      return OK;
    });
  }

  chooseDocument(input: { documentId: string }): Promise<{ ok: true }> {
    return settled(() => {
      this.state = endLocks(this.state, this.deps.clock.now());
      const chosen = 'documents' in this.state ? this.state.documents.find((d) => d.id === input.documentId) : undefined;
      if (this.state.step === 'choosing' && chosen?.lockedUntil !== null && chosen?.lockedUntil !== undefined) {
        throw new KioskError('PIN_LOCKED', 'The PIN of this document is locked after too many wrong tries.', {
          hint: 'Wait until the lock ends, or ask the Dukcapil office for help.',
          details: { lockedUntil: chosen.lockedUntil },
        });
      }
      this.apply({ type: 'document-chosen', documentId: input.documentId });
      return OK;
    });
  }

  async submitPin(input: { pin: string }): Promise<{ ok: true }> {
    const resident = this.requireResident();
    const state = this.state;
    if (state.step !== 'authorizing') throw this.stepError('submitPin');
    if (resident.tx !== null) throw this.stepError('submitPin (a PIN is being checked)');
    const document = state.documents.find((d) => d.id === state.documentId);
    if (document === undefined) throw this.stepError('submitPin');
    // A PIN of the wrong length is never sent: the registry would count it as a wrong try.
    if (input.pin.length !== document.pinLength) {
      throw new KioskError('API_INPUT_INVALID', `The PIN of this document has ${document.pinLength} digits, not ${input.pin.length}.`, { hint: `Enter all ${document.pinLength} digits of the print PIN.` });
    }
    const tx = this.newTransaction({ nik: resident.nik, documentId: document.id, documentType: document.type });
    resident.tx = tx;
    const authorized = await tx.authorize(input.pin);
    if (!authorized.ok) return this.notPrinting(tx, authorized.settlement);
    if (!this.isCurrent(tx)) return OK;
    const rendered = await tx.render();
    if (!rendered.ok) return this.notPrinting(tx, rendered.settlement);
    let pages: Preview['pages'];
    try {
      pages = (await this.deps.preview(rendered.value.pdf)).pages;
    } catch (error) {
      return this.notPrinting(tx, await tx.fail(error));
    }
    if (!this.isCurrent(tx)) return OK;
    resident.pdf = rendered.value.pdf;
    resident.preview = { documentId: document.id, pages };
    this.apply({ type: 'authorized', pageCount: rendered.value.pageCount });
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
    return settled(() => {
      const resident = this.requireResident();
      const tx = resident.tx;
      if (this.state.step !== 'previewing' || tx === null) throw this.stepError('startPrint');
      this.faultDeadline = null;
      this.apply({ type: 'print-started', bytesTotal: 0 });
      let last = { pagesDone: 0, pageCount: 0, bytesSent: 0, bytesTotal: 0 };
      let fault: ErrorData | null = null;
      const printing = tx.print({
        onProgress: (progress) => {
          last = progress;
          if (this.isCurrent(tx)) this.apply({ type: 'print-progress', progress: { ...progress, fault } });
        },
        onFault: (next, waitLeftMs) => {
          fault = next;
          if (!this.isCurrent(tx)) return;
          this.faultDeadline = next === null ? null : this.deps.clock.now() + waitLeftMs;
          this.apply({ type: 'print-progress', progress: { ...last, fault } });
        },
      });
      this.inFlight.track(
        'print',
        printing.then((settlement) => this.printSettled(tx, settlement)),
      );
      return OK;
    });
  }

  /** The resident gives up on a print that waits on a printer fault; the PIN per the table. */
  cancelPrint(): Promise<{ ok: true }> {
    return settled(() => {
      const tx = this.resident?.tx;
      if (this.state.step !== 'printing' || tx === null || tx === undefined || !tx.waitingOnFault) {
        throw new KioskError('SESSION_STATE', 'A print can be cancelled only while it waits on the printer.', { hint: 'Wait for the printer to finish.' });
      }
      this.inFlight.track('cancel print', tx.cancel('resident', 'the resident cancelled while the printer waited'));
      return OK;
    });
  }

  async back(): Promise<{ ok: true }> {
    const step = this.state.step;
    if (step === 'attract' || step === 'error') return this.endSession({});
    if (step === 'printing') throw this.stepError('back');
    const tx = this.resident?.tx ?? null;
    if (tx !== null && (step === 'authorizing' || step === 'previewing')) {
      // Released at once (or as soon as an in-flight redeem answers); the document is offered again.
      this.dropTransaction(tx);
      const closing = tx.cancel('resident', 'the resident went back');
      if (step === 'previewing') await closing;
      else this.inFlight.track('back', closing);
    }
    this.apply({ type: 'back' });
    return OK;
  }

  async endSession(_input: Record<string, never>): Promise<{ ok: true }> {
    if (this.state.step === 'printing') {
      // A print under way is not abandoned by a tap on "Selesai": it finishes or fails on its own.
      throw new KioskError('SESSION_STATE', 'A document is printing; the session ends when it is done.', { hint: 'Wait for the printer to finish.' });
    }
    const tx = this.resident?.tx ?? null;
    this.generation += 1;
    this.wipe();
    this.state = { step: 'attract' };
    this.publish();
    if (tx !== null) await tx.cancel('resident', 'the session ended before printing');
    return OK;
  }

  touch(): Promise<{ ok: true }> {
    this.lastActivityAt = this.deps.clock.now();
    this.publish();
    return Promise.resolve(OK);
  }

  // ---- transactions --------------------------------------------------------------------

  private newTransaction(request: ConstructorParameters<typeof PrintTransaction>[1]): PrintTransaction {
    const tx = new PrintTransaction(
      {
        registry: this.deps.registry,
        log: this.deps.printLog,
        render: this.deps.render,
        print: this.deps.print,
        printer: this.deps.printerDescription,
        report: (context, error) => this.report(context, error),
        ...(this.deps.pause === undefined ? {} : { pause: this.deps.pause }),
      },
      request,
    );
    this.liveTransactions.add(tx);
    this.inFlight.track(
      'transaction',
      tx.settled.then(() => this.liveTransactions.delete(tx)),
    );
    return tx;
  }

  /** The transaction settled before printing: back to the PIN screen (refused) or the list with a notice. */
  private notPrinting(tx: PrintTransaction, settlement: Settlement): { ok: true } {
    const current = this.isCurrent(tx);
    this.dropTransaction(tx);
    if (!current || settlement.outcome === 'cancelled' || settlement.outcome === 'printed') return OK;
    if (settlement.outcome === 'refused') {
      const code = settlement.error.code;
      if (code === 'PIN_INVALID' || code === 'PIN_USED' || code === 'PIN_LOCKED') this.apply({ type: 'pin-rejected', error: settlement.error });
      else this.apply({ type: 'failed', error: settlement.error });
      return OK;
    }
    this.apply({ type: 'failed', error: settlement.error });
    return OK;
  }

  private printSettled(tx: PrintTransaction, settlement: Settlement): void {
    const current = this.isCurrent(tx);
    this.dropTransaction(tx);
    if (!current || this.stopping) return;
    this.lastActivityAt = this.deps.clock.now();
    if (settlement.outcome === 'printed') this.apply({ type: 'print-finished' });
    else if (settlement.outcome === 'failed' || settlement.outcome === 'cancelled') this.apply({ type: 'print-failed', error: settlement.error, pin: settlement.pin });
    else this.apply({ type: 'print-failed', error: settlement.error, pin: 'still-valid' });
  }

  private isCurrent(tx: PrintTransaction): boolean {
    return this.resident?.tx === tx;
  }

  private dropTransaction(tx: PrintTransaction): void {
    const resident = this.resident;
    if (resident?.tx !== tx) return;
    resident.tx = null;
    resident.pdf?.fill(0);
    resident.pdf = null;
    resident.preview = null;
  }

  // ---- card reader -----------------------------------------------------------------------

  /** What each reader event does to the session: the table in card-reactions.ts. */
  private onCardEvent(event: CardReaderEvent): void {
    if (this.stopping) return;
    const availability = this.deps.health?.current() ?? IN_SERVICE;
    const context: CardContext = { step: this.state.step, inService: availability.inService, staffActive: this.deps.staff?.isActive() === true, generation: this.generation, pending: this.pendingRead };
    const reaction = cardReaction(event, context);
    switch (reaction.kind) {
      case 'ignore':
        if (reaction.outOfService === true) {
          const parts = availability.problems.map((p) => `${p.part} ${p.error.code}`).join(', ');
          this.report('card tap ignored', { code: 'SESSION_STATE', message: `A card was tapped while the kiosk is out of service (${parts}); no session was started.` });
        }
        if (reaction.staffScreen === true) this.report('card tap ignored', { code: 'SESSION_STATE', message: 'A card was tapped while a staff screen is open; no session was started.' });
        break;
      case 'reading':
        // A new card on a result screen: that session is over (nothing left to cancel there).
        if (this.state.step !== 'attract') this.inFlight.track('new card', this.endSession({}));
        this.apply({ type: 'card-tapped' });
        break;
      case 'look-up':
        this.inFlight.track('card read', this.beginSession(reaction.card.nik, reaction.card.uid));
        break;
      case 'read-failed':
        this.apply({ type: 'failed', error: reaction.error });
        break;
      case 'end':
        // Before the PIN was accepted: an authorization being redeemed is released (endSession).
        this.inFlight.track(reaction.reason, this.endSession({}));
        break;
    }
    this.pendingRead = nextPending(event, reaction, context, this.generation);
  }

  /** The card was read: only its NIK and UID are kept (never its name or validity), until the session ends. */
  private async beginSession(nik: string, cardUid: string): Promise<void> {
    this.lastActivityAt = this.deps.clock.now();
    this.resident = { nik, cardUid, tx: null, pdf: null, preview: null };
    if (this.state.step === 'attract') this.apply({ type: 'card-tapped' });
    const generation = this.generation;
    try {
      const found = await this.deps.registry.lookupResident(nik, cardUid);
      if (generation !== this.generation) return;
      const printable = this.deps.printable;
      const documents = printable === undefined ? found.documents : found.documents.filter((d) => printable(d.type));
      this.apply({ type: 'resident-loaded', resident: { name: found.name, nikMasked: maskNik(found.nik) }, documents });
    } catch (error) {
      if (generation !== this.generation) return;
      this.resident = null;
      this.report('lookup resident', error);
      this.apply({ type: 'failed', error: toErrorData(error) });
    }
  }

  // ---- plumbing --------------------------------------------------------------------------

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
      resident.tx = null;
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

  private report(context: string, error: unknown): void {
    this.deps.report?.(context, error);
  }
}

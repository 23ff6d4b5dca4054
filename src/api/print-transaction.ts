import { randomUUID } from 'node:crypto';
import { KioskError, isKioskError, toErrorData, type ErrorData } from '../core/errors.ts';
import type { TemplateInput } from '../core/record.ts';
import type { PinState } from '../print-log/index.ts';
import { isPrintJobError } from '../printing/print-job-error.ts';
import { REDEEM_REFUSALS, type PrintAuthorization } from '../records/contract.ts';
import type { PauseHook } from './ports.ts';
import type { CancelKind, PrintHooks, PrintRequest, Settlement, StepResult, TransactionDeps } from './print-transaction-types.ts';

export type { CancelKind, PrintHooks, PrintRequest, Settlement, StepResult, TransactionDeps } from './print-transaction-types.ts';

/**
 * One print as a transaction: intent -> redeem -> authorized -> render -> print -> printed ->
 * confirm, with release on failure, following the table in src/api/README.md. The one rule:
 * once a page may have been handed whole to the printer, the PIN is never released
 * automatically; the job is printed, or `needs-review` with the PIN held for ops.
 *
 * The log row is always written before the registry is told (a kill between the two leaves a
 * row that recovery reconciles with the registry, src/api/print-recovery.ts). Nothing here
 * throws for an expected outcome: each step resolves with the value or with how the
 * transaction settled. `cancel` may be called at any time, also while a step is in flight.
 */
type Phase = 'new' | 'authorizing' | 'authorized' | 'rendering' | 'ready' | 'printing' | 'closed';

function cancelledError(kind: CancelKind, reason: string): ErrorData {
  return kind === 'stop'
    ? { code: 'PRINT_INTERRUPTED', message: `The kiosk stopped (${reason}).`, hint: 'Print again once the kiosk is back.' }
    : { code: 'PRINT_CANCELLED', message: reason };
}

export class PrintTransaction {
  private phase: Phase = 'new';
  private job: number | null = null;
  private authorization: PrintAuthorization | null = null;
  private pdf: Uint8Array | null = null;
  private pageCount = 0;
  private cancelRequest: { readonly kind: CancelKind; readonly reason: string } | null = null;
  private readonly abort = new AbortController();
  private settlement: Settlement | null = null;
  private faultShowing = false;
  private readonly settledPromise: Promise<Settlement>;
  private resolveSettled: (settlement: Settlement) => void = () => undefined;
  readonly requestId: string;

  constructor(
    private readonly deps: TransactionDeps,
    readonly request: PrintRequest,
  ) {
    this.requestId = (deps.newRequestId ?? randomUUID)();
    this.settledPromise = new Promise((resolve) => (this.resolveSettled = resolve));
  }

  /** The print log row, once written. */
  get jobId(): number | null {
    return this.job;
  }

  get closed(): boolean {
    return this.phase === 'closed';
  }

  /** True while the print waits on a printer fault (paper end, cover open, ...). */
  get waitingOnFault(): boolean {
    return this.phase === 'printing' && this.faultShowing;
  }

  /** Resolves once the transaction is over, however it ended. */
  get settled(): Promise<Settlement> {
    return this.settledPromise;
  }

  /** Intent row, then the registry redeems the PIN, then the row becomes `authorized`. */
  async authorize(pin: string): Promise<StepResult<TemplateInput>> {
    this.expectPhase('new', 'authorize');
    this.phase = 'authorizing';
    const { log, registry } = this.deps;
    try {
      this.job = log.createIntent({ requestId: this.requestId, ...this.request, printer: this.deps.printer }).id;
    } catch (error) {
      // Nothing was asked of the registry: the PIN is untouched.
      return this.ended(this.finish({ outcome: 'failed', error: this.reported('print log: intent', error), pin: 'still-valid' }));
    }
    await this.pause('after-intent');
    let authorization: PrintAuthorization;
    try {
      authorization = await registry.redeemPin({ requestId: this.requestId, nik: this.request.nik, documentId: this.request.documentId, pin });
    } catch (error) {
      return this.ended(await this.redeemFailed(error));
    }
    this.authorization = authorization;
    await this.pause('after-redeem');
    try {
      log.markAuthorized(this.requireJob(), authorization.authorizationId);
    } catch (error) {
      // The row stays `redeeming`; the release is what matters (recovery closes the row later).
      return this.ended(await this.closeUnprinted('failed', this.reported('print log: authorized', error)));
    }
    this.phase = 'authorized';
    await this.pause('after-authorized');
    if (this.cancelRequest !== null) return this.ended(await this.closeCancelled());
    return { ok: true, value: authorization.input };
  }

  /** Renders the authorized document to the PDF that is previewed and printed. */
  async render(): Promise<StepResult<{ readonly pdf: Uint8Array; readonly pageCount: number }>> {
    this.expectPhase('authorized', 'render');
    const authorization = this.authorization;
    if (authorization === null) throw new KioskError('INTERNAL', 'render without an authorization');
    this.phase = 'rendering';
    try {
      this.deps.log.markRendering(this.requireJob());
    } catch (error) {
      return this.ended(await this.closeUnprinted('failed', this.reported('print log: rendering', error)));
    }
    try {
      const rendered = await this.deps.render(authorization.input);
      this.pdf = rendered.pdf;
      this.pageCount = rendered.pageCount;
    } catch (error) {
      return this.ended(await this.closeUnprinted('failed', this.reported('render', error)));
    }
    await this.pause('after-render');
    this.phase = 'ready';
    if (this.cancelRequest !== null) return this.ended(await this.closeCancelled());
    return { ok: true, value: { pdf: this.pdf, pageCount: this.pageCount } };
  }

  /** Before printing only: something outside the transaction failed (the preview): release and log it. */
  async fail(error: unknown): Promise<Settlement> {
    if (this.settlement !== null) return this.settlement;
    if (this.phase !== 'ready' && this.phase !== 'authorized') throw new KioskError('INTERNAL', `fail() at ${this.phase}`);
    return this.closeUnprinted('failed', this.reported('preview', error));
  }

  /** Prints the rendered PDF; settles per the table. */
  async print(hooks: PrintHooks): Promise<Settlement> {
    this.expectPhase('ready', 'print');
    const pdf = this.pdf;
    if (pdf === null) throw new KioskError('INTERNAL', 'print without a PDF');
    this.phase = 'printing';
    const jobId = this.requireJob();
    const { log } = this.deps;
    try {
      log.markPrinting(jobId, { pageCount: this.pageCount });
    } catch (error) {
      return this.closeUnprinted('failed', this.reported('print log: printing', error));
    }
    await this.pause('before-first-byte');
    if (this.cancelRequest !== null) return this.closeCancelled();
    // Written from the printer's callbacks.
    const sent: { firstByte: 'not-yet' | 'recorded' | 'failed'; firstByteError: ErrorData | null } = { firstByte: 'not-yet', firstByteError: null };
    let pagesHanded = 0;
    let last = { pagesDone: 0, bytesSent: 0 };
    try {
      await this.deps.print({
        pdf,
        signal: this.abort.signal,
        onProgress: (progress) => {
          this.pageCount = progress.pageCount;
          if (progress.pagesDone !== last.pagesDone) {
            pagesHanded = Math.max(pagesHanded, progress.pagesDone);
            // One durable write per finished page; a log that fails here does not stop the paper.
            try {
              log.markProgress(jobId, { pagesDone: progress.pagesDone, pagesHanded, bytesSent: progress.bytesSent });
            } catch (error) {
              this.reported('print log: progress', error);
            }
          }
          last = progress;
          hooks.onProgress(progress);
        },
        onFault: (fault, waitLeftMs) => {
          this.faultShowing = fault !== null;
          hooks.onFault(fault, waitLeftMs);
        },
        beforeFirstByte: () => {
          try {
            log.markFirstByte(jobId);
            sent.firstByte = 'recorded';
          } catch (error) {
            sent.firstByte = 'failed';
            sent.firstByteError = this.reported('print log: first byte', error);
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
          }
          return Promise.resolve();
        },
        afterFirstByte: () => this.pause('after-first-byte'),
      });
    } catch (error) {
      this.faultShowing = false;
      if (sent.firstByteError !== null) return this.closeUnprinted('failed', sent.firstByteError);
      // How far the printer got: a PrintJobError knows; anything else, after a byte left, is unknown.
      const handed = isPrintJobError(error) ? Math.max(error.pagesHanded, pagesHanded) : sent.firstByte === 'recorded' ? Number.POSITIVE_INFINITY : 0;
      const data = toErrorData(error);
      if (!isKioskError(error)) this.deps.report('print', error);
      if (handed === 0) {
        if (data.code === 'PRINT_CANCELLED' && this.cancelRequest !== null) return this.closeCancelled();
        return this.closeUnprinted('failed', data);
      }
      return this.holdForReview(data, Number.isFinite(handed) ? handed : this.pageCount);
    }
    this.faultShowing = false;
    return this.printed();
  }

  /**
   * Ends the transaction from outside: the resident left (back, idle, end, cancelPrint) or the
   * kiosk is stopping. Safe at any time; resolves with the settlement. A step in flight notices
   * when it returns; a print under way is aborted and settles per the table.
   */
  cancel(kind: CancelKind, reason: string): Promise<Settlement> {
    if (this.settlement !== null) return Promise.resolve(this.settlement);
    this.cancelRequest ??= { kind, reason };
    switch (this.phase) {
      case 'new':
        return Promise.resolve(this.finish({ outcome: 'cancelled', error: cancelledError(kind, reason), pin: 'still-valid' }));
      case 'authorized':
      case 'ready':
        return this.closeCancelled();
      case 'printing':
        this.abort.abort();
        return this.settledPromise;
      default:
        // authorizing, rendering: the step closes it when it returns.
        return this.settledPromise;
    }
  }

  // ---- endings ---------------------------------------------------------------------------

  /** The printer took the whole job: printed in the log first, then the PIN confirmed. */
  private async printed(): Promise<Settlement> {
    const jobId = this.requireJob();
    await this.pause('after-last-page');
    try {
      this.deps.log.markPrinted(jobId);
    } catch (error) {
      // The paper is out: the PIN stays spent. Recovery finds the registry confirmed and marks the row printed.
      this.reported('print log: printed (the document came out; the PIN is confirmed anyway)', error);
    }
    await this.pause('after-printed');
    await this.tellRegistry('confirm');
    return this.finish({ outcome: 'printed', pageCount: this.pageCount, pin: 'spent' });
  }

  /**
   * Pages may have come out: the authorization is left open (held) and the job needs review.
   * The cause keeps its code and message (the resident and the log see what happened); the
   * hint changes, since printing again cannot help while the PIN is held.
   */
  private holdForReview(error: ErrorData, pagesHanded: number): Settlement {
    const held: ErrorData = {
      code: error.code,
      message: error.message,
      hint: 'Pages may have come out, so the PIN is held until the staff have checked. Please ask the staff.',
    };
    try {
      this.deps.log.markNeedsReview(this.requireJob(), held, { pagesHanded: Math.max(0, pagesHanded) });
    } catch (logError) {
      // The row stays `printing` with its first byte recorded: recovery holds the PIN the same way.
      this.reported('print log: needs-review', logError);
    }
    return this.finish({ outcome: 'failed', error: held, pin: 'needs-review' });
  }

  private closeCancelled(): Promise<Settlement> {
    const request = this.cancelRequest ?? { kind: 'resident' as const, reason: 'cancelled' };
    return this.closeUnprinted(request.kind === 'stop' ? 'interrupted' : 'cancelled', cancelledError(request.kind, request.reason));
  }

  /** Nothing was handed whole to the printer: the row is closed first, then the PIN released. */
  private async closeUnprinted(as: 'failed' | 'cancelled' | 'interrupted', error: ErrorData): Promise<Settlement> {
    if (this.settlement !== null) return this.settlement;
    const jobId = this.job;
    if (jobId !== null) {
      try {
        if (as === 'failed') this.deps.log.markFailed(jobId, error);
        else if (as === 'cancelled') this.deps.log.markCancelled(jobId, error.message);
        else this.deps.log.markInterrupted(jobId, error.message);
      } catch (logError) {
        this.reported(`print log: ${as}`, logError);
      }
    }
    await this.tellRegistry('release', error.message);
    return this.finish(as === 'failed' ? { outcome: 'failed', error, pin: 'still-valid' } : { outcome: 'cancelled', error, pin: 'still-valid' });
  }

  /** The redeem did not succeed: a refusal is final; anything else may or may not have redeemed. */
  private async redeemFailed(cause: unknown): Promise<Settlement> {
    const error = toErrorData(cause);
    const jobId = this.requireJob();
    if ((REDEEM_REFUSALS as readonly string[]).includes(error.code)) {
      try {
        this.deps.log.markRefused(jobId, error);
      } catch (logError) {
        this.reported('print log: refused', logError);
      }
      return this.finish({ outcome: 'refused', error });
    }
    this.reported('redeem PIN', cause);
    // Unknown outcome (timeout, registry down): ask by request id and release what was opened.
    try {
      const record = await this.deps.registry.findAuthorization(this.requestId);
      let pin: PinState = 'not-redeemed';
      if (record !== null && record.state === 'open') {
        await this.deps.registry.releasePrint(record.authorizationId, 'the kiosk did not get the answer to its redeem');
        pin = 'released';
      } else if (record !== null) pin = record.state === 'confirmed' ? 'confirmed' : 'released';
      if (pin === 'confirmed') this.deps.log.markNeedsReview(jobId, error);
      else this.deps.log.markFailed(jobId, error, { pinState: pin });
    } catch (reconcileError) {
      // The row stays `redeeming`: the next reconciliation settles it with the registry.
      this.reported('redeem PIN: reconcile', reconcileError);
    }
    return this.finish({ outcome: 'failed', error, pin: 'still-valid' });
  }

  /** Confirms or releases the authorization, then records the PIN's fate; a failure is left to reconciliation. */
  private async tellRegistry(action: 'confirm' | 'release', reason = ''): Promise<void> {
    const authorization = this.authorization;
    const jobId = this.job;
    if (authorization === null || jobId === null) return;
    try {
      if (action === 'confirm') await this.deps.registry.confirmPrint(authorization.authorizationId);
      else await this.deps.registry.releasePrint(authorization.authorizationId, reason.slice(0, 200));
    } catch (error) {
      this.reported(`${action} the PIN (retried by reconciliation)`, error);
      return;
    }
    try {
      this.deps.log.setPinState(jobId, action === 'confirm' ? 'confirmed' : 'released');
    } catch (error) {
      this.reported('print log: PIN state', error);
    }
  }

  // ---- plumbing --------------------------------------------------------------------------

  private finish(settlement: Settlement): Settlement {
    if (this.settlement !== null) return this.settlement;
    this.settlement = settlement;
    this.phase = 'closed';
    this.pdf?.fill(0);
    this.pdf = null;
    this.authorization = null;
    this.resolveSettled(settlement);
    return settlement;
  }

  private ended<T>(settlement: Settlement): StepResult<T> {
    return { ok: false, settlement };
  }

  private expectPhase(phase: Phase, step: string): void {
    if (this.phase !== phase) throw new KioskError('SESSION_STATE', `The print cannot ${step} now (it is ${this.phase}).`, { hint: 'Start again from the first screen.' });
  }

  private requireJob(): number {
    if (this.job === null) throw new KioskError('INTERNAL', 'the print transaction has no log row');
    return this.job;
  }

  private async pause(point: Parameters<PauseHook>[0]): Promise<void> {
    if (this.deps.pause !== undefined) await this.deps.pause(point);
  }

  private reported(context: string, error: unknown): ErrorData {
    this.deps.report(context, error);
    return toErrorData(error);
  }
}

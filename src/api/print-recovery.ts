import { toErrorData, type ErrorData } from '../core/errors.ts';

function interruptedError(message: string): ErrorData {
  return { code: 'PRINT_INTERRUPTED', message, hint: 'Check whether the resident got the whole document, then confirm or release the PIN at the registry.' };
}
import type { PinState, PrintJob, PrintJobState } from '../print-log/index.ts';
import type { AuthorizationState, Registry } from '../records/contract.ts';
import type { ErrorReporter, PrintLogPort } from './ports.ts';

/**
 * Recovery and reconciliation of print jobs whose owner is gone (the process died, or a
 * registry call did not get through): the print log and the registry are consulted, and each
 * job ends in a row of the transaction table (src/api/README.md). The same rule as the live
 * transaction: once a byte of the document may have reached the printer and the registry does
 * not say it was confirmed or released, the PIN is held and the job is `needs-review`.
 */

/** What the registry says of a job's authorization: its state, none (`null`), or `unknown` (a job logged before request ids). */
export type RegistryView = AuthorizationState | null | 'unknown';

export interface RecoveryDecision {
  /** What to ask of the registry first. */
  readonly registry: 'release' | 'confirm' | 'none';
  /** The job's new state (null: it keeps its state). */
  readonly to: Extract<PrintJobState, 'printed' | 'cancelled' | 'interrupted' | 'needs-review'> | null;
  /** What became of the PIN once the registry call (if any) succeeded. */
  readonly pin: PinState;
  /** For the log (no personal data). */
  readonly detail: string;
}

const STOPPED = 'the kiosk stopped';

/** The recovery table as a pure function of the log row and the registry's answer. */
export function decideRecovery(job: Pick<PrintJob, 'state' | 'pinState' | 'firstByteAt'>, registry: RegistryView): RecoveryDecision {
  const open = registry === 'open' || registry === 'unknown';
  switch (job.state) {
    case 'redeeming':
      if (registry === 'confirmed') return { registry: 'none', to: 'needs-review', pin: 'confirmed', detail: `${STOPPED} while redeeming the PIN; the registry says it was confirmed` };
      if (open) return { registry: 'release', to: 'cancelled', pin: 'released', detail: `${STOPPED} before printing; the PIN was redeemed and is released` };
      return { registry: 'none', to: 'cancelled', pin: registry === 'released' ? 'released' : 'not-redeemed', detail: `${STOPPED} before the registry's answer; nothing was redeemed` };
    case 'authorized':
    case 'rendering':
    case 'printing': {
      const bytesLeft = job.state === 'printing' && job.firstByteAt !== null;
      if (registry === 'confirmed') {
        return bytesLeft
          ? { registry: 'none', to: 'printed', pin: 'confirmed', detail: `${STOPPED} after the print was confirmed; the log had not recorded it` }
          : { registry: 'none', to: 'needs-review', pin: 'confirmed', detail: `${STOPPED} while the job was ${job.state}; the registry says it was confirmed` };
      }
      if (registry === 'released') return { registry: 'none', to: 'interrupted', pin: 'released', detail: `${STOPPED} while the job was ${job.state}; its PIN had been released` };
      if (!bytesLeft) return { registry: open ? 'release' : 'none', to: 'interrupted', pin: 'released', detail: `${STOPPED} while the job was ${job.state}, before any byte reached the printer; the PIN is released` };
      return { registry: 'none', to: 'needs-review', pin: 'held', detail: `${STOPPED} while printing; pages may have come out, so the PIN is held for review` };
    }
    case 'printed':
      return { registry: registry === 'confirmed' ? 'none' : 'confirm', to: null, pin: 'confirmed', detail: 'the confirmation of a printed job is sent again' };
    default:
      // failed, cancelled, interrupted with the PIN still open: the release did not get through.
      if (registry === 'confirmed') return { registry: 'none', to: null, pin: 'confirmed', detail: 'the registry says this PIN was confirmed' };
      return { registry: registry === 'released' ? 'none' : 'release', to: null, pin: 'released', detail: 'the release of a job that did not print is sent again' };
  }
}

export interface ReconcileReport {
  /** Jobs brought to a settled row. */
  readonly settled: number;
  /** Jobs left for later: the registry could not be asked or did not answer. */
  readonly deferred: number;
  /** Of the settled, those now `needs-review` (PIN held for ops). */
  readonly needsReview: number;
}

export interface ReconcileDeps {
  readonly registry: Registry;
  readonly log: PrintLogPort;
  readonly report: ErrorReporter;
}

/** The registry's view of the job, and the authorization id to act on (the log may not have it yet). */
async function registryView(registry: Registry, job: PrintJob): Promise<{ view: RegistryView; authorizationId: string | null }> {
  if (job.requestId === null) return { view: 'unknown', authorizationId: job.authorizationId };
  const record = await registry.findAuthorization(job.requestId);
  return record === null ? { view: null, authorizationId: job.authorizationId } : { view: record.state, authorizationId: record.authorizationId };
}

function applyRow(log: PrintLogPort, job: PrintJob, decision: RecoveryDecision, registryDone: boolean): void {
  const pinState = registryDone ? decision.pin : job.pinState;
  const detail = registryDone ? decision.detail : `${decision.detail} (the registry could not be told yet; it will be retried)`;
  switch (decision.to) {
    case 'printed':
      log.markPrinted(job.id);
      if (registryDone) log.setPinState(job.id, pinState);
      return;
    case 'cancelled':
      log.markCancelled(job.id, detail, { pinState });
      return;
    case 'interrupted':
      log.markInterrupted(job.id, detail, { pinState });
      return;
    case 'needs-review':
      log.markNeedsReview(job.id, interruptedError(detail), { pagesHanded: job.pagesHanded });
      if (pinState === 'confirmed') log.setPinState(job.id, 'confirmed');
      return;
    case null:
      if (registryDone && pinState !== job.pinState) log.setPinState(job.id, pinState);
  }
}

/**
 * Settles every unsettled job in the log that `skip` does not claim (jobs of live
 * transactions in this process). Never throws for one job's trouble: a job whose registry
 * cannot be asked stays as it is, reported and counted as deferred, for the next round.
 */
export async function reconcileJobs(deps: ReconcileDeps, options: { readonly skip?: (jobId: number) => boolean; readonly context: string }): Promise<ReconcileReport> {
  let settled = 0;
  let deferred = 0;
  let needsReview = 0;
  for (const job of deps.log.listUnsettled()) {
    if (options.skip?.(job.id) === true) continue;
    try {
      const { view, authorizationId } = await registryView(deps.registry, job);
      const decision = decideRecovery(job, view);
      let registryDone = true;
      if (decision.registry !== 'none') {
        try {
          if (authorizationId === null) throw new Error('no authorization id');
          if (decision.registry === 'release') await deps.registry.releasePrint(authorizationId, decision.detail);
          else await deps.registry.confirmPrint(authorizationId);
        } catch (error) {
          registryDone = false;
          deps.report(`${options.context}: ${decision.registry} the PIN of print job ${job.id}`, toErrorData(error));
        }
      }
      // A job that only needed the registry waits for it; a job that changes state changes now.
      if (!registryDone && decision.to === null) {
        deferred += 1;
        continue;
      }
      applyRow(deps.log, job, decision, registryDone);
      if (registryDone) settled += 1;
      else deferred += 1;
      if (decision.to === 'needs-review') needsReview += 1;
    } catch (error) {
      deferred += 1;
      deps.report(`${options.context}: print job ${job.id}`, toErrorData(error));
    }
  }
  return { settled, deferred, needsReview };
}

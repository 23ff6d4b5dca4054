import type { SessionView } from '../../src/api/contract.ts';
import type { LogRow } from '../integration/serial-rig.ts';

/**
 * One row of the fault matrix (docs/faults.md): a fault injected during a resident's print on
 * a real kiosk, and what came of it.
 */
export interface RowOutcome {
  /** What the resident saw while the fault held (step, code). */
  readonly during: string;
  /** What the resident saw at the end of their session (step, code, the PIN's fate). */
  readonly after: string;
  /** The faulted job's row in the print log (none when no print was started). */
  readonly log: LogRow | undefined;
  /** The document's status at the registry after the fault: ready (PIN works), redeemed (held), printed. */
  readonly registry: string;
  /** The last view the resident saw (checked against the log and the registry). */
  readonly lastView: SessionView;
  /** Anything else worth a line in the table (how the fault was cleared). */
  readonly note: string;
  /** Lines of the kiosk's output during the row that report a crash (unhandled rejection, uncaught exception). */
  readonly crashes: readonly string[];
  /** Files in the data folder holding the faulted resident's NIK or name (none allowed). */
  readonly traces: readonly string[];
}

/** The kiosk's last net (src/host/process-guards.ts) logged something: a bug, whatever the fault. */
export function crashLines(output: string): string[] {
  return output.split('\n').filter((line) => /unhandled promise rejection|uncaught exception/.test(line));
}

export interface MatrixRow {
  readonly id: string;
  readonly fault: string;
  /** How it is injected, for the table. */
  readonly how: string;
  /** Whether the row runs in `npm test` (else only in `npm run faults`). */
  readonly inNpmTest: boolean;
  /** Which kiosk group it runs in (rows of a group share one kiosk process, one after the other). */
  readonly group: string;
}

/** The PIN's fate as the resident was told, against the registry's view of the document. */
export function pinAgrees(view: SessionView, registry: string): boolean {
  if (view.state.step === 'done') return registry === 'printed';
  if (view.state.step !== 'error' || view.state.pin === null) return true;
  return { 'still-valid': 'ready', spent: 'printed', 'needs-review': 'redeemed' }[view.state.pin] === registry;
}

/** (row state, PIN state, registry status) endings the print transaction table allows (src/api/README.md). */
export const HONEST_ENDINGS: readonly string[] = [
  'none/none/ready',
  'refused/not-redeemed/ready',
  'cancelled/not-redeemed/ready',
  'cancelled/released/ready',
  'interrupted/released/ready',
  'failed/not-redeemed/ready',
  'failed/released/ready',
  'needs-review/held/redeemed',
  'printed/confirmed/printed',
];

export function ending(outcome: Pick<RowOutcome, 'log' | 'registry'>): string {
  return `${outcome.log?.state ?? 'none'}/${outcome.log?.pin_state ?? 'none'}/${outcome.registry}`;
}

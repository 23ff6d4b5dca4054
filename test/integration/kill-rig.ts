import { join } from 'node:path';
import { createAppLog } from '../../src/host/app-log.ts';
import { parseConfig } from '../../src/host/config.ts';
import { openHostCore } from '../../src/host/host-core.ts';
import type { PausePoint } from '../../src/api/ports.ts';
import { documentStatus, printLog, type Lab, type LogRow } from './serial-rig.ts';

/**
 * Kill -9 of a real `adm-kiosk print` at a point of the print transaction, then the next
 * start's recovery, then a check that the log row and the PIN ended in a row of the table
 * (src/api/README.md). Used by test/integration/kill-print.test.ts (a handful of named points)
 * and test/bench/kill-print.bench.ts (a long loop of kills at random moments).
 */
export interface KillTarget {
  readonly dataDir: string;
  readonly nik: string;
  readonly documentId: string;
  readonly pin: string;
  readonly type: string;
}

export type KillAt = { readonly point: PausePoint } | { readonly afterMs: number };

export interface KillOutcome {
  /** Whether the process was killed (false: it finished before the moment came). */
  readonly killed: boolean;
  readonly exitStatus: number | null;
}

export async function printAndKill(lab: Lab, target: KillTarget, at: KillAt): Promise<KillOutcome> {
  const args = ['print', target.type, '--nik', target.nik, '--pin', target.pin, '--document', target.documentId, '--printer', `emulator:${join(target.dataDir, 'paper')}`, '--data-dir', target.dataDir];
  const env: Record<string, string> = 'point' in at ? { ADM_KIOSK_TEST_HOOKS: '1', ADM_KIOSK_TEST_PAUSE_AT: at.point } : {};
  const print = lab.spawn(args, env);
  if ('point' in at) {
    await print.waitForOutput(new RegExp(`test pause: ${at.point} \\(pid \\d+\\)`), 60_000);
  } else {
    await new Promise((resolve) => setTimeout(resolve, at.afterMs));
  }
  const alive = print.child.exitCode === null && print.child.signalCode === null;
  if (alive) print.child.kill('SIGKILL');
  const result = await print.result;
  return { killed: alive && result.signal === 'SIGKILL', exitStatus: result.status };
}

/** The next start's recovery, as `adm-kiosk start` runs it (under the data folder's lock). */
export async function nextStartRecovers(dataDir: string): Promise<void> {
  const core = await openHostCore({ config: parseConfig({}), dataDir, command: 'start', appLog: createAppLog({ dataDir, echo: false }) });
  await core.close();
}

export interface EndState {
  readonly row: LogRow | undefined;
  /** The document at the registry: ready (PIN works), redeemed (held open), printed (spent). */
  readonly status: string | undefined;
}

export async function endState(target: KillTarget): Promise<EndState> {
  const [rows, status] = await Promise.all([printLog(target.dataDir), documentStatus(target.dataDir, target.documentId)]);
  if (rows.length > 1) throw new Error(`one print left ${rows.length} log rows`);
  return { row: rows[0], status };
}

/** The rows of the transaction table a kill may end in, as (row state, PIN state, registry status). */
export const TABLE_ENDINGS: readonly string[] = [
  'none/none/ready',
  'cancelled/not-redeemed/ready',
  'cancelled/released/ready',
  'interrupted/released/ready',
  'failed/released/ready',
  'needs-review/held/redeemed',
  'printed/confirmed/printed',
];

export function ending(state: EndState): string {
  return `${state.row?.state ?? 'none'}/${state.row?.pin_state ?? 'none'}/${state.status ?? 'unknown'}`;
}

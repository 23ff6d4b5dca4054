import type { KioskApi, SessionView } from '../../src/api/contract.ts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cli, demoCitizens, printLog, type Cli, type LogRow } from '../integration/serial-rig.ts';
import { ready, stepIs, until, type FaultKiosk } from './fault-kiosk.ts';

/** A demo resident with a print-ready document (from `adm-kiosk demo citizens`). */
export interface Holder {
  readonly nik: string;
  /** The name the registry gives (what the screen shows). */
  readonly name: string;
  readonly documentId: string;
  readonly pin: string;
  readonly type: string;
}

export { documentStatus, printLog, type Cli } from '../integration/serial-rig.ts';

/** The first `count` demo residents each holding a print-ready document of `type`, from the kiosk's own demo registry. */
export async function holders(dataDir: string, type: string, count: number, read: Cli = cli): Promise<Holder[]> {
  const found: Holder[] = [];
  for (const citizen of await demoCitizens(dataDir, read)) {
    const document = citizen.documents.find((d) => d.type === type && d.status === 'ready');
    if (document !== undefined) found.push({ nik: citizen.nik, name: citizen.name, documentId: document.id, pin: document.pin, type });
    if (found.length === count) return found;
  }
  throw new Error(`fewer than ${count} demo residents hold a print-ready ${type}`);
}

/** Taps the card, chooses the document, enters the PIN: the preview is on screen. */
export async function upToPreview(api: KioskApi, holder: Holder & { uid?: string }, reader?: FaultKiosk): Promise<SessionView> {
  // A demo card on the simulated reader, or the card itself on the HID reader.
  if (reader === undefined || holder.uid === undefined) await api.tapDemoCard({ nik: holder.nik });
  else reader.tap(holder.nik, holder.uid);
  await until(api, stepIs('choosing'), 'choosing');
  await api.chooseDocument({ documentId: holder.documentId });
  await api.submitPin({ pin: holder.pin });
  return until(api, (view) => view.state.step !== 'authorizing', 'the end of the PIN check');
}

/** What the resident sees, in a few words: the step and, on a fault or error, its code and the PIN's fate. */
export function seen(view: SessionView): string {
  const state = view.state;
  if (state.step === 'printing') return state.progress.fault === null ? `printing ${state.progress.pagesDone}/${state.progress.pageCount}` : `printing, waiting: ${state.progress.fault.code}`;
  if (state.step === 'error') return `error ${state.error.code}, PIN ${state.pin ?? 'not involved'}`;
  if (state.step === 'choosing' && state.notice !== null) return `choosing, notice ${state.notice.code}`;
  if (state.step === 'authorizing' && state.error !== null) return `PIN screen, error ${state.error.code}`;
  if (state.step === 'attract' && !view.availability.inService) return `out of service: ${view.availability.problems.map((p) => p.error.code).join(', ')}`;
  return state.step;
}

/**
 * The next resident: waits until the kiosk is ready (in service, attract), then a full print
 * to `done`, then ends the session (the result screen's button). Throws with what the
 * resident saw when anything else happens.
 */
export async function nextResidentPrints(api: KioskApi, holder: Holder & { uid?: string }, timeoutMs = 60_000, reader?: FaultKiosk): Promise<SessionView> {
  await until(api, ready, 'ready (in service, attract)', timeoutMs);
  const preview = await upToPreview(api, holder, reader);
  if (preview.state.step !== 'previewing') throw new Error(`the next resident got ${seen(preview)} instead of the preview`);
  await api.startPrint({});
  const end = await until(api, (view) => view.state.step === 'done' || view.state.step === 'error', 'the end of the print', timeoutMs);
  if (end.state.step !== 'done') throw new Error(`the next resident's print ended in ${seen(end)}`);
  await api.endSession({});
  return until(api, ready, 'ready after the next resident');
}

/** The faulted job's log row once reconciliation has settled its PIN (no `pending`/`open` left), or none. */
export async function settledJob(dataDir: string, documentId: string, read: Cli = cli): Promise<LogRow | undefined> {
  const started = Date.now();
  for (;;) {
    const row = (await printLog(dataDir, read)).find((r) => r.document_id === documentId);
    if (row === undefined || !['pending', 'open'].includes(row.pin_state) || Date.now() - started > 30_000) return row;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Files in the data folder (application log, print log, health.json, pages, the demo
 * registry's state) that hold the resident's NIK or name, as `path: needle`: the resident
 * must leave no trace there, whatever ended the session.
 */
export function tracesInDataFolder(dataDir: string, holder: Pick<Holder, 'nik' | 'name'>): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dataDir, name);
    if (!statSync(path).isFile()) continue;
    const text = readFileSync(path).toString('latin1');
    for (const needle of [holder.nik, holder.name]) if (text.includes(needle)) found.push(`${name}: ${needle}`);
  }
  return found;
}

import { join } from 'node:path';
import type { KioskApi } from '../../src/api/contract.ts';
import type { DemoRegistry } from '../../src/records/demo-registry.ts';
import { startFaultProxy, type FaultProxy } from '../integration/fault-proxy.ts';
import { tempDir } from '../integration/serial-rig.ts';
import { startFaultKiosk, until, type FaultKiosk } from './fault-kiosk.ts';
import { startRegistryBackend } from './registry-backend.ts';
import { nextResidentPrints, tracesInDataFolder, seen, settledJob, upToPreview, type Holder } from './resident.ts';
import { crashLines, type MatrixRow, type RowOutcome } from './rows.ts';

/**
 * The registry and card rows: one real kiosk process (demo mode, simulated reader, the
 * in-process emulator as printer) whose registry is `http`, reached through a fault proxy in
 * front of a real registry server (`startRegistryServer` over the demo registry, in the test
 * process). The rows run one after the other on that kiosk, each followed by the next
 * resident's full print, so each also shows the kiosk recovered from the one before.
 */
export interface RegistryRow extends MatrixRow {
  readonly act: (rig: RegistryRig, holder: Holder & { uid: string }) => Promise<Omit<RowOutcome, 'log' | 'registry' | 'crashes' | 'traces'>>;
}

export interface RegistryRig {
  readonly kiosk: FaultKiosk;
  readonly api: KioskApi;
  readonly proxy: FaultProxy;
  readonly backend: DemoRegistry;
}

const RETRIES = 1;
const TIMEOUT_SECONDS = 1;

export const REGISTRY_ROWS: readonly RegistryRow[] = [
  {
    id: 'malformed-record',
    fault: 'malformed record',
    how: 'the resident look-up answered with broken JSON (fault proxy)',
    inNpmTest: true,
    group: 'registry',
    act: async (rig, holder) => {
      const { api, proxy } = rig;
      proxy.always({ kind: 'body', text: '{"resident": {"nik": ' });
      rig.kiosk.tap(holder.nik, holder.uid);
      const end = await until(api, (view) => view.state.step === 'error' || view.state.step === 'choosing', 'the look-up answer');
      proxy.heal();
      return { during: 'reading-card', after: seen(end), lastView: end, note: 'the registry healed; the next resident taps' };
    },
  },
  {
    id: 'card-removed',
    fault: 'card removed mid-read',
    how: 'the card pulled during READ_CARD (the real HID driver over a fake reader module on node-hid\'s interface)',
    inNpmTest: true,
    group: 'registry',
    act: async (rig, holder) => {
      const { api } = rig;
      rig.kiosk.tap(holder.nik, holder.uid, true);
      const end = await until(api, (view) => view.state.step === 'error', 'the failed read');
      return { during: 'reading-card', after: seen(end), lastView: end, note: 'the card is tapped again by the next resident' };
    },
  },
  {
    id: 'registry-timeout',
    fault: 'registry timeout',
    how: `every answer delayed past the client's timeout (${TIMEOUT_SECONDS} s, ${RETRIES} retry) while the PIN is redeemed`,
    inNpmTest: true,
    group: 'registry',
    act: async (rig, holder) => {
      const { api, proxy } = rig;
      rig.kiosk.tap(holder.nik, holder.uid);
      await until(api, (view) => view.state.step === 'choosing', 'choosing');
      await api.chooseDocument({ documentId: holder.documentId });
      proxy.always({ kind: 'delay', ms: TIMEOUT_SECONDS * 1000 + 1500 });
      await api.submitPin({ pin: holder.pin });
      const end = await until(api, (view) => view.state.step !== 'authorizing' || view.state.error !== null, 'the PIN answer', 30_000);
      proxy.heal();
      await api.endSession({});
      return { during: seen(end), after: seen(end), lastView: end, note: 'the registry answers again; reconciliation finds the authorization by request id and releases it' };
    },
  },
  {
    id: 'registry-500',
    fault: 'registry 500',
    how: 'every registry call answered HTTP 500 from the start of the print (the confirm fails)',
    inNpmTest: false,
    group: 'registry',
    act: async (rig, holder) => {
      const { api, proxy } = rig;
      const preview = await upToPreview(api, holder, rig.kiosk);
      if (preview.state.step !== 'previewing') throw new Error(`no preview: ${seen(preview)}`);
      proxy.always({ kind: 'status', status: 500 });
      await api.startPrint({});
      const end = await until(api, (view) => view.state.step === 'done' || view.state.step === 'error', 'the end of the print');
      proxy.heal();
      await api.endSession({});
      return { during: 'printing', after: seen(end), lastView: end, note: 'the registry answers again; reconciliation confirms the print' };
    },
  },
];

/** Runs the chosen registry rows on one kiosk, one after the other; each row's outcome or error. */
export async function runRegistryRows(rows: readonly RegistryRow[]): Promise<Map<string, RowOutcome | Error>> {
  const results = new Map<string, RowOutcome | Error>();
  if (rows.length === 0) return results;
  const dir = tempDir('adm-fault-registry-');
  const registry = await startRegistryBackend(dir);
  const { backend, kioskId, keyFile } = registry;
  const proxy = await startFaultProxy(registry.server.url);
  let kiosk: FaultKiosk | undefined;
  try {
    kiosk = await startFaultKiosk({
      dir,
      config: {
        kioskId,
        registry: { kind: 'http', url: proxy.url, keyFile, timeoutSeconds: TIMEOUT_SECONDS, retries: RETRIES, breaker: { failures: 3, cooldownSeconds: 1 }, probeSeconds: 5 },
        cardReader: { kind: 'hid' },
        printer: { uri: `emulator:${join(dir, 'paper')}` },
      },
      hidReader: true,
      // Reconciliation every second instead of every minute: a lost confirm or release is settled while the row waits.
      env: { ADM_KIOSK_TEST_HOOKS: '1', ADM_KIOSK_TEST_RECONCILE_MS: '1000' },
    });
    const rig: RegistryRig = { kiosk, api: kiosk.api(), proxy, backend };
    // Two residents per row (the faulted one, the next one), each with a print-ready KK.
    const people = registry.holders('kk');
    for (const [index, row] of rows.entries()) {
      const [first, next] = [people[2 * index], people[2 * index + 1]];
      if (first === undefined || next === undefined) throw new Error('not enough demo residents');
      const outputBefore = kiosk.output().length;
      try {
        const seenBy = await row.act(rig, first);
        await rig.api.endSession({}).catch(() => undefined);
        const log = await settledJob(kiosk.dataDir, first.documentId);
        const status = registry.status(first.documentId);
        await nextResidentPrints(rig.api, next, 60_000, kiosk);
        results.set(row.id, { ...seenBy, log, registry: status, crashes: crashLines(kiosk.output().slice(outputBefore)), traces: tracesInDataFolder(kiosk.dataDir, first) });
      } catch (error) {
        proxy.heal();
        results.set(row.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
  } catch (error) {
    for (const row of rows) if (!results.has(row.id)) results.set(row.id, error instanceof Error ? error : new Error(String(error)));
  } finally {
    await kiosk?.stop();
    await proxy.close();
    await registry.close();
  }
  return results;
}


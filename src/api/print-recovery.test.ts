import { describe, expect, it } from 'vitest';
import { decideRecovery, reconcileJobs } from './print-recovery.ts';
import type { PausePoint } from './ports.ts';
import { brokenLog, brokenRegistry, freezeAt, holderOf, transactionRig, useTempDirs } from './test-support.ts';

/**
 * The "process killed at ..." rows of the transaction table, in process: the transaction is
 * frozen at a named point forever (what kill -9 leaves on disk), then a fresh log connection
 * and registry on the same folder run the next start's reconciliation. The real kill -9 of a
 * real `adm-kiosk print` process is test/integration/kill-print.test.ts.
 */
const tempDir = useTempDirs();

describe('decideRecovery: the recovery table as a pure function', () => {
  const printing = { state: 'printing' as const, pinState: 'open' as const, firstByteAt: null };
  it.each([
    ['redeeming, nothing at the registry', { state: 'redeeming', pinState: 'pending', firstByteAt: null }, null, { registry: 'none', to: 'cancelled', pin: 'not-redeemed' }],
    ['redeeming, redeemed (answer never logged)', { state: 'redeeming', pinState: 'pending', firstByteAt: null }, 'open', { registry: 'release', to: 'cancelled', pin: 'released' }],
    ['authorized', { state: 'authorized', pinState: 'open', firstByteAt: null }, 'open', { registry: 'release', to: 'interrupted', pin: 'released' }],
    ['rendering', { state: 'rendering', pinState: 'open', firstByteAt: null }, 'open', { registry: 'release', to: 'interrupted', pin: 'released' }],
    ['printing, before the first byte', printing, 'open', { registry: 'release', to: 'interrupted', pin: 'released' }],
    ['printing, bytes may have left', { ...printing, firstByteAt: 'x' }, 'open', { registry: 'none', to: 'needs-review', pin: 'held' }],
    ['printing, a version-1 row (registry unknown)', { ...printing, firstByteAt: 'x' }, 'unknown', { registry: 'none', to: 'needs-review', pin: 'held' }],
    ['printing, confirmed at the registry (the log write after the paper was lost)', { ...printing, firstByteAt: 'x' }, 'confirmed', { registry: 'none', to: 'printed', pin: 'confirmed' }],
    ['printing, released at the registry (the failure was not logged)', { ...printing, firstByteAt: 'x' }, 'released', { registry: 'none', to: 'interrupted', pin: 'released' }],
    ['printed, confirm did not get through', { state: 'printed', pinState: 'open', firstByteAt: 'x' }, 'open', { registry: 'confirm', to: null, pin: 'confirmed' }],
    ['failed, release did not get through', { state: 'failed', pinState: 'open', firstByteAt: null }, 'open', { registry: 'release', to: null, pin: 'released' }],
  ] as const)('%s', (_name, job, view, expected) => {
    expect(decideRecovery(job, view)).toMatchObject(expected);
  });
});

describe('killed at each point of the transaction, then the next start reconciles', () => {
  async function killedAt(point: PausePoint) {
    const r = await transactionRig(tempDir());
    const { citizen, document } = holderOf(r.registry, 'ktp');
    const frozen = freezeAt(point);
    const tx = r.transaction({ nik: citizen.nik, documentId: document.id, documentType: 'ktp' }, { pause: frozen.pause });
    void (async () => {
      const authorized = await tx.authorize(document.pin);
      if (!authorized.ok) return;
      const rendered = await tx.render();
      if (rendered.ok) await tx.print({ onProgress: () => undefined, onFault: () => undefined });
    })();
    await frozen.reached;
    // The next start: a new connection to the same log, the registry's state file as it is.
    const next = r.reopen();
    const reports: string[] = [];
    const report = await reconcileJobs({ registry: next.registry, log: next.log, report: (context) => reports.push(context) }, { context: 'start-up' });
    const [job] = next.log.listJobs({ from: '2000-01-01', to: '2100-01-01' });
    const status = r.pinStatus(document.id);
    next.log.close();
    await r.printer.close();
    return { report, job, status, reports, pages: r.pages() };
  }

  it.each([
    ['after-intent', 'cancelled', 'not-redeemed', 'ready'],
    ['after-redeem', 'cancelled', 'released', 'ready'],
    ['after-authorized', 'interrupted', 'released', 'ready'],
    ['after-render', 'interrupted', 'released', 'ready'],
    ['before-first-byte', 'interrupted', 'released', 'ready'],
    ['after-first-byte', 'needs-review', 'held', 'redeemed'],
    ['after-last-page', 'needs-review', 'held', 'redeemed'],
    ['after-printed', 'printed', 'confirmed', 'printed'],
  ] as const)('killed %s: the row ends %s, the PIN %s (registry: %s)', async (point, state, pinState, status) => {
    const result = await killedAt(point);
    expect(result.job).toMatchObject({ state, pinState });
    expect(result.status).toBe(status);
    expect(result.report).toMatchObject({ deferred: 0, needsReview: state === 'needs-review' ? 1 : 0 });
    expect(result.reports).toEqual([]);
  });

  it('after the last page was accepted, the document is in the tray while its PIN is held: never printable twice', async () => {
    const result = await killedAt('after-last-page');
    expect(result.pages).toHaveLength(2);
    expect(result.status).toBe('redeemed');
  });
});

describe('reconciliation of jobs a live kiosk could not settle', () => {
  it('the log write after the paper came out failed: the registry says confirmed, so the row becomes printed', async () => {
    const setup = await transactionRig(tempDir());
    const { citizen, document } = holderOf(setup.registry, 'ktp');
    const tx = setup.transaction({ nik: citizen.nik, documentId: document.id, documentType: 'ktp' }, { log: brokenLog(setup.log, ['markPrinted', 'setPinState']) });
    await tx.authorize(document.pin);
    await tx.render();
    expect(await tx.print({ onProgress: () => undefined, onFault: () => undefined })).toMatchObject({ outcome: 'printed' });
    expect(setup.log.getJob(tx.jobId ?? -1)?.state).toBe('printing');
    expect(await reconcileJobs({ registry: setup.registry, log: setup.log, report: () => undefined }, { context: 'test' })).toEqual({ settled: 1, deferred: 0, needsReview: 0 });
    expect(setup.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'printed', pinState: 'confirmed', pagesDone: 2 });
    expect(setup.pinStatus(document.id)).toBe('printed');
    await setup.close();
  });

  it('confirm failed: sent again once the registry is back; while it is down the job is deferred, not guessed', async () => {
    const setup = await transactionRig(tempDir());
    const { citizen, document } = holderOf(setup.registry, 'ktp');
    const down = brokenRegistry(setup.registry, { confirmPrint: true });
    const tx = setup.transaction({ nik: citizen.nik, documentId: document.id, documentType: 'ktp' }, { registry: down });
    await tx.authorize(document.pin);
    await tx.render();
    await tx.print({ onProgress: () => undefined, onFault: () => undefined });
    const reports: string[] = [];
    expect(await reconcileJobs({ registry: down, log: setup.log, report: (context) => reports.push(context) }, { context: 'retry' })).toEqual({ settled: 0, deferred: 1, needsReview: 0 });
    expect(reports.join()).toContain('confirm the PIN of print job');
    expect(setup.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'printed', pinState: 'open' });
    expect(await reconcileJobs({ registry: setup.registry, log: setup.log, report: () => undefined }, { context: 'retry' })).toEqual({ settled: 1, deferred: 0, needsReview: 0 });
    expect(setup.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'printed', pinState: 'confirmed' });
    expect(setup.pinStatus(document.id)).toBe('printed');
    await setup.close();
  });

  it('leaves the jobs of live transactions alone, and a registry that cannot be asked defers the job', async () => {
    const setup = await transactionRig(tempDir());
    const { citizen, document } = holderOf(setup.registry, 'ktp');
    const tx = setup.transaction({ nik: citizen.nik, documentId: document.id, documentType: 'ktp' });
    await tx.authorize(document.pin);
    const live = tx.jobId ?? -1;
    expect(await reconcileJobs({ registry: setup.registry, log: setup.log, report: () => undefined }, { context: 'periodic', skip: (id) => id === live })).toEqual({ settled: 0, deferred: 0, needsReview: 0 });
    expect(setup.log.getJob(live)?.state).toBe('authorized');
    const blind = brokenRegistry(setup.registry, { findAuthorization: true });
    expect(await reconcileJobs({ registry: blind, log: setup.log, report: () => undefined }, { context: 'start-up' })).toEqual({ settled: 0, deferred: 1, needsReview: 0 });
    expect(setup.log.getJob(live)?.state).toBe('authorized');
    expect(setup.pinStatus(document.id)).toBe('redeemed');
    await tx.cancel('resident', 'done testing');
    await setup.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { ErrorData } from '../core/errors.ts';
import { holderOf, brokenLog, brokenRegistry, silentAfter, transactionRig, useTempDirs, type TransactionRig } from './test-support.ts';
import type { PrintHooks, Settlement } from './print-transaction.ts';

/**
 * The print transaction table (src/api/README.md), one test per row that does not need a
 * process to die; the kill rows are in print-recovery.test.ts (in process) and
 * test/integration/kill-print.test.ts (real processes). Every test uses the real print log,
 * the demo registry's state file, the real templates and the real print pipeline to the
 * ESC/POS emulator; faults are injected at the emulator, the log or the registry.
 */
const tempDir = useTempDirs();
const noHooks: PrintHooks = { onProgress: () => undefined, onFault: () => undefined };

async function rig(options: Parameters<typeof transactionRig>[1] = {}): Promise<TransactionRig & { nik: string; documentId: string; pin: string }> {
  const r = await transactionRig(tempDir(), options);
  const { citizen, document } = holderOf(r.registry, 'ktp');
  return Object.assign(r, { nik: citizen.nik, documentId: document.id, pin: document.pin });
}

function request(r: { nik: string; documentId: string }) {
  return { nik: r.nik, documentId: r.documentId, documentType: 'ktp' as const };
}

/** Redeem, render and print in one go; the settlement. */
async function printAll(r: Awaited<ReturnType<typeof rig>>, overrides: Parameters<TransactionRig['transaction']>[1] = {}, hooks = noHooks): Promise<{ settlement: Settlement; jobId: number | null }> {
  const tx = r.transaction(request(r), overrides);
  const authorized = await tx.authorize(r.pin);
  if (!authorized.ok) return { settlement: authorized.settlement, jobId: tx.jobId };
  const rendered = await tx.render();
  if (!rendered.ok) return { settlement: rendered.settlement, jobId: tx.jobId };
  return { settlement: await tx.print(hooks), jobId: tx.jobId };
}

/** Bytes the printer accepts for the whole KTP-el and up to the end of its first page (same PDF every time). */
async function measure(): Promise<{ total: number; firstPage: number }> {
  const r = await rig();
  let firstPage = 0;
  let total = 0;
  const onProgress = (p: { pagesDone: number; bytesSent: number }) => {
    if (p.pagesDone === 1 && firstPage === 0) firstPage = p.bytesSent;
    total = Math.max(total, p.bytesSent);
  };
  const { settlement } = await printAll(r, {}, { onProgress, onFault: () => undefined });
  await r.close();
  expect(settlement.outcome).toBe('printed');
  return { total, firstPage };
}

describe('print transaction: the table, row by row', () => {
  it('success: printed in the log, the PIN confirmed (spent), both pages on paper', async () => {
    const r = await rig();
    const { settlement, jobId } = await printAll(r);
    expect(settlement).toEqual({ outcome: 'printed', pageCount: 2, pin: 'spent' });
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'printed', pinState: 'confirmed', pagesDone: 2, pagesHanded: 2, requestId: expect.any(String) as unknown });
    // first byte, then progress per page: events with the state unchanged (the chain witnesses every write).
    expect(r.log.getEvents(jobId ?? -1).map((e) => `${e.to}${e.detail === null ? '' : ` (${e.detail})`}`)).toEqual([
      'redeeming',
      'authorized',
      'rendering',
      'printing',
      'printing (first byte)',
      'printing (progress: 1 page(s) done, 1 handed)',
      'printing (progress: 2 page(s) done, 2 handed)',
      'printed',
      'printed (PIN confirmed)',
    ]);
    expect(r.pinStatus(r.documentId)).toBe('printed');
    expect(r.pages()).toHaveLength(2);
    await r.close();
  });

  it('before redeem: the intent cannot be written, so the registry is never asked and the PIN is untouched', async () => {
    const r = await rig();
    const { settlement, jobId } = await printAll(r, { log: brokenLog(r.log, ['createIntent']) });
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'still-valid', error: { code: 'PRINT_LOG_ERROR' } });
    expect(jobId).toBeNull();
    expect(r.log.listJobs({ from: '2000-01-01', to: '2100-01-01' })).toEqual([]);
    expect(r.pinStatus(r.documentId)).toBe('ready');
    await r.close();
  });

  it('redeem refused (wrong PIN): the row says refused with the code; nothing was redeemed', async () => {
    const r = await rig();
    const tx = r.transaction(request(r));
    const result = await tx.authorize(r.pin === '000000' ? '111111' : '000000');
    expect(result).toMatchObject({ ok: false, settlement: { outcome: 'refused', error: { code: 'PIN_INVALID' } } });
    expect(r.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'refused', pinState: 'not-redeemed', errorCode: 'PIN_INVALID', authorizationId: null });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    await r.close();
  });

  it('redeem answer lost (registry unreachable after it redeemed): the authorization is found by request id and released', async () => {
    const r = await rig();
    const { settlement, jobId } = await printAll(r, { registry: brokenRegistry(r.registry, { redeemAnswer: true }) });
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'still-valid', error: { code: 'REGISTRY_UNAVAILABLE' } });
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'failed', pinState: 'released', errorCode: 'REGISTRY_UNAVAILABLE' });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    await r.close();
  });

  it('after redeem, the log refuses "authorized": the PIN is released at once; the row is closed by the next reconciliation', async () => {
    const r = await rig();
    const { settlement, jobId } = await printAll(r, { log: brokenLog(r.log, ['markAuthorized', 'markFailed']) });
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'still-valid', error: { code: 'PRINT_LOG_ERROR' } });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    // The row could not be written: it stays redeeming (the PIN's release is recorded); recovery closes it.
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'redeeming', pinState: 'released' });
    await r.close();
  });

  it('render fails: failed with the code, PIN released', async () => {
    const r = await rig();
    const { settlement, jobId } = await printAll(r, { render: () => Promise.reject(new Error('font file missing')) });
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'still-valid', error: { code: 'INTERNAL' } });
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'failed', pinState: 'released', errorCode: 'INTERNAL' });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    expect(r.reports.join('\n')).toContain('render');
    await r.close();
  });

  it('the resident leaves before printing: cancelled, PIN released, nothing on paper', async () => {
    const r = await rig();
    const tx = r.transaction(request(r));
    expect((await tx.authorize(r.pin)).ok).toBe(true);
    expect((await tx.render()).ok).toBe(true);
    expect(await tx.cancel('resident', 'the resident went back')).toMatchObject({ outcome: 'cancelled', pin: 'still-valid' });
    expect(r.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'cancelled', pinState: 'released', errorMessage: 'the resident went back' });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    expect(r.pages()).toEqual([]);
    await r.close();
  });

  it('before the first byte (cover open from the start, no wait): failed, PIN released, no first byte recorded', async () => {
    const r = await rig({ faults: ['cover-open-after=0'] });
    const { settlement, jobId } = await printAll(r);
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'still-valid', error: { code: 'PRINTER_COVER_OPEN' } });
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'failed', pinState: 'released', firstByteAt: null, pagesHanded: 0 });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    await r.close();
  });

  it('the first byte cannot be logged: nothing is sent, failed, PIN released', async () => {
    const r = await rig();
    const { settlement } = await printAll(r, { log: brokenLog(r.log, ['markFirstByte']) });
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'still-valid', error: { code: 'PRINT_LOG_ERROR' } });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    expect(r.pages()).toEqual([]);
    await r.close();
  });

  it('mid-page of the first page (paper end, no wait): failed, PIN released, no page handed', async () => {
    const { firstPage } = await measure();
    const r = await rig({ faults: [`paper-end-after=${Math.round(firstPage / 3)}`] });
    const { settlement, jobId } = await printAll(r);
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'still-valid', error: { code: 'PRINTER_PAPER_END' } });
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'failed', pinState: 'released', pagesHanded: 0, firstByteAt: expect.any(String) as unknown });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    await r.close();
  });

  it('mid-job after a whole page was handed (paper end on page 2): needs-review, the PIN held, never released', async () => {
    const { firstPage } = await measure();
    const r = await rig({ faults: [`paper-end-after=${firstPage + 800}`] });
    const { settlement, jobId } = await printAll(r);
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'needs-review', error: { code: 'PRINTER_PAPER_END' } });
    expect(settlement.outcome === 'failed' && settlement.error.hint).toContain('the PIN is held');
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'needs-review', pinState: 'held', pagesHanded: 1, pagesDone: 1, errorCode: 'PRINTER_PAPER_END' });
    expect(r.pinStatus(r.documentId)).toBe('redeemed');
    await r.close();
  });

  it('after the last page was accepted, the printer goes silent: needs-review, the PIN held', async () => {
    const { total } = await measure();
    const r = await rig({ wrapPrinter: (printer) => silentAfter(printer, total) });
    const { settlement, jobId } = await printAll(r);
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'needs-review' });
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'needs-review', pinState: 'held', pagesHanded: 2 });
    expect(r.pinStatus(r.documentId)).toBe('redeemed');
    await r.close();
  });

  it('the log write fails after the paper came out: the PIN stays spent; the row is settled by the next reconciliation', async () => {
    const r = await rig();
    const { settlement, jobId } = await printAll(r, { log: brokenLog(r.log, ['markPrinted', 'setPinState']) });
    expect(settlement).toEqual({ outcome: 'printed', pageCount: 2, pin: 'spent' });
    expect(r.pinStatus(r.documentId)).toBe('printed');
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'printing', firstByteAt: expect.any(String) as unknown });
    expect(r.pages()).toHaveLength(2);
    await r.close();
  });

  it('confirm fails (registry down after the print): printed in the log with the PIN still open, not printable again', async () => {
    const r = await rig();
    const { settlement, jobId } = await printAll(r, { registry: brokenRegistry(r.registry, { confirmPrint: true }) });
    expect(settlement).toEqual({ outcome: 'printed', pageCount: 2, pin: 'spent' });
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'printed', pinState: 'open' });
    expect(r.pinStatus(r.documentId)).toBe('redeemed');
    expect(r.log.listUnsettled().map((job) => job.id)).toEqual([jobId]);
    await r.close();
  });

  it('release fails after a print that failed before any page: failed with the PIN open, left to reconciliation', async () => {
    const { firstPage } = await measure();
    const r = await rig({ faults: [`paper-end-after=${Math.round(firstPage / 3)}`] });
    const { settlement, jobId } = await printAll(r, { registry: brokenRegistry(r.registry, { releasePrint: true }) });
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'still-valid' });
    expect(r.log.getJob(jobId ?? -1)).toMatchObject({ state: 'failed', pinState: 'open' });
    await r.close();
  });
});

describe('print transaction: leaving a step in flight, and stopping during a fault', () => {
  it('cancel while the redeem is in flight: the authorization is released as soon as it answers, the job cancelled', async () => {
    const r = await rig();
    let answer: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const slow = { ...r.registry, kind: r.registry.kind, lookupResident: r.registry.lookupResident.bind(r.registry), confirmPrint: r.registry.confirmPrint.bind(r.registry), releasePrint: r.registry.releasePrint.bind(r.registry), findAuthorization: r.registry.findAuthorization.bind(r.registry), redeemPin: async (req: Parameters<typeof r.registry.redeemPin>[0]) => { const auth = await r.registry.redeemPin(req); await gate; return auth; } };
    const tx = r.transaction(request(r), { registry: slow });
    const authorizing = tx.authorize(r.pin);
    const cancelled = tx.cancel('resident', 'the resident went back');
    answer();
    expect(await authorizing).toMatchObject({ ok: false, settlement: { outcome: 'cancelled', pin: 'still-valid' } });
    expect(await cancelled).toMatchObject({ outcome: 'cancelled' });
    expect(r.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'cancelled', pinState: 'released' });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    await r.close();
  });

  async function waitingOnPaperEnd(faultAt: number): Promise<{ r: Awaited<ReturnType<typeof rig>>; tx: ReturnType<TransactionRig['transaction']>; printing: Promise<Settlement>; faults: ErrorData[] }> {
    const r = await rig({ faults: [`paper-end-after=${faultAt}`], waitOnFaultMs: 600_000 });
    const tx = r.transaction(request(r));
    expect((await tx.authorize(r.pin)).ok).toBe(true);
    expect((await tx.render()).ok).toBe(true);
    const faults: ErrorData[] = [];
    let sawFault: () => void = () => undefined;
    const seen = new Promise<void>((resolve) => (sawFault = resolve));
    const printing = tx.print({ onProgress: () => undefined, onFault: (f) => f !== null && (faults.push(f), sawFault()) });
    await seen;
    expect(tx.waitingOnFault).toBe(true);
    return { r, tx, printing, faults };
  }

  it('the kiosk stops while page 1 waits on paper end: interrupted, PIN released, and the log closes cleanly after', async () => {
    const { firstPage } = await measure();
    const { r, tx, printing } = await waitingOnPaperEnd(Math.round(firstPage / 3));
    const settlement = await tx.cancel('stop', 'the kiosk is stopping');
    expect(settlement).toMatchObject({ outcome: 'cancelled', pin: 'still-valid', error: { code: 'PRINT_INTERRUPTED' } });
    expect(await printing).toBe(settlement);
    expect(r.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'interrupted', pinState: 'released' });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    await r.close();
  });

  it('the resident cancels while page 2 waits on paper end: needs-review, the PIN held', async () => {
    const { firstPage } = await measure();
    const { r, tx } = await waitingOnPaperEnd(firstPage + 800);
    const settlement = await tx.cancel('resident', 'the resident cancelled while the printer waited');
    expect(settlement).toMatchObject({ outcome: 'failed', pin: 'needs-review' });
    expect(r.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'needs-review', pinState: 'held', pagesHanded: 1 });
    expect(r.pinStatus(r.documentId)).toBe('redeemed');
    await r.close();
  });

  it('the resident cancels while page 1 waits on paper end: cancelled, PIN released', async () => {
    const { firstPage } = await measure();
    const { r, tx } = await waitingOnPaperEnd(Math.round(firstPage / 3));
    expect(await tx.cancel('resident', 'the resident cancelled while the printer waited')).toMatchObject({ outcome: 'cancelled', pin: 'still-valid' });
    expect(r.log.getJob(tx.jobId ?? -1)).toMatchObject({ state: 'cancelled', pinState: 'released' });
    expect(r.pinStatus(r.documentId)).toBe('ready');
    await r.close();
  });
});

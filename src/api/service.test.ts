import { describe, expect, it } from 'vitest';
import { SimulatedCardReader } from '../../device-drivers/card-reader/simulated-reader.ts';
import { ManualClock } from '../core/clock.ts';
import { KioskError, type ErrorData } from '../core/errors.ts';
import type { TemplateInput } from '../core/record.ts';
import type { PrintAuthorization, Registry, ResidentLookup } from '../records/contract.ts';
import type { PrintLogPort, PrintRunner } from './ports.ts';
import { KioskService } from './service.ts';

const NIK = '3273015708850001';
const UID = '04A1B2C3D4E5F6';

/** A registry that records what the service asked of it. */
class FakeRegistry implements Registry {
  readonly kind = 'demo' as const;
  readonly calls: string[] = [];
  pinUsed = false;
  lookupResident(nik: string, uid: string): Promise<ResidentLookup> {
    this.calls.push(`lookup ${uid}`);
    if (uid !== UID) return Promise.reject(new KioskError('CARD_MISMATCH', 'card does not match'));
    return Promise.resolve({ nik, name: 'SITI AMINAH', documents: [{ id: 'DOC-1', type: 'kk', subjectName: 'BUDI', issuedAt: '2026-11-01' }] });
  }
  redeemPin(_nik: string, documentId: string, pin: string): Promise<PrintAuthorization> {
    this.calls.push(`redeem ${documentId} ${pin}`);
    if (this.pinUsed) return Promise.reject(new KioskError('PIN_USED', 'used'));
    if (pin !== '123456') return Promise.reject(new KioskError('PIN_INVALID', 'wrong PIN, 4 attempts left'));
    this.pinUsed = true;
    return Promise.resolve({ authorizationId: 'AUTH-1', input: { document: { id: documentId } } as unknown as TemplateInput });
  }
  confirmPrint(id: string): Promise<void> {
    this.calls.push(`confirm ${id}`);
    return Promise.resolve();
  }
  releasePrint(id: string): Promise<void> {
    this.calls.push(`release ${id}`);
    this.pinUsed = false;
    return Promise.resolve();
  }
}

class FakeLog implements PrintLogPort {
  readonly rows: { id: number; state: string; nik: string; error?: string }[] = [];
  createJob(job: { nik: string }): number {
    this.rows.push({ id: this.rows.length + 1, state: 'authorized', nik: job.nik });
    return this.rows.length;
  }
  private set(id: number, state: string, error?: string): void {
    const row = this.rows[id - 1];
    if (row !== undefined) Object.assign(row, { state }, error === undefined ? {} : { error });
  }
  markRendering(id: number): void { this.set(id, 'rendering'); }
  markPrinting(id: number): void { this.set(id, 'printing'); }
  markProgress(): void {}
  markPrinted(id: number): void { this.set(id, 'printed'); }
  markFailed(id: number, error: ErrorData): void { this.set(id, 'failed', error.code); }
  markCancelled(id: number): void { this.set(id, 'cancelled'); }
}

function setup(print: PrintRunner = (run) => {
  run.onProgress({ pagesDone: 1, pageCount: 1, bytesSent: 100, bytesTotal: 100 });
  return Promise.resolve({ pagesPrinted: 1, bytesSent: 100 });
}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 3, 0, 0));
  const registry = new FakeRegistry();
  const log = new FakeLog();
  const reader = new SimulatedCardReader();
  const pdf = new Uint8Array([1, 2, 3]);
  const service = new KioskService({
    info: { mode: 'demo', kioskId: 'ADM-TEST', version: '0', printer: 'fake', cardReader: 'simulated', registry: 'fake' },
    registry,
    cardReader: reader,
    printLog: log,
    render: () => Promise.resolve(pdf),
    preview: () => Promise.resolve({ pageCount: 1, pages: [{ widthPx: 1, heightPx: 1, pngDataUrl: 'data:image/png;base64,AA' }] }),
    print,
    printerDescription: 'fake printer',
    clock,
    timeouts: { idleMs: 60_000, resultMs: 15_000 },
  });
  return { clock, registry, log, reader, service, pdf };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function toPinScreen(s: ReturnType<typeof setup>): Promise<void> {
  await s.reader.open();
  s.service.start(60_000);
  s.reader.present({ nik: NIK, uid: UID });
  await settle();
  await s.service.chooseDocument({ documentId: 'DOC-1' });
}

describe('KioskService', () => {
  it('takes a resident from card to printed page, logs it and confirms the PIN', async () => {
    const s = setup();
    await toPinScreen(s);
    expect((await s.service.getSession()).state).toMatchObject({ step: 'authorizing', resident: { name: 'SITI AMINAH', nikMasked: '327301********01' } });
    await s.service.submitPin({ pin: '123456' });
    expect((await s.service.getSession()).state.step).toBe('previewing');
    expect((await s.service.getPreview()).pages).toHaveLength(1);
    await s.service.startPrint();
    await settle();
    expect((await s.service.getSession()).state.step).toBe('done');
    expect(s.log.rows).toEqual([{ id: 1, state: 'printed', nik: NIK }]);
    expect(s.registry.calls).toContain('confirm AUTH-1');
    await s.service.stop();
  });

  it('keeps the resident on the PIN screen with the reason after a wrong PIN', async () => {
    const s = setup();
    await toPinScreen(s);
    await s.service.submitPin({ pin: '000000' });
    expect((await s.service.getSession()).state).toMatchObject({ step: 'authorizing', error: { code: 'PIN_INVALID', message: 'wrong PIN, 4 attempts left' } });
    expect(s.log.rows).toHaveLength(0);
    await s.service.stop();
  });

  it('shows a card that does not match the registry as an error, not a session', async () => {
    const s = setup();
    await s.reader.open();
    s.service.start(60_000);
    s.reader.present({ nik: NIK, uid: 'FFFFFFFF' });
    await settle();
    expect((await s.service.getSession()).state).toMatchObject({ step: 'error', error: { code: 'CARD_MISMATCH' } });
    await s.service.stop();
  });

  it('releases the PIN and logs the failure when the printer fails', async () => {
    const s = setup(() => Promise.reject(new KioskError('PRINTER_PAPER_END', 'out of paper', { hint: 'call staff' })));
    await toPinScreen(s);
    await s.service.submitPin({ pin: '123456' });
    await s.service.startPrint();
    await settle();
    expect((await s.service.getSession()).state).toMatchObject({ step: 'error', error: { code: 'PRINTER_PAPER_END', hint: 'call staff' } });
    expect(s.log.rows[0]).toMatchObject({ state: 'failed', error: 'PRINTER_PAPER_END' });
    expect(s.registry.calls).toContain('release AUTH-1');
    expect(s.registry.pinUsed).toBe(false);
    await s.service.stop();
  });

  it('ends an idle session, forgets the resident and releases an unprinted authorization', async () => {
    const s = setup();
    await toPinScreen(s);
    await s.service.submitPin({ pin: '123456' });
    const views: string[] = [];
    s.service.onSession((view) => views.push(view.state.step));
    s.clock.advance(59_000);
    s.service.tick();
    expect((await s.service.getSession()).timeLeftMs).toBe(1_000);
    s.clock.advance(1_000);
    s.service.tick();
    await settle();
    expect((await s.service.getSession()).state).toEqual({ step: 'attract' });
    expect(views.at(-1)).toBe('attract');
    await expect(s.service.getPreview()).rejects.toMatchObject({ code: 'SESSION_STATE' });
    expect(s.log.rows[0]?.state).toBe('cancelled');
    expect(s.registry.calls).toContain('release AUTH-1');
    expect(s.pdf.every((b) => b === 0)).toBe(true);
    await s.service.stop();
  });

  it('refuses demo cards outside demo mode', async () => {
    const s = setup();
    await expect(s.service.listDemoCards()).rejects.toMatchObject({ code: 'DEMO_ONLY' });
  });
});

import { describe, expect, it } from 'vitest';
import { SimulatedCardReader } from '../../device-drivers/card-reader/simulated-reader.ts';
import { createPreviewer } from '../printing/index.ts';
import type { Availability } from './contract.ts';
import type { SessionView } from './contract.ts';
import { KioskService, type AvailabilitySource } from './service.ts';
import type { KioskServiceDeps } from './service-deps.ts';
import { holderOf, transactionRig, useTempDirs } from './test-support.ts';

/**
 * The kiosk service driving a resident's session through the print transaction, on the real
 * print log, the demo registry's state file, the real templates and print pipeline to the
 * ESC/POS emulator. The card reader is the simulated one; time is a manual clock.
 */
const tempDir = useTempDirs();

class Health implements AvailabilitySource {
  private availability: Availability = { inService: true, problems: [] };
  private readonly listeners = new Set<(a: Availability) => void>();
  current(): Availability {
    return this.availability;
  }
  onChange(listener: (a: Availability) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(next: Availability): void {
    this.availability = next;
    for (const listener of this.listeners) listener(next);
  }
}

async function setup(options: Parameters<typeof transactionRig>[1] = {}, extra: Partial<KioskServiceDeps> = {}) {
  const rig = await transactionRig(tempDir(), options);
  const { citizen, document } = holderOf(rig.registry, 'ktp');
  const reader = new SimulatedCardReader();
  const health = new Health();
  const reports: string[] = [];
  const deps = rig.deps();
  const service = new KioskService({
    info: { mode: 'demo', kioskId: 'ADM-TEST-01', version: '0', printer: 'emulator', cardReader: 'simulated', registry: 'demo', demoCardPicker: false },
    registry: rig.registry,
    cardReader: reader,
    printLog: rig.log,
    render: deps.render,
    preview: createPreviewer({ maxWidthPx: 160, maxHeightPx: 160 }),
    print: deps.print,
    printerDescription: 'emulator',
    clock: rig.clock,
    timeouts: { idleMs: 60_000, resultMs: 15_000 },
    health,
    report: (context, error) => reports.push(`${context}: ${JSON.stringify(error instanceof Error ? error.message : error)}`),
    ...extra,
  });
  await reader.open();
  service.start(null);
  const step = () => service.view().state.step;
  const until = async (wanted: string) => {
    for (let i = 0; i < 400 && step() !== wanted; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(step()).toBe(wanted);
  };
  const toPinScreen = async () => {
    reader.present({ nik: citizen.nik, uid: citizen.cardUid });
    await until('choosing');
    await service.chooseDocument({ documentId: document.id });
  };
  const rows = () => rig.log.listJobs({ from: '2000-01-01', to: '2100-01-01' });
  const close = async () => {
    await service.stop();
    await rig.close();
  };
  return { rig, citizen, document, reader, health, reports, service, step, until, toPinScreen, rows, close };
}

function wrong(pin: string): string {
  return pin === '000000' ? '111111' : '000000';
}

describe('KioskService', () => {
  it('takes a resident from card to printed pages, logs it printed and spends the PIN', async () => {
    const s = await setup();
    await s.toPinScreen();
    expect(s.service.view().state).toMatchObject({ step: 'authorizing', resident: { name: s.citizen.name } });
    await s.service.submitPin({ pin: s.document.pin });
    expect(s.step()).toBe('previewing');
    expect((await s.service.getPreview()).pages).toHaveLength(2);
    await s.service.startPrint();
    await s.until('done');
    expect(s.rows()).toMatchObject([{ state: 'printed', pinState: 'confirmed' }]);
    expect(s.rig.pinStatus(s.document.id)).toBe('printed');
    await s.close();
  });

  it('warns on the preview when fewer sheets are left than the document has pages (the gauge asked once per preview)', async () => {
    let asked = 0;
    let left = 1;
    const s = await setup({}, { paperLeft: () => ((asked += 1), left) });
    await s.toPinScreen();
    expect(s.service.view().state).not.toHaveProperty('paperShort');
    await s.service.submitPin({ pin: s.document.pin });
    expect(s.service.view().state).toMatchObject({ step: 'previewing', pageCount: 2, paperShort: { sheetsLeft: 1, pagesNeeded: 2 } });
    s.service.view();
    expect(asked).toBe(1);
    left = 5;
    await s.service.back();
    await s.service.chooseDocument({ documentId: s.document.id });
    await s.service.submitPin({ pin: s.document.pin });
    expect(s.step()).toBe('previewing');
    expect(s.service.view().state).not.toHaveProperty('paperShort');
    await s.close();
  });

  it('keeps the resident on the PIN screen with the reason after a wrong PIN; the attempt is logged as refused', async () => {
    const s = await setup();
    await s.toPinScreen();
    await s.service.submitPin({ pin: wrong(s.document.pin) });
    expect(s.service.view().state).toMatchObject({ step: 'authorizing', error: { code: 'PIN_INVALID' } });
    expect(s.rows()).toMatchObject([{ state: 'refused', errorCode: 'PIN_INVALID' }]);
    await s.close();
  });

  it('shows a card that does not match the registry as an error with no PIN involved', async () => {
    const s = await setup();
    s.reader.present({ nik: s.citizen.nik, uid: 'FFFFFFFF' });
    await s.until('error');
    expect(s.service.view().state).toMatchObject({ step: 'error', error: { code: 'CARD_MISMATCH' }, pin: null });
    await s.close();
  });

  it('a print that fails before any page says the PIN is still valid, and it is', async () => {
    const s = await setup({ faults: ['cover-open-after=0'] });
    await s.toPinScreen();
    await s.service.submitPin({ pin: s.document.pin });
    await s.service.startPrint();
    await s.until('error');
    expect(s.service.view().state).toMatchObject({ step: 'error', error: { code: 'PRINTER_COVER_OPEN' }, pin: 'still-valid' });
    expect(s.rig.pinStatus(s.document.id)).toBe('ready');
    await s.close();
  });

  it('submitPin then back while the PIN is checked: authorization released, job closed, the document offered again at once', async () => {
    const s = await setup();
    await s.toPinScreen();
    const submitting = s.service.submitPin({ pin: s.document.pin });
    await s.service.back();
    expect(s.service.view().state).toMatchObject({ step: 'choosing' });
    expect((s.service.view().state as { documents: { id: string }[] }).documents.map((d) => d.id)).toContain(s.document.id);
    await submitting;
    await s.service.stop();
    expect(s.rows()).toMatchObject([{ state: 'cancelled', pinState: 'released' }]);
    expect(s.rig.pinStatus(s.document.id)).toBe('ready');
    await s.rig.close();
  });

  it('back from the preview releases the PIN and the same document prints with it right after', async () => {
    const s = await setup();
    await s.toPinScreen();
    await s.service.submitPin({ pin: s.document.pin });
    await s.service.back();
    expect(s.rig.pinStatus(s.document.id)).toBe('ready');
    await s.service.chooseDocument({ documentId: s.document.id });
    await s.service.submitPin({ pin: s.document.pin });
    expect(s.step()).toBe('previewing');
    await s.close();
  });

  it('ends an idle session, forgets the resident and releases an unprinted authorization', async () => {
    const s = await setup();
    await s.toPinScreen();
    await s.service.submitPin({ pin: s.document.pin });
    s.rig.clock.advance(60_000);
    s.service.tick();
    await s.until('attract');
    await expect(s.service.getPreview()).rejects.toMatchObject({ code: 'SESSION_STATE' });
    await s.service.stop();
    expect(s.rows()).toMatchObject([{ state: 'cancelled', pinState: 'released' }]);
    expect(s.rig.pinStatus(s.document.id)).toBe('ready');
    await s.rig.close();
  });

  it('a PIN of the wrong length is refused before the registry is asked (no try counted)', async () => {
    const s = await setup();
    await s.toPinScreen();
    await expect(s.service.submitPin({ pin: s.document.pin.slice(0, -1) })).rejects.toMatchObject({ code: 'API_INPUT_INVALID' });
    expect(s.rows()).toEqual([]);
    const state = s.service.view().state;
    expect(state).toMatchObject({ step: 'authorizing', error: null });
    expect(state.step === 'authorizing' && state.documents.find((d) => d.id === s.document.id)?.pinLength).toBe(s.document.pin.length);
    await s.close();
  });

  it('three wrong PINs: the document is marked locked in the view, cannot be chosen, and is offered again when the lock ends', async () => {
    const s = await setup();
    await s.toPinScreen();
    for (let i = 0; i < 3; i += 1) await s.service.submitPin({ pin: wrong(s.document.pin) });
    const refused = s.service.view().state;
    expect(refused).toMatchObject({ step: 'authorizing', error: { code: 'PIN_LOCKED' } });
    const lockedUntil = refused.step === 'authorizing' ? refused.error?.details?.lockedUntil : undefined;
    expect(typeof lockedUntil).toBe('string');
    await s.service.back();
    const listed = () => {
      const state = s.service.view().state;
      return state.step === 'choosing' ? state.documents.find((d) => d.id === s.document.id) : undefined;
    };
    expect(listed()?.lockedUntil).toBe(lockedUntil);
    await expect(s.service.chooseDocument({ documentId: s.document.id })).rejects.toMatchObject({ code: 'PIN_LOCKED', details: { lockedUntil } });
    expect(s.step()).toBe('choosing');
    // The kiosk's clock reaches the end of the lock: the next tick offers the document again.
    s.rig.clock.set(Date.parse(lockedUntil ?? ''));
    await s.service.touch();
    s.service.tick();
    expect(listed()?.lockedUntil).toBeNull();
    await s.close();
  });

  it('a resident whose document is locked sees it marked from the first screen of a new session (the registry lists it)', async () => {
    const s = await setup();
    await s.toPinScreen();
    for (let i = 0; i < 3; i += 1) await s.service.submitPin({ pin: wrong(s.document.pin) });
    await s.service.endSession({});
    s.reader.present({ nik: s.citizen.nik, uid: s.citizen.cardUid });
    await s.until('choosing');
    const state = s.service.view().state;
    expect(state.step === 'choosing' && state.documents.find((d) => d.id === s.document.id)?.lockedUntil).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await s.close();
  });

  it('while a print waits on a fault the view says how long the kiosk keeps waiting (its waitOnFault), counting down on the kiosk clock', async () => {
    const s = await setup({ faults: ['paper-end-after=2000'], waitOnFaultMs: 90_000 });
    await s.toPinScreen();
    await s.service.submitPin({ pin: s.document.pin });
    await s.service.startPrint();
    const progress = () => {
      const state = s.service.view().state;
      return state.step === 'printing' ? state.progress : null;
    };
    expect(progress()).toMatchObject({ fault: null, faultWaitLeftMs: null });
    for (let i = 0; i < 400 && progress()?.fault === null; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(progress()).toMatchObject({ fault: { code: 'PRINTER_PAPER_END' }, faultWaitLeftMs: 90_000 });
    s.rig.clock.advance(30_000);
    expect(progress()?.faultWaitLeftMs).toBe(60_000);
    s.rig.clock.advance(120_000);
    expect(progress()?.faultWaitLeftMs).toBe(0);
    await s.service.cancelPrint();
    await s.until('error');
    await s.close();
  });

  it('cancelPrint is refused unless the printer waits on a fault; while it waits, it cancels and says the PIN is still valid', async () => {
    const s = await setup({ faults: ['paper-end-after=2000'], waitOnFaultMs: 600_000 });
    await s.toPinScreen();
    await expect(s.service.cancelPrint()).rejects.toMatchObject({ code: 'SESSION_STATE' });
    await s.service.submitPin({ pin: s.document.pin });
    await s.service.startPrint();
    for (let i = 0; i < 400; i += 1) {
      const state = s.service.view().state;
      if (state.step === 'printing' && state.progress.fault !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(s.service.view().state).toMatchObject({ step: 'printing', progress: { fault: { code: 'PRINTER_PAPER_END' } } });
    await s.service.cancelPrint();
    await s.until('error');
    expect(s.service.view().state).toMatchObject({ step: 'error', error: { code: 'PRINT_CANCELLED' }, pin: 'still-valid' });
    expect(s.rows()).toMatchObject([{ state: 'cancelled', pinState: 'released' }]);
    await s.close();
  });

  it('stopping while a print waits on paper end closes the job honestly, then the log can be closed without a crash', async () => {
    const s = await setup({ faults: ['paper-end-after=2000'], waitOnFaultMs: 600_000 });
    await s.toPinScreen();
    await s.service.submitPin({ pin: s.document.pin });
    await s.service.startPrint();
    for (let i = 0; i < 400 && !(s.service.view().state.step === 'printing' && (s.service.view().state as { progress: { fault: unknown } }).progress.fault !== null); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await s.service.stop();
    expect(s.rows()).toMatchObject([{ state: 'interrupted', pinState: 'released' }]);
    await s.rig.close();
    expect(s.reports.filter((r) => r.includes('closed'))).toEqual([]);
  });

  it('ignores a card tapped while out of service (with a log line), and serves again once back in service', async () => {
    const s = await setup();
    const views: SessionView[] = [];
    s.service.onSession((view) => views.push(view));
    s.health.set({ inService: false, problems: [{ part: 'printer', error: { code: 'PRINTER_PAPER_END', message: 'out of paper' } }] });
    expect(views.at(-1)?.availability).toMatchObject({ inService: false, problems: [{ part: 'printer' }] });
    s.reader.present({ nik: s.citizen.nik, uid: s.citizen.cardUid });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(s.step()).toBe('attract');
    expect(s.reports.join('\n')).toMatch(/card tap ignored.*out of service \(printer PRINTER_PAPER_END\)/);
    s.reader.remove();
    s.health.set({ inService: true, problems: [] });
    s.reader.present({ nik: s.citizen.nik, uid: s.citizen.cardUid });
    await s.until('choosing');
    await s.close();
  });

  it('refuses demo cards outside demo mode', async () => {
    const s = await setup();
    await expect(s.service.listDemoCards()).rejects.toMatchObject({ code: 'DEMO_ONLY' });
    await s.close();
  });
});



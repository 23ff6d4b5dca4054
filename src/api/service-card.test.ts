import { describe, expect, it } from 'vitest';
import type { CardRead, CardReaderEvent } from '../../device-drivers/card-reader/contract.ts';
import { EventLog } from '../../device-drivers/card-reader/testing/event-log.ts';
import { hidHarness } from '../../device-drivers/card-reader/testing/hid-harness.ts';
import type { FakeReaderModuleOptions } from '../../device-drivers/card-reader/testing/fake-reader-module.ts';
import { createPreviewer } from '../printing/index.ts';
import type { Registry } from '../records/contract.ts';
import type { SessionView } from './contract.ts';
import { KioskService } from './service.ts';
import { holderOf, transactionRig, useTempDirs } from './test-support.ts';

/**
 * The session's reactions to the card reader (src/api/card-reactions.ts), driven by the real
 * HID driver on the fake reader module: a card detected, read, refused, pulled mid-read,
 * lifted at each step, and the reader pulled; with the real print log, the demo registry's
 * state file and the real print pipeline to the ESC/POS emulator.
 */
const tempDir = useTempDirs();

/** The demo registry, except that a redeem waits until the test lets it answer. */
function slowRedeem(registry: Registry): { registry: Registry; answer: () => void; asked: Promise<void> } {
  let answer: () => void = () => undefined;
  let asked: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (answer = resolve));
  const askedPromise = new Promise<void>((resolve) => (asked = resolve));
  return {
    answer,
    asked: askedPromise,
    registry: {
      kind: registry.kind,
      lookupResident: (nik, uid) => registry.lookupResident(nik, uid),
      redeemPin: async (request) => {
        asked();
        await gate;
        return registry.redeemPin(request);
      },
      confirmPrint: (id) => registry.confirmPrint(id),
      releasePrint: (id, reason) => registry.releasePrint(id, reason),
      findAuthorization: (requestId) => registry.findAuthorization(requestId),
    },
  };
}

async function setup(options: { module?: FakeReaderModuleOptions; slowRedeem?: boolean } = {}) {
  const rig = await transactionRig(tempDir());
  const { citizen, document } = holderOf(rig.registry, 'ktp');
  const card: CardRead = { nik: citizen.nik, uid: citizen.cardUid, name: citizen.name.toUpperCase(), validUntil: null };
  const harness = hidHarness(options.module === undefined ? {} : { module: options.module });
  const slow = options.slowRedeem === true ? slowRedeem(rig.registry) : null;
  const deps = rig.deps();
  const service = new KioskService({
    info: { mode: 'demo', kioskId: 'ADM-TEST-01', version: '0', printer: 'emulator', cardReader: 'hid', registry: 'demo', demoCardPicker: false },
    registry: slow?.registry ?? rig.registry,
    cardReader: harness.reader,
    printLog: rig.log,
    render: deps.render,
    preview: createPreviewer({ maxWidthPx: 160, maxHeightPx: 160 }),
    print: deps.print,
    printerDescription: 'emulator',
    clock: rig.clock,
    timeouts: { idleMs: 60_000, resultMs: 15_000 },
    report: (context, error) => rig.reports.push(`${context}: ${JSON.stringify(error instanceof Error ? error.message : error)}`),
  });
  const events = new EventLog(harness.reader);
  await harness.reader.open();
  await events.waitFor('reader-connected');
  service.start(null);
  const views: SessionView[] = [];
  service.onSession((view) => views.push(view));
  const step = () => service.view().state.step;
  const until = async (wanted: string) => {
    for (let i = 0; i < 500 && step() !== wanted; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(step()).toBe(wanted);
  };
  /** Waits for a reader event after `mark`: once it is delivered, the service has reacted to it. */
  const delivered = (type: CardReaderEvent['type'], mark: number) => events.waitFor(type, mark);
  const toPinScreen = async () => {
    harness.module.tap(card);
    await until('choosing');
    await service.chooseDocument({ documentId: document.id });
  };
  const rows = () => rig.log.listJobs({ from: '2000-01-01', to: '2100-01-01' });
  const close = async () => {
    events.stop();
    await service.stop();
    await harness.dispose();
    await rig.close();
  };
  return { rig, citizen, document, card, harness, events, service, views, step, until, delivered, toPinScreen, rows, slow, close };
}

describe('the session and the card reader', () => {
  it('a card detected shows the reading screen while its chip is read; the read card opens the resident\'s list', async () => {
    const s = await setup({ module: { readMs: 300 } });
    const mark = s.events.mark();
    s.harness.module.tap(s.card);
    await s.delivered('card-detected', mark);
    expect(s.step()).toBe('reading-card');
    await s.delivered('card-present', mark);
    await s.until('choosing');
    expect(s.service.view().state).toMatchObject({ step: 'choosing', resident: { name: s.citizen.name } });
    await s.close();
  });

  it('a card pulled mid-read: the error screen says so (CARD_REMOVED_DURING_READ, no PIN involved) and stays after the removal; the next tap reads the card', async () => {
    const s = await setup({ module: { readMs: 200 } });
    let mark = s.events.mark();
    s.harness.module.pullDuringNextRead();
    s.harness.module.tap(s.card);
    await s.delivered('card-removed', mark);
    expect(s.events.typesSince(mark)).toEqual(['card-detected', 'card-read-failed', 'card-removed']);
    expect(s.service.view().state).toEqual({ step: 'error', error: expect.objectContaining({ code: 'CARD_REMOVED_DURING_READ' }) as unknown, pin: null });
    mark = s.events.mark();
    s.harness.module.tap(s.card);
    await s.delivered('card-detected', mark);
    expect(s.step()).toBe('reading-card');
    await s.until('choosing');
    await s.close();
  });

  it('a card that is not an e-KTP and a blocked e-KTP: each its own error, held while the card is lifted', async () => {
    const s = await setup();
    for (const [fault, code] of [
      ['not-ektp', 'CARD_NOT_EKTP'],
      ['blocked', 'CARD_BLOCKED'],
    ] as const) {
      const mark = s.events.mark();
      s.harness.module.tap({ ...s.card, fault });
      await s.delivered('card-read-failed', mark);
      expect(s.service.view().state).toMatchObject({ step: 'error', error: { code }, pin: null });
      s.harness.module.lift();
      await s.delivered('card-removed', mark);
      expect(s.service.view().state).toMatchObject({ step: 'error', error: { code } });
    }
    await s.close();
  });

  it('the card lifted on the list ends the session and forgets the resident', async () => {
    const s = await setup();
    s.harness.module.tap(s.card);
    await s.until('choosing');
    const mark = s.events.mark();
    s.harness.module.lift();
    await s.delivered('card-removed', mark);
    expect(s.step()).toBe('attract');
    await expect(s.service.chooseDocument({ documentId: s.document.id })).rejects.toMatchObject({ code: 'SESSION_STATE' });
    expect(JSON.stringify(s.views.at(-1))).not.toContain(s.citizen.name);
    await s.close();
  });

  it('the card lifted while its PIN is being checked: the session ends, the authorization is released and the job closed', async () => {
    const s = await setup({ slowRedeem: true });
    await s.toPinScreen();
    const submitting = s.service.submitPin({ pin: s.document.pin });
    await s.slow?.asked;
    const mark = s.events.mark();
    s.harness.module.lift();
    await s.delivered('card-removed', mark);
    expect(s.step()).toBe('attract');
    s.slow?.answer();
    await submitting;
    await s.service.stop();
    expect(s.rows()).toMatchObject([{ state: 'cancelled', pinState: 'released' }]);
    expect(s.rig.pinStatus(s.document.id)).toBe('ready');
    await s.close();
  });

  it('the reader pulled on the PIN screen ends the session', async () => {
    const s = await setup();
    await s.toPinScreen();
    const mark = s.events.mark();
    await s.harness.detach();
    await s.delivered('reader-disconnected', mark);
    expect(s.step()).toBe('attract');
    await s.close();
  });

  it('once the PIN is accepted the card may go: lifted on the preview, then the reader pulled while printing, the document still prints', async () => {
    const s = await setup();
    await s.toPinScreen();
    await s.service.submitPin({ pin: s.document.pin });
    expect(s.step()).toBe('previewing');
    let mark = s.events.mark();
    s.harness.module.lift();
    await s.delivered('card-removed', mark);
    expect(s.step()).toBe('previewing');
    await s.service.startPrint();
    mark = s.events.mark();
    await s.harness.detach();
    await s.delivered('reader-disconnected', mark);
    await s.until('done');
    expect(s.rows()).toMatchObject([{ state: 'printed', pinState: 'confirmed' }]);
    expect(s.rig.pages().length).toBeGreaterThan(0);
    await s.close();
  });

  it('a resident who cancels while the card is read gets no session from that read; lifting and tapping again starts one', async () => {
    const s = await setup({ module: { readMs: 200 } });
    const mark = s.events.mark();
    s.harness.module.tap(s.card);
    await s.delivered('card-detected', mark);
    await s.service.endSession({});
    await s.delivered('card-present', mark);
    expect(s.step()).toBe('attract');
    s.harness.module.lift();
    await s.delivered('card-removed', mark);
    s.harness.module.tap(s.card);
    await s.until('choosing');
    await s.close();
  });
});

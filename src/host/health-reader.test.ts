import { afterEach, describe, expect, it } from 'vitest';
import { hidHarness, type HidHarness } from '../../device-drivers/card-reader/testing/hid-harness.ts';
import type { Printer, PrinterStatus } from '../../device-drivers/printer/contract.ts';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import type { Availability } from '../api/contract.ts';
import { HealthMonitor } from './health.ts';
import { PrinterGate } from './printer-gate.ts';

/**
 * The health monitor and the real HID driver (on node-hid's stand-in, the fake bus with the
 * reader module's firmware): what the kiosk's availability does when a technician pulls the
 * reader, plugs it back, or starts the kiosk without it or without the udev rule.
 */
const OK: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperEnd: false, error: false };

const printer: Printer = {
  profile: loadProfile('generic-a4-203'),
  link: 'serial',
  onLinkEvent: () => () => undefined,
  open: () => Promise.resolve(),
  close: () => Promise.resolve(),
  write: () => Promise.resolve(),
  describe: () => 'an idle serial printer',
  status: () => Promise.resolve(OK),
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function monitored(harness: HidHarness): Promise<{ health: HealthMonitor; next: (predicate: (a: Availability) => boolean) => Promise<Availability> }> {
  await harness.reader.open();
  const health = new HealthMonitor({ printer, gate: new PrinterGate(), cardReader: harness.reader, pollMs: 60_000 });
  health.start();
  cleanups.push(async () => {
    await health.stop();
    await harness.dispose();
  });
  const next = (predicate: (a: Availability) => boolean) =>
    new Promise<Availability>((resolve) => {
      if (predicate(health.current())) return resolve(health.current());
      const off = health.onChange((a) => {
        if (predicate(a)) {
          off();
          resolve(a);
        }
      });
    });
  return { health, next };
}

const readerProblem = (a: Availability) => a.problems.find((p) => p.part === 'card-reader')?.error.code;

describe('health monitor with the HID card reader', () => {
  it('a pulled reader takes the kiosk out of service with CARD_READER_DISCONNECTED; plugged back in, it is in service again', async () => {
    const harness = hidHarness();
    const { health, next } = await monitored(harness);
    await next((a) => a.inService);
    await harness.detach();
    expect(readerProblem(await next((a) => !a.inService))).toBe('CARD_READER_DISCONNECTED');
    await harness.attach();
    expect(await next((a) => a.inService)).toEqual({ inService: true, problems: [] });
    expect(health.current().inService).toBe(true);
  });

  it('a reader absent at start-up: out of service from the start, by its code; in service when it is plugged in', async () => {
    const harness = hidHarness({ detached: true });
    const { health, next } = await monitored(harness);
    expect(health.current()).toMatchObject({ inService: false, problems: [{ part: 'card-reader', error: { code: 'CARD_READER_DISCONNECTED' } }] });
    await harness.attach();
    expect(await next((a) => a.inService)).toEqual({ inService: true, problems: [] });
  });

  it('a reader the kiosk may not open (the udev rule missing): out of service from the start with CARD_READER_PERMISSION and the rule in its hint; in service once the rule is in place', async () => {
    const harness = hidHarness();
    harness.bus.denyOpen(harness.module.path);
    const { health, next } = await monitored(harness);
    const problem = health.current().problems.find((p) => p.part === 'card-reader');
    expect(problem?.error.code).toBe('CARD_READER_PERMISSION');
    expect(problem?.error.hint).toContain('60-adm-kiosk-card-reader.rules');
    harness.bus.denyOpen(harness.module.path, false);
    expect(await next((a) => a.inService)).toEqual({ inService: true, problems: [] });
  });

  it('a reader whose firmware hangs: out of service with CARD_READER_NOT_RESPONDING; back when it answers again', async () => {
    const harness = hidHarness();
    const { next } = await monitored(harness);
    await next((a) => a.inService);
    harness.module.hang();
    expect(readerProblem(await next((a) => !a.inService))).toBe('CARD_READER_NOT_RESPONDING');
    harness.module.unhang();
    expect(await next((a) => a.inService)).toEqual({ inService: true, problems: [] });
  });

  it('a locked SAM is not a reader outage: the kiosk stays in service and each card read says CARD_READER_SAM_LOCKED', async () => {
    const harness = hidHarness();
    harness.module.samLocked = true;
    const { health } = await monitored(harness);
    const failed = new Promise<string>((resolve) => harness.reader.onEvent((event) => event.type === 'card-read-failed' && resolve(event.error.code)));
    await harness.tap({ nik: '3273015708850001', uid: '04A1B2C3', name: 'SITI AMINAH', validUntil: null });
    expect(await failed).toBe('CARD_READER_SAM_LOCKED');
    expect(health.current()).toEqual({ inService: true, problems: [] });
  });
});

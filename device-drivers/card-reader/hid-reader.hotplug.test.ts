import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from './contract.ts';
import { HidCardReader } from './hid-reader.ts';
import { UDEV_RULE_FILE } from './hid-open-errors.ts';
import { EventLog } from './testing/event-log.ts';
import { FakeHidBus } from './testing/fake-hid-bus.ts';
import { FakeReaderModule } from './testing/fake-reader-module.ts';
import { hidHarness, TEST_TIMING, type HidHarness } from './testing/hid-harness.ts';
import { existsSync, readFileSync } from 'node:fs';

/**
 * The reader as a technician handles it: unplugged and replugged while the kiosk runs, a
 * missing udev rule, two readers on one kiosk, a reader whose firmware hangs or speaks
 * another protocol, a locked SAM; and the USB bus left alone while the reader is attached.
 */

const CARD: CardRead = { nik: '3273015708850001', uid: '04A1B2C3D4E5F6', name: 'SITI AMINAH', validUntil: null };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function track(harness: HidHarness): { harness: HidHarness; log: EventLog } {
  const log = new EventLog(harness.reader);
  cleanups.push(async () => {
    log.stop();
    await harness.dispose();
  });
  return { harness, log };
}

describe('HID driver: hot-plug', () => {
  it('notices a pull at once, reopens when the reader is back, and reads the card that stayed on it', async () => {
    const { harness, log } = track(hidHarness());
    await harness.reader.open();
    await log.waitFor('reader-connected');
    await harness.tap(CARD);
    await log.waitFor('card-present');
    const mark = log.mark();
    await harness.detach();
    await log.waitFor('reader-disconnected', mark);
    expect(harness.reader.status()).toMatchObject({ connected: false, cardPresent: false, lastError: { code: 'CARD_READER_DISCONNECTED' } });
    await harness.attach(); // the card is still on the reader
    await log.waitFor('card-present', mark);
    expect(log.typesSince(mark)).toEqual(['reader-disconnected', 'reader-connected', 'card-detected', 'card-present']);
    expect(harness.reader.diagnostics().connections).toBe(2);
  });

  it('reports a pull during a read as the reader gone, not as a card that failed', async () => {
    const { harness, log } = track(hidHarness({ module: { readMs: 200 } }));
    await harness.reader.open();
    await log.waitFor('reader-connected');
    const mark = log.mark();
    await harness.tap(CARD);
    await log.waitFor('card-detected', mark);
    await harness.detach();
    await log.waitFor('reader-disconnected', mark);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(log.typesSince(mark)).toEqual(['card-detected', 'reader-disconnected']);
  });

  it('does not enumerate the bus while the reader is attached, and enumerates at the scan interval while it is absent', async () => {
    const { harness, log } = track(hidHarness({ detached: true }));
    const started = Date.now();
    await harness.reader.open();
    await log.waitFor('reader-error');
    await new Promise((resolve) => setTimeout(resolve, 10 * TEST_TIMING.scanIntervalMs));
    const absentFor = Date.now() - started;
    const whileAbsent = harness.bus.enumerations;
    expect(whileAbsent).toBeGreaterThanOrEqual(2);
    expect(whileAbsent).toBeLessThanOrEqual(absentFor / TEST_TIMING.scanIntervalMs + 1);
    expect(log.count('reader-error')).toBe(1);
    await harness.attach();
    await log.waitFor('reader-connected');
    const attached = harness.bus.enumerations;
    await new Promise((resolve) => setTimeout(resolve, 10 * TEST_TIMING.heartbeatMs));
    expect(harness.bus.enumerations).toBe(attached);
    expect(harness.module.received.length).toBeGreaterThan(5); // heartbeats go to the reader itself
  });

  it('reopens a reader that stopped answering (firmware hung) once it answers again', async () => {
    const { harness, log } = track(hidHarness({ timing: { shortTimeoutMs: 100 } }));
    await harness.reader.open();
    await log.waitFor('reader-connected');
    const mark = log.mark();
    harness.module.hang();
    const gone = await log.waitFor('reader-disconnected', mark);
    expect(gone).toMatchObject({ error: { code: 'CARD_READER_NOT_RESPONDING' } });
    expect(harness.reader.status().connected).toBe(false);
    harness.module.unhang();
    await log.waitFor('reader-connected', mark);
    await harness.tap(CARD);
    await log.waitFor('card-present', mark);
    expect(log.count('reader-error', mark)).toBe(0);
  });

  it('survives a stream of garbage reports without an unhandled rejection, and reads a card after it', async () => {
    const { harness, log } = track(hidHarness());
    await harness.reader.open();
    await log.waitFor('reader-connected');
    let seed = 99;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 3000; i += 1) {
      harness.module.sendRaw(Uint8Array.from({ length: Math.floor(random() * 70) }, () => Math.floor(random() * 256)));
      if (i % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const mark = log.mark();
    await harness.tap(CARD);
    await log.waitFor('card-present', mark);
    expect(harness.reader.diagnostics().counters?.errors ?? 0).toBeGreaterThan(0);
  });
});

describe('HID driver: opening the reader', () => {
  it('says that permission was refused, names the udev rule and how to install it, once, and connects once the rule is in place', async () => {
    const { harness, log } = track(hidHarness());
    harness.bus.denyOpen(harness.module.path);
    await harness.reader.open();
    const refused = await log.waitFor('reader-error');
    expect(refused).toMatchObject({ error: { code: 'CARD_READER_PERMISSION' } });
    if (refused.type !== 'reader-error') throw new Error('unreachable');
    expect(refused.error.message).toContain(harness.module.path);
    expect(refused.error.message).toContain('permission denied');
    expect(refused.error.hint).toContain('60-adm-kiosk-card-reader.rules');
    expect(refused.error.hint).toContain('udevadm control --reload-rules');
    expect(refused.error.hint).toContain('plugdev');
    await new Promise((resolve) => setTimeout(resolve, 6 * TEST_TIMING.scanIntervalMs));
    expect(harness.bus.opens).toBeGreaterThan(2);
    expect(log.count('reader-error')).toBe(1);
    harness.bus.denyOpen(harness.module.path, false);
    await log.waitFor('reader-connected');
  });

  it('ships the udev rule the permission hint names, for the reader\'s ids, giving the device to plugdev', () => {
    expect(existsSync(UDEV_RULE_FILE)).toBe(true);
    const rule = readFileSync(UDEV_RULE_FILE, 'utf8');
    expect(rule).toMatch(/SUBSYSTEM=="hidraw".*ATTRS\{idVendor\}=="1209".*ATTRS\{idProduct\}=="0001".*GROUP="plugdev"/);
  });

  it('refuses to guess between two readers with the same ids, and takes the one whose serial number is configured', async () => {
    const bus = new FakeHidBus();
    const a = new FakeReaderModule({ path: '/dev/hidraw-a', serialNumber: 'R-0001' });
    const b = new FakeReaderModule({ path: '/dev/hidraw-b', serialNumber: 'R-0002' });
    bus.plug(a);
    bus.plug(b);
    const unsure = new HidCardReader({ vendorId: 0x1209, productId: 0x0001, hid: bus, timing: TEST_TIMING });
    const unsureLog = new EventLog(unsure);
    await unsure.open();
    const ambiguous = await unsureLog.waitFor('reader-error');
    expect(ambiguous).toMatchObject({ error: { code: 'CONFIG_INVALID', message: expect.stringContaining('R-0001') as unknown, hint: expect.stringContaining('cardReader.serialNumber') as unknown } });
    await unsure.close();
    const chosen = new HidCardReader({ vendorId: 0x1209, productId: 0x0001, serialNumber: 'R-0002', hid: bus, timing: TEST_TIMING });
    const log = new EventLog(chosen);
    cleanups.push(() => chosen.close());
    await chosen.open();
    await log.waitFor('reader-connected');
    expect(chosen.status().device).toBe('hid 1209:0001 serial R-0002 at /dev/hidraw-b');
    b.tap(CARD);
    await log.waitFor('card-present');
  });

  it('does not talk to a reader that speaks another protocol version, and says so once', async () => {
    const { harness, log } = track(hidHarness({ module: { protocolMajor: 2 } }));
    await harness.reader.open();
    const refused = await log.waitFor('reader-error');
    expect(refused).toMatchObject({ error: { code: 'CARD_READER_PROTOCOL', message: expect.stringContaining('protocol 2.0') as unknown } });
    await new Promise((resolve) => setTimeout(resolve, 5 * TEST_TIMING.scanIntervalMs));
    expect(harness.reader.status().connected).toBe(false);
    expect(log.count('reader-error')).toBe(1);
  });

  it('reports a locked SAM when it connects, and every card read it stops', async () => {
    const { harness, log } = track(hidHarness());
    harness.module.samLocked = true;
    await harness.reader.open();
    await log.waitFor('reader-error');
    expect(log.events.map((e) => e.type)).toEqual(['reader-connected', 'reader-error']);
    expect(harness.reader.status()).toMatchObject({ connected: true, lastError: { code: 'CARD_READER_SAM_LOCKED' } });
    const mark = log.mark();
    await harness.tap(CARD);
    const failed = await log.settled(mark);
    expect(failed).toMatchObject({ type: 'card-read-failed', error: { code: 'CARD_READER_SAM_LOCKED' } });
  });

  it('gives the technician firmware, serial number, protocol and counters', async () => {
    const { harness, log } = track(hidHarness({ module: { firmwareVersion: 'ADM-R 2.0.1', serialNumber: 'R-7731' } }));
    await harness.reader.open();
    await log.waitFor('reader-connected');
    expect(log.events[0]).toEqual({ type: 'reader-connected', firmwareVersion: 'ADM-R 2.0.1' });
    expect(harness.reader.status()).toEqual({ kind: 'hid', connected: true, cardPresent: false, firmwareVersion: 'ADM-R 2.0.1', lastError: null, device: 'hid 1209:0001 at /dev/hidraw-fake0' });
    expect(harness.reader.diagnostics()).toMatchObject({ path: '/dev/hidraw-fake0', serialNumber: 'R-7731', protocol: '1.0', connections: 1 });
  });

  it('closes cleanly in the middle of a handshake: no event, the device released', async () => {
    const { harness, log } = track(hidHarness());
    harness.module.hang(); // GET_INFO is never answered
    const opening = harness.reader.open();
    while (harness.module.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(harness.module.openHandles).toBe(1);
    await harness.reader.close();
    await opening;
    expect(harness.module.openHandles).toBe(0);
    expect(log.events).toEqual([]);
    expect(harness.reader.status().connected).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardReaderEvent } from '../../device-drivers/card-reader/contract.ts';
import { Result } from '../../device-drivers/card-reader/protocol/constants.ts';
import { EventLog } from '../../device-drivers/card-reader/testing/event-log.ts';
import { hidHarness, type HidHarness } from '../../device-drivers/card-reader/testing/hid-harness.ts';
import { useTempDirs } from '../api/test-support.ts';
import { createAppLog } from './app-log.ts';
import { logReaderEvents } from './reader-log.ts';

/**
 * The card reader's lines in the application log, written by the real HID driver on the fake
 * bus: what a technician reads after a pull, a missing udev rule or a resident's failed taps;
 * and nothing a resident could be recognised by.
 */
const tempDir = useTempDirs();
const CARD = { nik: '3273015708850001', uid: '04A1B2C3D4E5F6', name: 'SITI AMINAH', validUntil: '2031-08-17' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function logged(harness: HidHarness): { lines: () => Record<string, unknown>[]; text: () => string; events: EventLog } {
  const dir = tempDir();
  const appLog = createAppLog({ dataDir: dir, echo: false });
  const file = appLog.file ?? '';
  const stop = logReaderEvents(harness.reader, appLog);
  const events = new EventLog(harness.reader);
  cleanups.push(async () => {
    stop();
    events.stop();
    await harness.dispose();
  });
  const text = () => readFileSync(file, 'utf8');
  return { text, lines: () => text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>), events };
}

const failedWith = (code: string) => (event: CardReaderEvent) => event.type === 'card-read-failed' && event.error.code === code;

describe('the card reader in the application log', () => {
  it('a missing udev rule at start-up: one error line with CARD_READER_PERMISSION and the hint naming the rule file and the commands', async () => {
    const harness = hidHarness();
    harness.bus.denyOpen(harness.module.path);
    const log = logged(harness);
    await harness.reader.open();
    await log.events.waitFor('reader-error');
    const line = log.lines().find((l) => l['code'] === 'CARD_READER_PERMISSION');
    expect(line).toMatchObject({ level: 'error', context: 'card reader' });
    expect(line?.['message']).toContain('/dev/hidraw-fake0');
    expect(line?.['hint']).toContain('60-adm-kiosk-card-reader.rules');
    expect(line?.['hint']).toContain('sudo udevadm control --reload-rules');
  });

  it('connected with its firmware, pulled by its code, back again; each card that could not be read by its code; never a NIK, name, UID or validity', async () => {
    const harness = hidHarness();
    const log = logged(harness);
    await harness.reader.open();
    await log.events.waitFor('reader-connected');
    harness.module.tap({ ...CARD, fault: 'not-ektp' });
    await log.events.waitFor(failedWith('CARD_NOT_EKTP'));
    harness.module.lift();
    let mark = log.events.mark();
    harness.module.failReads(Result.CHIP_IO, 3);
    harness.module.tap(CARD);
    await log.events.waitFor(failedWith('CARD_READ_FAILED'), mark);
    harness.module.lift();
    mark = log.events.mark();
    harness.module.tap(CARD); // read: nothing about it is logged
    await log.events.waitFor('card-present', mark);
    await harness.detach();
    await log.events.waitFor('reader-disconnected', mark);
    await harness.attach();
    await log.events.waitFor('reader-connected', mark);
    expect(log.lines().map((l) => [l['level'], l['context'], l['code'] ?? l['message']])).toEqual([
      ['info', 'card reader', 'connected: hid 1209:0001 at /dev/hidraw-fake0, firmware ADM-R 1.4.2'],
      ['warn', 'card read', 'CARD_NOT_EKTP'],
      ['warn', 'card read', 'CARD_READ_FAILED'],
      ['error', 'card reader', 'CARD_READER_DISCONNECTED'],
      ['info', 'card reader', 'connected: hid 1209:0001 at /dev/hidraw-fake0, firmware ADM-R 1.4.2'],
    ]);
    const text = log.text();
    for (const secret of [CARD.nik, CARD.uid, CARD.name, 'SITI', CARD.validUntil, '327301']) expect(text).not.toContain(secret);
  });
});

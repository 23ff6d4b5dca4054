import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeHidBus } from '../../../device-drivers/card-reader/testing/fake-hid-bus.ts';
import { FakeReaderModule } from '../../../device-drivers/card-reader/testing/fake-reader-module.ts';
import { TEST_TIMING } from '../../../device-drivers/card-reader/testing/hid-harness.ts';
import { useTempDirs } from '../../api/test-support.ts';
import { createAppLog } from '../../host/app-log.ts';
import { parseConfig } from '../../host/config.ts';
import { openKiosk, type Kiosk } from '../../host/kiosk.ts';
import { BUILT_IN_PARTS, hidReaderPart } from '../../host/parts.ts';
import { runCli } from '../main.ts';
import { fakeIo } from '../testing.ts';
import { availabilityLine, readerLine, watchStatus } from './start-status.ts';

/**
 * What `adm-kiosk start` shows a technician about the card reader: its state, firmware and
 * last error, then a status line at each change. On the fake bus through the kiosk's own
 * wiring, and once through the real command with the real node-hid (no reader attached here).
 */
const tempDir = useTempDirs();
const opened: Kiosk[] = [];
afterEach(async () => {
  for (const kiosk of opened.splice(0)) await kiosk.close();
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('adm-kiosk start: the card reader on the console', () => {
  it('shows the reader connected with its firmware, then a status line when it is pulled, when a card fails, and when it is back', async () => {
    const bus = new FakeHidBus();
    const module = new FakeReaderModule({ firmwareVersion: 'ADM-R 1.4.2' });
    bus.plug(module);
    const dataDir = tempDir();
    const kiosk = await openKiosk({
      config: parseConfig({ cardReader: { kind: 'hid' } }),
      dataDir,
      interactive: false,
      appLog: createAppLog({ dataDir, echo: false }),
      parts: { ...BUILT_IN_PARTS, cardReader: { ...BUILT_IN_PARTS.cardReader, hid: hidReaderPart({ hid: bus, timing: TEST_TIMING }) } },
    });
    opened.push(kiosk);
    expect(readerLine(kiosk.cardReader.status())).toBe('card reader: hid 1209:0001 at /dev/hidraw-fake0: connected, firmware ADM-R 1.4.2, last error none');
    expect(availabilityLine(kiosk.health.current())).toBe('in service');
    const lines: string[] = [];
    const stop = watchStatus(kiosk, (line) => lines.push(line));
    bus.unplug(module.path);
    await until(() => lines.length >= 2, 'the pull');
    expect([...lines].sort()).toEqual([
      'status: OUT OF SERVICE: card-reader CARD_READER_DISCONNECTED (back in service by itself once fixed)',
      expect.stringMatching(/^status: card reader: hid 1209:0001 at \/dev\/hidraw-fake0: NOT CONNECTED, last error CARD_READER_DISCONNECTED \(The card reader is not connected: .+\)$/),
    ]);
    lines.length = 0;
    bus.plug(module);
    await until(() => lines.length >= 2, 'the replug');
    expect([...lines].sort()).toEqual([expect.stringMatching(/^status: card reader: hid 1209:0001 at \/dev\/hidraw-fake0: connected, firmware ADM-R 1\.4\.2, last error CARD_READER_DISCONNECTED \(/), 'status: in service']);
    lines.length = 0;
    module.tap({ nik: '3273015708850001', uid: '04A1B2C3', name: 'SITI AMINAH', validUntil: null, fault: 'blocked' });
    await until(() => lines.length >= 1, 'the failed read');
    expect(lines).toEqual(['status: card reader: hid 1209:0001 at /dev/hidraw-fake0: connected, firmware ADM-R 1.4.2, last error CARD_BLOCKED (The e-KTP chip is blocked: it refuses the reader.)']);
    expect(lines.join('\n')).not.toContain('3273015708850001');
    stop();
    bus.unplug(module.path);
  });

  it('the real command with the real node-hid and no reader attached: not connected, why, and out of service', async () => {
    const dir = tempDir();
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ cardReader: { kind: 'hid', vendorId: '0x1209', productId: '0x0001' } }));
    const controller = new AbortController();
    const io = fakeIo({}, controller.signal);
    const running = runCli(['start', '--headless', '--config', config, '--data-dir', join(dir, 'data')], io);
    try {
      await until(() => io.out().includes('Open the kiosk at'), 'the kiosk to start');
      expect(io.out()).toContain('  card reader: hid 1209:0001: NOT CONNECTED, last error CARD_READER_DISCONNECTED (The card reader is not connected: no hid 1209:0001 is attached.)');
      expect(io.out()).toContain('  OUT OF SERVICE: card-reader CARD_READER_DISCONNECTED');
    } finally {
      controller.abort();
      expect(await running).toBe(0);
    }
  }, 120_000);
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeHidBus } from '../../../device-drivers/card-reader/testing/fake-hid-bus.ts';
import { FakeReaderModule } from '../../../device-drivers/card-reader/testing/fake-reader-module.ts';
import { parseConfig } from '../../host/config.ts';
import { diagnose } from './diag.ts';

/**
 * `adm-kiosk diag` with a HID card reader: the driver on a fake USB bus (node-hid's own
 * interface), plugged in and unplugged. The printer side is tested over real ptys in
 * test/integration/diag-cli.test.ts.
 */
const config = (dir: string) => parseConfig({ cardReader: { kind: 'hid', vendorId: 0x1209, productId: 0x0001 }, printer: { uri: `emulator:${join(dir, 'pages')}` } });

describe('adm-kiosk diag: the card reader section', () => {
  it('the reader unplugged (absent from the bus): broken, "not connected", what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-diag-hid-'));
    const report = await diagnose(config(dir), join(dir, 'data'), false, { hid: new FakeHidBus(), readerWaitMs: 2000, listDevices: false });
    const reader = report.sections.find((s) => s.id === 'reader');
    expect(reader?.level).toBe('broken');
    expect(reader?.checks[0]).toMatchObject({ level: 'broken', code: 'CARD_READER_DISCONNECTED' });
    expect(reader?.checks[0]?.words).toMatch(/not connected/);
    expect(reader?.checks[0]?.whatToDo).toMatch(/Plug the card reader's USB cable back in/);
    expect(report.level).toBe('broken');
  });

  it('the reader plugged in: connected with its firmware', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-diag-hid-'));
    const bus = new FakeHidBus();
    bus.plug(new FakeReaderModule());
    const report = await diagnose(config(dir), join(dir, 'data'), false, { hid: bus, readerWaitMs: 5000, listDevices: false });
    const check = report.sections.find((s) => s.id === 'reader')?.checks[0];
    expect(check?.level).toBe('ok');
    expect(check?.words).toMatch(/^connected, firmware \S+/);
    expect(check?.facts).toMatchObject({ kind: 'hid', connected: true });
  });
});

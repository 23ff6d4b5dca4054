import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log.ts';
import { FakeHidBus } from './fake-hid-bus.ts';
import { FakeReaderModule } from './fake-reader-module.ts';
import { HidCardReader } from '../hid-reader.ts';
import { loadNodeHid } from '../node-hid-api.ts';

/**
 * The fake must behave like node-hid where the driver depends on it; where the real library
 * can be asked without a reader attached (device list, opening a path that is not there,
 * its error text), it is asked, and the fake is held to the same answer.
 */

const missing = '/dev/hidraw-adm-kiosk-test-missing';

describe('fake HID bus and device against node-hid', () => {
  it('fails to open a missing path with the same words as node-hid', async () => {
    const real = await loadNodeHid();
    const realError = await real.HIDAsync.open(missing).then(
      () => null,
      (error: unknown) => error,
    );
    const fakeError = await new FakeHidBus().HIDAsync.open(missing).then(
      () => null,
      (error: unknown) => error,
    );
    expect(realError).toBeInstanceOf(Error);
    expect(fakeError).toBeInstanceOf(Error);
    expect((fakeError as Error).message).toBe((realError as Error).message);
  });

  it('lists devices filtered by vendor and product id, as node-hid does (here: none real with the reader\'s ids)', async () => {
    const real = await loadNodeHid();
    expect(await real.devicesAsync(0x1209, 0x0001)).toEqual([]);
    const bus = new FakeHidBus();
    bus.plug(new FakeReaderModule());
    bus.plug(new FakeReaderModule({ path: '/dev/hidraw-other', vendorId: 0x046d, productId: 0xc52b }));
    expect((await bus.devicesAsync(0x1209, 0x0001)).map((d) => d.path)).toEqual(['/dev/hidraw-fake0']);
  });

  it('delivers input reports as Buffers only while a data listener is attached, and keeps them until then', async () => {
    const bus = new FakeHidBus();
    const module = new FakeReaderModule();
    bus.plug(module);
    const device = await bus.HIDAsync.open(module.path);
    module.sendRaw(Uint8Array.from([1, 2, 3]));
    const got = await new Promise<Buffer>((resolve) => device.on('data', resolve));
    expect(Buffer.isBuffer(got)).toBe(true);
    expect([...got]).toEqual([1, 2, 3]);
    await device.close();
  });

  it('takes writes with the report id first and refuses a numbered report; rejects everything once closed', async () => {
    const bus = new FakeHidBus();
    const module = new FakeReaderModule();
    bus.plug(module);
    const device = await bus.HIDAsync.open(module.path);
    expect(await device.write(Buffer.alloc(65))).toBe(65);
    await expect(device.write([1, ...new Array<number>(64).fill(0)])).rejects.toThrow(/Cannot write to hid device/);
    await device.close();
    await expect(device.write(Buffer.alloc(65))).rejects.toThrow('device has been closed');
    await expect(device.getDeviceInfo()).rejects.toThrow('device has been closed');
    await expect(device.close()).rejects.toThrow('device is already closed');
  });

  it('emits one error when unplugged while reading, and rejects writes after it', async () => {
    const bus = new FakeHidBus();
    const module = new FakeReaderModule();
    bus.plug(module);
    const device = await bus.HIDAsync.open(module.path);
    device.on('data', () => undefined);
    const errors: Error[] = [];
    device.on('error', (error: Error) => errors.push(error));
    await new Promise((resolve) => setImmediate(resolve));
    bus.unplug(module.path);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('could not read from HID device')]);
    await expect(device.write(Buffer.alloc(65))).rejects.toThrow(/Cannot write to hid device/);
    await device.close();
  });
});

describe('HID driver on the real node-hid', () => {
  it('starts with no reader attached: enumerates through node-hid, says the reader is not connected, and stops cleanly', async () => {
    const reader = new HidCardReader({ vendorId: 0x1209, productId: 0x0001, path: missing });
    const log = new EventLog(reader);
    await reader.open();
    const absent = await log.waitFor('reader-error');
    expect(absent).toMatchObject({ error: { code: 'CARD_READER_DISCONNECTED' } });
    expect(reader.status()).toMatchObject({ kind: 'hid', connected: false, device: `hid 1209:0001 at ${missing}` });
    await reader.close();
    log.stop();
  });
});

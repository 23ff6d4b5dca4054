import { expect, it } from 'vitest';
import { z } from 'zod';
import { createCardReader } from './create-card-reader.ts';
import { HidCardReader } from './hid-reader.ts';
import { hidCardReaderConfigSchema } from './hid-config.ts';
import { SimulatedCardReader } from './simulated-reader.ts';
import { EventLog } from './testing/event-log.ts';
import { FakeHidBus } from './testing/fake-hid-bus.ts';
import { FakeReaderModule } from './testing/fake-reader-module.ts';

it('reads the HID reader configuration: ids as numbers or hex, defaults to the module ids, refuses unknown keys and bad ids', () => {
  expect(hidCardReaderConfigSchema.parse({ kind: 'hid' })).toEqual({ kind: 'hid', vendorId: 0x1209, productId: 0x0001 });
  expect(hidCardReaderConfigSchema.parse({ kind: 'hid', vendorId: '0x1A86', productId: 'e010', serialNumber: 'R-7' })).toEqual({ kind: 'hid', vendorId: 0x1a86, productId: 0xe010, serialNumber: 'R-7' });
  expect(() => hidCardReaderConfigSchema.parse({ kind: 'hid', vendorId: 70000 })).toThrow();
  expect(() => hidCardReaderConfigSchema.parse({ kind: 'hid', vendorId: 'xyz' })).toThrow(/USB id/);
  expect(() => hidCardReaderConfigSchema.parse({ kind: 'hid', serial: 'R-7' })).toThrow();
  // It joins a discriminated union the way the kiosk configuration uses it.
  const cardReader = z.discriminatedUnion('kind', [z.object({ kind: z.literal('simulated') }).strict(), hidCardReaderConfigSchema]);
  expect(cardReader.parse({ kind: 'hid', path: '/dev/hidraw3' })).toMatchObject({ kind: 'hid', path: '/dev/hidraw3' });
});

it('builds the reader the configuration names; the HID one attaches through the bus it is given', async () => {
  expect(createCardReader({ kind: 'simulated' })).toBeInstanceOf(SimulatedCardReader);
  const bus = new FakeHidBus();
  const module = new FakeReaderModule({ path: '/dev/hidraw7', serialNumber: 'R-7' });
  bus.plug(module);
  const reader = createCardReader(hidCardReaderConfigSchema.parse({ kind: 'hid', serialNumber: 'R-7' }), { hid: bus });
  expect(reader).toBeInstanceOf(HidCardReader);
  const log = new EventLog(reader);
  await reader.open();
  await log.waitFor('reader-connected');
  expect(reader.status().device).toBe('hid 1209:0001 serial R-7 at /dev/hidraw7');
  await reader.close();
  log.stop();
});

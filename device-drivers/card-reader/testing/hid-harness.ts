import type { CardReaderHarness, HarnessOptions } from '../card-reader.contract.ts';
import { HidCardReader } from '../hid-reader.ts';
import type { HidTiming } from '../hid-timing.ts';
import { FakeHidBus } from './fake-hid-bus.ts';
import { FakeReaderModule, type FakeReaderModuleOptions } from './fake-reader-module.ts';

/**
 * Timing for tests: the protocol's shape, shorter waits between steps, and answer timeouts
 * long enough for a loaded CI machine (the fake answers within milliseconds).
 */
export const TEST_TIMING: HidTiming = {
  shortTimeoutMs: 1000,
  readTimeoutMs: 2000,
  heartbeatMs: 40,
  heartbeatMisses: 2,
  readRetries: 2,
  retryDelayMs: 5,
  scanIntervalMs: 25,
  interReportMs: 200,
};

export interface HidHarness extends CardReaderHarness {
  readonly reader: HidCardReader;
  readonly bus: FakeHidBus;
  readonly module: FakeReaderModule;
}

/** The HID driver on a fake bus with one fake reader module: what the contract suite and the HID tests drive. */
export function hidHarness(options: HarnessOptions & { readonly module?: FakeReaderModuleOptions; readonly timing?: Partial<HidTiming> } = {}): HidHarness {
  const bus = new FakeHidBus();
  const module = new FakeReaderModule(options.module);
  if (options.detached !== true) bus.plug(module);
  const reader = new HidCardReader({ vendorId: 0x1209, productId: 0x0001, hid: bus, timing: { ...TEST_TIMING, ...options.timing }, onListenerError: () => undefined });
  return {
    reader,
    bus,
    module,
    tap: (card) => Promise.resolve(module.tap(card)),
    lift: () => Promise.resolve(module.lift()),
    detach: () => Promise.resolve(bus.unplug(module.path)),
    attach: () => Promise.resolve(bus.plug(module)),
    dispose: async () => {
      await reader.close();
      bus.unplug(module.path);
    },
  };
}

import type { CardReader } from './contract.ts';
import type { HidCardReaderConfig } from './hid-config.ts';
import { HidCardReader } from './hid-reader.ts';
import type { HidTiming } from './hid-timing.ts';
import type { NodeHidApi } from './node-hid-api.ts';
import { SimulatedCardReader } from './simulated-reader.ts';

export type CardReaderConfig = { readonly kind: 'simulated' } | HidCardReaderConfig;

export interface CreateCardReaderOptions {
  /** node-hid, or a fake bus at its interface in tests; by default node-hid is loaded on the first open. */
  readonly hid?: NodeHidApi;
  /** The HID driver's timing (PROTOCOL.md section 9); tests and benchmarks shorten it. */
  readonly timing?: Partial<HidTiming>;
  readonly onListenerError?: (error: unknown) => void;
}

/** The reader a validated `cardReader` configuration names (what the host's parts factory calls). */
export function createCardReader(config: CardReaderConfig, options: CreateCardReaderOptions = {}): CardReader {
  if (config.kind === 'simulated') return new SimulatedCardReader(options.onListenerError === undefined ? {} : { onListenerError: options.onListenerError });
  return new HidCardReader({
    vendorId: config.vendorId,
    productId: config.productId,
    ...(config.serialNumber === undefined ? {} : { serialNumber: config.serialNumber }),
    ...(config.path === undefined ? {} : { path: config.path }),
    ...(options.hid === undefined ? {} : { hid: options.hid }),
    ...(options.timing === undefined ? {} : { timing: options.timing }),
    ...(options.onListenerError === undefined ? {} : { onListenerError: options.onListenerError }),
  });
}

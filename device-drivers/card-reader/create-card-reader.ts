import type { CardReader } from './contract.ts';
import type { HidCardReaderConfig } from './hid-config.ts';
import { HidCardReader } from './hid-reader.ts';
import type { NodeHidApi } from './node-hid-api.ts';
import { SimulatedCardReader } from './simulated-reader.ts';

export type CardReaderConfig = { readonly kind: 'simulated' } | HidCardReaderConfig;

/**
 * The reader a validated `cardReader` configuration names (what the host's parts factory
 * calls). `hid` may be a fake bus in tests; by default node-hid is loaded on the first open.
 */
export function createCardReader(config: CardReaderConfig, options: { readonly hid?: NodeHidApi; readonly onListenerError?: (error: unknown) => void } = {}): CardReader {
  if (config.kind === 'simulated') return new SimulatedCardReader(options.onListenerError === undefined ? {} : { onListenerError: options.onListenerError });
  return new HidCardReader({
    vendorId: config.vendorId,
    productId: config.productId,
    ...(config.serialNumber === undefined ? {} : { serialNumber: config.serialNumber }),
    ...(config.path === undefined ? {} : { path: config.path }),
    ...(options.hid === undefined ? {} : { hid: options.hid }),
    ...(options.onListenerError === undefined ? {} : { onListenerError: options.onListenerError }),
  });
}

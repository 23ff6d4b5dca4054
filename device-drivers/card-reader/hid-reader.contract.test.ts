import { cardReaderContract } from './card-reader.contract.ts';
import { hidHarness } from './testing/hid-harness.ts';

cardReaderContract('HID driver on a fake reader module (node-hid interface)', (options) => Promise.resolve(hidHarness(options ?? {})));

cardReaderContract('HID driver on a flaky link (split, merged, duplicated and corrupted reports)', (options) =>
  Promise.resolve(hidHarness({ ...options, module: { link: { seed: 7, split: [1, 62], duplicateRate: 0.15, corruptRate: 0.03 } } })),
);

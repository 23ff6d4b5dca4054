/** The card reader part's public surface; see README.md for the contract and PROTOCOL.md for the HID protocol. */
export type { CardRead, CardReader, CardReaderEvent, CardReaderEventType, CardReaderStatus, CardReadFailure, CardReadFailureCode } from './contract.ts';
export { CARD_READ_FAILURE_CODES } from './contract.ts';
export { CARD_FAULT_CODES, type CardFault } from './card-fault.ts';
export { SimulatedCardReader, type SimulatedCard } from './simulated-reader.ts';
export { HidCardReader, type HidCardReaderOptions, type HidReaderDiagnostics } from './hid-reader.ts';
export { DEFAULT_PRODUCT_ID, DEFAULT_VENDOR_ID, hidCardReaderConfigSchema, type HidCardReaderConfig } from './hid-config.ts';
export { DEFAULT_HID_TIMING, type HidTiming } from './hid-timing.ts';
export { UDEV_RESOURCE_DIR, UDEV_RULE_FILE, UDEV_RULE_NAME, udevRuleFile } from './hid-open-errors.ts';
export { loadNodeHid, type NodeHidApi } from './node-hid-api.ts';
export { createCardReader, type CardReaderConfig, type CreateCardReaderOptions } from './create-card-reader.ts';

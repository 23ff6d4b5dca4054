import type { Device, HIDAsync } from 'node-hid';

export type { Device as HidDeviceInfo, HIDAsync } from 'node-hid';

/**
 * The part of node-hid the driver uses, shaped like the module itself: the real module
 * (`await import('node-hid')`) is one, and so is the fake bus in `testing/` (same device list,
 * same `HIDAsync.open`, device objects with node-hid's own `HIDAsync` interface).
 */
export interface NodeHidApi {
  devicesAsync(vendorId: number, productId: number): Promise<Device[]>;
  readonly HIDAsync: { open(path: string, options?: { nonExclusive?: boolean }): Promise<HIDAsync> };
}

/** node-hid, loaded on first use so that a kiosk with the simulated reader never loads the native module. */
export async function loadNodeHid(): Promise<NodeHidApi> {
  const hid = await import('node-hid');
  return { devicesAsync: (vendorId, productId) => hid.devicesAsync(vendorId, productId), HIDAsync: hid.HIDAsync };
}

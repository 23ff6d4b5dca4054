import type { ErrorData } from '../../src/core/errors.ts';
import type { HidDeviceInfo } from './node-hid-api.ts';
import { USAGE_PAGE } from './protocol/constants.ts';

export interface DeviceSelector {
  readonly vendorId: number;
  readonly productId: number;
  readonly serialNumber?: string | undefined;
  readonly path?: string | undefined;
}

export type Selection = { readonly kind: 'found'; readonly device: HidDeviceInfo & { readonly path: string } } | { readonly kind: 'absent' } | { readonly kind: 'ambiguous'; readonly error: ErrorData };

export const hex4 = (id: number): string => id.toString(16).padStart(4, '0');

export function describeSelector(selector: DeviceSelector): string {
  const parts = [`hid ${hex4(selector.vendorId)}:${hex4(selector.productId)}`];
  if (selector.serialNumber !== undefined) parts.push(`serial ${selector.serialNumber}`);
  if (selector.path !== undefined) parts.push(`at ${selector.path}`);
  return parts.join(' ');
}

/**
 * The reader among the HID devices listed: same ids, the reader's vendor-defined interface
 * (usage page 0xFF00, where the OS reports usage pages), and the configured serial number or
 * path if any. Several candidates and no serial number or path to choose: a configuration
 * problem, said with the serial numbers to choose from (not personal data).
 */
export function selectDevice(devices: readonly HidDeviceInfo[], selector: DeviceSelector): Selection {
  const candidates = devices.filter(
    (d): d is HidDeviceInfo & { path: string } =>
      d.vendorId === selector.vendorId &&
      d.productId === selector.productId &&
      typeof d.path === 'string' &&
      (d.usagePage === undefined || d.usagePage === 0 || d.usagePage === USAGE_PAGE) &&
      (selector.serialNumber === undefined || d.serialNumber === selector.serialNumber) &&
      (selector.path === undefined || d.path === selector.path),
  );
  if (candidates.length === 0) return { kind: 'absent' };
  if (candidates.length === 1) return { kind: 'found', device: candidates[0] as HidDeviceInfo & { path: string } };
  const list = candidates.map((d) => `${d.path} (serial ${d.serialNumber ?? 'none'})`).join(', ');
  return {
    kind: 'ambiguous',
    error: {
      code: 'CONFIG_INVALID',
      message: `${candidates.length} card readers ${hex4(selector.vendorId)}:${hex4(selector.productId)} are attached: ${list}; the kiosk will not guess which one to use.`,
      hint: 'Set cardReader.serialNumber (or cardReader.path) in the kiosk configuration, or unplug the readers that are not the kiosk\'s.',
    },
  };
}

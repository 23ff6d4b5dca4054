import type { HIDAsync, HidDeviceInfo, NodeHidApi } from '../node-hid-api.ts';
import { FakeHidDevice } from './fake-hid-device.ts';
import type { FakeReaderModule } from './fake-reader-module.ts';

/**
 * A USB bus with fake HID devices, at node-hid's module interface (`devicesAsync`,
 * `HIDAsync.open`): plug and unplug reader modules, refuse opens for lack of permission, and
 * count enumerations (each one costs the real bus). Errors read as node-hid's do on Linux.
 */
export class FakeHidBus implements NodeHidApi {
  private readonly attached = new Map<string, FakeReaderModule>();
  private readonly denied = new Set<string>();
  /** How many times the device list was asked for. */
  enumerations = 0;
  /** How many opens were tried. */
  opens = 0;

  readonly HIDAsync = {
    open: (path: string, _options?: { nonExclusive?: boolean }): Promise<HIDAsync> => this.open(path),
  };

  plug(module: FakeReaderModule): void {
    this.attached.set(module.path, module);
    module.plugged();
  }

  unplug(path: string): void {
    const module = this.attached.get(path);
    if (module === undefined) return;
    this.attached.delete(path);
    module.unplugged();
  }

  isAttached(path: string): boolean {
    return this.attached.has(path);
  }

  /** Opens of this path fail as hidraw does without permission (the udev rule missing). */
  denyOpen(path: string, denied = true): void {
    if (denied) this.denied.add(path);
    else this.denied.delete(path);
  }

  async devicesAsync(vendorId?: number, productId?: number): Promise<HidDeviceInfo[]> {
    this.enumerations += 1;
    await new Promise((resolve) => setImmediate(resolve));
    return [...this.attached.values()].map((module) => module.info()).filter((info) => (vendorId === undefined || info.vendorId === vendorId) && (productId === undefined || info.productId === productId));
  }

  private async open(path: string): Promise<HIDAsync> {
    this.opens += 1;
    await new Promise((resolve) => setImmediate(resolve));
    const module = this.attached.get(path);
    if (module === undefined) throw new Error(`cannot open device with path ${path}: Failed to open a device with path '${path}': No such file or directory`);
    if (this.denied.has(path)) throw new Error(`cannot open device with path ${path}: Failed to open a device with path '${path}': Permission denied`);
    const device = new FakeHidDevice(module);
    module.attachHandle(device);
    return device;
  }
}

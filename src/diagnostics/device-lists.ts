import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { UsbDevice } from './reader-checks.ts';

/**
 * The USB HID devices (node-hid's public list) and the serial ports and USB printers the
 * machine has, for the technician's "what is plugged in".
 */
const hex = (n: number | undefined) => (n === undefined ? '????' : n.toString(16).padStart(4, '0'));

export async function listHidDevices(): Promise<UsbDevice[]> {
  const hid = await import('node-hid');
  const devices = await hid.devicesAsync();
  return devices.map((d) => ({ path: d.path ?? '(no path)', ids: `${hex(d.vendorId)}:${hex(d.productId)}`, name: [d.manufacturer, d.product].filter(Boolean).join(' ') || null }));
}

/**
 * Serial ports and USB printers as the kernel names them under /dev (no udev needed):
 * /dev/serial/by-id links (they name the adapter), /dev/ttyUSB*, /dev/ttyACM* and the USB
 * printer-class devices /dev/usb/lp*.
 */
export async function listSerialPorts(dev = '/dev'): Promise<UsbDevice[]> {
  const out: UsbDevice[] = [];
  const byId = join(dev, 'serial', 'by-id');
  for (const name of await names(byId)) {
    const target = await realpath(join(byId, name)).catch(() => null);
    out.push({ path: target ?? join(byId, name), ids: null, name });
  }
  const seen = new Set(out.map((d) => d.path));
  for (const name of await names(dev)) {
    if (/^tty(USB|ACM)\d+$/.test(name) && !seen.has(join(dev, name))) out.push({ path: join(dev, name), ids: null, name: null });
  }
  for (const name of await names(join(dev, 'usb'))) {
    if (/^lp\d+$/.test(name)) out.push({ path: join(dev, 'usb', name), ids: null, name: 'USB printer (usblp)' });
  }
  return out;
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

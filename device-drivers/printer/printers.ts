import { EscPosPrinter, type EscPosPrinterOptions } from './escpos-printer.ts';
import { EmulatorLink, type EmulatorLinkOptions } from './links/emulator-link.ts';
import { FileLink } from './links/file-link.ts';
import { SerialLink, type SerialLinkOptions } from './links/serial-link.ts';
import { UsbLpLink, type UsbLpLinkOptions } from './links/usblp-link.ts';
import type { PrinterProfile } from './profile-schema.ts';

/**
 * The printer on each link, ready to open: `EscPosPrinter(profile, link)` with the link made
 * from the profile and any overrides (a `serial:` address's baud and flow, for example).
 */

/** Demo mode's printer: the in-process emulator writing page PNGs into `outDir`. */
export function emulatorPrinter(profile: PrinterProfile, outDir: string, options: EmulatorLinkOptions & EscPosPrinterOptions = {}): EscPosPrinter<EmulatorLink> {
  return new EscPosPrinter(profile, new EmulatorLink(profile, outDir, options), options);
}

export type SerialPrinterOptions = Partial<SerialLinkOptions> & EscPosPrinterOptions;

/** A printer on a serial line, at the profile's baud rate and flow control unless overridden. */
export function serialPrinter(profile: PrinterProfile, path: string, options: SerialPrinterOptions = {}): EscPosPrinter<SerialLink> {
  const link = new SerialLink(path, { ...options, baudRate: options.baudRate ?? profile.serial.baudRate, flowControl: options.flowControl ?? profile.serial.flowControl });
  return new EscPosPrinter(profile, link, options);
}

/** A USB printer-class device (usblp), e.g. /dev/usb/lp0. */
export function usbPrinter(profile: PrinterProfile, path: string, options: UsbLpLinkOptions & EscPosPrinterOptions = {}): EscPosPrinter<UsbLpLink> {
  return new EscPosPrinter(profile, new UsbLpLink(path, options), options);
}

/** Raw bytes appended to a capture file (status cannot be read: assumed ready). */
export function filePrinter(profile: PrinterProfile, path: string): EscPosPrinter<FileLink> {
  return new EscPosPrinter(profile, new FileLink(path));
}

import { resolve } from 'node:path';
import { KioskError } from '../../src/core/errors.ts';
import type { Printer, PrinterProfile } from './contract.ts';
import { parseFaultSpec, type EmulatorFault } from './escpos-emulator.ts';
import type { SerialPortFactory } from './links/serial-link.ts';
import { BAUD_RATES } from './profile-schema.ts';
import { emulatorPrinter, filePrinter, serialPrinter, usbPrinter } from './printers.ts';

/**
 * Where the printer is, as one string (config key, CLI flag):
 *   emulator:DIR                    the ESC/POS emulator writing page PNGs into DIR
 *   emulator:DIR?fault=paper-end-after=20000   ... with an injected fault
 *   file:PATH                       raw ESC/POS bytes appended to PATH
 *   serial:/dev/ttyUSB0             a serial printer at the profile's baud rate
 *   serial:/dev/ttyUSB0?baud=921600&flow=rtscts   ... with overrides
 *   usblp:/dev/usb/lp0              a USB printer-class device (the kernel's usblp driver)
 */
export type PrinterAddress =
  | { readonly kind: 'emulator'; readonly dir: string; readonly faults: readonly EmulatorFault[] }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'serial'; readonly path: string; readonly baudRate?: PrinterProfile['serial']['baudRate']; readonly flowControl?: PrinterProfile['serial']['flowControl'] }
  | { readonly kind: 'usblp'; readonly path: string };

export const PRINTER_URI_FORMS = 'emulator:DIR, file:PATH, serial:/dev/ttyX?baud=115200 (optional &flow=rtscts|xonxoff|none) or usblp:/dev/usb/lpN';

const isBaudRate = (value: number): value is PrinterProfile['serial']['baudRate'] => (BAUD_RATES as readonly number[]).includes(value);

function invalid(uri: string, why: string): KioskError {
  return new KioskError('PRINTER_URI_INVALID', `The printer address "${uri}" is not understood: ${why}. Accepted forms: ${PRINTER_URI_FORMS}.`, {
    hint: 'Fix the printer setting, e.g. serial:/dev/ttyUSB0?baud=115200 or emulator:/var/lib/adm-kiosk/pages.',
  });
}

function splitQuery(rest: string): { path: string; params: URLSearchParams } {
  const at = rest.indexOf('?');
  if (at < 0) return { path: rest, params: new URLSearchParams() };
  return { path: rest.slice(0, at), params: new URLSearchParams(rest.slice(at + 1)) };
}

function onlyKeys(uri: string, params: URLSearchParams, allowed: readonly string[]): void {
  for (const key of params.keys()) {
    if (!allowed.includes(key)) throw invalid(uri, allowed.length === 0 ? `"${key}" is not an option here (none are accepted)` : `"${key}" is not an option here (accepted: ${allowed.join(', ')})`);
  }
}

export function parsePrinterUri(uri: string): PrinterAddress {
  const colon = uri.indexOf(':');
  if (colon <= 0) throw invalid(uri, 'it has no kind before ":"');
  const scheme = uri.slice(0, colon);
  const { path, params } = splitQuery(uri.slice(colon + 1));
  if (path === '') throw invalid(uri, `${scheme}: needs a path after the colon`);
  switch (scheme) {
    case 'emulator': {
      onlyKeys(uri, params, ['fault']);
      let faults: EmulatorFault[];
      try {
        faults = params.getAll('fault').map(parseFaultSpec);
      } catch (error) {
        throw invalid(uri, error instanceof Error ? error.message.replace(/\.$/, '') : 'bad fault');
      }
      return { kind: 'emulator', dir: resolve(path), faults };
    }
    case 'file':
      onlyKeys(uri, params, []);
      return { kind: 'file', path: resolve(path) };
    case 'serial': {
      onlyKeys(uri, params, ['baud', 'flow']);
      if (!path.startsWith('/') && !/^COM\d+$/i.test(path)) throw invalid(uri, 'the serial port must be a device path such as /dev/ttyUSB0');
      const baudText = params.get('baud');
      let baudRate: PrinterProfile['serial']['baudRate'] | undefined;
      if (baudText !== null) {
        const value = Number(baudText);
        if (!/^\d+$/.test(baudText) || !isBaudRate(value)) throw invalid(uri, `baud must be one of ${BAUD_RATES.join(', ')}, got "${baudText}"`);
        baudRate = value;
      }
      const flow = params.get('flow');
      if (flow !== null && flow !== 'rtscts' && flow !== 'xonxoff' && flow !== 'none') throw invalid(uri, `flow must be rtscts, xonxoff or none, got "${flow}"`);
      return {
        kind: 'serial',
        path,
        ...(baudRate === undefined ? {} : { baudRate }),
        ...(flow === null ? {} : { flowControl: flow }),
      };
    }
    case 'usblp':
      onlyKeys(uri, params, []);
      if (!path.startsWith('/')) throw invalid(uri, 'the USB printer must be a device path such as /dev/usb/lp0');
      return { kind: 'usblp', path };
    default:
      throw invalid(uri, `"${scheme}" is not a printer kind`);
  }
}

export interface OpenPrinterOptions {
  /** Serial only: how the port is made (tests inject serialport's mock binding). */
  readonly portFactory?: SerialPortFactory;
}

/** Makes the printer an address names (not opened yet: call `open()`): an EscPosPrinter on the named link. */
export function openPrinter(uri: string, profile: PrinterProfile, options: OpenPrinterOptions = {}): Printer {
  const address = parsePrinterUri(uri);
  switch (address.kind) {
    case 'emulator':
      return emulatorPrinter(profile, address.dir, { faults: address.faults });
    case 'file':
      return filePrinter(profile, address.path);
    case 'serial':
      return serialPrinter(profile, address.path, {
        ...(address.baudRate === undefined ? {} : { baudRate: address.baudRate }),
        ...(address.flowControl === undefined ? {} : { flowControl: address.flowControl }),
        ...(options.portFactory === undefined ? {} : { portFactory: options.portFactory }),
      });
    case 'usblp':
      return usbPrinter(profile, address.path);
    default: {
      const never: never = address;
      throw invalid(String(never), 'unknown kind');
    }
  }
}

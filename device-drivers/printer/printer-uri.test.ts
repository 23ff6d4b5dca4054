import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EscPosPrinter } from './escpos-printer.ts';
import { EmulatorLink } from './links/emulator-link.ts';
import { FileLink } from './links/file-link.ts';
import { SerialLink } from './links/serial-link.ts';
import { UsbLpLink } from './links/usblp-link.ts';
import { openPrinter, parsePrinterUri } from './printer-uri.ts';
import { loadProfile } from './profiles.ts';

describe('parsePrinterUri', () => {
  it('reads the four forms', () => {
    expect(parsePrinterUri('emulator:/var/lib/adm/pages')).toEqual({ kind: 'emulator', dir: '/var/lib/adm/pages', faults: [] });
    expect(parsePrinterUri('emulator:pages?fault=paper-end-after=100&fault=silent-after=900')).toEqual({
      kind: 'emulator',
      dir: resolve('pages'),
      faults: [
        { kind: 'paper-end', afterBytes: 100 },
        { kind: 'silent', afterBytes: 900 },
      ],
    });
    expect(parsePrinterUri('file:/tmp/capture.bin')).toEqual({ kind: 'file', path: '/tmp/capture.bin' });
    expect(parsePrinterUri('serial:/dev/ttyUSB0')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0' });
    expect(parsePrinterUri('serial:/dev/ttyS1?baud=921600&flow=xonxoff')).toEqual({ kind: 'serial', path: '/dev/ttyS1', baudRate: 921600, flowControl: 'xonxoff' });
    expect(parsePrinterUri('usblp:/dev/usb/lp0')).toEqual({ kind: 'usblp', path: '/dev/usb/lp0' });
  });

  it.each([
    ['usb:/dev/usb/lp0', '"usb" is not a printer kind'],
    ['/dev/ttyUSB0', 'no kind before ":"'],
    ['serial:', 'needs a path'],
    ['serial:ttyUSB0', 'device path'],
    ['serial:/dev/ttyUSB0?baud=115000', 'baud must be one of'],
    ['serial:/dev/ttyUSB0?speed=9600', '"speed" is not an option'],
    ['serial:/dev/ttyUSB0?flow=dtrdsr', 'flow must be'],
    ['file:/tmp/x?baud=9600', 'none are accepted'],
    ['emulator:/tmp/x?fault=jam-after=3', 'paper-end-after=BYTES'],
    ['usblp:usb/lp0', 'device path such as /dev/usb/lp0'],
    ['usblp:/dev/usb/lp0?baud=9600', 'none are accepted'],
  ])('rejects %s, saying why and which forms are accepted', (uri, why) => {
    expect(() => parsePrinterUri(uri)).toThrow(expect.objectContaining({ code: 'PRINTER_URI_INVALID', message: expect.stringContaining(why) as string }) as Error);
    expect(() => parsePrinterUri(uri)).toThrow(/Accepted forms: emulator:DIR, file:PATH, serial:.* or usblp:/);
  });
});

describe('openPrinter', () => {
  const profile = loadProfile('generic-a4-203');

  it('makes one ESC/POS printer on the link the address names, with overrides', () => {
    const cases = [
      ['emulator:/tmp/pages', EmulatorLink, 'emulator'],
      ['file:/tmp/capture.bin', FileLink, 'file'],
      ['serial:/dev/ttyUSB0?baud=921600', SerialLink, 'serial'],
      ['usblp:/dev/usb/lp0', UsbLpLink, 'usblp'],
    ] as const;
    for (const [uri, link, kind] of cases) {
      const printer = openPrinter(uri, profile);
      expect(printer).toBeInstanceOf(EscPosPrinter);
      expect((printer as EscPosPrinter).connection).toBeInstanceOf(link);
      expect(printer.link).toBe(kind);
    }
    expect(openPrinter('serial:/dev/ttyUSB0?baud=921600', profile).describe()).toBe('serial /dev/ttyUSB0 @921600 rtscts (generic-a4-203)');
    expect(openPrinter('usblp:/dev/usb/lp0', profile).describe()).toBe('usblp /dev/usb/lp0 (generic-a4-203)');
    // A capture file cannot carry answers: the description says status is assumed.
    expect(openPrinter('file:/tmp/capture.bin', profile).describe()).toBe('file /tmp/capture.bin (generic-a4-203; status cannot be read over this link: assumed ready)');
  });
});

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmulatorPrinter } from './emulator-printer.ts';
import { FilePrinter } from './file-printer.ts';
import { openPrinter, parsePrinterUri } from './printer-uri.ts';
import { loadProfile } from './profiles.ts';
import { SerialPrinter } from './serial-printer.ts';

describe('parsePrinterUri', () => {
  it('reads the three forms', () => {
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
  ])('rejects %s, saying why and which forms are accepted', (uri, why) => {
    expect(() => parsePrinterUri(uri)).toThrow(expect.objectContaining({ code: 'PRINTER_URI_INVALID', message: expect.stringContaining(why) as string }) as Error);
    expect(() => parsePrinterUri(uri)).toThrow(/Accepted forms: emulator:DIR, file:PATH or serial:/);
  });
});

describe('openPrinter', () => {
  const profile = loadProfile('generic-a4-203');

  it('makes the printer the address names, with overrides', () => {
    expect(openPrinter('emulator:/tmp/pages', profile)).toBeInstanceOf(EmulatorPrinter);
    expect(openPrinter('file:/tmp/capture.bin', profile)).toBeInstanceOf(FilePrinter);
    const serial = openPrinter('serial:/dev/ttyUSB0?baud=921600', profile);
    expect(serial).toBeInstanceOf(SerialPrinter);
    expect(serial.describe()).toBe('serial /dev/ttyUSB0 @921600 rtscts (generic-a4-203)');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseRules, readRules } from './testing/udev-rules.ts';

/**
 * The udev rules the deb installs, run through a strict evaluator (testing/udev-rules.ts):
 * what a plugged-in adapter or reader ends up as (group, mode, /dev name), and that nothing
 * else is touched.
 */
const SERIAL = join(import.meta.dirname, 'udev', '61-adm-kiosk-serial.rules');
const READER = join(import.meta.dirname, '..', '..', 'device-drivers', 'card-reader', 'udev', '60-adm-kiosk-card-reader.rules');

/** Every vendor:product pair the serial rule's header promises. */
const CHIPS: Array<[string, string, string]> = [
  ['FTDI FT232R', '0403', '6001'],
  ['FTDI FT2232', '0403', '6010'],
  ['FTDI FT4232', '0403', '6011'],
  ['FTDI FT232H', '0403', '6014'],
  ['FTDI FT-X', '0403', '6015'],
  ['WCH CH340', '1a86', '7523'],
  ['WCH CH341', '1a86', '5523'],
  ['WCH CH9102', '1a86', '55d4'],
  ['Prolific PL2303', '067b', '2303'],
  ['Prolific PL2303GC', '067b', '23a3'],
  ['Prolific PL2303GS', '067b', '23c3'],
  ['Prolific PL2303GT', '067b', '23d3'],
  ['Silicon Labs CP210x', '10c4', 'ea60'],
];

describe('USB-serial printer adapters (61-adm-kiosk-serial.rules)', () => {
  const rules = readRules(SERIAL);

  it.each(CHIPS)('%s (%s:%s): dialout, 0660, /dev/adm-printer, ModemManager keeps off', (_name, idVendor, idProduct) => {
    expect(evaluate(rules, { action: 'add', subsystem: 'tty', attrs: { idVendor, idProduct } })).toEqual({
      group: 'dialout',
      mode: '0660',
      symlinks: ['adm-printer'],
      env: { ID_MM_DEVICE_IGNORE: '1' },
    });
  });

  it('the header lists exactly the chips the rules cover', () => {
    const text = readFileSync(SERIAL, 'utf8');
    const ruled = [...text.matchAll(/ATTRS\{idVendor\}=="([0-9a-f]{4})", ATTRS\{idProduct\}=="([0-9a-f]{4})"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(ruled.sort()).toEqual(CHIPS.map(([, v, p]) => `${v}:${p}`).sort());
  });

  it('leaves alone: another USB tty (a modem), the adapter\'s USB device node, the card reader, a removal', () => {
    const untouched = { symlinks: [], env: {} };
    expect(evaluate(rules, { action: 'add', subsystem: 'tty', attrs: { idVendor: '12d1', idProduct: '1506' } })).toEqual(untouched);
    expect(evaluate(rules, { action: 'add', subsystem: 'usb', attrs: { idVendor: '0403', idProduct: '6001' } })).toEqual(untouched);
    expect(evaluate(rules, { action: 'add', subsystem: 'hidraw', attrs: { idVendor: '1209', idProduct: '0001' } })).toEqual(untouched);
    expect(evaluate(rules, { action: 'remove', subsystem: 'tty', attrs: { idVendor: '0403', idProduct: '6001' } })).toEqual(untouched);
  });

  it('the evaluator is strict: a typo in a key or an operator, or a GOTO without its LABEL, is an error', () => {
    expect(() => parseRules('SUBSYSTEMS=="tty", GROUP="dialout"')).toThrow(/not a known match/);
    expect(() => parseRules('SUBSYSTEM="tty"')).toThrow(/not a known assignment/);
    expect(() => parseRules('SUBSYSTEM=="tty", GOTO="nowhere"')).toThrow(/no LABEL/);
    expect(() => parseRules('SUBSYSTEM=="tty" GROUP="dialout"')).toThrow(/cannot read/);
  });
});

describe('the e-KTP card reader (60-adm-kiosk-card-reader.rules)', () => {
  const rules = readRules(READER);

  it('its hidraw node: plugdev, 0660, /dev/adm-kiosk-card-reader', () => {
    expect(evaluate(rules, { action: 'add', subsystem: 'hidraw', attrs: { idVendor: '1209', idProduct: '0001' } })).toMatchObject({ group: 'plugdev', mode: '0660', symlinks: ['adm-kiosk-card-reader'] });
  });

  it('another HID device is left alone', () => {
    expect(evaluate(rules, { action: 'add', subsystem: 'hidraw', attrs: { idVendor: '046d', idProduct: 'c31c' } })).toEqual({ symlinks: [], env: {} });
  });
});

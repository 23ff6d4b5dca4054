import { describe, expect, it } from 'vitest';
import { KioskError } from '../core/errors.ts';
import { parseConfig } from './config.ts';
import { BUILT_IN_PARTS, configurationProblems, type PartBuilders } from './parts.ts';

function refused(raw: unknown): KioskError {
  try {
    parseConfig(raw, 'kiosk.json');
  } catch (error) {
    if (error instanceof KioskError) return error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration schema', () => {
  it('embedded defaults: demo mode, demo registry, simulated reader, the emulator, health and print defaults', () => {
    expect(parseConfig({})).toEqual({
      mode: 'demo',
      kioskId: 'ADM-DEMO-01',
      registry: { kind: 'demo' },
      cardReader: { kind: 'simulated' },
      printer: { profile: 'generic-a4-203', keepPages: 'session' },
      session: { idleSeconds: 60, resultSeconds: 15 },
      health: { printerPollSeconds: 3 },
      staff: {},
      ops: { driveRoots: ['/media', '/run/media'], timeZone: 'WIB' },
      fleet: { batchSize: 500, intervalSeconds: 60 },
      metrics: {},
      print: { waitOnFaultSeconds: 600 },
      consumables: { lowPaperSheets: 10 },
    });
  });

  it('consumables: paper per refill and the low-paper threshold are checked by key', () => {
    expect(parseConfig({ consumables: { paperSheetsPerRefill: 250, cardsPerRefill: 400, lowPaperSheets: 15 } }).consumables).toEqual({ paperSheetsPerRefill: 250, cardsPerRefill: 400, lowPaperSheets: 15 });
    expect(() => parseConfig({ consumables: { lowPaperSheets: -1 } })).toThrow(/"consumables.lowPaperSheets"/);
    expect(() => parseConfig({ consumables: { paperSheets: 250 } })).toThrow(/unknown key "consumables.paperSheets"/);
  });

  it('knows the part kinds of the next issues: an http registry and a hid reader', () => {
    const config = parseConfig({ registry: { kind: 'http', url: 'https://registry.example/api' }, cardReader: { kind: 'hid', vendorId: 4660, productId: 22136, serialNumber: 'R-01' } });
    expect(config.registry).toMatchObject({ kind: 'http', url: 'https://registry.example/api' });
    expect(config.cardReader).toEqual({ kind: 'hid', vendorId: 4660, productId: 22136, serialNumber: 'R-01' });
  });

  it('a hid reader: the driver schema, ids as numbers or hex strings, 1209:0001 by default, serial number or path to pick one', () => {
    expect(parseConfig({ cardReader: { kind: 'hid' } }).cardReader).toEqual({ kind: 'hid', vendorId: 0x1209, productId: 0x0001 });
    expect(parseConfig({ cardReader: { kind: 'hid', vendorId: '0x1234', productId: '5678', path: '/dev/hidraw3' } }).cardReader).toEqual({ kind: 'hid', vendorId: 0x1234, productId: 0x5678, path: '/dev/hidraw3' });
    expect(refused({ cardReader: { kind: 'hid', vendorId: 'usb-1209' } }).message).toContain('"cardReader.vendorId"');
    expect(refused({ cardReader: { kind: 'hid', serial: 'R-1' } }).message).toContain('unknown key "cardReader.serial"');
  });

  it('refuses misspelt keys and bad values naming the key', () => {
    expect(refused({ printr: {} }).message).toContain('unknown key "printr"');
    expect(refused({ registry: { kind: 'http', url: 'ftp://x' } }).message).toContain('"registry.url"');
    expect(refused({ cardReader: { kind: 'hid', vendorId: 70000, productId: 1 } }).message).toContain('"cardReader.vendorId"');
    expect(refused({ registry: { kind: 'ldap' } }).message).toContain('"registry.kind"');
    expect(refused({ health: { printerPollSeconds: 0 } }).message).toContain('"health.printerPollSeconds"');
  });

  it('printer.keepPages: "session" or whole hours from 1 to 720, nothing else', () => {
    expect(parseConfig({ printer: { keepPages: 24 } }).printer.keepPages).toBe(24);
    for (const bad of [0, 721, 1.5, 'forever', null]) expect(refused({ printer: { keepPages: bad } }).message).toContain('"printer.keepPages" must be "session" or a whole number of hours from 1 to 720');
  });

  it('a configuration is a JSON object: null, a list, a number or a string is refused, never taken for the defaults', () => {
    for (const raw of [null, [], 42, 'demo', true]) expect(refused(raw).message).toMatch(/kiosk\.json: the configuration must be a JSON object/);
  });
});

describe('what this version can run', () => {
  it('has the hid card reader (issue 9): demo and production mode accept it', () => {
    expect(configurationProblems(parseConfig({ cardReader: { kind: 'hid' } }), 'emulator')).toEqual([]);
    const production = parseConfig({ mode: 'production', cardReader: { kind: 'hid' } });
    expect(configurationProblems(production, 'serial').join('\n')).not.toContain('cardReader');
  });

  it('refuses a kind it does not have yet by part and key, not as an unknown value; the http registry is built in', () => {
    const withoutHttp: PartBuilders = { registry: { demo: BUILT_IN_PARTS.registry.demo }, cardReader: BUILT_IN_PARTS.cardReader };
    expect(configurationProblems(parseConfig({ registry: { kind: 'http', url: 'https://r.example' } }), 'emulator', withoutHttp)).toEqual([
      'registry.kind "http" is not available in this version of adm-kiosk (available: demo).',
    ]);
    expect(configurationProblems(parseConfig({ registry: { kind: 'http', url: 'https://r.example' } }), 'emulator')).toEqual([]);
  });

  it('http registry keys: defaults, and bad values refused by key', () => {
    expect(parseConfig({ registry: { kind: 'http', url: 'https://r.example/v1' } }).registry).toEqual({
      kind: 'http',
      url: 'https://r.example/v1',
      timeoutSeconds: 5,
      retries: 2,
      breaker: { failures: 3, cooldownSeconds: 10 },
      probeSeconds: 30,
    });
    expect(refused({ registry: { kind: 'http', url: 'https://r.example', timeoutSeconds: 0 } }).message).toContain('"registry.timeoutSeconds"');
    expect(refused({ registry: { kind: 'http', url: 'https://r.example', breaker: { failures: 0 } } }).message).toContain('"registry.breaker.failures"');
    expect(refused({ registry: { kind: 'http', url: 'https://r.example', token: 'x' } }).message).toContain('unknown key "registry.token"');
  });

  it('production: refused while any part is a demo part, naming each; a serial or usblp printer is real', () => {
    const production = parseConfig({ mode: 'production' });
    expect(configurationProblems(production, 'file')).toEqual(['mode "production" runs only on real parts; these are demo parts: registry.kind "demo", cardReader.kind "simulated", printer.uri (file: not a real printer).']);
    const realKinds = parseConfig({ mode: 'production', registry: { kind: 'http', url: 'https://r.example' }, cardReader: { kind: 'hid', vendorId: 1, productId: 2 } });
    for (const link of ['serial', 'usblp'] as const) expect(configurationProblems(realKinds, link)).toEqual([]);
    expect(configurationProblems(realKinds, 'emulator').at(-1)).toBe('mode "production" runs only on real parts; these are demo parts: printer.uri (emulator: not a real printer).');
  });
});

import { describe, expect, it } from 'vitest';
import { KioskError } from '../core/errors.ts';
import { parseConfig } from './config.ts';
import { configurationProblems } from './parts.ts';

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
      print: { waitOnFaultSeconds: 600 },
    });
  });

  it('knows the part kinds of the next issues: an http registry and a hid reader', () => {
    const config = parseConfig({ registry: { kind: 'http', url: 'https://registry.example/api' }, cardReader: { kind: 'hid', vendorId: 4660, productId: 22136, serialNumber: 'R-01' } });
    expect(config.registry).toEqual({ kind: 'http', url: 'https://registry.example/api' });
    expect(config.cardReader).toEqual({ kind: 'hid', vendorId: 4660, productId: 22136, serialNumber: 'R-01' });
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
  it('refuses a kind it does not have yet by part and key, not as an unknown value', () => {
    expect(configurationProblems(parseConfig({ registry: { kind: 'http', url: 'https://r.example' } }), 'emulator')).toEqual([
      'registry.kind "http" is not available in this version of adm-kiosk (available: demo).',
    ]);
  });

  it('production: refused while any part is a demo part, naming each; a serial or usblp printer is real', () => {
    const production = parseConfig({ mode: 'production' });
    expect(configurationProblems(production, 'file')).toEqual(['mode "production" runs only on real parts; these are demo parts: registry.kind "demo", cardReader.kind "simulated", printer.uri (file: not a real printer).']);
    const realKinds = parseConfig({ mode: 'production', registry: { kind: 'http', url: 'https://r.example' }, cardReader: { kind: 'hid', vendorId: 1, productId: 2 } });
    for (const link of ['serial', 'usblp'] as const) expect(configurationProblems(realKinds, link).every((p) => p.includes('not available in this version'))).toBe(true);
    expect(configurationProblems(realKinds, 'emulator').at(-1)).toBe('mode "production" runs only on real parts; these are demo parts: printer.uri (emulator: not a real printer).');
  });
});

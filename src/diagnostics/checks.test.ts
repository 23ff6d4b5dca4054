import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedCardReader } from '../../device-drivers/card-reader/simulated-reader.ts';
import { hidHarness } from '../../device-drivers/card-reader/testing/hid-harness.ts';
import { DemoRegistry } from '../records/demo-registry.ts';
import type { Registry, RegistryDiagnosis } from '../records/contract.ts';
import { checkLogs } from './log-checks.ts';
import { checkDevices, checkReader } from './reader-checks.ts';
import { checkRegistry } from './registry-checks.ts';
import { checkSystem, redactConfig } from './system-checks.ts';

const until = async (condition: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('card reader checks', () => {
  it('a connected simulated reader is ok, with its firmware', async () => {
    const reader = new SimulatedCardReader();
    await reader.open();
    const [check] = await checkReader({ reader });
    expect(check).toMatchObject({ level: 'ok', words: 'connected, firmware simulated' });
  });

  it('the simulated reader detached: broken, "not connected", plug it back in', async () => {
    const reader = new SimulatedCardReader();
    await reader.open();
    reader.detach();
    const [check] = await checkReader({ reader });
    expect(check).toMatchObject({ level: 'broken', code: 'CARD_READER_DISCONNECTED' });
    expect(check?.words).toMatch(/not connected/);
    expect(check?.whatToDo).toMatch(/Plug the card reader's USB cable back in/);
  });

  it('the HID reader unplugged from the fake bus: broken, with its driver facts; back to ok after the replug', async () => {
    const rig = hidHarness();
    await rig.reader.open();
    try {
      await until(() => rig.reader.status().connected);
      const [connected] = await checkReader({ reader: rig.reader });
      expect(connected?.level).toBe('ok');
      expect(connected?.facts).toMatchObject({ kind: 'hid', connected: true });
      await rig.detach();
      await until(() => !rig.reader.status().connected);
      const [gone] = await checkReader({ reader: rig.reader });
      expect(gone).toMatchObject({ level: 'broken', code: 'CARD_READER_DISCONNECTED' });
      expect(gone?.words).toMatch(/not connected/);
      await rig.attach();
      await until(() => rig.reader.status().connected);
      expect((await checkReader({ reader: rig.reader }))[0]?.level).toBe('ok');
    } finally {
      await rig.dispose();
    }
  });

  it('a permission problem says to install the udev rule', async () => {
    const rig = hidHarness();
    rig.bus.denyOpen(rig.module.path);
    await rig.reader.open();
    try {
      await until(() => rig.reader.status().lastError !== null);
      const [check] = await checkReader({ reader: rig.reader });
      expect(check).toMatchObject({ level: 'broken', code: 'CARD_READER_PERMISSION' });
      expect(check?.whatToDo).toMatch(/udev rule/);
    } finally {
      await rig.dispose();
    }
  });

  it('lists the USB HID devices and serial ports present', async () => {
    const checks = await checkDevices({
      listHidDevices: () => Promise.resolve([{ path: '/dev/hidraw3', ids: '1209:0001', name: 'ADM e-KTP reader' }]),
      listSerialPorts: () => Promise.reject(new Error('udev not available')),
    });
    expect(checks[0]).toMatchObject({ id: 'reader.hid-devices', words: '1 found', lines: ['/dev/hidraw3 1209:0001 ADM e-KTP reader'] });
    expect(checks[1]).toMatchObject({ id: 'reader.serial-ports', level: 'warn' });
  });
});

describe('registry checks', () => {
  const fake = (diagnosis: Partial<RegistryDiagnosis>): Registry =>
    ({ kind: 'http', diagnose: () => Promise.resolve({ endpoint: 'https://registry.example', reachable: true, latencyMs: 80, tls: null, credential: { status: 'ok', expiresAt: null }, ...diagnosis }) }) as unknown as Registry;

  it('the demo registry diagnoses itself: reachable, no TLS, no credential needed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-diag-reg-'));
    const checks = await checkRegistry({ registry: new DemoRegistry({ stateFile: join(dir, 'state.json') }), description: 'demo' });
    expect(checks.map((c) => c.level)).toEqual(['ok', 'ok', 'ok']);
    expect(checks[2]?.words).toMatch(/not needed/);
  });

  it('a demo registry whose state file is damaged is not reachable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-diag-reg-'));
    writeFileSync(join(dir, 'state.json'), '{ damaged');
    const [reach] = await checkRegistry({ registry: new DemoRegistry({ stateFile: join(dir, 'state.json') }), description: 'demo' });
    expect(reach).toMatchObject({ level: 'broken', code: 'REGISTRY_UNAVAILABLE' });
  });

  it('unreachable, slow, certificate expiring or expired, credential expired: each named', async () => {
    expect((await checkRegistry({ registry: fake({ reachable: false, latencyMs: null, error: { code: 'REGISTRY_UNAVAILABLE', message: 'connection refused' } }), description: 'x' }))[0]).toMatchObject({ level: 'broken', words: 'not reachable at https://registry.example: connection refused' });
    expect((await checkRegistry({ registry: fake({ latencyMs: 4500 }), description: 'x' }))[0]?.level).toBe('warn');
    expect((await checkRegistry({ registry: fake({ tls: { validTo: '2026-12-10', daysLeft: 11 } }), description: 'x' }))[1]).toMatchObject({ level: 'warn', words: 'expires in 11 day(s) (2026-12-10)' });
    expect((await checkRegistry({ registry: fake({ tls: { validTo: '2026-11-01', daysLeft: -28 } }), description: 'x' }))[1]?.level).toBe('broken');
    expect((await checkRegistry({ registry: fake({ credential: { status: 'expired', expiresAt: '2026-11-01' } }), description: 'x' }))[2]).toMatchObject({ level: 'broken', words: 'expired (valid until 2026-11-01)' });
  });

  it('a registry client without diagnose() is a warning, not a crash', async () => {
    const [check] = await checkRegistry({ registry: { kind: 'http' } as unknown as Registry, description: 'https://registry.example' });
    expect(check).toMatchObject({ level: 'warn' });
    expect(check?.words).toMatch(/cannot be checked/);
  });
});

describe('system checks', () => {
  const base = { version: '0.1.0', mode: 'demo' as const, kioskId: 'ADM-T-01', processUptimeSeconds: 3725, config: {} };

  it('names version, uptime and free disk; warns and breaks as the disk fills', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-diag-sys-'));
    const checks = checkSystem({ ...base, dataDir: dir, freeBytes: () => 8 * 1024 ** 3 });
    expect(checks[0]?.words).toMatch(/adm-kiosk 0\.1\.0, demo mode, kiosk ADM-T-01/);
    expect(checks[1]?.words).toMatch(/kiosk process 1 h 2 min/);
    expect(checks[2]).toMatchObject({ level: 'ok', words: `${dir}: 8.0 GiB free` });
    expect(checkSystem({ ...base, dataDir: dir, freeBytes: () => 200 * 1024 ** 2 })[2]?.level).toBe('warn');
    expect(checkSystem({ ...base, dataDir: dir, freeBytes: () => 10 * 1024 ** 2 })[2]?.level).toBe('broken');
    expect(checkSystem({ ...base, dataDir: dir })[2]?.facts?.['freeBytes']).toBeGreaterThan(0);
  });

  it('shows the configuration with every secret redacted', () => {
    const config = { kioskId: 'ADM-T-01', staff: { opsPinHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', technicianPinHash: 'scrypt$x' }, registry: { kind: 'http', url: 'https://r.example', apiKey: 'sk-123', clientCertificate: { file: '/etc/k.pem' } }, printer: { uri: 'serial:/dev/ttyUSB0', profile: 'generic-a4-203' } };
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toMatch(/scrypt|sk-123|k\.pem/);
    expect(text).toContain('serial:/dev/ttyUSB0');
    expect(text).toContain('https://r.example');
    const check = checkSystem({ ...base, dataDir: tmpdir(), config, configProblems: ['registry.kind "http" is not available in this version.'] })[3];
    expect(check?.level).toBe('broken');
    expect(check?.lines?.join('\n')).toContain('"opsPinHash": "[redacted]"');
  });
});

describe('log checks', () => {
  it('shows the application log tail in words, with any 16-digit number masked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-diag-log-'));
    mkdirSync(join(dir, 'logs'));
    const lines = [
      { time: '2026-11-20T03:00:00.000Z', level: 'info', context: 'start-up', message: 'kiosk running' },
      { time: '2026-11-20T03:00:01.000Z', level: 'error', context: 'print', code: 'PRINTER_PAPER_END', message: 'The printer is out of paper.' },
      { time: '2026-11-20T03:00:02.000Z', level: 'warn', context: 'x', message: 'stray 3201014101900001 number' },
    ];
    writeFileSync(join(dir, 'logs', 'kiosk.log'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const [tail] = checkLogs({ dataDir: dir });
    expect(tail?.words).toBe('3 latest line(s), 1 error(s) among them');
    expect(tail?.lines?.[1]).toBe('2026-11-20T03:00:01.000Z  error  print  PRINTER_PAPER_END  The printer is out of paper.');
    expect(tail?.lines?.join('\n')).not.toContain('3201014101900001');
    expect(tail?.lines?.[2]).toContain('320101********01');
  });

  it('jobs needing review and a broken chain are named', () => {
    const checks = checkLogs({ dataDir: tmpdir(), printLogCounts: () => ({ open: 0, needsReview: 2 }), verifyChain: () => ({ ok: false, rows: 10, words: 'row 7 was changed' }) });
    expect(checks.find((c) => c.id === 'log.print-jobs')).toMatchObject({ level: 'warn' });
    expect(checks.find((c) => c.id === 'log.chain')).toMatchObject({ level: 'broken', words: 'broken: row 7 was changed' });
  });
});

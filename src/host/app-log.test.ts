import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../api/test-support.ts';
import { KioskError } from '../core/errors.ts';
import { createAppLog, errorFields } from './app-log.ts';

const tempDir = useTempDirs();
const NIK = '3273015708850001';

describe('application log', () => {
  it('writes JSON lines with time, level, context and code to stderr and to logs/kiosk.log (0600)', () => {
    const dir = tempDir();
    const echoed: string[] = [];
    const log = createAppLog({ dataDir: dir, stderr: (line) => echoed.push(line), clock: { now: () => Date.parse('2026-11-20T03:00:00.000Z') } });
    log.info('start-up', 'kiosk ADM-1 running');
    log.error('print', new KioskError('PRINTER_PAPER_END', 'The printer is out of paper.'));
    const lines = readFileSync(join(dir, 'logs', 'kiosk.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { time: '2026-11-20T03:00:00.000Z', level: 'info', context: 'start-up', message: 'kiosk ADM-1 running' },
      { time: '2026-11-20T03:00:00.000Z', level: 'error', context: 'print', code: 'PRINTER_PAPER_END', message: 'The printer is out of paper.' },
    ]);
    expect(echoed.map((l) => JSON.parse(l) as unknown)).toEqual(lines);
    expect(statSync(join(dir, 'logs', 'kiosk.log')).mode & 0o777).toBe(0o600);
  });

  it('logs an unexpected error by class and stack frames, never its message (it may hold personal data)', () => {
    const error = new TypeError(`Cannot read properties of undefined (nik ${NIK}, SITI AMINAH)`);
    const fields = errorFields(error);
    expect(fields).toMatchObject({ code: 'INTERNAL', errorClass: 'TypeError' });
    expect(fields.stack?.length).toBeGreaterThan(0);
    expect(fields.stack?.every((frame) => frame.startsWith('at '))).toBe(true);
    expect(JSON.stringify(fields)).not.toContain(NIK);
    expect(JSON.stringify(fields)).not.toContain('SITI');
  });

  it('keeps a coded error\'s hint (what the technician should do) and logs a coded warning by code', () => {
    const dir = tempDir();
    const log = createAppLog({ dataDir: dir, echo: false });
    log.error('card reader', new KioskError('CARD_READER_PERMISSION', 'permission denied', { hint: 'Install the udev rule.' }));
    log.warn('card read', { code: 'CARD_NOT_EKTP', message: 'not an e-KTP', hint: 'Place your e-KTP.' });
    const lines = readFileSync(join(dir, 'logs', 'kiosk.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map(({ time: _time, ...rest }) => rest)).toEqual([
      { level: 'error', context: 'card reader', code: 'CARD_READER_PERMISSION', message: 'permission denied', hint: 'Install the udev rule.' },
      { level: 'warn', context: 'card read', code: 'CARD_NOT_EKTP', message: 'not an e-KTP', hint: 'Place your e-KTP.' },
    ]);
  });

  it('masks a NIK that slipped into a coded message', () => {
    const dir = tempDir();
    const log = createAppLog({ dataDir: dir, echo: false });
    log.error('registry', { code: 'RESIDENT_NOT_FOUND', message: `no resident ${NIK}` });
    log.warn('x', `card ${NIK} tapped`);
    const text = readFileSync(join(dir, 'logs', 'kiosk.log'), 'utf8');
    expect(text).not.toContain(NIK);
    expect(text).toContain('327301********01');
  });

  it('rotates at the size cap, keeping a few older files', () => {
    const dir = tempDir();
    const log = createAppLog({ dataDir: dir, echo: false, maxBytes: 2000, keep: 2 });
    for (let i = 0; i < 100; i += 1) log.info('loop', `line ${i} ${'x'.repeat(50)}`);
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2']);
    for (const file of files) expect(statSync(join(dir, 'logs', file)).size).toBeLessThanOrEqual(2000);
    expect(readFileSync(join(dir, 'logs', 'kiosk.log'), 'utf8')).toContain('line 99');
  });
});

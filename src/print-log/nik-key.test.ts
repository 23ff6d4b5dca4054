import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateNikKey } from './nik-key.ts';
import { useTempDir } from './test-support.ts';

const tempDir = useTempDir();

describe('loadOrCreateNikKey', () => {
  it('creates a random 32-byte key readable by the owner only, in a data folder it creates', () => {
    const dir = join(tempDir(), 'data', 'adm-kiosk');
    const key = loadOrCreateNikKey(dir);
    expect(key).toHaveLength(32);
    const file = join(dir, 'print-log.key');
    expect(readFileSync(file).equals(key)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateNikKey(dir).equals(key)).toBe(true);
    expect(loadOrCreateNikKey(tempDir()).equals(key)).toBe(false);
  });

  it('refuses a short or long key file instead of replacing it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'print-log.key'), Buffer.alloc(16, 1));
    expect(() => loadOrCreateNikKey(dir)).toThrow(expect.objectContaining({ code: 'PRINT_LOG_ERROR', message: expect.stringContaining('has 16 bytes; it must have exactly 32') as unknown }));
    expect(readFileSync(join(dir, 'print-log.key'))).toHaveLength(16);
    writeFileSync(join(dir, 'print-log.key'), 'a'.repeat(64));
    expect(() => loadOrCreateNikKey(dir)).toThrow('has 64 bytes');
  });

  it('reports an unreadable key file clearly', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'print-log.key'));
    expect(() => loadOrCreateNikKey(dir)).toThrow(expect.objectContaining({ code: 'PRINT_LOG_ERROR', message: `The print log key ${join(dir, 'print-log.key')} cannot be read.` }));
  });
});

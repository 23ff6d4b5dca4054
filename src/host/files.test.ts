import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../api/test-support.ts';
import { makeDirectory, readSmallFile } from './files.ts';

const tempDir = useTempDirs();
const options = { what: 'The test file', maxBytes: 100, code: 'CONFIG_INVALID' as const, hint: 'h' };

describe('makeDirectory', () => {
  it('creates missing parents one level at a time, each with the mode', () => {
    const dir = join(tempDir(), 'a', 'b', 'c');
    makeDirectory(dir, { mode: 0o700, what: 'The folder', hint: 'h' });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o700);
  });

  it('ends with a clear error where Node\'s recursive mkdir would spin (/proc) or a file stands in the way', () => {
    expect(() => makeDirectory('/proc/x/y', { mode: 0o700, what: 'The folder', hint: 'h' })).toThrow(/The folder \/proc\/x\/y cannot be created \(ENOENT at \/proc\/x\)/);
    const file = join(tempDir(), 'file');
    writeFileSync(file, '');
    expect(() => makeDirectory(join(file, 'sub'), { mode: 0o700, what: 'The folder', hint: 'h' })).toThrow(/is not a folder/);
  });
});

describe('readSmallFile', () => {
  it('reads a regular file up to the cap', () => {
    const file = join(tempDir(), 'ok');
    writeFileSync(file, 'x'.repeat(100));
    expect(readSmallFile(file, options).length).toBe(100);
    writeFileSync(file, 'x'.repeat(101));
    expect(() => readSmallFile(file, options)).toThrow(/is too large \(101 bytes; at most 100\)/);
  });

  it('refuses a device, a FIFO (without waiting for a writer) and a folder, at once', () => {
    const fifo = join(tempDir(), 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readSmallFile('/dev/zero', options)).toThrow(/is not a regular file/);
    expect(() => readSmallFile(fifo, options)).toThrow(/is not a regular file/);
    expect(() => readSmallFile(tempDir(), options)).toThrow(/is a folder, not a file/);
    expect(() => readSmallFile(join(tempDir(), 'missing'), options)).toThrow(/does not exist/);
  });
});

import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../api/test-support.ts';
import { PageRetention } from './page-retention.ts';

const tempDir = useTempDirs();
const NOW = Date.parse('2026-11-20T03:00:00Z');

function pagesFolder(): string {
  const dir = join(tempDir(), 'printed');
  mkdirSync(dir);
  for (const name of ['page-0001.png', 'page-0002.png', '.page-0003.png.partial', 'notes.txt', 'page-1.png']) writeFileSync(join(dir, name), 'x');
  // page-0001 is two hours old, the others were written just now.
  utimesSync(join(dir, 'page-0001.png'), (NOW - 2 * 3_600_000) / 1000, (NOW - 2 * 3_600_000) / 1000);
  for (const name of ['page-0002.png', '.page-0003.png.partial']) utimesSync(join(dir, name), NOW / 1000, NOW / 1000);
  return dir;
}

describe('PageRetention', () => {
  it('"session": every page and page being written goes, nothing else in the folder', () => {
    const dir = pagesFolder();
    const retention = PageRetention.forPrinter(`emulator:${dir}`, 'session', () => NOW);
    expect(retention?.sweep()).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'page-1.png']);
  });

  it('hours: only pages older than that go', () => {
    const dir = pagesFolder();
    const retention = PageRetention.forPrinter(`emulator:${dir}?fault=paper-end-after=10`, 1, () => NOW);
    expect(retention?.sweep()).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['.page-0003.png.partial', 'notes.txt', 'page-0002.png', 'page-1.png']);
  });

  it('a printer that writes no pages has nothing to keep', () => {
    expect(PageRetention.forPrinter('serial:/dev/ttyUSB0', 'session')).toBeNull();
    expect(PageRetention.forPrinter(`file:${join(tempDir(), 'capture.bin')}`, 'session')).toBeNull();
  });
});

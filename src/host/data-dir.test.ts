import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../api/test-support.ts';
import { prepareDataDir, tightenDataDir } from './data-dir.ts';

const tempDir = useTempDirs();
const modeOf = (path: string) => statSync(path).mode & 0o777;

function openFolder(files: Record<string, string>): string {
  const dir = join(tempDir(), 'data');
  mkdirSync(join(dir, 'printed'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o644);
  }
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'printed'), 0o755);
  return dir;
}

describe('the data folder is private', () => {
  it('is created 0700 with its missing parents', () => {
    const dir = join(tempDir(), 'a', 'b', 'data');
    prepareDataDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('tightens what an earlier version left open: the folder, the kiosk files, the pages', () => {
    const dir = openFolder({ 'print-log.sqlite': '', 'demo-registry-state.json': '{}', 'printed/page-0001.png': 'png' });
    const tightened = tightenDataDir(dir);
    expect(tightened).toHaveLength(5);
    expect([dir, join(dir, 'print-log.sqlite'), join(dir, 'demo-registry-state.json'), join(dir, 'printed'), join(dir, 'printed', 'page-0001.png')].map(modeOf)).toEqual([0o700, 0o600, 0o600, 0o700, 0o600]);
    expect(tightenDataDir(dir)).toEqual([]);
  });

  it('never changes a folder that is not the kiosk\'s alone (--data-dir / or a home folder): refused, naming the chmod', () => {
    const dir = openFolder({ 'print-log.sqlite': '', 'notes.txt': 'mine' });
    expect(() => tightenDataDir(dir)).toThrow(/can be read by other users \(mode 755\) and holds files that are not the kiosk's \(notes\.txt\)/);
    expect([modeOf(dir), modeOf(join(dir, 'notes.txt')), modeOf(join(dir, 'print-log.sqlite'))]).toEqual([0o755, 0o644, 0o644]);
  });

  it('in a private folder, leaves what is not the kiosk\'s alone and does not follow links', () => {
    const dir = openFolder({ 'print-log.key': 'k', 'notes.txt': 'mine' });
    chmodSync(dir, 0o700);
    const outside = join(tempDir(), 'outside.txt');
    writeFileSync(outside, 'x');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(dir, 'kiosk.lock.json'));
    tightenDataDir(dir);
    expect([modeOf(join(dir, 'print-log.key')), modeOf(join(dir, 'notes.txt')), modeOf(outside)]).toEqual([0o600, 0o644, 0o644]);
  });
});

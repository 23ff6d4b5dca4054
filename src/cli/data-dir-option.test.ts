import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../api/test-support.ts';
import { commands } from './commands/index.ts';
import { runCli } from './main.ts';
import { fakeIo } from './testing.ts';

/**
 * "--data-dir works with every command" (README): each command parses it (here with arguments
 * it then refuses for another reason, so that nothing is started or printed).
 */
const tempDir = useTempDirs();

const ARGS: Record<string, readonly string[]> = {
  start: ['--shell', 'neither'],
  'demo citizens': ['--json'],
  'demo reset': [],
  'registry serve': [],
  'registry key': ['--config', '/nonexistent/kiosk.json'],
  render: ['kk'],
  verify: [],
  print: ['kk'],
  emulator: [],
  diag: ['--printer', 'nowhere'],
  'test-print': [],
  'log export': [],
  'log stats': [],
  'log verify': ['stray'],
  'staff hash-pin': ['--role', 'boss'],
};

describe('--data-dir', () => {
  it.each(commands.map((c) => c.path.join(' ')))('is accepted by adm-kiosk %s', async (name) => {
    const dir = tempDir();
    const io = fakeIo();
    await runCli([...name.split(' '), ...(ARGS[name] ?? []), '--data-dir', dir], io);
    expect(io.err()).not.toMatch(/Unknown option '--data-dir'/);
    expect(io.err()).not.toMatch(/data-dir/);
  });

  it('covers every command the CLI lists', () => {
    expect(Object.keys(ARGS).sort()).toEqual(commands.map((c) => c.path.join(' ')).sort());
  });

  it('print refuses a document the printer profile cannot print legibly, naming why, exit 2, before touching the folder', async () => {
    const dir = join(tempDir(), 'data');
    const io = fakeIo();
    const code = await runCli(['print', 'kk', '--nik', '3273015708850001', '--pin', '123456', '--profile', 'generic-80mm-203', '--printer', `emulator:${dir}/paper`, '--data-dir', dir], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/the kk cannot be printed legibly on this printer: a 297 x 210 mm page would print at \d+ dpi on the generic-80mm-203 profile/);
    expect(existsSync(dir)).toBe(false);
  });
});

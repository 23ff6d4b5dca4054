import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMonoBitmap, setDot } from '../../../device-drivers/printer/bitmap.ts';
import { gsV0Band } from '../../../device-drivers/printer/dialects/index.ts';
import { cut, initialize } from '../../../device-drivers/printer/escpos-encoder.ts';
import { readPagePng, sameDots } from '../../../device-drivers/printer/page-png.ts';
import { loadProfile } from '../../../device-drivers/printer/profiles.ts';
import { serialPrinter } from '../../../device-drivers/printer/printers.ts';
import { startPtyPair } from '../../../device-drivers/printer/socat-pair.ts';
import { fakeIo } from '../testing.ts';
import { emulatorCommand } from './emulator.ts';

const io = (signal: AbortSignal) => fakeIo({}, signal);
const scratch = mkdtempSync(join(tmpdir(), 'adm-cli-emulator-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function until(check: () => boolean, ms: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('adm-kiosk emulator', () => {
  it('prints a line per page written and stops on Ctrl-C', async () => {
    const pair = await startPtyPair();
    const outDir = join(scratch, 'pages');
    const controller = new AbortController();
    const cli = io(controller.signal);
    const running = emulatorCommand.run(['--device', pair.a, '--out', outDir, '--profile', 'generic-80mm-203'], cli);
    await until(() => cli.out().includes('pages into'), 3000);
    const profile = loadProfile('generic-80mm-203');
    const printer = serialPrinter(profile, pair.b);
    await printer.open();
    const band = createMonoBitmap(576, 16);
    for (let i = 0; i < 16; i += 1) setDot(band, i * 30, i);
    await printer.write(initialize());
    await printer.write(gsV0Band(band));
    await printer.write(cut());
    expect(await printer.status()).toMatchObject({ online: true });
    await until(() => cli.out().includes('page 0001'), 3000);
    expect(cli.out()).toContain('576x16 dots, ended by cut');
    expect(sameDots(readPagePng(join(outDir, 'page-0001.png')), band)).toBe(true);
    controller.abort();
    expect(await running).toBe(0);
    await printer.close();
    await pair.kill();
  });

  it('--pty starts its own pair, names the end for the kiosk, and rehearses a fault', async () => {
    const controller = new AbortController();
    const cli = io(controller.signal);
    const running = emulatorCommand.run(['--pty', '--out', join(scratch, 'pty-pages'), '--fault', 'cover-open-after=0'], cli);
    await until(() => /serial:(\/dev\/\S+)/.test(cli.out()), 5000);
    const device = /serial:(\/dev\/\S+)/.exec(cli.out())?.[1] ?? '';
    expect(cli.out()).toContain('fault cover-open after 0 bytes');
    const printer = serialPrinter(loadProfile('generic-a4-203'), device);
    await printer.open();
    expect(await printer.status()).toMatchObject({ online: false, coverOpen: true });
    await printer.close();
    controller.abort();
    expect(await running).toBe(0);
  });

  it('rejects a bad fault and a missing device with usage errors', async () => {
    const cli = io(new AbortController().signal);
    await expect(emulatorCommand.run(['--device', '/dev/null', '--out', scratch, '--fault', 'paper-end=5'], cli)).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
    await expect(emulatorCommand.run(['--out', scratch], cli)).rejects.toMatchObject({ code: 'ARGUMENT_INVALID', message: expect.stringContaining('--device') as string });
    await expect(emulatorCommand.run(['--device', '/dev/null', '--out', scratch, '--profile', 'nope'], cli)).rejects.toMatchObject({ code: 'PRINTER_PROFILE_UNKNOWN' });
    expect(existsSync(join(scratch, 'page-0001.png'))).toBe(false);
  });
});

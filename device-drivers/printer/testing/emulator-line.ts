import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MonoBitmap } from '../bitmap.ts';
import { runSerialEmulator, type SerialEmulator } from '../emulator-serial.ts';
import type { EmulatorFault } from '../escpos-emulator.ts';
import { pageFileName, readPagePng } from '../page-png.ts';
import type { PrinterProfile } from '../profile-schema.ts';
import { startPtyPair, type PtyPair } from '../socat-pair.ts';

/**
 * A cable in software with a printer at the far end: a socat pty pair whose ends appear at two
 * fixed paths (symlinks), the ESC/POS emulator listening on one, the kiosk's link opening the
 * other (`printerEnd`). `unplug()` kills socat (both ends hang up, the paths vanish);
 * `plugIn()` starts a new pair and emulator at the same paths, like a cable plugged back in.
 */
export interface EmulatorLine {
  /** The path the kiosk's link opens (a symlink to a pty). */
  readonly printerEnd: string;
  readonly outDir: string;
  /** The emulator currently on the line (undefined while unplugged). */
  readonly current: SerialEmulator | undefined;
  /** Page `n` as a PNG in outDir, once written. */
  readonly page: (n: number) => Promise<MonoBitmap | undefined>;
  readonly unplug: () => Promise<void>;
  readonly plugIn: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

export async function startEmulatorLine(options: { dir: string; profile: PrinterProfile; faults?: readonly EmulatorFault[]; plugged?: boolean }): Promise<EmulatorLine> {
  const emulatorEnd = join(options.dir, 'emulator-end');
  const printerEnd = join(options.dir, 'printer-end');
  const outDir = join(options.dir, 'pages');
  let pair: PtyPair | undefined;
  let running: SerialEmulator | undefined;
  const unplug = async (): Promise<void> => {
    const [p, r] = [pair, running];
    pair = undefined;
    running = undefined;
    await p?.kill();
    await r?.stop();
  };
  const plugIn = async (): Promise<void> => {
    pair = await startPtyPair(5000, [emulatorEnd, printerEnd]);
    running = await runSerialEmulator({ device: emulatorEnd, outDir, profile: options.profile, fault: options.faults ?? [] });
    running.done.catch(() => undefined);
  };
  if (options.plugged !== false) await plugIn();
  return {
    printerEnd,
    outDir,
    get current() {
      return running;
    },
    page: (n) => {
      const path = join(outDir, pageFileName(n));
      return Promise.resolve(existsSync(path) ? readPagePng(path) : undefined);
    },
    unplug,
    plugIn,
    stop: unplug,
  };
}

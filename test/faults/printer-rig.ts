import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPtyPair, type PtyPair } from '../../device-drivers/printer/socat-pair.ts';
import type { AdmProcess, Lab } from '../integration/serial-rig.ts';

/**
 * The printer for the fault matrix: `adm-kiosk emulator` (a real process) on one end of a socat
 * pty pair whose ends are symlinks at fixed paths, so the cable can be pulled (`unplug`: socat
 * ends, both ptys hang up) and plugged back (`replug`: a new pair at the same paths, a fresh
 * emulator on it), as a technician swaps a USB-serial adapter. The kiosk prints to `device`
 * (`serial:` or `usblp:`).
 */
export interface FaultPrinter {
  readonly device: string;
  readonly outDir: string;
  /** SIGUSR1: the emulator clears its fault (paper loaded, cover closed, line back). */
  clearFault(): Promise<void>;
  unplug(): Promise<void>;
  replug(faults?: readonly string[]): Promise<void>;
}

export async function startFaultPrinter(lab: Lab, dir: string, faults: readonly string[] = []): Promise<FaultPrinter> {
  const links: [string, string] = [join(dir, 'printer-side'), join(dir, 'kiosk-side')];
  const outDir = join(dir, 'paper');
  mkdirSync(outDir, { recursive: true });
  let pair: PtyPair;
  let emulator: AdmProcess;
  let cleared = 0;
  const plug = async (withFaults: readonly string[]): Promise<void> => {
    pair = await startPtyPair(5000, links);
    // The lab ends the emulator; socat is ended here (unplug) or when the test process exits.
    emulator = lab.spawn(['emulator', '--device', links[0], '--out', outDir, '--profile', 'generic-a4-203', ...withFaults.flatMap((f) => ['--fault', f])]);
    cleared = 0;
    await emulator.waitForOutput(/kill -USR1 \d+ clears a fault/, 60_000);
  };
  await plug(faults);
  return {
    device: links[1],
    outDir,
    clearFault: async () => {
      cleared += 1;
      emulator.child.kill('SIGUSR1');
      await emulator.waitForOutput(/emulator: fault cleared/, 10_000, cleared);
    },
    unplug: async () => {
      await pair.kill();
      emulator.child.kill('SIGTERM');
      await emulator.result;
    },
    replug: (withFaults = []) => plug(withFaults),
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runSerialEmulator } from './emulator-serial.ts';
import { printerContract } from './printer.contract.ts';
import { loadProfile, parseProfile } from './profiles.ts';
import { SerialPrinter } from './serial-printer.ts';
import { startPtyPair } from './testing/socat-pair.ts';

/**
 * The same contract over a real serial line: SerialPrinter on one end of a socat pty pair,
 * the emulator on the other, 115 200 baud. Killing socat is pulling the cable.
 */
const scratch = mkdtempSync(join(tmpdir(), 'adm-serial-printer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

const base = loadProfile('generic-80mm-203');
// Short status timeout so silence is noticed quickly.
const profile = parseProfile({ ...base, responseTimeoutMs: 300 }, 'test profile');

printerContract(
  'SerialPrinter over a socat pty pair to the serial emulator',
  async (setup) => {
    runs += 1;
    const outDir = join(scratch, `run-${runs}`);
    const pair = await startPtyPair();
    const emulator = await runSerialEmulator({ device: pair.a, outDir, profile: setup.profile, fault: setup.faults });
    emulator.done.catch(() => undefined);
    const printer = new SerialPrinter(setup.profile, pair.b, { writeStallMs: 2000 });
    return {
      printer,
      outDir,
      disconnect: () => pair.kill(),
      cleanup: async () => {
        await emulator.stop();
        await pair.kill();
      },
    };
  },
  { profile, pageTimeoutMs: 5000, notRespondingWithinMs: 2000, canDisconnect: true },
);

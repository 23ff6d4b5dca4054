import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { EmulatorPrinter } from './emulator-printer.ts';
import { printerContract } from './printer.contract.ts';
import { loadProfile } from './profiles.ts';

const scratch = mkdtempSync(join(tmpdir(), 'adm-emulator-printer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

printerContract(
  'EmulatorPrinter (in-process, demo mode)',
  (setup) => {
    runs += 1;
    const outDir = join(scratch, `run-${runs}`);
    const printer = new EmulatorPrinter(setup.profile, outDir, { faults: setup.faults });
    return Promise.resolve({ printer, outDir, cleanup: () => Promise.resolve() });
  },
  { profile: loadProfile('generic-80mm-203'), pageTimeoutMs: 1000, notRespondingWithinMs: 500 },
);

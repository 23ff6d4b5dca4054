import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ManualClock } from '../core/clock.ts';
import type { NewPrintJob } from './print-log.ts';
import { PrintLog } from './print-log.ts';

/** Test-only helpers for the print log: a temp folder per test, removed afterwards. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'adm-print-log-'));
    dirs.push(dir);
    return dir;
  };
}

export const TEST_KEY = Buffer.alloc(32, 7);
/** A valid NIK (Jawa Barat, woman born 1 Jan 1990) and one more. */
export const NIK_A = '3201014101900001';
export const NIK_B = '3171011203850002';

export function newJob(overrides: Partial<NewPrintJob> = {}): NewPrintJob {
  return { documentType: 'kk', documentId: 'doc-kk-1', authorizationId: 'auth-1', nik: NIK_A, printer: 'ESC/POS emulator, A4 203 dpi', ...overrides };
}

export function openLog(file: string, clock = new ManualClock(Date.parse('2024-05-01T02:00:00.000Z'))): { log: PrintLog; clock: ManualClock } {
  return { log: PrintLog.open(file, { nikKey: TEST_KEY, clock, kioskId: 'ADM-3201-01' }), clock };
}

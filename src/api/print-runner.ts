import type { Printer } from '../../device-drivers/printer/contract.ts';
import { createPrintRunner } from '../printing/index.ts';
import type { PrintRunner } from './ports.ts';
import { guardFirstByte } from './print-guard.ts';

/**
 * The PrintRunner port over a real printer: each run gets the printer guarded so that the
 * transaction records the first byte before it leaves (src/api/print-guard.ts), and runs only
 * while it holds the printer (`exclusive`, the health monitor's idle polls wait or skip).
 */
export interface PrintRunnerOptions {
  /** How long a fault (paper end, cover open) may last before the job fails. */
  readonly waitOnFaultMs: number;
  /** Status poll period while paused (default: the printing part's). */
  readonly faultPollMs?: number;
  /** Also poll status after every N bands (tests with an in-process printer, whose writes take no time). */
  readonly pollEveryBands?: number;
  /** Runs the job while nobody else uses the printer (the host's printer gate). */
  readonly exclusive?: <T>(job: () => Promise<T>) => Promise<T>;
}

export function bindPrintRunner(printer: Printer, options: PrintRunnerOptions): PrintRunner {
  const exclusive = options.exclusive ?? (<T>(job: () => Promise<T>) => job());
  return (run) =>
    exclusive(() =>
      createPrintRunner(guardFirstByte(printer, run), {
        waitOnFaultMs: options.waitOnFaultMs,
        ...(options.faultPollMs === undefined ? {} : { faultPollMs: options.faultPollMs }),
        ...(options.pollEveryBands === undefined ? {} : { pollEveryBands: options.pollEveryBands }),
      })(run),
    );
}

import type { CardReader } from '../../../device-drivers/card-reader/contract.ts';
import type { Printer } from '../../../device-drivers/printer/contract.ts';
import type { KioskInfo } from '../../api/contract.ts';
import type { CardTestResult, SpeedTestResult, TechHandlers } from '../../api/tech-contract.ts';
import type { Clock } from '../../core/clock.ts';
import { KioskError, toErrorData } from '../../core/errors.ts';
import { listHidDevices, listSerialPorts } from '../../diagnostics/device-lists.ts';
import { cutPaper, feedPaper, printProfileStrips, printTestPage, speedTest, type ActionOutcome } from '../../diagnostics/printer-actions.ts';
import { chainState, countPaper, jobCounts, lastRefill, REFILL_ACTION, type RefillKind } from '../../diagnostics/print-log-reads.ts';
import type { DiagReport } from '../../diagnostics/report.ts';
import { runDiagnostics, type DiagnosticsInput } from '../../diagnostics/run.ts';
import type { PrintLog } from '../../print-log/index.ts';
import type { PaperSettings } from '../../printing/paper-gauge.ts';
import type { Registry } from '../../records/contract.ts';
import type { PrinterGate } from '../printer-gate.ts';
import { cardTest } from './card-test.ts';

/**
 * The technician contract's handlers on a running kiosk. Diagnostics never interrupts a
 * resident: every printer action runs only while nobody else holds the printer (the host's
 * PrinterGate; a resident's print holds it from its first status request to its last byte):
 * otherwise it is refused at once with PRINTER_BUSY, never interleaved. Every action is
 * audited as the technician (test-print, strips, feed, cut, speed-test, card-test, refill,
 * diag-opened), with its outcome in words and never personal data.
 */
export interface TechServiceDeps {
  readonly info: Pick<KioskInfo, 'kioskId' | 'version' | 'mode'>;
  readonly printer: Printer;
  readonly gate: PrinterGate;
  readonly reader: CardReader;
  readonly registry: Registry;
  readonly registryDescription: string;
  readonly printLog: PrintLog;
  readonly dataDir: string;
  /** The configuration as loaded (redacted in the report). */
  readonly config: unknown;
  readonly configProblems: readonly string[];
  readonly paperSettings: PaperSettings;
  /** When the kiosk process started (ms since the epoch). */
  readonly startedAt: number;
  readonly clock: Clock;
  readonly audit: (action: string, detail?: string) => void;
  /** List USB devices and serial ports (default true). */
  readonly listDevices?: boolean;
  /** How long after the last report a new one counts as a new diagnostics visit (default 2 minutes). */
  readonly visitGapMs?: number;
}

export class TechService implements TechHandlers {
  private lastReportAt: number | null = null;

  constructor(private readonly deps: TechServiceDeps) {}

  async getReport(): Promise<DiagReport> {
    const { deps } = this;
    const now = deps.clock.now();
    if (this.lastReportAt === null || now - this.lastReportAt > (deps.visitGapMs ?? 120_000)) deps.audit('diag-opened');
    this.lastReportAt = now;
    const input: DiagnosticsInput = {
      reader: { check: { reader: deps.reader } },
      ...(deps.listDevices === false ? {} : { devices: { listHidDevices, listSerialPorts } }),
      printer: {
        check: {
          printer: deps.printer,
          access: deps.gate,
          paperCounts: () => countPaper(deps.printLog),
          paperSettings: deps.paperSettings,
        },
      },
      registry: { check: { registry: deps.registry, description: deps.registryDescription } },
      system: {
        version: deps.info.version,
        mode: deps.info.mode,
        kioskId: deps.info.kioskId,
        dataDir: deps.dataDir,
        processUptimeSeconds: (now - deps.startedAt) / 1000,
        config: deps.config,
        configProblems: deps.configProblems,
      },
      log: { dataDir: deps.dataDir, printLogCounts: () => jobCounts(deps.printLog), verifyChain: () => chainState(deps.printLog) },
      now: () => new Date(deps.clock.now()),
    };
    return runDiagnostics(input);
  }

  printTestPage(): Promise<ActionOutcome> {
    return this.withPrinter('test-print', async (printer) => {
      const { words, bytes } = await printTestPage(printer, { kioskId: this.deps.info.kioskId, time: new Date(this.deps.clock.now()).toISOString() });
      return { words, bytes };
    });
  }

  printStrips() {
    return this.withPrinter('strips', (printer) => printProfileStrips(printer)).then(({ words, bytes, strips }) => ({ words, bytes, strips: strips.map((s) => ({ ...s, profiles: [...s.profiles] })) }));
  }

  feed(input: { mm: number }): Promise<ActionOutcome> {
    return this.withPrinter('feed', (printer) => feedPaper(printer, input.mm));
  }

  cut(): Promise<ActionOutcome> {
    return this.withPrinter('cut', (printer) => cutPaper(printer));
  }

  speedTest(): Promise<SpeedTestResult> {
    return this.withPrinter('speed-test', (printer) => speedTest(printer));
  }

  async cardTest(input: { seconds: number }): Promise<CardTestResult> {
    try {
      const result = await cardTest(this.deps.reader, input.seconds);
      this.deps.audit('card-test', `${result.outcome}${result.code === undefined ? '' : ` ${result.code}`}`);
      return result;
    } catch (error) {
      this.deps.audit('card-test', `refused ${toErrorData(error).code}`);
      throw error;
    }
  }

  paperRefilled(input: { kind: RefillKind }): Promise<{ refilledAt: string }> {
    this.deps.audit(REFILL_ACTION, input.kind);
    return Promise.resolve({ refilledAt: lastRefill(this.deps.printLog, input.kind) ?? new Date(this.deps.clock.now()).toISOString() });
  }

  /** Runs a printer action only while nobody else holds the printer, and audits it with its outcome. */
  private async withPrinter<T extends ActionOutcome>(action: string, run: (printer: Printer) => Promise<T>): Promise<T> {
    const held = this.deps.gate.tryExclusive(() => run(this.deps.printer));
    if (held === null) {
      this.deps.audit(action, 'refused: the printer was busy printing');
      throw new KioskError('PRINTER_BUSY', 'The printer is printing a document right now; the technician action was not started.', {
        hint: 'Wait until the print has finished, then try again. Diagnostics never interrupts a print.',
      });
    }
    try {
      const outcome = await held;
      this.deps.audit(action, outcome.words);
      return outcome;
    } catch (error) {
      this.deps.audit(action, `failed ${toErrorData(error).code}`);
      throw error;
    }
  }
}

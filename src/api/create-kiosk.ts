import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatedCardReader } from '../../device-drivers/card-reader/simulated-reader.ts';
import type { Printer } from '../../device-drivers/printer/contract.ts';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { openPrinter } from '../../device-drivers/printer/printer-uri.ts';
import { renderDocument } from '../../print-templates/index.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { KioskError, type ErrorData } from '../core/errors.ts';
import { loadOrCreateNikKey, PRINT_LOG_FILE, PrintLog } from '../print-log/index.ts';
import { createPreviewer, createPrintRunner } from '../printing/index.ts';
import { DemoRegistry, demoStateFilePath } from '../records/demo-registry.ts';
import { defaultPrinterUri, type KioskConfig } from './config.ts';
import type { DemoCard, KioskInfo } from './contract.ts';
import type { PrintLogPort } from './ports.ts';
import { KioskService } from './service.ts';

/**
 * The one place where the parts are wired into a kiosk, for every door: the Electron main
 * process, the browser shell and the CLI. Configuration has been validated before this.
 */
export interface Kiosk {
  readonly info: KioskInfo;
  readonly service: KioskService;
  readonly registry: DemoRegistry;
  readonly printer: Printer;
  readonly printLog: PrintLog;
  readonly signer: ReturnType<typeof createDemoSigner>;
  close(): Promise<void>;
}

export interface CreateKioskOptions {
  readonly config: KioskConfig;
  readonly dataDir: string;
  readonly clock?: Clock;
  /** Where technical errors (codes, never personal data) are reported; default stderr. */
  readonly logError?: (context: string, error: ErrorData) => void;
  /** Start the idle clock (default true; the CLI's print command runs without a resident at the screen). */
  readonly interactive?: boolean;
  /** How long a print waits for paper end / cover open to clear before it is cancelled (default 10 minutes). */
  readonly waitOnFaultMs?: number;
}

const projectRoot = join(import.meta.dirname, '..', '..');

export function kioskVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

function defaultLogError(context: string, error: ErrorData): void {
  console.error(JSON.stringify({ at: new Date().toISOString(), level: 'error', context, code: error.code, message: error.message }));
}

/** A print log bound to the service's narrow port. */
function printLogPort(log: PrintLog): PrintLogPort {
  return {
    createJob: (job) => log.createJob(job).id,
    markRendering: (id) => void log.markRendering(id),
    markPrinting: (id, info) => void log.markPrinting(id, info),
    markProgress: (id, info) => void log.markProgress(id, info),
    markPrinted: (id) => void log.markPrinted(id),
    markFailed: (id, error) => void log.markFailed(id, error),
    markCancelled: (id, reason) => void log.markCancelled(id, reason),
  };
}

export async function createKiosk(options: CreateKioskOptions): Promise<Kiosk> {
  const { config, dataDir } = options;
  if (config.mode === 'production') {
    throw new KioskError('CONFIG_INVALID', 'mode "production" needs a real registry and card reader, and this version has only the demo registry and the simulated reader.', {
      hint: 'Run with "mode": "demo" until the registry client and HID card reader are installed.',
    });
  }
  const clock = options.clock ?? systemClock;
  const logError = options.logError ?? defaultLogError;
  mkdirSync(dataDir, { recursive: true });

  const profile = loadProfile(config.printer.profile);
  const printerUri = config.printer.uri ?? defaultPrinterUri(dataDir);
  const printer = openPrinter(printerUri, profile);
  const registry = new DemoRegistry({ ...(config.registry.seed === undefined ? {} : { seed: config.registry.seed }), stateFile: demoStateFilePath(dataDir) });
  const printLog = PrintLog.open(join(dataDir, PRINT_LOG_FILE), { nikKey: loadOrCreateNikKey(dataDir), clock, kioskId: config.kioskId });
  // Jobs the last run left open (power cut, crash): marked interrupted, and their PINs
  // released, since the resident did not get a whole document.
  const interrupted = printLog.recoverInterrupted();
  for (const job of interrupted) {
    await registry.releasePrint(job.authorizationId, 'interrupted').catch(() => undefined);
  }
  if (interrupted.length > 0) {
    logError('start-up', { code: 'PRINT_LOG_ERROR', message: `${interrupted.length} print job(s) left open by the last run were marked interrupted and their PINs released.` });
  }
  const reader = new SimulatedCardReader();
  const signer = createDemoSigner();

  try {
    await printer.open();
  } catch (error) {
    printLog.close();
    throw error;
  }
  await reader.open();

  const info: KioskInfo = {
    mode: config.mode,
    kioskId: config.kioskId,
    version: kioskVersion(),
    printer: `${printer.describe()} (${profile.name})`,
    cardReader: 'simulated (demo card picker)',
    registry: `demo registry (seed ${registry.seed})`,
  };

  const service = new KioskService({
    info,
    registry,
    cardReader: reader,
    printLog: printLogPort(printLog),
    render: (input) => renderDocument(input, { signer, createdAt: new Date(clock.now()) }),
    preview: createPreviewer({ maxWidthPx: 1400, maxHeightPx: 1400 }),
    print: createPrintRunner(printer, { waitOnFaultMs: options.waitOnFaultMs ?? 10 * 60_000 }),
    printerDescription: printer.describe(),
    clock,
    timeouts: { idleMs: config.session.idleSeconds * 1000, resultMs: config.session.resultSeconds * 1000 },
    logError,
    demo: {
      listCards: (): DemoCard[] =>
        registry
          .demoCitizens()
          .filter((citizen) => citizen.documents.some((d) => d.status === 'ready'))
          .map((citizen) => ({
            nik: citizen.nik,
            uid: citizen.cardUid,
            name: citizen.name,
            kabupatenKota: citizen.kabupatenKota,
            documentTypes: [...new Set(citizen.documents.filter((d) => d.status === 'ready').map((d) => d.type))],
          })),
      tapCard: (nik: string) => {
        const citizen = registry.demoCitizens().find((c) => c.nik === nik);
        if (citizen === undefined) {
          throw new KioskError('RESIDENT_NOT_FOUND', 'There is no demo card with this NIK.', { hint: 'Pick one of the demo cards shown on screen.' });
        }
        reader.present({ nik: citizen.nik, uid: citizen.cardUid });
      },
    },
  });
  service.start(options.interactive === false ? null : 1000);

  return {
    info,
    service,
    registry,
    printer,
    printLog,
    signer,
    async close() {
      await service.stop();
      await reader.close();
      await printer.close();
      printLog.close();
    },
  };
}

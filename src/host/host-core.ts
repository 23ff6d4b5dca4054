import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Printer } from '../../device-drivers/printer/contract.ts';
import { loadProfile } from '../../device-drivers/printer/profiles.ts';
import { createDemoSigner } from '../../print-templates/signing.ts';
import type { PauseHook, Renderer } from '../api/ports.ts';
import { reconcileJobs, type ReconcileReport } from '../api/print-recovery.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { DOCUMENT_CATALOGUE, DOCUMENT_TYPES, type DocumentType } from '../core/documents.ts';
import { loadOrCreateNikKey, PRINT_LOG_FILE, PrintLog, type ChainReport } from '../print-log/index.ts';
import { KioskError } from '../core/errors.ts';
import { printability } from '../printing/index.ts';
import { createAppLog, type AppLog } from './app-log.ts';
import type { KioskConfig } from './config.ts';
import { DataDirLock } from './data-dir-lock.ts';
import { createPrivateFile, prepareDataDir, tightenDataDir } from './data-dir.ts';
import { createDocumentRenderer } from './document-renderer.ts';
import { BUILT_IN_PARTS, buildPrinter, buildRegistry, checkConfiguration, type BuiltRegistry, type PartBuilders } from './parts.ts';
import { PrinterGate } from './printer-gate.ts';
import { checkStaffConfig } from './staff/staff-config.ts';
import { testPauseHook } from './test-pause.ts';

/**
 * What every process that writes to a data folder shares, the kiosk (`start`, Electron) and
 * the CLI's `print`: the configuration checked against the parts this version has, the
 * folder (0700) and its lock, the application log, the print log, the registry, the printer
 * (not opened), and start-up recovery, which runs only here, under the lock.
 */
export interface HostCoreOptions {
  readonly config: KioskConfig;
  readonly dataDir: string;
  /** What the lock note says this process is: "start", "electron", "print", ... */
  readonly command: string;
  readonly clock?: Clock;
  /** Default: `<dataDir>/logs/kiosk.log`, echoed to stderr. */
  readonly appLog?: AppLog;
  /** Builders per part kind (tests add the kinds later issues bring). */
  readonly parts?: PartBuilders;
  /** For the test pause hook (ADM_KIOSK_TEST_HOOKS / ADM_KIOSK_TEST_PAUSE_AT). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface HostCore {
  readonly config: KioskConfig;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly lock: DataDirLock;
  readonly appLog: AppLog;
  readonly printLog: PrintLog;
  readonly registry: BuiltRegistry;
  readonly printer: Printer;
  readonly gate: PrinterGate;
  readonly render: Renderer;
  readonly pause: PauseHook | undefined;
  /** The print log's hash chain as start-up found it (diagnostics show it). */
  readonly chainAtStart: ChainReport;
  /** Document types this printer prints legibly (the kiosk offers only these). */
  readonly printable: ReadonlySet<DocumentType>;
  /** Settles jobs no live transaction owns (start-up recovery, and later retries). */
  reconcile(context: string, skip?: (jobId: number) => boolean): Promise<ReconcileReport>;
  close(): Promise<void>;
}

const projectRoot = join(import.meta.dirname, '..', '..');

export function kioskVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

function printableTypes(profile: Parameters<typeof printability>[0], appLog: AppLog): Set<DocumentType> {
  const types = new Set<DocumentType>();
  for (const type of DOCUMENT_TYPES) {
    const verdict = printability(profile, DOCUMENT_CATALOGUE[type].pageSize);
    if (verdict.ok) types.add(type);
    else appLog.warn('printer profile', `${type} is not offered: ${verdict.reason ?? 'not printable'}`);
  }
  return types;
}

/**
 * The checks that need no I/O, in the order start-up runs them: the printer profile, the
 * printer's URI, and whether this version can run the configured parts (production mode only
 * on real ones). Throws with exit-2 codes (CONFIG_INVALID, PRINTER_PROFILE_UNKNOWN,
 * PRINTER_URI_INVALID); returns the printer, not opened.
 */
export function preflight(config: KioskConfig, dataDir: string, parts: PartBuilders = BUILT_IN_PARTS): Printer {
  const profile = loadProfile(config.printer.profile);
  const printer = buildPrinter(config, dataDir, profile);
  checkConfiguration(config, printer.link, parts);
  return printer;
}

/**
 * Checks the print log's chain at start-up. A broken chain is evidence, not a reason to stop
 * printing: it is written to the application log (PRINT_LOG_TAMPERED, naming the first bad
 * row) and the kiosk keeps serving; new rows go on linking to the head (docs/decisions/0404).
 */
function checkChainAtStart(log: PrintLog, appLog: AppLog): ChainReport {
  const report = log.verifyChain();
  if (report.ok) {
    appLog.info('print log', `hash chain intact: ${report.rows} row(s), ${report.jobs} job(s)`);
  } else {
    const bad = report.firstBad;
    appLog.error(
      'print log',
      new KioskError('PRINT_LOG_TAMPERED', `The print log does not match its hash chain: first bad row ${bad?.table ?? '?'} ${bad?.id ?? '?'} (${bad?.reason ?? ''}).`, {
        hint: 'Keep the data folder as it is and report it; run adm-kiosk log verify. The kiosk keeps printing and logging.',
      }),
    );
  }
  return report;
}

export async function openHostCore(options: HostCoreOptions): Promise<HostCore> {
  const { config, dataDir } = options;
  const clock = options.clock ?? systemClock;
  const printer = preflight(config, dataDir, options.parts);
  await checkStaffConfig(config);
  const appLogEarly = options.appLog;
  const pause = testPauseHook(options.env ?? {}, config.mode, (line) => process.stderr.write(`${line}\n`));
  prepareDataDir(dataDir);
  const lock = DataDirLock.acquire(dataDir, options.command, clock);
  let printLog: PrintLog | undefined;
  let built: BuiltRegistry | undefined;
  try {
    // Everything in the folder readable by the kiosk user only (a folder made by hand, files of earlier versions).
    const tightened = tightenDataDir(dataDir);
    const appLog = appLogEarly ?? createAppLog({ dataDir, clock });
    if (tightened.length > 0) appLog.warn('data folder', `${tightened.length} path(s) could be read by other users and are now private: ${tightened.slice(0, 5).join(', ')}${tightened.length > 5 ? ', ...' : ''}`);
    // SQLite would create the log 0644 (its -wal and -shm files take the log's mode).
    createPrivateFile(join(dataDir, PRINT_LOG_FILE));
    printLog = PrintLog.open(join(dataDir, PRINT_LOG_FILE), { nikKey: loadOrCreateNikKey(dataDir), clock, kioskId: config.kioskId });
    const log = printLog;
    const chainAtStart = checkChainAtStart(log, appLog);
    const registry = buildRegistry(config.registry, { dataDir, kioskId: config.kioskId, clock, report: (where, error) => appLog.error(where, error) }, options.parts ?? BUILT_IN_PARTS);
    built = registry;
    const reconcile = (context: string, skip?: (jobId: number) => boolean) =>
      reconcileJobs({ registry: registry.registry, log, report: (where, error) => appLog.error(where, error) }, { context, ...(skip === undefined ? {} : { skip }) });
    // Start-up recovery: only here, under the lock, so every open job's owner is gone.
    const recovered = await reconcile('start-up recovery');
    if (recovered.settled + recovered.deferred > 0) {
      appLog.warn(
        'start-up recovery',
        `${recovered.settled} print job(s) left open by the last run were settled (${recovered.needsReview} need review, PIN held); ${recovered.deferred} wait for the registry.`,
      );
    }
    const core: HostCore = {
      config,
      dataDir,
      clock,
      lock,
      appLog,
      printLog: log,
      registry,
      printer,
      gate: new PrinterGate(),
      render: createDocumentRenderer({ signer: createDemoSigner(), clock }),
      pause,
      printable: printableTypes(printer.profile, appLog),
      chainAtStart,
      reconcile,
      async close() {
        await printer.close().catch((error: unknown) => appLog.error('closing the printer', error));
        await registry.close?.().catch((error: unknown) => appLog.error('closing the registry', error));
        log.close();
        lock.release();
      },
    };
    return core;
  } catch (error) {
    await built?.close?.().catch(() => undefined);
    printLog?.close();
    lock.release();
    throw error;
  }
}

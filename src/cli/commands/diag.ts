import type { CardReader } from '../../../device-drivers/card-reader/contract.ts';
import { createCardReader } from '../../../device-drivers/card-reader/create-card-reader.ts';
import type { NodeHidApi } from '../../../device-drivers/card-reader/node-hid-api.ts';
import type { Printer } from '../../../device-drivers/printer/contract.ts';
import { loadProfile } from '../../../device-drivers/printer/profiles.ts';
import { KioskError, toErrorData, type ErrorData } from '../../core/errors.ts';
import { listHidDevices, listSerialPorts } from '../../diagnostics/device-lists.ts';
import { readerVerdict } from '../../diagnostics/reader-checks.ts';
import { verdictOfCode } from '../../diagnostics/printer-words.ts';
import { OK_NOTHING_TO_DO, type CheckResult, type DiagReport } from '../../diagnostics/report.ts';
import { formatReport, runDiagnostics, type DiagnosticsInput, type Part } from '../../diagnostics/run.ts';
import { paperSettings, type KioskConfig } from '../../host/config.ts';
import { DataDirLock, describeHolder, readLockHolder, type LockHolder } from '../../host/data-dir-lock.ts';
import { prepareDataDir } from '../../host/data-dir.ts';
import { readHealthSnapshot, type HealthSnapshot } from '../../host/health-snapshot.ts';
import { kioskVersion } from '../../host/host-core.ts';
import { buildPrinter, buildRegistry, configurationProblems } from '../../host/parts.ts';
import { openPrintLogForChecks } from '../../diagnostics/print-log-reads.ts';
import { parseOptions, type CliIo, type Command } from '../command.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { configWithPrinter } from './printer-options.ts';

const HELP = `adm-kiosk diag [--json] [--printer URI] [--profile ID] [--config FILE] [--data-dir DIR]

Runs the technician's checks, the same the diagnostics screen shows, in five sections:
reader (connected, firmware, last error; USB HID devices and serial ports present),
printer (link, profile, baud, live status in words with what to do; paper since the last
refill), registry (reachable, latency, TLS certificate, kiosk credential), system (version,
uptime, data folder and free disk, configuration with secrets redacted) and log (application
log tail, print jobs needing review, print log integrity).

While a kiosk runs on the data folder it owns the printer and the card reader: diag does not
open them and reports the kiosk's own view of them instead (its health file). --printer
names another printer to check (a spare on the bench), which diag opens itself.

  --json           the report as JSON (for monitoring)
  --printer URI    check this printer instead of the configured one (serial:..., usblp:..., emulator:...)
  --profile ID     its printer profile (default: the configured one)
  --config FILE    the kiosk configuration (default: embedded demo defaults)
  ${DATA_DIR_HELP}

Exit status: 0 nothing broken (warnings may be listed), 1 something is broken, 2 bad arguments.
`;

export interface DiagDeps {
  /** node-hid or the fake bus (tests). */
  readonly hid?: NodeHidApi;
  /** How long to wait for a HID reader to answer (default 3 s). */
  readonly readerWaitMs?: number;
  readonly listDevices?: boolean;
}

function substitute(check: CheckResult): Part<never> {
  return { substitute: [check] };
}

function fromKiosk(snapshot: HealthSnapshot | null, holder: LockHolder | null, part: 'printer' | 'card-reader'): { problem: ErrorData | null; note: string } {
  const who = describeHolder(holder);
  if (snapshot === null) return { problem: null, note: `held by ${who}; it has written no health file yet` };
  const problem = snapshot.availability.problems.find((p) => p.part === part)?.error ?? null;
  return { problem, note: `as ${who} saw it at ${snapshot.at}` };
}

function printerFromKiosk(snapshot: HealthSnapshot | null, holder: LockHolder | null, printer: Printer): Part<never> {
  const { problem, note } = fromKiosk(snapshot, holder, 'printer');
  const label = `Printer status (${printer.profile.name})`;
  if (problem === null) return substitute({ id: 'printer.status', label, level: snapshot === null ? 'warn' : 'ok', words: `${snapshot === null ? 'not known' : 'in service'} (${note})`, whatToDo: snapshot === null ? 'Run diag again in a few seconds, or open the diagnostics screen on the kiosk.' : OK_NOTHING_TO_DO, facts: { address: printer.describe() } });
  const verdict = verdictOfCode(problem);
  return substitute({ id: 'printer.status', label, level: verdict.level, words: `${verdict.words} (${note})`, whatToDo: verdict.whatToDo, code: problem.code, facts: { address: printer.describe() } });
}

function readerFromKiosk(snapshot: HealthSnapshot | null, holder: LockHolder | null): Part<never> {
  const { problem, note } = fromKiosk(snapshot, holder, 'card-reader');
  if (problem === null) return substitute({ id: 'reader.connection', label: 'Card reader', level: snapshot === null ? 'warn' : 'ok', words: `${snapshot === null ? 'not known' : 'connected'} (${note})`, whatToDo: OK_NOTHING_TO_DO });
  const verdict = readerVerdict({ kind: 'hid', connected: false, cardPresent: false, firmwareVersion: null, lastError: { code: 'CARD_READER_DISCONNECTED', message: problem.message }, device: '' });
  return substitute({ id: 'reader.connection', label: 'Card reader', level: 'broken', words: `${verdict.words} (${note})`, whatToDo: verdict.whatToDo, code: 'CARD_READER_DISCONNECTED' });
}

async function waitForReader(reader: CardReader, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !reader.status().connected && reader.status().lastError === null) await new Promise((resolve) => setTimeout(resolve, 50));
}

interface Gathered {
  readonly input: DiagnosticsInput;
  close(): Promise<void>;
}

async function gather(config: KioskConfig, dataDir: string, printerGiven: boolean, deps: DiagDeps): Promise<Gathered> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const fn of closers.reverse()) await fn().catch(() => undefined);
  };
  try {
    prepareDataDir(dataDir);
    let lock: DataDirLock | null = null;
    let holder: LockHolder | null = null;
    try {
      lock = DataDirLock.acquire(dataDir, 'diag');
      const taken = lock;
      closers.push(() => Promise.resolve(taken.release()));
    } catch (error) {
      if (!(error instanceof KioskError) || error.code !== 'DATA_DIR_LOCKED') throw error;
      holder = readLockHolder(dataDir);
    }
    const kioskRuns = lock === null;
    const snapshot = kioskRuns ? readHealthSnapshot(dataDir) : null;
    const profile = loadProfile(config.printer.profile);
    const printerObject = buildPrinter(config, dataDir, profile);
    let printer: DiagnosticsInput['printer'];
    const readLog = openPrintLogForChecks(dataDir, paperSettings(config));
    closers.push(() => Promise.resolve(readLog.close()));
    if (kioskRuns && !printerGiven) {
      printer = printerFromKiosk(snapshot, holder, printerObject);
    } else {
      closers.push(() => printerObject.close());
      try {
        await printerObject.open();
      } catch {
        // Not there: the status check names it (not connected).
      }
      printer = { check: { printer: printerObject, ...readLog.paper } };
    }
    const listing = deps.listDevices === false ? {} : { listHidDevices, listSerialPorts };
    let reader: DiagnosticsInput['reader'];
    if (kioskRuns) reader = readerFromKiosk(snapshot, holder);
    else if (config.cardReader.kind === 'simulated') {
      reader = { substitute: [{ id: 'reader.connection', label: 'Card reader', level: 'ok', words: 'simulated reader (demo card picker): it exists only inside a running kiosk', whatToDo: OK_NOTHING_TO_DO }] };
    } else {
      const cardReader = createCardReader(config.cardReader, { ...(deps.hid === undefined ? {} : { hid: deps.hid }), onListenerError: () => undefined });
      closers.push(() => cardReader.close());
      await cardReader.open();
      await waitForReader(cardReader, deps.readerWaitMs ?? 3000);
      reader = { check: { reader: cardReader } };
    }
    let registry: DiagnosticsInput['registry'];
    try {
      const built = buildRegistry(config.registry, { dataDir });
      registry = { check: { registry: built.registry, description: built.description } };
    } catch (error) {
      const data = toErrorData(error);
      registry = substitute({ id: 'registry.reachability', label: 'Registry reachable', level: 'broken', words: data.message, whatToDo: data.hint ?? 'Fix the registry settings (docs/operations.md).', code: data.code });
    }
    const started = holder === null ? Date.now() - process.uptime() * 1000 : Date.parse(holder.startedAt);
    const input: DiagnosticsInput = {
      reader,
      devices: listing,
      printer,
      registry,
      system: {
        version: kioskVersion(),
        mode: config.mode,
        kioskId: config.kioskId,
        dataDir,
        processUptimeSeconds: (Date.now() - started) / 1000,
        config,
        configProblems: configurationProblems(config, printerObject.link),
      },
      log: { dataDir, ...readLog.log },
      now: () => new Date(),
    };
    return { input, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function diagnose(config: KioskConfig, dataDir: string, printerGiven: boolean, deps: DiagDeps = {}): Promise<DiagReport> {
  const gathered = await gather(config, dataDir, printerGiven, deps);
  try {
    return await runDiagnostics(gathered.input);
  } finally {
    await gathered.close();
  }
}

export const diagCommand: Command = {
  path: ['diag'],
  summary: 'check the card reader, printer, registry, system and logs (exit 1 when something is broken)',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseOptions(args, {
      json: { type: 'boolean' },
      printer: { type: 'string' },
      profile: { type: 'string' },
      config: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    const config = configWithPrinter(values.config, values.printer, values.profile);
    const report = await diagnose(config, resolveDataDir(values['data-dir'], io.env), values.printer !== undefined);
    io.stdout.write(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.level === 'broken' ? 1 : 0;
  },
};

import type { CardFault } from '../../device-drivers/card-reader/card-fault.ts';
import type { CardReader } from '../../device-drivers/card-reader/contract.ts';
import type { Printer } from '../../device-drivers/printer/contract.ts';
import type { DemoCard, KioskInfo } from '../api/contract.ts';
import { bindPrintRunner } from '../api/print-runner.ts';
import { KioskService, type DemoHooks } from '../api/service.ts';
import { KioskError } from '../core/errors.ts';
import type { PrintLog } from '../print-log/index.ts';
import { createPreviewer } from '../printing/index.ts';
import type { Registry } from '../records/contract.ts';
import type { DemoRegistry } from '../records/demo-registry.ts';
import type { AppLog } from './app-log.ts';
import { countPaper } from '../diagnostics/print-log-reads.ts';
import { estimatePaper } from '../printing/paper-gauge.ts';
import { paperSettings } from './config.ts';
import { HealthMonitor } from './health.ts';
import { logReaderEvents } from './reader-log.ts';
import { writeHealthSnapshot } from './health-snapshot.ts';
import { kioskVersion, openHostCore, type HostCore, type HostCoreOptions } from './host-core.ts';
import { PageRetention } from './page-retention.ts';
import { buildCardReader, printerUriOf, REAL_PRINTER_LINKS, type BuiltCardReader, type BuiltRegistry } from './parts.ts';
import { StaffAccess } from './staff/staff-access.ts';
import { FleetPush } from './fleet/fleet-push.ts';
import { kioskMetrics, startMetricsServer, type MetricsServer } from './fleet/metrics.ts';
import { staffPinHashes } from './staff/staff-config.ts';
import { testReconcileEveryMs } from './test-pause.ts';

/**
 * The kiosk, as every door runs it (CLI `start`, Electron main): the host core (lock, logs,
 * registry, printer, recovery) plus the card reader, the health monitor and the session
 * service. A real printer that cannot be opened at start-up does not stop the kiosk: it
 * starts out of service and comes back by itself when the printer does.
 */
export interface Kiosk {
  readonly info: KioskInfo;
  readonly service: KioskService;
  readonly registry: Registry;
  /** The demo registry in demo mode (demo card picker, tests); null otherwise. */
  readonly demoRegistry: DemoRegistry | null;
  readonly printer: Printer;
  /** The card reader the configuration names (opened): its `status()` is what technicians see. */
  readonly cardReader: CardReader;
  readonly printLog: PrintLog;
  readonly health: HealthMonitor;
  readonly appLog: AppLog;
  readonly core: HostCore;
  /** Staff sign-in (ops, technician) for the staff contracts (src/host/staff). */
  readonly staff: StaffAccess;
  /** The fleet push (null: no `fleet.otlpLogsUrl`). */
  readonly fleet: FleetPush | null;
  /** `http://127.0.0.1:PORT/metrics` (null: no `metrics.port`). */
  readonly metricsUrl: string | null;
  close(): Promise<void>;
}

/**
 * The long side of a preview page image, in pixels. At the viewer's tap zoom (2.5x) a KK
 * turned on a 1080 x 1920 portrait screen is about 3600 px long on screen: 2000 px keeps the
 * upscale under 2x (1400 px, the first pass, was 2.6x and its 6-point text went soft), for
 * some 0.1-0.25 s more per preview (`npm run bench -- preview`, issue 15).
 */
export const PREVIEW_MAX_PX = 2000;

export interface OpenKioskOptions extends Omit<HostCoreOptions, 'command'> {
  readonly command?: string;
  /** Start the idle clock (default true). */
  readonly interactive?: boolean;
  /** Reconcile jobs the registry could not be told about yet, this often (default 60 s). */
  readonly reconcileEveryMs?: number;
}

function demoHooks(registry: BuiltRegistry, reader: BuiltCardReader, printable: ReadonlySet<string>): DemoHooks | undefined {
  const demo = registry.demo;
  const present = reader.present;
  if (demo === null || present === undefined) return undefined;
  return {
    listCards: (): DemoCard[] =>
      demo
        .demoCitizens()
        .map((citizen) => ({ citizen, ready: citizen.documents.filter((d) => d.status === 'ready' && printable.has(d.type)) }))
        .filter(({ ready }) => ready.length > 0)
        .map(({ citizen, ready }) => ({
          nik: citizen.nik,
          uid: citizen.cardUid,
          name: citizen.name,
          kabupatenKota: citizen.kabupatenKota,
          documentTypes: [...new Set(ready.map((d) => d.type))],
        })),
    tapCard: (nik: string, fault?: CardFault) => {
      const citizen = demo.demoCitizens().find((c) => c.nik === nik);
      if (citizen === undefined) throw new KioskError('RESIDENT_NOT_FOUND', 'There is no demo card with this NIK.', { hint: 'Pick one of the demo cards shown on screen.' });
      present({ nik: citizen.nik, uid: citizen.cardUid, ...(fault === undefined ? {} : { fault }) });
    },
  };
}

async function openPrinterOrGoOutOfService(printer: Printer, health: HealthMonitor, appLog: AppLog): Promise<void> {
  try {
    await printer.open();
  } catch (error) {
    if (!REAL_PRINTER_LINKS.includes(printer.link) || !(error instanceof KioskError)) throw error;
    // The printer part keeps looking for its port and says `reconnected` when it is back.
    health.setProblem('printer', error.toErrorData());
    appLog.warn('start-up', `the printer (${printer.describe()}) cannot be opened: ${error.code}; the kiosk starts out of service`);
  }
}

/** The fleet push and the metrics endpoint, each only when configured. */
async function startFleet(config: HostCore['config'], core: HostCore, info: KioskInfo, health: HealthMonitor): Promise<{ fleet: FleetPush | null; metrics: MetricsServer | null }> {
  const report = (context: string, error: unknown) => core.appLog.error(context, error);
  const url = config.fleet.otlpLogsUrl;
  const fleet =
    url === undefined
      ? null
      : new FleetPush({
          log: core.printLog,
          dataDir: core.dataDir,
          kioskId: config.kioskId,
          version: info.version,
          url,
          ...(config.fleet.headers === undefined ? {} : { headers: config.fleet.headers }),
          batchSize: config.fleet.batchSize,
          intervalMs: config.fleet.intervalSeconds * 1000,
          report,
        });
  fleet?.start();
  const port = config.metrics.port;
  let metrics: MetricsServer | null = null;
  try {
    if (port !== undefined) {
      const registry = kioskMetrics({ info, log: core.printLog, availability: () => health.current(), ...(fleet === null ? {} : { fleetCursor: () => fleet.cursor() }) });
      metrics = await startMetricsServer(registry, port, report);
    }
  } catch (error) {
    await fleet?.stop();
    throw error;
  }
  if (metrics !== null) core.appLog.info('start-up', `metrics on ${metrics.url}`);
  return { fleet, metrics };
}

export async function openKiosk(options: OpenKioskOptions): Promise<Kiosk> {
  const reconcileEveryMs = options.reconcileEveryMs ?? testReconcileEveryMs(options.env ?? {}, options.config.mode) ?? 60_000;
  const core = await openHostCore({ ...options, command: options.command ?? 'start' });
  const { config, appLog, printer, registry } = core;
  let reader: CardReader | undefined;
  let stopWatching: () => void = () => undefined;
  try {
    const builtReader = buildCardReader(config.cardReader, { dataDir: core.dataDir, report: (context, error) => appLog.error(context, error) }, options.parts);
    reader = builtReader.reader;
    // Subscribed before the open, so that a reader absent or refused at start-up is logged too.
    const stopReaderLog = logReaderEvents(reader, appLog);
    const health = new HealthMonitor({ printer, gate: core.gate, cardReader: reader, pollMs: config.health.printerPollSeconds * 1000, onInfo: (message) => appLog.info('health', message) });
    // The registry's reachability (the http registry's circuit breaker) is a part's health like the printer's.
    const reachability = registry.reachability;
    if (reachability !== undefined) {
      health.setProblem('registry', reachability.current());
      stopWatching = reachability.watch((problem) => health.setProblem('registry', problem));
      reachability.start();
    }
    await openPrinterOrGoOutOfService(printer, health, appLog);
    await reader.open();
    const hooks = demoHooks(registry, builtReader, core.printable);
    const info: KioskInfo = {
      mode: config.mode,
      kioskId: config.kioskId,
      version: kioskVersion(),
      printer: `${printer.describe()} (${printer.profile.name})`,
      cardReader: builtReader.description,
      registry: registry.description,
      demoCardPicker: hooks !== undefined,
    };
    const staff = new StaffAccess({ dataDir: core.dataDir, pinHashes: staffPinHashes(config), clock: core.clock, audit: (entry) => core.printLog.audit(entry) });
    const service = new KioskService({
      info,
      registry: registry.registry,
      cardReader: reader,
      printLog: core.printLog,
      render: core.render,
      preview: createPreviewer({ maxWidthPx: PREVIEW_MAX_PX, maxHeightPx: PREVIEW_MAX_PX }),
      print: bindPrintRunner(printer, { waitOnFaultMs: config.print.waitOnFaultSeconds * 1000, exclusive: (job) => core.gate.exclusive(job) }),
      printerDescription: printer.describe(),
      clock: core.clock,
      timeouts: { idleMs: config.session.idleSeconds * 1000, resultMs: config.session.resultSeconds * 1000 },
      health,
      printable: (type) => core.printable.has(type),
      report: (context, error) => appLog.error(context, error),
      paperLeft: () => estimatePaper(countPaper(core.printLog), paperSettings(config), health.lastPrinterStatus?.paperNearEnd ?? false).sheetsLeft,
      staff,
      ...(hooks === undefined ? {} : { demo: hooks }),
      ...(core.pause === undefined ? {} : { pause: core.pause }),
    });
    // `adm-kiosk diag` beside the running kiosk reads its health from the data folder.
    const snapshot = () => {
      try {
        writeHealthSnapshot(core.dataDir, health.current(), new Date(core.clock.now()));
      } catch (error) {
        appLog.error('health snapshot', error);
      }
    };
    health.onChange(snapshot);
    snapshot();
    // Printed pages (the emulator's PNGs) kept only as configured: none left from an earlier run,
    // and each session's gone when it ends (or, with hours, once they are that old).
    const retention = PageRetention.forPrinter(printerUriOf(config, core.dataDir), config.printer.keepPages, () => core.clock.now());
    const sweep = (why: string) => {
      const deleted = retention?.sweep() ?? 0;
      if (deleted > 0) appLog.info('printed pages', `${deleted} page file(s) deleted (${why}; printer.keepPages ${JSON.stringify(config.printer.keepPages)})`);
    };
    sweep('start-up');
    let lastStep = 'attract';
    const unwatchSessions = service.onSession((view) => {
      if (view.state.step === 'attract' && lastStep !== 'attract') sweep('session ended');
      lastStep = view.state.step;
    });
    const hourly = config.printer.keepPages === 'session' || retention === null ? null : setInterval(() => sweep('hourly'), 3_600_000);
    hourly?.unref();
    health.start();
    service.start(options.interactive === false ? null : 1000);
    // Confirms and releases the registry could not take at the time are sent again.
    const reconciling = setInterval(() => {
      core.reconcile('reconciliation', (jobId) => service.ownsJob(jobId)).catch((error: unknown) => appLog.error('reconciliation', error));
    }, reconcileEveryMs);
    reconciling.unref();
    // Staff sessions idle for too long end (and are audited) even when nobody calls.
    const sweeping = setInterval(() => staff.sweep(), 5_000);
    sweeping.unref();
    const { fleet, metrics } = await startFleet(config, core, info, health);
    appLog.info('start-up', `kiosk ${config.kioskId} running in ${config.mode} mode; printer ${info.printer}; availability: ${health.current().inService ? 'in service' : 'out of service'}`);
    const openedReader = reader;
    return {
      info,
      service,
      registry: registry.registry,
      demoRegistry: registry.demo,
      printer,
      cardReader: openedReader,
      printLog: core.printLog,
      health,
      appLog,
      core,
      staff,
      fleet,
      metricsUrl: metrics?.url ?? null,
      async close() {
        clearInterval(reconciling);
        stopWatching();
        clearInterval(sweeping);
        if (hourly !== null) clearInterval(hourly);
        staff.close();
        await service.stop();
        unwatchSessions();
        sweep('the kiosk stopped');
        await fleet?.stop();
        await metrics?.close();
        await health.stop();
        await openedReader.close();
        stopReaderLog();
        await core.close();
        appLog.info('shutdown', 'the kiosk stopped');
      },
    };
  } catch (error) {
    stopWatching();
    await reader?.close().catch(() => undefined);
    await core.close();
    throw error;
  }
}

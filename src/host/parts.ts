import { SimulatedCardReader, type SimulatedCard } from '../../device-drivers/card-reader/simulated-reader.ts';
import type { CardReader } from '../../device-drivers/card-reader/contract.ts';
import { createCardReader, type CreateCardReaderOptions } from '../../device-drivers/card-reader/create-card-reader.ts';
import type { Printer, PrinterLinkKind, PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { openPrinter } from '../../device-drivers/printer/printer-uri.ts';
import { join } from 'node:path';
import type { Clock } from '../core/clock.ts';
import { KioskError, type ErrorData } from '../core/errors.ts';
import type { Registry } from '../records/contract.ts';
import { DemoRegistry, demoStateFilePath } from '../records/demo-registry.ts';
import { HttpRegistry } from '../records/http-registry.ts';
import { loadKioskKey } from '../records/request-signing.ts';
import { defaultPrinterUri, type CardReaderConfig, type KioskConfig, type RegistryConfig } from './config.ts';

/**
 * The parts factory: the registry, card reader and printer the configuration names, built by
 * kind. A kind the schema knows but this build has no builder for is refused at start-up
 * naming the part and the key; `mode: "production"` is refused while any configured part is a
 * demo one.
 */
export interface PartContext {
  readonly dataDir: string;
  /** The kiosk's id (config.kioskId): how a registry knows it. */
  readonly kioskId?: string;
  readonly clock?: Clock;
  /** Where a part reports what technicians should read (the application log); never personal data. */
  readonly report?: (context: string, error: unknown) => void;
}

export interface BuiltRegistry {
  readonly registry: Registry;
  /** How the kiosk names it (for technicians; no personal data). */
  readonly description: string;
  /** The demo registry itself, for the demo card picker and `demo` commands; null otherwise. */
  readonly demo: DemoRegistry | null;
  /**
   * The registry's reachability for the health monitor: `watch` is told at once when it goes
   * (why) or comes back (null); `start` begins probing. Absent: always reachable (demo).
   */
  readonly reachability?: {
    watch(listener: (problem: ErrorData | null) => void): () => void;
    current(): ErrorData | null;
    start(): void;
  };
  /** Stops what the registry part runs (probes, the state database). */
  readonly close?: () => Promise<void>;
}

export interface BuiltCardReader {
  readonly reader: CardReader;
  readonly description: string;
  /** Puts a card on the reader (the demo card picker; with `fault`, a read that fails); only the simulated reader can. */
  readonly present?: (card: SimulatedCard) => void;
}

export type RegistryBuilder<K extends RegistryConfig['kind']> = (config: Extract<RegistryConfig, { kind: K }>, context: PartContext) => BuiltRegistry;
export type ReaderBuilder<K extends CardReaderConfig['kind']> = (config: Extract<CardReaderConfig, { kind: K }>, context: PartContext) => BuiltCardReader;

/** Builders per kind. */
export interface PartBuilders {
  readonly registry: { readonly [K in RegistryConfig['kind']]?: RegistryBuilder<K> };
  readonly cardReader: { readonly [K in CardReaderConfig['kind']]?: ReaderBuilder<K> };
}

export const BUILT_IN_PARTS: PartBuilders = {
  registry: {
    demo: (config, context) => {
      const registry = new DemoRegistry({ ...(config.seed === undefined ? {} : { seed: config.seed }), stateFile: demoStateFilePath(context.dataDir), ...(context.clock === undefined ? {} : { clock: context.clock }) });
      return { registry, description: `demo registry (seed ${registry.seed})`, demo: registry, close: () => Promise.resolve(registry.close()) };
    },
    http: (config, context) => {
      const registry = new HttpRegistry({
        url: config.url,
        kioskId: context.kioskId ?? 'ADM-DEMO-01',
        privateKey: loadKioskKey(config.keyFile ?? join(context.dataDir, REGISTRY_KEY_FILE_NAME), { create: true }),
        timeoutMs: config.timeoutSeconds * 1000,
        retries: config.retries,
        breaker: { failureThreshold: config.breaker.failures, cooldownMs: config.breaker.cooldownSeconds * 1000 },
        probeEveryMs: config.probeSeconds * 1000,
        ...(context.clock === undefined ? {} : { clock: context.clock }),
        ...(context.report === undefined ? {} : { report: context.report }),
      });
      return {
        registry,
        description: `registry at ${new URL(config.url).origin} (kiosk ${context.kioskId ?? 'ADM-DEMO-01'})`,
        demo: null,
        reachability: { watch: (listener) => registry.onReachability(listener), current: () => registry.reachability(), start: () => registry.start() },
        close: () => registry.close(),
      };
    },
  },
  cardReader: {
    simulated: () => {
      const reader = new SimulatedCardReader();
      return { reader, description: 'simulated (demo card picker)', present: (card) => reader.present(card) };
    },
    hid: hidReaderPart(),
  },
};

/**
 * The builder of the `hid` card reader: the HID driver on node-hid (loaded on the first open).
 * Tests and benchmarks pass node-hid's stand-in (the fake bus) and shorter timing; the rest of
 * the wiring is the kiosk's own.
 */
export function hidReaderPart(options: Pick<CreateCardReaderOptions, 'hid' | 'timing'> = {}): ReaderBuilder<'hid'> {
  return (config, context) => {
    const report = context.report;
    const reader = createCardReader(config, { ...options, ...(report === undefined ? {} : { onListenerError: (error: unknown) => report('card reader listener', error) }) });
    return { reader, description: reader.status().device };
  };
}

/** The kiosk's registry key in the data folder, unless `registry.keyFile` names another. */
export const REGISTRY_KEY_FILE_NAME = 'registry-key.pem';

/** Where the kiosk's registry key is (the http registry's `keyFile`, or the data folder's). */
export function registryKeyFile(config: KioskConfig, dataDir: string): string {
  return config.registry.kind === 'http' && config.registry.keyFile !== undefined ? config.registry.keyFile : join(dataDir, REGISTRY_KEY_FILE_NAME);
}

/** Printer links that are a real printer; the others (emulator, capture file) are demo parts. */
export const REAL_PRINTER_LINKS: readonly PrinterLinkKind[] = ['serial', 'usblp'];
const REAL_REGISTRIES: readonly RegistryConfig['kind'][] = ['http'];
const REAL_READERS: readonly CardReaderConfig['kind'][] = ['hid'];

export function printerUriOf(config: KioskConfig, dataDir: string): string {
  return config.printer.uri ?? defaultPrinterUri(dataDir);
}

/** Makes the configured printer (not opened). */
export function buildPrinter(config: KioskConfig, dataDir: string, profile: PrinterProfile): Printer {
  return openPrinter(printerUriOf(config, dataDir), profile);
}

/**
 * Every reason the configuration cannot run on this version, each naming the key: kinds this
 * version lacks, and in production mode every demo part. Empty: it can run.
 */
export function configurationProblems(config: KioskConfig, printerLink: PrinterLinkKind, builders: PartBuilders = BUILT_IN_PARTS): string[] {
  const problems: string[] = [];
  const available = (table: object) => Object.keys(table).join(', ');
  if (builders.registry[config.registry.kind] === undefined) {
    problems.push(`registry.kind "${config.registry.kind}" is not available in this version of adm-kiosk (available: ${available(builders.registry)}).`);
  }
  if (builders.cardReader[config.cardReader.kind] === undefined) {
    problems.push(`cardReader.kind "${config.cardReader.kind}" is not available in this version of adm-kiosk (available: ${available(builders.cardReader)}).`);
  }
  if (config.mode === 'production') {
    const demoParts: string[] = [];
    if (!REAL_REGISTRIES.includes(config.registry.kind)) demoParts.push(`registry.kind "${config.registry.kind}"`);
    if (!REAL_READERS.includes(config.cardReader.kind)) demoParts.push(`cardReader.kind "${config.cardReader.kind}"`);
    if (!REAL_PRINTER_LINKS.includes(printerLink)) demoParts.push(`printer.uri (${printerLink}: not a real printer)`);
    if (demoParts.length > 0) problems.push(`mode "production" runs only on real parts; these are demo parts: ${demoParts.join(', ')}.`);
  }
  return problems;
}

/** Refuses (CONFIG_INVALID, exit 2) a configuration this version cannot run, naming every key at fault. */
export function checkConfiguration(config: KioskConfig, printerLink: PrinterLinkKind, builders: PartBuilders = BUILT_IN_PARTS): void {
  const problems = configurationProblems(config, printerLink, builders);
  if (problems.length === 0) return;
  throw new KioskError('CONFIG_INVALID', problems.join('\n'), {
    hint:
      config.mode === 'production'
        ? 'A production kiosk needs registry.kind "http", cardReader.kind "hid" and a serial or USB printer; run with "mode": "demo" until those parts are installed (docs/operations.md).'
        : 'Choose a kind this version has (docs/operations.md lists them).',
  });
}

export function buildRegistry(config: RegistryConfig, context: PartContext, builders: PartBuilders = BUILT_IN_PARTS): BuiltRegistry {
  const build = builders.registry[config.kind] as RegistryBuilder<typeof config.kind> | undefined;
  if (build === undefined) throw new KioskError('CONFIG_INVALID', `registry.kind "${config.kind}" is not available in this version of adm-kiosk.`);
  return build(config, context);
}

export function buildCardReader(config: CardReaderConfig, context: PartContext, builders: PartBuilders = BUILT_IN_PARTS): BuiltCardReader {
  const build = builders.cardReader[config.kind] as ReaderBuilder<typeof config.kind> | undefined;
  if (build === undefined) throw new KioskError('CONFIG_INVALID', `cardReader.kind "${config.kind}" is not available in this version of adm-kiosk.`);
  return build(config, context);
}

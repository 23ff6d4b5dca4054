import { SimulatedCardReader } from '../../device-drivers/card-reader/simulated-reader.ts';
import type { CardReader } from '../../device-drivers/card-reader/contract.ts';
import { createCardReader, type CreateCardReaderOptions } from '../../device-drivers/card-reader/create-card-reader.ts';
import type { Printer, PrinterLinkKind, PrinterProfile } from '../../device-drivers/printer/contract.ts';
import { openPrinter } from '../../device-drivers/printer/printer-uri.ts';
import { KioskError } from '../core/errors.ts';
import type { Registry } from '../records/contract.ts';
import { DemoRegistry, demoStateFilePath } from '../records/demo-registry.ts';
import { defaultPrinterUri, type CardReaderConfig, type KioskConfig, type RegistryConfig } from './config.ts';

/**
 * The parts factory: the registry, card reader and printer the configuration names, built by
 * kind. A kind the schema knows but this version does not have yet (registry `http` until
 * issue 10 adds it) is refused at start-up naming the part and the key; `mode: "production"`
 * is refused while any configured part is a demo one.
 */
export interface PartContext {
  readonly dataDir: string;
  /** Where a part reports what it cannot say otherwise (a card reader listener that threw): the application log. */
  readonly report?: (context: string, error: unknown) => void;
}

export interface BuiltRegistry {
  readonly registry: Registry;
  /** How the kiosk names it (for technicians; no personal data). */
  readonly description: string;
  /** The demo registry itself, for the demo card picker and `demo` commands; null otherwise. */
  readonly demo: DemoRegistry | null;
}

export interface BuiltCardReader {
  readonly reader: CardReader;
  readonly description: string;
  /** Puts a card on the reader (the demo card picker); only the simulated reader can. */
  readonly present?: (card: { nik: string; uid: string }) => void;
}

export type RegistryBuilder<K extends RegistryConfig['kind']> = (config: Extract<RegistryConfig, { kind: K }>, context: PartContext) => BuiltRegistry;
export type ReaderBuilder<K extends CardReaderConfig['kind']> = (config: Extract<CardReaderConfig, { kind: K }>, context: PartContext) => BuiltCardReader;

/** Builders per kind. Issue 10 adds `http` here. */
export interface PartBuilders {
  readonly registry: { readonly [K in RegistryConfig['kind']]?: RegistryBuilder<K> };
  readonly cardReader: { readonly [K in CardReaderConfig['kind']]?: ReaderBuilder<K> };
}

export const BUILT_IN_PARTS: PartBuilders = {
  registry: {
    demo: (config, context) => {
      const registry = new DemoRegistry({ ...(config.seed === undefined ? {} : { seed: config.seed }), stateFile: demoStateFilePath(context.dataDir) });
      return { registry, description: `demo registry (seed ${registry.seed})`, demo: registry };
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

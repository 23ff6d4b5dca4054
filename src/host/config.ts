import { join } from 'node:path';
import { z } from 'zod';
import { hidCardReaderConfigSchema } from '../../device-drivers/card-reader/hid-config.ts';
import { KioskError } from '../core/errors.ts';
import { readSmallFile } from './files.ts';

/**
 * Kiosk configuration. With no file the kiosk runs on embedded defaults (demo mode: demo
 * registry, simulated card reader, ESC/POS emulator writing PNGs into the data folder).
 * A file may override any key; an unknown or misspelt key, or a value outside what is
 * allowed, stops start-up with a message naming the key and the allowed values.
 *
 * The schema knows every part kind the kiosk is designed for (registry demo | http, card
 * reader simulated | hid). Whether this version has a kind is the parts factory's business
 * (src/host/parts.ts): a kind it does not have yet is refused at start-up by name.
 */
const strict = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

export const demoRegistryConfigSchema = strict({
  kind: z.literal('demo'),
  /** Which demo population; absent means the demo registry's own default. */
  seed: z.number().int().min(1).optional(),
});

/**
 * Dukcapil's registry (or `adm-kiosk registry serve`) over HTTP(S), with the API of
 * src/records/registry-api.yaml; requests signed with the kiosk's Ed25519 key (decision 1000).
 */
export const httpRegistryConfigSchema = strict({
  kind: z.literal('http'),
  /** Base URL of the API, e.g. https://registry.example/v1 (registry serve prints its own). */
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  /** The kiosk's private key (PEM, Ed25519); default <data-dir>/registry-key.pem, made on first use. */
  keyFile: z.string().min(1).optional(),
  /** Each attempt of each call ends after this long. */
  timeoutSeconds: z.number().min(0.5).max(60).default(5),
  /** Extra attempts after no answer, a timeout or a 5xx (every call of this API is safe to repeat). */
  retries: z.number().int().min(0).max(5).default(2),
  /** Failed attempts in a row that put the kiosk out of service at once, and how long until it asks again. */
  breaker: strict({
    failures: z.number().int().min(1).max(20).default(3),
    cooldownSeconds: z.number().int().min(1).max(600).default(10),
  }).default({ failures: 3, cooldownSeconds: 10 }),
  /** How often an idle kiosk checks that the registry answers (GET /status). */
  probeSeconds: z.number().int().min(5).max(3600).default(30),
});

export const simulatedReaderConfigSchema = strict({ kind: z.literal('simulated') });

/**
 * The e-KTP reader module over USB HID (issue 9; the driver's own schema): vendor and product
 * id (numbers or hex strings, default 1209:0001), and `serialNumber` or `path` to pick one
 * reader when several with the same ids are attached.
 */
export const hidReaderConfigSchema = hidCardReaderConfigSchema;

export const configSchema = strict({
  mode: z.enum(['demo', 'production']).default('demo'),
  kioskId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'letters, digits and dashes, 3 to 40 characters').default('ADM-DEMO-01'),
  registry: z.discriminatedUnion('kind', [demoRegistryConfigSchema, httpRegistryConfigSchema]).default({ kind: 'demo' }),
  cardReader: z.discriminatedUnion('kind', [simulatedReaderConfigSchema, hidReaderConfigSchema]).default({ kind: 'simulated' }),
  printer: strict({
    /** emulator:DIR, file:PATH, serial:/dev/ttyX?baud=N (and what the printer part accepts). Empty: the emulator in <data-dir>/printed. */
    uri: z.string().min(1).optional(),
    profile: z.string().min(1).default('generic-a4-203'),
    /**
     * How long the emulator's page PNGs (a resident's document) are kept: "session" (deleted
     * when the session that printed them ends, and at start-up), or a number of hours.
     */
    keepPages: z
      .custom<'session' | number>((v) => v === 'session' || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 720), { error: 'must be "session" or a whole number of hours from 1 to 720' })
      .default('session'),
  }).default({ profile: 'generic-a4-203', keepPages: 'session' }),
  session: strict({
    idleSeconds: z.number().int().min(15).max(600).default(60),
    resultSeconds: z.number().int().min(5).max(120).default(15),
  }).default({ idleSeconds: 60, resultSeconds: 15 }),
  health: strict({
    /** How often the idle kiosk asks the printer for its status (never during a print). */
    printerPollSeconds: z.number().int().min(1).max(60).default(3),
  }).default({ printerPollSeconds: 3 }),
  /**
   * Staff PINs for the kiosk screen, as `adm-kiosk staff hash-pin` prints them (scrypt).
   * A role without a hash cannot sign in; demo mode falls back to the documented demo PINs,
   * production refuses them (src/host/staff/).
   */
  staff: strict({
    opsPinHash: z.string().min(1).max(300).optional(),
    technicianPinHash: z.string().min(1).max(300).optional(),
  }).default({}),
  ops: strict({
    /** Where removable drives are mounted: each `<root>/<user>/<label>` folder is offered for export. */
    driveRoots: z.array(z.string().startsWith('/', 'must be an absolute path')).min(1).max(8).default(['/media', '/run/media']),
    /** The kiosk's time zone for the ops screen's days and the export's times: WIB, WITA, WIT, or +HH:MM. */
    timeZone: z.string().regex(/^(WIB|WITA|WIT|UTC|[+-]\d{2}:\d{2})$/, 'must be WIB, WITA, WIT, UTC or an offset such as +07:00').default('WIB'),
  }).default({ driveRoots: ['/media', '/run/media'], timeZone: 'WIB' }),
  /** The fleet push: the print log's rows to a central OTLP collector (absent URL: off). */
  fleet: strict({
    /** OTLP/HTTP logs endpoint, e.g. https://collector.dukcapil.example:4318/v1/logs */
    otlpLogsUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** Extra HTTP headers, e.g. an API key the collector wants. */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'header names are letters, digits and dashes'), z.string().max(1000)).optional(),
    batchSize: z.number().int().min(1).max(5000).default(500),
    intervalSeconds: z.number().int().min(5).max(86_400).default(60),
  }).default({ batchSize: 500, intervalSeconds: 60 }),
  /** Prometheus metrics on 127.0.0.1:<port>/metrics (absent port: off; 0: any free port, for tests). */
  metrics: strict({ port: z.number().int().min(0).max(65_535).optional() }).default({}),
  print: strict({
    /** How long a print waits for paper end / cover open to be fixed before it fails. */
    waitOnFaultSeconds: z.number().int().min(0).max(3600).default(600),
  }).default({ waitOnFaultSeconds: 600 }),
  consumables: strict({
    /** Sheets one paper refill holds (A4 pages from a full roll); absent: only the near-end sensor tells. */
    paperSheetsPerRefill: z.number().int().min(1).max(100_000).optional(),
    /** Card-sized pages one refill holds (KTP-el, KIA); absent: not estimated. */
    cardsPerRefill: z.number().int().min(1).max(100_000).optional(),
    /**
     * Paper is low at or below this many sheets (also what is left when the printer's near-end
     * sensor trips): technicians are warned, and a resident whose document needs more sheets is
     * told before printing.
     */
    lowPaperSheets: z.number().int().min(0).max(10_000).default(10),
  }).default({ lowPaperSheets: 10 }),
});

export type KioskConfig = z.infer<typeof configSchema>;
export type RegistryConfig = KioskConfig['registry'];
export type CardReaderConfig = KioskConfig['cardReader'];

/** The paper gauge's settings from the configuration. */
export function paperSettings(config: KioskConfig): { sheetsPerRefill?: number; cardsPerRefill?: number; lowSheets: number } {
  const c = config.consumables;
  return {
    lowSheets: c.lowPaperSheets,
    ...(c.paperSheetsPerRefill === undefined ? {} : { sheetsPerRefill: c.paperSheetsPerRefill }),
    ...(c.cardsPerRefill === undefined ? {} : { cardsPerRefill: c.cardsPerRefill }),
  };
}

function describeIssue(issue: z.core.$ZodIssue, source: string): string {
  const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${source}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${[...issue.path, k].join('.')}"`).join(', ')}; check the spelling`;
    case 'invalid_value':
      return `${source}: "${key}" must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return `${source}: "${key}" is not one of the accepted forms (see docs/operations.md)`;
    default:
      return `${source}: "${key}" ${issue.message}`;
  }
}

export function parseConfig(raw: unknown, source = 'configuration'): KioskConfig {
  // A file holding `null`, a number or a list is not a configuration (and never the defaults).
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new KioskError('CONFIG_INVALID', `${source}: the configuration must be a JSON object ({ ... }), not ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}.`, {
      hint: 'Write the keys inside braces, e.g. { "mode": "demo" } (see docs/operations.md).',
    });
  }
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue, source));
  throw new KioskError('CONFIG_INVALID', problems.join('\n'), {
    hint: `Known top-level keys: ${Object.keys(configSchema.shape).join(', ')}. See docs/operations.md for every key and its values.`,
  });
}

/** A configuration is a few hundred bytes; anything far larger is not one. */
export const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * Reads and validates a JSON config file; no file given means embedded defaults. The file
 * must be a regular file of at most MAX_CONFIG_BYTES (not a device, a pipe or a folder) and
 * hold a JSON object.
 */
export function loadConfig(file: string | undefined): KioskConfig {
  if (file === undefined) return parseConfig({});
  if (file.trim() === '') throw new KioskError('CONFIG_INVALID', '--config is empty.', { hint: 'Give the path of a JSON configuration file, or leave --config out for the embedded defaults.' });
  const bytes = readSmallFile(file, { what: 'The config file', maxBytes: MAX_CONFIG_BYTES, code: 'CONFIG_INVALID', hint: 'Check the path given to --config: a JSON file (see docs/operations.md).' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', `The config file ${file} is not UTF-8 text.`, { hint: 'Save it as UTF-8 JSON.', cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', `The config file ${file} is not valid JSON: ${(cause as Error).message}.`, { hint: 'Fix the JSON syntax (a validator or `node -e` on the file shows where).', cause });
  }
  return parseConfig(raw, file);
}

export function defaultPrinterUri(dataDir: string): string {
  return `emulator:${join(dataDir, 'printed')}`;
}

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KioskError } from '../../src/core/errors.ts';
import type { PrinterProfile } from './contract.ts';

/**
 * Capability profiles as data: one JSON file per printer model in ./profiles, validated with
 * zod when loaded. A profile decides which commands a printer gets (raster command, band
 * height, cropping, cutter, motion units) and how the kiosk talks to it (baud, flow control,
 * status polling). Dropping a new JSON file into the folder adds a profile.
 */

export const PROFILES_DIR = fileURLToPath(new URL('./profiles/', import.meta.url));

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

export const printerProfileSchema = z
  .object({
    id: z.string().regex(idPattern, 'lower-case letters, digits and dashes'),
    name: z.string().min(1),
    dpi: z.number().int().min(100).max(600),
    widthDots: z.number().int().min(8).max(4096),
    paperWidthMm: z.number().positive().max(300),
    raster: z.strictObject({
      command: z.enum(['gs-v-0', 'gs-8-l', 'esc-star']),
      maxBandHeight: z.number().int().min(1).max(4095),
      segments: z.boolean().default(false),
    }),
    cropBands: z.boolean(),
    cutter: z.boolean(),
    serial: z.strictObject({
      baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200), z.literal(230400), z.literal(460800), z.literal(921600)]),
      flowControl: z.enum(['rtscts', 'xonxoff', 'none']),
    }),
    statusPollIntervalMs: z.number().int().min(50).max(60_000).default(500),
    responseTimeoutMs: z.number().int().min(50).max(60_000).default(1000),
    verticalUnitsPerDot: z.number().int().min(1).max(8).default(1),
    escStarDots: z.union([z.literal(8), z.literal(24)]).default(24),
    cutFeedDots: z.number().int().min(0).max(255).default(0),
    statusCommand: z.enum(['dle-eot', 'none']).default('dle-eot'),
    bufferClear: z.enum(['dle-dc4-8', 'none']).default('none'),
  })
  .strict()
  .refine((p) => p.widthDots % 8 === 0, { message: 'must be a multiple of 8', path: ['widthDots'] })
  .refine((p) => !p.raster.segments || p.raster.command === 'esc-star', {
    message: 'segments need raster.command esc-star (pieces are ESC * images placed with ESC $)',
    path: ['raster', 'segments'],
  })
  .refine((p) => p.raster.command !== 'esc-star' || p.raster.maxBandHeight % (p.escStarDots) === 0 || p.raster.maxBandHeight < p.escStarDots, {
    message: 'must be a multiple of escStarDots for ESC * bands',
    path: ['raster', 'maxBandHeight'],
  });

/** A profile with every optional field filled in. */
export type LoadedPrinterProfile = PrinterProfile & Required<Pick<PrinterProfile, 'statusPollIntervalMs' | 'responseTimeoutMs' | 'verticalUnitsPerDot' | 'escStarDots' | 'cutFeedDots' | 'statusCommand' | 'bufferClear'>>;

/** Validates profile data from anywhere (a file, the kiosk config); errors name the bad key. */
export function parseProfile(data: unknown, source: string): LoadedPrinterProfile {
  const result = printerProfileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.length === 0 ? '(profile)' : issue.path.map(String).join('.');
      return `${key}: ${issue.message}`;
    });
    throw new KioskError('CONFIG_INVALID', `The printer profile ${source} is not valid: ${problems.join('; ')}.`, {
      hint: 'Fix the named keys; docs/printers.md describes every profile key.',
    });
  }
  return result.data;
}

/** Reads and validates one profile file. */
export function loadProfileFile(path: string): LoadedPrinterProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', `The printer profile file ${path} cannot be read.`, { hint: 'Check the path and its permissions.', cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', `The printer profile file ${path} is not valid JSON.`, { hint: 'Fix the JSON syntax (a missing comma or quote).', cause });
  }
  const profile = parseProfile(data, basename(path));
  const expectedId = basename(path, '.json');
  if (profile.id !== expectedId) {
    throw new KioskError('CONFIG_INVALID', `The printer profile ${basename(path)} is not valid: id: must equal the file name "${expectedId}", got "${profile.id}".`, {
      hint: 'Rename the file or fix its id.',
    });
  }
  return profile;
}

/** Ids of the shipped profiles, sorted. */
export function listProfileIds(dir = PROFILES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => basename(name, '.json'))
    .sort();
}

/** Every shipped profile, validated. */
export function listProfiles(dir = PROFILES_DIR): LoadedPrinterProfile[] {
  return listProfileIds(dir).map((id) => loadProfileFile(join(dir, `${id}.json`)));
}

/** One shipped profile by id; an unknown id is PRINTER_PROFILE_UNKNOWN listing the known ids. */
export function loadProfile(id: string, dir = PROFILES_DIR): LoadedPrinterProfile {
  const known = listProfileIds(dir);
  if (!known.includes(id)) {
    throw new KioskError('PRINTER_PROFILE_UNKNOWN', `There is no printer profile "${id}". Known profiles: ${known.join(', ')}.`, {
      hint: 'Pick one of the known profiles, or add a JSON file for your model to device-drivers/printer/profiles/.',
    });
  }
  return loadProfileFile(join(dir, `${id}.json`));
}

/** The profile demo mode uses when none is configured. */
export const DEFAULT_PROFILE_ID = 'generic-a4-203';

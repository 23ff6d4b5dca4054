import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KioskError } from '../../src/core/errors.ts';
import { printerProfileSchema, type PrinterProfile } from './profile-schema.ts';

/**
 * Capability profiles as data: one JSON file per printer model in ./profiles, validated with
 * zod when loaded. A profile decides which commands a printer gets (raster command, band
 * height, cropping, cutter, motion units) and how the kiosk talks to it (baud, flow control,
 * status polling). Dropping a new JSON file into the folder adds a profile.
 */

export const PROFILES_DIR = fileURLToPath(new URL('./profiles/', import.meta.url));

export { printerProfileSchema } from './profile-schema.ts';

/** @deprecated The same as PrinterProfile (every profile is the schema's output). */
export type LoadedPrinterProfile = PrinterProfile;

/**
 * Validates profile data from anywhere (a file, the kiosk config, a test's variant of a shipped
 * profile); the schema fills the defaults. Errors name the bad key.
 */
export function parseProfile(data: unknown, source: string): PrinterProfile {
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
export function loadProfileFile(path: string): PrinterProfile {
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
export function listProfiles(dir = PROFILES_DIR): PrinterProfile[] {
  return listProfileIds(dir).map((id) => loadProfileFile(join(dir, `${id}.json`)));
}

/** One shipped profile by id; an unknown id is PRINTER_PROFILE_UNKNOWN listing the known ids. */
export function loadProfile(id: string, dir = PROFILES_DIR): PrinterProfile {
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

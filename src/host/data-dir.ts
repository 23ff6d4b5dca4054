import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { KioskError } from '../core/errors.ts';

/**
 * Where the kiosk keeps its print log, printed pages (emulator), state and logs:
 * --data-dir, else ADM_KIOSK_DATA_DIR, else the per-user data folder
 * ($XDG_DATA_HOME/adm-kiosk or ~/.local/share/adm-kiosk).
 */
export function resolveDataDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const fromEnv = env['ADM_KIOSK_DATA_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.local', 'share');
  return join(base, 'adm-kiosk');
}

export const DATA_DIR_HELP = '--data-dir DIR   where the print log and printed pages live (default: $ADM_KIOSK_DATA_DIR, else ~/.local/share/adm-kiosk)';

/**
 * Creates the data folder if needed, readable by the kiosk user only (0700), and checks it is
 * a folder. A folder that exists keeps its mode (the technician may have chosen it).
 */
export function prepareDataDir(dir: string): string {
  let created: string | undefined;
  try {
    created = mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (created !== undefined) chmodSync(dir, 0o700);
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', `The data folder ${dir} cannot be created (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`, {
      hint: 'Give --data-dir (or ADM_KIOSK_DATA_DIR) a folder the kiosk user may create and write.',
      cause,
    });
  }
  if (!statSync(dir).isDirectory()) {
    throw new KioskError('CONFIG_INVALID', `The data folder ${dir} is not a folder.`, { hint: 'Give --data-dir a folder.' });
  }
  return dir;
}

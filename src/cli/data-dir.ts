import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the kiosk keeps its print log, printed pages (emulator) and state:
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

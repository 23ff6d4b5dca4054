import { chmodSync, closeSync, lstatSync, openSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { KioskError } from '../core/errors.ts';
import { makeDirectory } from './files.ts';

/**
 * Where the kiosk keeps its print log, printed pages (emulator), state and logs:
 * --data-dir, else ADM_KIOSK_DATA_DIR, else the per-user data folder
 * ($XDG_DATA_HOME/adm-kiosk or ~/.local/share/adm-kiosk). An empty --data-dir is a mistake,
 * never a quiet fallback to the default (an empty variable counts as unset, as usual).
 */
export function resolveDataDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  if (flag !== undefined) {
    if (flag.trim() === '') {
      throw new KioskError('ARGUMENT_INVALID', '--data-dir is empty.', {
        hint: 'Give the data folder, e.g. --data-dir /var/lib/adm-kiosk, or leave --data-dir out to use $ADM_KIOSK_DATA_DIR or ~/.local/share/adm-kiosk.',
      });
    }
    return resolve(flag);
  }
  const fromEnv = env['ADM_KIOSK_DATA_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.local', 'share');
  return join(base, 'adm-kiosk');
}

export const DATA_DIR_HELP = '--data-dir DIR   where the print log and printed pages live (default: $ADM_KIOSK_DATA_DIR, else ~/.local/share/adm-kiosk)';

const DATA_DIR_HINT = 'Give --data-dir (or ADM_KIOSK_DATA_DIR) a folder the kiosk user may create and write.';

/**
 * Creates the data folder if needed (missing parents too), readable by the kiosk user only
 * (0700), and checks it is a folder. Its contents are made private by `tightenDataDir`.
 */
export function prepareDataDir(dir: string): string {
  let existed = true;
  try {
    statSync(dir);
  } catch {
    existed = false;
  }
  makeDirectory(dir, { mode: 0o700, what: 'The data folder', hint: DATA_DIR_HINT });
  if (!statSync(dir).isDirectory()) {
    throw new KioskError('CONFIG_INVALID', `The data folder ${dir} is not a folder.`, { hint: 'Give --data-dir a folder.' });
  }
  if (!existed) chmodSync(dir, 0o700);
  return dir;
}

/** Folders whose contents the kiosk does not manage file by file (Chromium keeps its profile private itself). */
const OPAQUE = new Set(['browser-profile']);

/**
 * The data folder and everything the kiosk keeps in it readable by the kiosk user only:
 * folders 0700, files 0600 (group and other bits removed), two levels deep (the folder, its
 * files, and the files of `printed/` and `logs/`). Returns what it had to tighten (a folder
 * made by hand, or files an earlier version left 0644). A path the kiosk user may not change
 * is refused, naming it: other users could read the residents' data there.
 */
export function tightenDataDir(dir: string): string[] {
  const tightened: string[] = [];
  const visit = (path: string, depth: number) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0) {
      try {
        chmodSync(path, stat.mode & 0o700);
      } catch (cause) {
        throw new KioskError('CONFIG_INVALID', `${path} in the data folder can be read by other users (mode ${(stat.mode & 0o777).toString(8)}) and the kiosk user may not change that.`, {
          hint: `Run: chmod go-rwx ${path} (or chown it to the kiosk user).`,
          cause,
        });
      }
      tightened.push(path);
    }
    if (stat.isDirectory() && depth < 2 && !(depth === 1 && OPAQUE.has(path.slice(dir.length + 1)))) {
      for (const name of readdirSync(path)) visit(join(path, name), depth + 1);
    }
  };
  visit(dir, 0);
  return tightened;
}

/** Creates `file` (if missing) readable by the kiosk user only, before a library opens it with its own default mode. */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, statSync(file).mode & 0o700);
}

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

/**
 * What the kiosk keeps in its data folder, by name (and the temporary files it writes them
 * through). Only these are ever tightened: a data folder pointed at a folder that holds other
 * things (`--data-dir /`, a home folder) is never changed wholesale.
 */
const KIOSK_ENTRY = /^\.?(print-log\.sqlite(-wal|-shm|-journal)?|print-log\.key|kiosk\.lock(\.json|-journal)?|demo-registry-state\.json|browser-launch\.html|logs|printed|browser-profile)([.-][\w.-]*\.(tmp|partial))?$|^\.print-log\.key\.\d+\.[0-9a-f]+$/;
/** Kiosk folders whose files are all the kiosk's (Chromium keeps its own profile private). */
const KIOSK_FOLDERS = new Set(['logs', 'printed']);

function tighten(path: string, mode: number, tightened: string[]): void {
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(path, mode & 0o700);
  } catch (cause) {
    throw new KioskError('CONFIG_INVALID', `${path} in the data folder can be read by other users (mode ${(mode & 0o777).toString(8)}) and the kiosk user may not change that.`, {
      hint: `Run: chmod go-rwx ${path} (or chown it to the kiosk user).`,
      cause,
    });
  }
  tightened.push(path);
}

/**
 * The data folder and what the kiosk keeps in it readable by the kiosk user only: folders
 * 0700, files 0600 (group and other bits removed): the folder, its kiosk files and folders,
 * and the files of `logs/` and `printed/`. Returns what it had to tighten (a folder made by
 * an earlier version, files it left 0644). A data folder that others can read and that holds
 * things that are not the kiosk's is refused (the kiosk will not chmod a folder it does not
 * own the purpose of), and so is a path the kiosk user may not change; each names the chmod.
 */
export function tightenDataDir(dir: string): string[] {
  const tightened: string[] = [];
  const names = readdirSync(dir);
  const root = lstatSync(dir);
  if ((root.mode & 0o077) !== 0) {
    const foreign = names.filter((name) => !KIOSK_ENTRY.test(name));
    if (foreign.length > 0) {
      throw new KioskError('CONFIG_INVALID', `The data folder ${dir} can be read by other users (mode ${(root.mode & 0o777).toString(8)}) and holds files that are not the kiosk's (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}).`, {
        hint: `Give the kiosk a folder of its own (--data-dir), or make this one private: chmod 700 ${dir}`,
      });
    }
    tighten(dir, root.mode, tightened);
  }
  for (const name of names.filter((n) => KIOSK_ENTRY.test(n))) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    tighten(path, stat.mode, tightened);
    if (!stat.isDirectory() || !KIOSK_FOLDERS.has(name)) continue;
    for (const inner of readdirSync(path)) {
      const innerPath = join(path, inner);
      const innerStat = lstatSync(innerPath);
      if (innerStat.isFile()) tighten(innerPath, innerStat.mode, tightened);
    }
  }
  return tightened;
}

/** Creates `file` (if missing) readable by the kiosk user only, before a library opens it with its own default mode. */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, statSync(file).mode & 0o700);
}

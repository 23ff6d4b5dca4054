import { statSync } from 'node:fs';
import { KioskError } from '../core/errors.ts';
import { resolveDataDir as resolveHostDataDir } from '../host/data-dir.ts';
import { UsageError } from './command.ts';

/** The CLI's data folder option: resolved by the host (src/host/data-dir.ts), the same for every door; a bad --data-dir is a usage error (exit 2). */
export { DATA_DIR_HELP } from '../host/data-dir.ts';

/** The data folder the options name; a path that exists but is not a folder (a file, a device) is refused at once. */
export function resolveDataDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  let dir: string;
  try {
    dir = resolveHostDataDir(flag, env);
  } catch (error) {
    if (error instanceof KioskError && error.code === 'ARGUMENT_INVALID') throw new UsageError(error.message, error.hint);
    throw error;
  }
  let isFolder = true;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // missing: the commands that write create it, the others say what is missing
  }
  if (!isFolder) throw new UsageError(`the data folder ${dir} (${flag === undefined ? 'ADM_KIOSK_DATA_DIR' : '--data-dir'}) is not a folder.`, 'Give --data-dir a folder (it is created if missing).');
  return dir;
}

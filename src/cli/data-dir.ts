/** The CLI's data folder option: resolved by the host (src/host/data-dir.ts), the same for every door. */
export { resolveDataDir, DATA_DIR_HELP } from '../host/data-dir.ts';

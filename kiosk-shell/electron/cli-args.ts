/** The flag that makes the packaged app the `adm-kiosk` command line (kiosk-shell/linux/adm-kiosk). */
export const CLI_FLAG = '--adm-cli';

/**
 * The command line's arguments: everything after `--adm-cli` and the `--` that keeps
 * Chromium from reading them as its own switches; null when the app runs as the kiosk.
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  if (at < 0) return null;
  const rest = argv.slice(at + 1);
  return rest[0] === '--' ? rest.slice(1) : rest;
}

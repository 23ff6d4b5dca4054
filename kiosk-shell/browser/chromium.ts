import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Finds the system's Chromium (or Chrome): $ADM_KIOSK_BROWSER first, then the usual paths. */
export function findChromium(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const candidates = [env['ADM_KIOSK_BROWSER'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/**
 * Flags for a kiosk window: app mode, full screen, nothing phoning home, no gestures out.
 * The window opens the launch page (a file only the kiosk user can read, holding the one-time
 * start link: src/host/launch-bootstrap.ts), so no secret is on the command line, which every
 * local user can read in `ps` or /proc/PID/cmdline.
 */
export function kioskBrowserArgs(launchPage: string, profileDir: string): string[] {
  return [
    `--app=${pathToFileURL(launchPage).href}`,
    '--kiosk',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--noerrdialogs',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--disable-features=Translate,TouchpadOverscrollHistoryNavigation',
  ];
}

/**
 * Chromium refuses to run as root with its sandbox on. A kiosk should run as an unprivileged
 * user; as root (containers, first bring-up) the sandbox is turned off and the caller warns.
 */
export function needsNoSandbox(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function launchChromium(binary: string, launchPage: string, profileDir: string, env: NodeJS.ProcessEnv): ChildProcess {
  const args = kioskBrowserArgs(launchPage, profileDir);
  if (needsNoSandbox()) args.push('--no-sandbox');
  return spawn(binary, args, { stdio: 'ignore', env });
}

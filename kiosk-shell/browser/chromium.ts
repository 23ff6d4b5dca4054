import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Finds the system's Chromium (or Chrome): $ADM_KIOSK_BROWSER first, then the usual paths. */
export function findChromium(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const candidates = [env['ADM_KIOSK_BROWSER'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/** Flags for a kiosk window: app mode, full screen, nothing phoning home, no gestures out. */
export function kioskBrowserArgs(url: string, profileDir: string): string[] {
  return [
    `--app=${url}`,
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

export function launchChromium(binary: string, url: string, profileDir: string): ChildProcess {
  const args = kioskBrowserArgs(url, profileDir);
  if (needsNoSandbox()) args.push('--no-sandbox');
  return spawn(binary, args, { stdio: 'ignore' });
}

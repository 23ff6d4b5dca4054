import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sameToken } from './loopback-http.ts';

/**
 * How the kiosk's page gets its API tokens without any of them ever being in a process's
 * arguments, its environment or a URL another user can read (docs/security.md has the
 * reasoning, including a hostile local user racing the browser):
 *
 * 1. `issue()` makes a one-time nonce (256 bits). The start link is
 *    `http://127.0.0.1:PORT/#bootstrap=NONCE`; the fragment never reaches a server.
 * 2. The browser is not given that link on its command line: `writeLaunchPage` writes a tiny
 *    page holding it into the data folder (0700), readable by the kiosk user only (0600), and
 *    the browser is pointed at that file. Other users see the file's path in `ps`, never its
 *    content.
 * 3. The page posts the nonce to `POST /bootstrap` (same origin only) and gets the tokens of
 *    the mounted APIs. The first exchange wins and kills the nonce: a second page load, a
 *    replayed or guessed nonce gets 403. A new `issue()` replaces an unused nonce.
 * 4. The launch page is deleted once used, and when the kiosk stops.
 */
export const LAUNCH_PAGE_FILE = 'browser-launch.html';

export interface BootstrapMount {
  readonly prefix: string;
  /** Null: a mount opened otherwise (a staff sign-in), never handed out by the launch. */
  readonly token: string | null;
}

export class LaunchBootstrap {
  private nonce: Buffer | null = null;
  private launchPage: string | null = null;
  private exchanges = 0;

  constructor(private readonly mounts: readonly BootstrapMount[]) {}

  /** A fresh one-time nonce; any unused earlier one stops working. */
  issue(): string {
    const nonce = randomBytes(32).toString('base64url');
    this.nonce = Buffer.from(nonce);
    return nonce;
  }

  /** How many pages have exchanged a nonce (the kiosk's own page: one per browser launch). */
  get used(): number {
    return this.exchanges;
  }

  /** The tokens by mount prefix, once per nonce; null for anything else. */
  exchange(given: unknown): Record<string, string> | null {
    if (this.nonce === null || typeof given !== 'string' || !sameToken(given, this.nonce)) return null;
    this.nonce = null;
    this.exchanges += 1;
    this.removeLaunchPage();
    // Mounts with a fixed token only: staff mounts are opened by a staff sign-in, never by the launch.
    return Object.fromEntries(this.mounts.flatMap((m) => (m.token === null ? [] : [[m.prefix, m.token]])));
  }

  /**
   * Writes the launch page for `url` (the start link with its nonce) into `dataDir`, readable
   * by the kiosk user only, and returns its path: what the browser is pointed at.
   */
  writeLaunchPage(dataDir: string, url: string): string {
    const file = join(dataDir, LAUNCH_PAGE_FILE);
    const temp = `${file}.${process.pid}.partial`;
    const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const html = `<!doctype html>\n<meta charset="utf-8">\n<meta name="referrer" content="no-referrer">\n<meta http-equiv="refresh" content="0;url=${escaped}">\n<title>ADM kiosk</title>\n`;
    rmSync(temp, { force: true });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, html);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    this.launchPage = file;
    return file;
  }

  removeLaunchPage(): void {
    if (this.launchPage === null) return;
    rmSync(this.launchPage, { force: true });
    this.launchPage = null;
  }
}

/** The start link out of a launch page (what the Electron shell loads). */
export function launchUrlFromPage(html: string): string | null {
  const match = /content="0;url=([^"]+)"/.exec(html);
  return match?.[1] === undefined ? null : match[1].replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

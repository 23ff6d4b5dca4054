import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_FILE } from '../../device-drivers/printer/page-png.ts';
import { parsePrinterUri } from '../../device-drivers/printer/printer-uri.ts';
import type { KioskConfig } from './config.ts';

/**
 * The ESC/POS emulator writes every printed page as a PNG: a resident's document, on disk.
 * The kiosk keeps them only as the configuration says (`printer.keepPages`):
 * - "session" (default): deleted when the session that printed them ends, whatever its end
 *   (done, error, idle, cancelled), and at start-up (pages of a run that crashed or was
 *   killed mid-print, of failed and interrupted jobs);
 * - N hours: pages older than that are deleted at start-up, at every session end and hourly.
 * Only files named like the emulator's pages (`page-NNNN.png`, and `.page-NNNN.png.partial`
 * being written) in its page folder are touched. Other printers leave nothing to delete.
 */
export type KeepPages = KioskConfig['printer']['keepPages'];

export class PageRetention {
  private constructor(
    readonly dir: string,
    readonly keep: KeepPages,
    private readonly now: () => number,
  ) {}

  /** The retention for the configured printer, or null when it writes no pages (not the emulator). */
  static forPrinter(uri: string, keep: KeepPages, now: () => number = Date.now): PageRetention | null {
    const address = parsePrinterUri(uri);
    return address.kind === 'emulator' ? new PageRetention(address.dir, keep, now) : null;
  }

  /** Deletes what is due: every page with "session", pages older than the limit with hours. Returns how many. */
  sweep(): number {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return 0;
    }
    const cutoff = this.keep === 'session' ? Number.POSITIVE_INFINITY : this.now() - this.keep * 3_600_000;
    let deleted = 0;
    for (const name of names) {
      if (!PAGE_FILE.test(name)) continue;
      const path = join(this.dir, name);
      try {
        if (this.keep !== 'session' && statSync(path).mtimeMs > cutoff) continue;
        rmSync(path, { force: true });
        deleted += 1;
      } catch {
        // gone meanwhile
      }
    }
    return deleted;
  }
}

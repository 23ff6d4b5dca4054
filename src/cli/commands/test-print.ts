import { loadProfile } from '../../../device-drivers/printer/profiles.ts';
import { openPrinter } from '../../../device-drivers/printer/printer-uri.ts';
import { printProfileStrips, printTestPage } from '../../diagnostics/printer-actions.ts';
import { join } from 'node:path';
import { systemClock } from '../../core/clock.ts';
import { toErrorData } from '../../core/errors.ts';
import type { KioskConfig } from '../../host/config.ts';
import { DataDirLock } from '../../host/data-dir-lock.ts';
import { prepareDataDir } from '../../host/data-dir.ts';
import { loadOrCreateNikKey, PRINT_LOG_FILE, PrintLog } from '../../print-log/index.ts';
import { parseOptions, requireOption, type CliIo, type Command } from '../command.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { configWithPrinter } from './printer-options.ts';

const HELP = `adm-kiosk test-print --printer URI [--profile ID] [--strips] [--json] [--config FILE] [--data-dir DIR]

Prints the technician's test page on a printer: a millimetre ruler across the full width
(ticks every mm, numbered every cm), a grid of half-inch squares, corner and centre marks,
a full-width bar, a QR code and the kiosk id, profile and time. Lay a ruler on it: if the
ticks do not match, the profile's dpi or width is wrong for this printer.

  --printer URI   serial:/dev/ttyUSB0?baud=115200 | usblp:/dev/usb/lp0 | emulator:DIR | file:PATH
  --profile ID    printer profile (default: the configured one; see docs/printers.md)
  --strips        print the "which profile fits" strips instead: one short labelled strip in
                  each raster command the profile's geometry allows; the one that prints right
                  names the raster setting (the output lists the profiles that use it)
  --json          print the outcome as JSON
  --config FILE   the kiosk configuration (kiosk id, default profile)
  ${DATA_DIR_HELP}
                  the print is audited there (actor technician) unless a kiosk holds the folder

A printer the running kiosk has open cannot be opened here (the port is in use): use the
diagnostics screen on the kiosk, or stop the kiosk first.

Exit status: 0 printed; 1 the printer refused (fault named, with what to do) or is not there;
2 bad arguments.
`;

/**
 * Every staff action is audited: the outcome goes to the data folder's print log as the
 * technician, when this process can take the folder (a running kiosk is the log's only
 * writer; then the print is not audited here, and stderr says so).
 */
function auditor(dataDir: string, config: KioskConfig, io: CliIo) {
  return async <T extends { words: string }>(action: string, run: () => Promise<T>): Promise<T> => {
    let detail: string;
    try {
      const outcome = await run();
      detail = outcome.words;
      record(action, detail);
      return outcome;
    } catch (error) {
      record(action, `failed ${toErrorData(error).code}`);
      throw error;
    }
  };
  function record(action: string, detail: string): void {
    let lock: DataDirLock;
    try {
      prepareDataDir(dataDir);
      lock = DataDirLock.acquire(dataDir, 'test-print');
    } catch (error) {
      io.stderr.write(`adm-kiosk: not audited in ${dataDir}: ${toErrorData(error).message}\n`);
      return;
    }
    try {
      const log = PrintLog.open(join(dataDir, PRINT_LOG_FILE), { nikKey: loadOrCreateNikKey(dataDir), clock: systemClock, kioskId: config.kioskId });
      try {
        log.audit({ actor: 'technician', action, detail: `${detail} (adm-kiosk test-print)` });
      } finally {
        log.close();
      }
    } finally {
      lock.release();
    }
  }
}

export const testPrintCommand: Command = {
  path: ['test-print'],
  summary: 'print the technician test page (or the "which profile fits" strips) on a printer',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseOptions(args, {
      printer: { type: 'string' },
      profile: { type: 'string' },
      strips: { type: 'boolean' },
      json: { type: 'boolean' },
      config: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    const uri = requireOption(values.printer, 'printer', 'the printer to print on, e.g. serial:/dev/ttyUSB0?baud=115200');
    const config = configWithPrinter(values.config, uri, values.profile);
    const printer = openPrinter(uri, loadProfile(config.printer.profile));
    const audit = auditor(resolveDataDir(values['data-dir'], io.env), config, io);
    try {
      await printer.open();
      if (values.strips === true) {
        const outcome = await audit('strips', () => printProfileStrips(printer));
        if (values.json === true) io.stdout.write(`${JSON.stringify({ ok: true, printer: printer.describe(), bytes: outcome.bytes, strips: outcome.strips })}\n`);
        else {
          io.stdout.write(`${outcome.words} on ${printer.describe()}. Pick the strip that prints right:\n`);
          for (const s of outcome.strips) {
            const setting = `raster.command "${s.command}"${s.command === 'esc-star' ? `, raster.segments ${String(s.segments)}` : ''}`;
            io.stdout.write(`  ${s.number}: ${s.name}  ->  ${setting}; profiles: ${s.profiles.length === 0 ? 'none shipped (copy one and change raster)' : s.profiles.join(', ')}\n`);
          }
        }
        return 0;
      }
      const outcome = await audit('test-print', () => printTestPage(printer, { kioskId: config.kioskId, time: new Date().toISOString() }));
      io.stdout.write(values.json === true ? `${JSON.stringify({ ok: true, printer: printer.describe(), bytes: outcome.bytes, qr: outcome.payload })}\n` : `${outcome.words} on ${printer.describe()}\n`);
      return 0;
    } finally {
      await printer.close().catch(() => undefined);
    }
  },
};

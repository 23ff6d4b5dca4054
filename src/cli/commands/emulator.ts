import { join, resolve } from 'node:path';
import { runSerialEmulator } from '../../../device-drivers/printer/emulator-serial.ts';
import { parseFaultSpec, type EmulatedPage, type EmulatorFault } from '../../../device-drivers/printer/escpos-emulator.ts';
import { DEFAULT_PROFILE_ID, listProfileIds, loadProfile } from '../../../device-drivers/printer/profiles.ts';
import { startPtyPair, type PtyPair } from '../../../device-drivers/printer/socat-pair.ts';
import type { KioskError } from '../../core/errors.ts';
import { makeDirectory } from '../../host/files.ts';
import { UsageError, parseOptions, requireOption, type CliIo, type Command } from '../command.ts';

const HELP = `adm-kiosk emulator: an ESC/POS printer in software on a serial device

Usage:
  adm-kiosk emulator --device PATH --out DIR [--profile ID] [--fault SPEC]...
  adm-kiosk emulator --pty --out DIR [--profile ID] [--fault SPEC]...

Decodes what arrives on the serial device into page PNGs (page-0001.png, ... continuing
after pages already in DIR) and answers the kiosk's status requests (DLE EOT in real time,
GS r in order with the data, DLE DC4 fn=8). Runs until Ctrl-C. Prints one line per page
written.

  --device PATH    the serial device to listen on: one end of a socat pty pair
                   (socat -d -d pty,raw,echo=0 pty,raw,echo=0) or a real port wired
                   null-modem to the kiosk
  --pty            start the socat pair itself and print the end the kiosk should use
                   (printer = serial:/dev/pts/N, or usblp:/dev/pts/N to rehearse a USB
                   printer-class printer: the kiosk then opens the pty as it would
                   /dev/usb/lp0)
  --out DIR        where the pages go
  --data-dir DIR   without --out: the pages go to DIR/printed (where the kiosk's emulator puts them)
  --profile ID     printer model to behave as (default ${DEFAULT_PROFILE_ID});
                   known: ${listProfileIds().join(', ')}
  --fault SPEC     fail on purpose, to rehearse the kiosk's error handling:
                   paper-end-after=BYTES   out of paper after BYTES bytes
                   cover-open-after=BYTES  cover opened after BYTES bytes
                   near-end-after=BYTES    paper near end after BYTES bytes
                   silent-after=BYTES      stops answering and printing
                   cutter-error-after=BYTES  a jammed cutter (offline, error)
                   head-hot-after=BYTES    print head too hot (offline, error)
                   ignores-dle-dc4-after=BYTES
                                           from then on drops DLE DC4 fn=8 (buffer
                                           clear) unanswered, like many clones
                   (may be repeated)

While it runs, \`kill -USR1 PID\` (the PID it prints at start) clears the fault as a technician
would: paper loaded, cover closed, printer answering again. The kiosk's job then resumes.

Example:
  adm-kiosk emulator --pty --out /tmp/pages --profile generic-a4-203 --fault paper-end-after=200000
`;

function pageLine(page: EmulatedPage): string {
  return `page ${String(page.sequence).padStart(4, '0')}: ${page.bitmap.width}x${page.bitmap.height} dots, ended by ${page.endedBy}${page.path === undefined ? '' : ` -> ${page.path}`}\n`;
}

export const emulatorCommand: Command = {
  path: ['emulator'],
  summary: 'run the ESC/POS printer emulator on a serial device (pages as PNGs)',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseOptions(args, {
      device: { type: 'string' },
      pty: { type: 'boolean' },
      out: { type: 'string' },
      profile: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.device !== undefined && values.pty === true) throw new UsageError('give either --device or --pty, not both.');
    if (values.device === undefined && values.pty !== true) requireOption(values.device, 'device', 'the serial device to listen on (or --pty)');
    // With --data-dir and no --out, pages go where the kiosk's own emulator puts them.
    const outDir = values.out === undefined && values['data-dir'] !== undefined ? join(resolve(values['data-dir']), 'printed') : resolve(requireOption(values.out, 'out', 'the folder for page PNGs'));
    // The page folder first: a path that cannot be a folder fails now, not at the first page.
    makeDirectory(outDir, { mode: 0o700, what: 'The page folder', code: 'ARGUMENT_INVALID', hint: 'Give --out a folder the user may create and write.' });
    const profile = loadProfile(values.profile ?? DEFAULT_PROFILE_ID);
    let faults: EmulatorFault[];
    try {
      faults = (values.fault ?? []).map(parseFaultSpec);
    } catch (error) {
      const kioskError = error as KioskError;
      throw new UsageError(`--fault: ${kioskError.message}`, kioskError.hint);
    }

    let pair: PtyPair | undefined;
    let device = values.device ?? '';
    if (values.pty === true) {
      pair = await startPtyPair();
      device = pair.a;
    }
    let clearOnSignal: (() => void) | undefined;
    try {
      let warningsShown = 0;
      const showWarnings = (): void => {
        const warnings = running.emulator.warnings;
        for (; warningsShown < warnings.length; warningsShown += 1) io.stderr.write(`  warning: ${warnings[warningsShown] ?? ''}\n`);
      };
      const running = await runSerialEmulator({
        device,
        outDir,
        profile,
        fault: faults,
        signal: io.signal,
        onPage: (page) => {
          io.stdout.write(pageLine(page));
          showWarnings();
        },
      });
      io.stdout.write(`emulator: ${profile.id} (${profile.widthDots} dots, ${profile.dpi} dpi) on ${device}, pages into ${outDir}\n`);
      if (pair !== undefined) io.stdout.write(`emulator: point the kiosk at printer serial:${pair.b} (or usblp:${pair.b} for a USB printer)\n`);
      for (const fault of faults) io.stdout.write(`emulator: fault ${fault.kind} after ${fault.afterBytes} bytes\n`);
      // A technician "fixes" the printer with a signal: paper loaded, cover closed, line back.
      clearOnSignal = () => {
        running.clearFault();
        io.stdout.write(`emulator: fault cleared (paper loaded, cover closed, printer answering) after ${running.emulator.bytesReceived} bytes\n`);
      };
      process.on('SIGUSR1', clearOnSignal);
      io.stdout.write(`emulator: kill -USR1 ${process.pid} clears a fault\n`);
      // A silent printer pauses the port (nothing read), which leaves the event loop empty:
      // without this the process would end while waiting for the technician's signal.
      const keepAlive = setInterval(() => undefined, 60_000);
      await running.done.finally(() => clearInterval(keepAlive));
      // flushPage() reports the page through onPage, which prints its line.
      running.emulator.flushPage();
      // Warnings since the last page (a buffer clear it did not know, during a fault nobody fixed).
      showWarnings();
      io.stdout.write(`emulator: stopped after ${running.emulator.bytesReceived} bytes\n`);
      return 0;
    } finally {
      if (clearOnSignal !== undefined) process.off('SIGUSR1', clearOnSignal);
      await pair?.kill();
    }
  },
};

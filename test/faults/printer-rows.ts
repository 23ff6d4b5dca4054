import { documentStatus, printLog, tempDir, type Lab } from '../integration/serial-rig.ts';
import { startFaultKiosk, until, type FaultKiosk } from './fault-kiosk.ts';
import { startFaultPrinter, type FaultPrinter } from './printer-rig.ts';
import { holders, nextResidentPrints, seen, tracesInDataFolder, upToPreview, type Holder } from './resident.ts';
import { crashLines, type MatrixRow, type RowOutcome } from './rows.ts';

/**
 * The printer rows: a real kiosk process printing over a socat pty pair (serial, or usblp as
 * a USB printer-class device is opened) to `adm-kiosk emulator`, a real process that takes
 * the fault. Each row has its own kiosk, printer and data folder, so rows run side by side.
 */
export interface PrinterRow extends MatrixRow {
  readonly link: 'serial' | 'usblp';
  readonly faults: readonly string[];
  /** What happens once the fault shows: clear it, cancel, pull the cable... Returns a note for the table. */
  readonly act: (rig: { kiosk: FaultKiosk; printer: FaultPrinter }) => Promise<string>;
}

const PAPER_END_BYTES = 20_000;

export const PRINTER_ROWS: readonly PrinterRow[] = [
  {
    id: 'paper-end',
    fault: 'paper end',
    how: `emulator --fault paper-end-after=${PAPER_END_BYTES} (serial)`,
    inNpmTest: true,
    group: 'paper-end',
    link: 'serial',
    faults: [`paper-end-after=${PAPER_END_BYTES}`],
    act: async ({ printer }) => {
      await printer.clearFault();
      return 'paper loaded (emulator SIGUSR1): the print resumes';
    },
  },
  {
    id: 'cover-open',
    fault: 'cover open',
    how: `emulator --fault cover-open-after=${PAPER_END_BYTES} (serial)`,
    inNpmTest: false,
    group: 'cover-open',
    link: 'serial',
    faults: [`cover-open-after=${PAPER_END_BYTES}`],
    act: async ({ kiosk, printer }) => {
      await kiosk.api().cancelPrint({});
      await printer.clearFault();
      return 'the resident cancels; then the cover is closed (emulator SIGUSR1)';
    },
  },
  {
    id: 'printer-silent',
    fault: 'printer silent',
    how: `emulator --fault silent-after=${PAPER_END_BYTES} (serial)`,
    inNpmTest: true,
    group: 'printer-silent',
    link: 'serial',
    faults: [`silent-after=${PAPER_END_BYTES}`],
    act: async ({ printer }) => {
      await printer.clearFault();
      return 'the printer answers again (emulator SIGUSR1)';
    },
  },
  {
    id: 'serial-removed',
    fault: 'serial device removed',
    how: `socat killed mid-page (serial link)`,
    inNpmTest: true,
    group: 'serial-removed',
    link: 'serial',
    faults: [`paper-end-after=${PAPER_END_BYTES}`],
    act: async ({ printer }) => {
      await printer.unplug();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await printer.replug();
      return 'adapter pulled while the page waited, plugged back after 1 s (same path, fresh printer)';
    },
  },
  {
    id: 'usb-removed',
    fault: 'USB printer removed',
    how: `socat killed mid-page (usblp link)`,
    inNpmTest: false,
    group: 'usb-removed',
    link: 'usblp',
    faults: [`paper-end-after=${PAPER_END_BYTES}`],
    act: async ({ printer }) => {
      await printer.unplug();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await printer.replug();
      return 'printer pulled while the page waited, plugged back after 1 s';
    },
  },
];

/** Runs one printer row end to end: the fault during a print, its end, the next resident's print. */
export async function runPrinterRow(lab: Lab, row: PrinterRow): Promise<RowOutcome> {
  const dir = tempDir(`adm-fault-${row.id}-`);
  const printer = await startFaultPrinter(lab, dir, row.faults);
  const uri = row.link === 'serial' ? `serial:${printer.device}?baud=115200` : `usblp:${printer.device}`;
  const kiosk = await startFaultKiosk({
    dir,
    config: { printer: { uri, profile: 'generic-a4-203' }, print: { waitOnFaultSeconds: 20 }, health: { printerPollSeconds: 1 } },
  });
  try {
    const api = kiosk.api();
    const [first, next] = (await holders(kiosk.dataDir, 'kk', 2)) as [Holder, Holder];
    const preview = await upToPreview(api, first);
    if (preview.state.step !== 'previewing') throw new Error(`no preview: ${seen(preview)}`);
    await api.startPrint({});
    // The fault shows (the paper-end / cover / silent faults hold the page; the removal rows pull the cable while it waits).
    const waiting = await until(api, (view) => view.state.step !== 'printing' || view.state.progress.fault !== null, 'a fault on the printing screen');
    const during = seen(waiting);
    const note = await row.act({ kiosk, printer });
    const end = await until(api, (view) => view.state.step === 'done' || view.state.step === 'error', 'the end of the faulted session', 60_000);
    const after = seen(end);
    const [rows, registry] = await Promise.all([printLog(kiosk.dataDir), documentStatus(kiosk.dataDir, first.documentId)]);
    await api.endSession({});
    await nextResidentPrints(api, next);
    const traces = tracesInDataFolder(kiosk.dataDir, first);
    return {
      traces, during, after, log: rows.find((r) => r.document_id === first.documentId), registry: registry ?? 'unknown', lastView: end, note, crashes: crashLines(kiosk.output()) };
  } finally {
    await kiosk.stop();
  }
}

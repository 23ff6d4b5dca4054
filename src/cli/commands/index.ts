import type { Command, CommandEntry } from '../command.ts';

/**
 * Every adm-kiosk command, in the order `adm-kiosk --help` lists them. Each module is loaded
 * only when its command runs, so `adm-kiosk log export` does not pay for the PDF and printer
 * stacks that `start` and `print` need (a technician on SSH notices seconds).
 */
const lazy = (path: readonly string[], summary: string, load: () => Promise<Command>): CommandEntry => ({ path, summary, load });

export const commands: readonly CommandEntry[] = [
  lazy(['start'], 'run the kiosk (Electron, or the browser shell in the system Chromium)', async () => (await import('./start.ts')).startCommand),
  lazy(['demo', 'citizens'], 'list the demo residents with their card UIDs and print PINs', async () => (await import('./demo.ts')).demoCitizensCommand),
  lazy(['demo', 'reset'], 'make every demo print PIN usable again (clears the demo registry state)', async () => (await import('./demo.ts')).demoResetCommand),
  lazy(['registry', 'serve'], 'serve the demo registry over HTTP with the registry API (for registry.kind "http")', async () => (await import('./registry.ts')).registryServeCommand),
  lazy(['registry', 'key'], "print this kiosk's registry public key for enrolment (makes the key on first use)", async () => (await import('./registry.ts')).registryKeyCommand),
  lazy(['render'], "render a demo resident's KK, KTP-el, KIA or akta to a PDF", async () => (await import('./render.ts')).renderCommand),
  lazy(['verify'], 'check the signed QR code on a rendered PDF or a photo of a printed document', async () => (await import('./verify.ts')).verifyCommand),
  lazy(['print'], 'redeem a PIN and print a document to a printer, with logging', async () => (await import('./print.ts')).printCommand),
  lazy(['diag'], 'check the card reader, printer, registry, system and logs (exit 1 when something is broken)', async () => (await import('./diag.ts')).diagCommand),
  lazy(['test-print'], 'print the technician test page (or the "which profile fits" strips) on a printer', async () => (await import('./test-print.ts')).testPrintCommand),
  lazy(['emulator'], 'run the ESC/POS printer emulator on a serial device (pages as PNGs)', async () => (await import('./emulator.ts')).emulatorCommand),
  lazy(['log', 'export'], 'export the print log for a range of days as CSV or NDJSON', async () => (await import('./log.ts')).logExportCommand),
  lazy(['log', 'verify'], "check the print log's hash chain: name the first row that was edited, deleted, inserted or moved", async () => (await import('./log-verify.ts')).logVerifyCommand),
  lazy(['staff', 'hash-pin'], 'make the scrypt hash of a staff (ops or technician) PIN for the configuration', async () => (await import('./staff.ts')).staffHashPinCommand),
  lazy(['log', 'stats'], 'count print jobs and pages per document type and state for a range of days', async () => (await import('./log.ts')).logStatsCommand),
];

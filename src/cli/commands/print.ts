import { parseConfig } from '../../api/config.ts';
import type { SessionView } from '../../api/contract.ts';
import { createKiosk } from '../../api/create-kiosk.ts';
import { DOCUMENT_TYPES, isDocumentType } from '../../core/documents.ts';
import { KioskError, type ErrorData, type ErrorCode } from '../../core/errors.ts';
import { parseNik } from '../../core/nik.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { parseIntegerOption, parseOptions, requireOption, UsageError, type Command } from '../command.ts';

const HELP = `adm-kiosk print <${DOCUMENT_TYPES.join('|')}> --nik NIK --pin PIN --printer URI
                 [--document ID] [--profile ID] [--wait-on-fault SECONDS] [--json] [--data-dir DIR]

Redeems the document's one-time PIN, renders it, prints it and logs the job, through the same
kiosk service the touchscreen uses (demo registry). Exits 0 only when the printer took the
whole job; on failure the PIN is released so it can be used again.

  --nik NIK               the resident whose document it is (demo residents: adm-kiosk demo citizens)
  --pin PIN               the document's one-time print PIN
  --printer URI           emulator:DIR | file:PATH | serial:/dev/ttyX?baud=115200[&flow=rtscts|xonxoff|none]
  --document ID           which document, when the resident has several of this type
  --profile ID            printer profile (default generic-a4-203; see docs/printers.md)
  --wait-on-fault SECONDS how long to wait for paper end / cover open to be fixed (default 30)
  --json                  print the outcome as JSON
  ${DATA_DIR_HELP}
`;

/** Faults named in both languages, as a technician at an Indonesian kiosk reads them. */
const FAULT_WORDS: Partial<Record<ErrorCode, string>> = {
  PRINTER_PAPER_END: 'kertas habis / paper end',
  PRINTER_COVER_OPEN: 'penutup printer terbuka / cover open',
  PRINTER_OFFLINE: 'printer offline',
  PRINTER_ERROR: 'printer error',
  PRINTER_NOT_RESPONDING: 'printer tidak menjawab / printer not responding',
  PRINTER_DISCONNECTED: 'printer terputus / printer disconnected',
  PRINT_CANCELLED: 'dibatalkan / cancelled',
};

function words(error: ErrorData): string {
  return FAULT_WORDS[error.code] ?? error.code;
}

export const printCommand: Command = {
  path: ['print'],
  summary: 'redeem a PIN and print a document to a printer, with logging',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(
      args,
      {
        nik: { type: 'string' },
        pin: { type: 'string' },
        printer: { type: 'string' },
        document: { type: 'string' },
        profile: { type: 'string' },
        'wait-on-fault': { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
      true,
    );
    const type = positionals[0];
    if (type === undefined || !isDocumentType(type) || positionals.length > 1) {
      throw new UsageError(`the document type must be one of ${DOCUMENT_TYPES.join(', ')}${type === undefined ? '' : `; got "${positionals.join(' ')}"`}.`);
    }
    const nikText = requireOption(values.nik, 'nik', 'the 16-digit NIK of the resident');
    try {
      parseNik(nikText);
    } catch (error) {
      throw new UsageError(`--nik: ${(error as Error).message}`);
    }
    const nik = nikText.replace(/[\s.-]/g, '');
    const pin = requireOption(values.pin, 'pin', 'the one-time print PIN (4 to 8 digits)');
    if (!/^\d{4,8}$/.test(pin)) throw new UsageError('--pin must be 4 to 8 digits.');
    const printerUri = requireOption(values.printer, 'printer', 'emulator:DIR, file:PATH or serial:/dev/ttyX?baud=115200');
    const waitSeconds = values['wait-on-fault'] === undefined ? 30 : parseIntegerOption(values['wait-on-fault'], 'wait-on-fault', 0, 86_400);
    const config = parseConfig({ printer: { uri: printerUri, ...(values.profile === undefined ? {} : { profile: values.profile }) } }, 'command line');
    const dataDir = resolveDataDir(values['data-dir'], io.env);

    // The outcome is reported below in words; the kiosk's technical error lines only on request.
    const logError = (context: string, error: ErrorData) => {
      if (io.env['ADM_KIOSK_DEBUG'] === '1') io.stderr.write(`debug: ${context}: ${error.code} ${error.message}\n`);
    };
    const kiosk = await createKiosk({ config, dataDir, interactive: false, waitOnFaultMs: waitSeconds * 1000, logError });
    const service = kiosk.service;
    let lastFault: string | null = null;
    const finished = new Promise<SessionView['state']>((resolve) => {
      service.onSession((view) => {
        const state = view.state;
        if (state.step === 'printing') {
          const fault = state.progress.fault;
          if (fault !== null && fault.code !== lastFault) io.stderr.write(`waiting: ${words(fault)} - ${fault.hint ?? fault.message} (up to ${waitSeconds} s)\n`);
          if (fault === null && lastFault !== null) io.stderr.write('fault cleared, resuming\n');
          lastFault = fault?.code ?? null;
        }
        if (state.step === 'done' || state.step === 'error') resolve(state);
      });
    });
    const abort = () => {
      if (!service.cancelPrint()) void service.endSession({}).catch(() => undefined);
    };
    io.signal.addEventListener('abort', abort, { once: true });
    try {
      await service.tapDemoCard({ nik });
      const chosen = await waitFor(service, (s) => s.step === 'choosing' || s.step === 'error');
      if (chosen.step === 'error') throw new KioskError(chosen.error.code, chosen.error.message, chosen.error.hint === undefined ? {} : { hint: chosen.error.hint });
      if (chosen.step !== 'choosing') throw new KioskError('INTERNAL', 'unexpected session step');
      const candidates = chosen.documents.filter((d) => d.type === type && (values.document === undefined || d.id === values.document));
      if (candidates.length === 0) {
        throw new KioskError('DOCUMENT_NOT_FOUND', `This resident has no print-ready ${type}${values.document === undefined ? '' : ` with id ${values.document}`}.`, {
          hint: 'See adm-kiosk demo citizens for each resident\'s documents; a printed document needs a new authorization.',
        });
      }
      if (candidates.length > 1) throw new UsageError(`this resident has ${candidates.length} print-ready ${type} documents; choose one with --document (${candidates.map((d) => d.id).join(', ')}).`);
      const documentId = candidates[0]?.id ?? '';
      await service.chooseDocument({ documentId });
      await service.submitPin({ pin });
      const afterPin = service.view().state;
      if (afterPin.step === 'authorizing' && afterPin.error !== null) throw new KioskError(afterPin.error.code, afterPin.error.message, afterPin.error.hint === undefined ? {} : { hint: afterPin.error.hint });
      if (afterPin.step !== 'previewing') {
        const notice = afterPin.step === 'choosing' ? afterPin.notice : null;
        throw new KioskError(notice?.code ?? 'INTERNAL', notice?.message ?? 'The document could not be prepared for printing.', notice?.hint === undefined ? {} : { hint: notice.hint });
      }
      const pages = afterPin.pageCount;
      await service.startPrint();
      const end = await finished;
      if (end.step === 'error') {
        const error = end.error;
        const outcome = { ok: false, type, documentId, error: { code: error.code, message: error.message, words: words(error) } };
        if (values.json === true) io.stdout.write(`${JSON.stringify(outcome)}\n`);
        io.stderr.write(`adm-kiosk: print failed: ${words(error)}. ${error.message}\n${error.hint === undefined ? '' : `  ${error.hint}\n`}  The PIN was released; nothing was logged as printed.\n`);
        return 1;
      }
      const outcome = { ok: true, type, documentId, pages, printer: kiosk.info.printer };
      io.stdout.write(values.json === true ? `${JSON.stringify(outcome)}\n` : `printed ${type} ${documentId}: ${pages} page(s) on ${kiosk.info.printer}\n`);
      return 0;
    } finally {
      io.signal.removeEventListener('abort', abort);
      await kiosk.close();
    }
  },
};

function waitFor(service: { view(): SessionView; onSession(l: (v: SessionView) => void): () => void }, done: (state: SessionView['state']) => boolean): Promise<SessionView['state']> {
  const now = service.view().state;
  if (done(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const stop = service.onSession((view) => {
      if (done(view.state)) {
        stop();
        resolve(view.state);
      }
    });
  });
}

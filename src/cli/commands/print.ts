import { loadProfile } from '../../../device-drivers/printer/profiles.ts';
import { bindPrintRunner } from '../../api/print-runner.ts';
import { PrintTransaction, type Settlement } from '../../api/print-transaction.ts';
import { DOCUMENT_CATALOGUE, DOCUMENT_TYPES, isDocumentType, type DocumentType } from '../../core/documents.ts';
import { KioskError, type ErrorCode, type ErrorData } from '../../core/errors.ts';
import { parseNik } from '../../core/nik.ts';
import { PIN_LENGTH_RANGE } from '../../core/record.ts';
import { createAppLog } from '../../host/app-log.ts';
import { loadConfig, parseConfig, type KioskConfig } from '../../host/config.ts';
import { openHostCore, type HostCore } from '../../host/host-core.ts';
import { printability } from '../../printing/index.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { parseIntegerOption, parseOptions, requireOption, UsageError, type CliIo, type Command } from '../command.ts';

const HELP = `adm-kiosk print <${DOCUMENT_TYPES.join('|')}> --nik NIK --pin PIN [--printer URI]
                 [--document ID] [--profile ID] [--wait-on-fault SECONDS] [--json]
                 [--config FILE] [--data-dir DIR]

Prints one document as one print transaction, the same the touchscreen uses: the intent is
logged, the registry the configuration names redeems the one-time PIN, the document is
rendered, printed and logged, and the PIN confirmed. No card and no session are involved.
Exits 0 only when the printer took the whole job. On failure before any page came out the
PIN is released; once a page may have come out it is held and the job marked needs-review.

The data folder must not be in use: while a kiosk serves it, print refuses and names it.

  --nik NIK               the resident whose document it is (demo residents: adm-kiosk demo citizens)
  --pin PIN               the document's one-time print PIN
  --printer URI           emulator:DIR | file:PATH | serial:/dev/ttyX?baud=115200[&flow=rtscts|xonxoff|none]
                          (default: the configured printer)
  --document ID           which document; required unless the registry is the demo registry
                          (which finds the resident's print-ready document of the type)
  --profile ID            printer profile (default: the configured one; see docs/printers.md)
  --wait-on-fault SECONDS how long to wait for paper end / cover open to be fixed (default 30)
  --json                  print the outcome as JSON
  --config FILE           JSON configuration: which registry and printer (default: demo)
  ${DATA_DIR_HELP}

Exit status: 0 printed; 1 the print failed or was refused (PIN, registry, printer, data folder
in use); 2 bad arguments, configuration, or a document the printer profile cannot print
legibly (for example an A4 KK on an 80 mm profile: nothing is attempted, the reason is named).
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
  PRINT_INTERRUPTED: 'terputus / interrupted',
};

function words(error: ErrorData): string {
  return FAULT_WORDS[error.code] ?? error.code;
}

/** A one-time print PIN as the registry issues them (the kiosk's PIN pad takes the same). */
const PIN_DIGITS = new RegExp(`^\\d{${PIN_LENGTH_RANGE.min},${PIN_LENGTH_RANGE.max}}$`);

const PIN_SENTENCE: Record<'still-valid' | 'needs-review' | 'spent', string> = {
  'still-valid': 'The PIN was released; nothing was logged as printed.',
  'needs-review': 'Pages may have come out: the PIN is held and the job is marked needs-review in the print log; check what was printed, then confirm or release the PIN at the registry.',
  spent: 'The PIN is spent.',
};

interface PrintArgs {
  readonly type: DocumentType;
  readonly nik: string;
  readonly pin: string;
  readonly documentId: string | undefined;
  readonly waitSeconds: number;
  readonly json: boolean;
  readonly config: KioskConfig;
  readonly dataDir: string;
}

function parse(args: readonly string[], io: CliIo): PrintArgs {
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
      config: { type: 'string' },
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
  const pin = requireOption(values.pin, 'pin', `the one-time print PIN (${PIN_LENGTH_RANGE.min} to ${PIN_LENGTH_RANGE.max} digits)`);
  if (!PIN_DIGITS.test(pin)) throw new UsageError(`--pin must be ${PIN_LENGTH_RANGE.min} to ${PIN_LENGTH_RANGE.max} digits, as the registry issued it.`);
  const base = loadConfig(values.config);
  const printer = {
    ...base.printer,
    ...(values.printer === undefined ? {} : { uri: values.printer }),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
  };
  const config = parseConfig({ ...base, printer }, values.config ?? 'command line');
  return {
    type,
    nik: nikText.replace(/[\s.-]/g, ''),
    pin,
    documentId: values.document,
    waitSeconds: values['wait-on-fault'] === undefined ? 30 : parseIntegerOption(values['wait-on-fault'], 'wait-on-fault', 0, 86_400),
    json: values.json === true,
    config,
    dataDir: resolveDataDir(values['data-dir'], io.env),
  };
}

/** The document to print: given, or with the demo registry the resident's print-ready one of the type. */
function chooseDocument(core: HostCore, args: PrintArgs): string {
  if (args.documentId !== undefined) return args.documentId;
  const demo = core.registry.demo;
  if (demo === null) throw new UsageError(`--document is required with the ${core.config.registry.kind} registry (the kiosk cannot list a resident's documents without their card).`);
  const citizen = demo.demoCitizens().find((c) => c.nik === args.nik);
  const candidates = (citizen?.documents ?? []).filter((d) => d.type === args.type && d.status === 'ready');
  if (candidates.length === 0) {
    throw new KioskError('DOCUMENT_NOT_FOUND', `This resident has no print-ready ${args.type}.`, {
      hint: "See adm-kiosk demo citizens for each resident's documents; a printed document needs a new authorization.",
    });
  }
  if (candidates.length > 1) throw new UsageError(`this resident has ${candidates.length} print-ready ${args.type} documents; choose one with --document (${candidates.map((d) => d.id).join(', ')}).`);
  return candidates[0]?.id ?? '';
}

async function run(core: HostCore, args: PrintArgs, io: CliIo): Promise<{ settlement: Settlement; documentId: string }> {
  const documentId = chooseDocument(core, args);
  const { printer, appLog } = core;
  const tx = new PrintTransaction(
    {
      registry: core.registry.registry,
      log: core.printLog,
      render: core.render,
      print: bindPrintRunner(printer, { waitOnFaultMs: args.waitSeconds * 1000, exclusive: (job) => core.gate.exclusive(job) }),
      printer: printer.describe(),
      report: (context, error) => appLog.error(context, error),
      ...(core.pause === undefined ? {} : { pause: core.pause }),
    },
    { nik: args.nik, documentId, documentType: args.type },
  );
  const stop = () => {
    tx.cancel('resident', 'cancelled from the command line').catch((error: unknown) => appLog.error('cancel', error));
  };
  io.signal.addEventListener('abort', stop, { once: true });
  try {
    const authorized = await tx.authorize(args.pin);
    if (!authorized.ok) return { settlement: authorized.settlement, documentId };
    const rendered = await tx.render();
    if (!rendered.ok) return { settlement: rendered.settlement, documentId };
    let lastFault: string | null = null;
    const settlement = await tx.print({
      onProgress: () => undefined,
      onFault: (fault) => {
        if (fault !== null && fault.code !== lastFault) io.stderr.write(`waiting: ${words(fault)} - ${fault.hint ?? fault.message} (up to ${args.waitSeconds} s)\n`);
        if (fault === null && lastFault !== null) io.stderr.write('fault cleared, resuming\n');
        lastFault = fault?.code ?? null;
      },
    });
    return { settlement, documentId };
  } finally {
    io.signal.removeEventListener('abort', stop);
  }
}

export const printCommand: Command = {
  path: ['print'],
  summary: 'redeem a PIN and print a document to a printer, with logging',
  help: HELP,
  async run(argv, io) {
    const args = parse(argv, io);
    // A document this printer cannot print legibly is refused before anything is touched.
    const verdict = printability(loadProfile(args.config.printer.profile), DOCUMENT_CATALOGUE[args.type].pageSize);
    if (!verdict.ok) throw new UsageError(`the ${args.type} cannot be printed legibly on this printer: ${verdict.reason ?? 'not printable'}.`, 'Use a printer profile for an A4-width printer (see docs/printers.md).');
    const appLog = createAppLog({ dataDir: null, echo: io.env['ADM_KIOSK_DEBUG'] === '1', stderr: (line) => io.stderr.write(`debug: ${line}\n`) });
    const core = await openHostCore({ config: args.config, dataDir: args.dataDir, command: 'print', appLog, env: io.env });
    try {
      try {
        await core.printer.open();
      } catch (error) {
        // A printer absent at start-up keeps looking for its port in the background: stop it.
        await core.printer.close().catch(() => undefined);
        throw error;
      }
      const { settlement, documentId } = await run(core, args, io);
      const printerName = `${core.printer.describe()} (${core.printer.profile.name})`;
      if (settlement.outcome === 'printed') {
        const outcome = { ok: true, type: args.type, documentId, pages: settlement.pageCount, printer: printerName, pin: settlement.pin };
        io.stdout.write(args.json ? `${JSON.stringify(outcome)}\n` : `printed ${args.type} ${documentId}: ${settlement.pageCount} page(s) on ${printerName}\n`);
        return 0;
      }
      const error = settlement.error;
      const pin = settlement.outcome === 'refused' ? null : settlement.pin;
      if (args.json) io.stdout.write(`${JSON.stringify({ ok: false, type: args.type, documentId, error: { code: error.code, message: error.message, words: words(error) }, pin })}\n`);
      if (settlement.outcome === 'refused') {
        io.stderr.write(`adm-kiosk: the registry refused the PIN: ${error.message}\n${error.hint === undefined ? '' : `  ${error.hint}\n`}`);
      } else {
        io.stderr.write(`adm-kiosk: print failed: ${words(error)}. ${error.message}\n${error.hint === undefined ? '' : `  ${error.hint}\n`}  ${PIN_SENTENCE[settlement.pin]}\n`);
      }
      return 1;
    } finally {
      await core.close();
    }
  },
};

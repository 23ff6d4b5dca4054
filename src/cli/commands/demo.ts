import { DataDirLock } from '../../host/data-dir-lock.ts';
import { prepareDataDir } from '../../host/data-dir.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { parseOptions, UsageError, type CliIo, type Command } from '../command.ts';
import { DOCUMENT_TYPES, isDocumentType, type DocumentType } from '../../core/documents.ts';
import { DemoRegistry, demoStateFilePath, type DemoCitizen, type DemoCitizenDocument } from '../../records/demo-registry.ts';

/**
 * `adm-kiosk demo citizens` and `adm-kiosk demo reset`: the demo registry's residents with
 * their card UIDs and one-time PINs, and a way to make every demo PIN usable again.
 * Demo data only: everything printed here is made up.
 */

/** Residents the short default shows per document type (with a ready document of that type). */
export const SHORT_PER_TYPE = 2;

const CITIZENS_HELP = `adm-kiosk demo citizens: the demo registry's residents, their cards and print PINs

Usage:
  adm-kiosk demo citizens [--type TYPE] [--all] [--json] [--data-dir DIR]

Lists demo residents who hold an e-KTP: NIK, No. KK, name, card UID and their documents,
each as "type id PIN". A document that was printed, locked (3 wrong PINs lock it for 15
minutes), or is being printed right now is marked so. All of it is generated demo data (the same every time),
never real people.

Without --type or --all the table is short: ${SHORT_PER_TYPE} residents with a print-ready
document of each type, enough to try every document on the kiosk.

  --type TYPE      only residents with a print-ready document of this type, and only
                   those documents: ${DOCUMENT_TYPES.join(', ')}
  --all            every resident (the full list, about 190 lines)
  --json           one JSON array instead of the table (for scripts and tests): every
                   resident, or the --type selection
  ${DATA_DIR_HELP}
                   the demo registry keeps spent and locked PINs there, in
                   demo-registry.sqlite

Examples:
  adm-kiosk demo citizens --type kk
  adm-kiosk demo citizens --all
  adm-kiosk demo citizens --json | jq '.[0]'
`;

const RESET_HELP = `adm-kiosk demo reset: make every demo print PIN usable again

Usage:
  adm-kiosk demo reset [--data-dir DIR]

Clears the demo registry's state (demo-registry.sqlite in the data folder, and an older
demo-registry-state.json): every printed, locked or half-printed demo document becomes
printable again with its PIN. A damaged state file is deleted. Refused (exit 1, naming the
process) while a kiosk or a print holds the data folder: stop the kiosk first. An
"adm-kiosk registry serve" on the same folder may keep running: its next request sees the
cleared state.

  ${DATA_DIR_HELP}
`;

function documentCell(doc: DemoCitizenDocument): string {
  return `${doc.type} ${doc.id} ${doc.pin}${doc.status === 'ready' ? '' : ` (${doc.status})`}`;
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text + ' '.repeat(width - chars.length) : `${chars.slice(0, width - 1).join('')}…`;
}

const NAME_WIDTH = 36;

function table(citizens: readonly DemoCitizen[]): string {
  const nameWidth = Math.min(NAME_WIDTH, Math.max(4, ...citizens.map((c) => [...c.name].length)));
  const uidWidth = 14;
  const lines = [
    `${'NIK'.padEnd(16)}  ${'No. KK'.padEnd(16)}  ${truncate('Name', nameWidth)}  ${'Card UID'.padEnd(uidWidth)}  Documents (type id PIN)`,
  ];
  for (const c of citizens) {
    const docs = c.documents.length === 0 ? '-' : c.documents.map(documentCell).join(', ');
    lines.push(`${c.nik}  ${c.noKk}  ${truncate(c.name, nameWidth)}  ${c.cardUid.padEnd(uidWidth)}  ${docs}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs a synchronous command body; anything it throws (UsageError, KioskError) becomes a rejection. */
function settle(body: () => number): Promise<number> {
  return Promise.resolve().then(body);
}

function parseType(value: string | undefined): DocumentType | null {
  if (value === undefined) return null;
  if (!isDocumentType(value)) throw new UsageError(`--type must be one of ${DOCUMENT_TYPES.join(', ')}, got "${value}".`);
  return value;
}

/** Residents with a print-ready document of `type`, showing only their documents of that type. */
export function citizensWithType(citizens: readonly DemoCitizen[], type: DocumentType): DemoCitizen[] {
  return citizens
    .filter((c) => c.documents.some((d) => d.type === type && d.status === 'ready'))
    .map((c) => ({ ...c, documents: c.documents.filter((d) => d.type === type) }));
}

/** The short default: the first few residents with a print-ready document of each type, in list order. */
export function shortSelection(citizens: readonly DemoCitizen[], perType = SHORT_PER_TYPE): DemoCitizen[] {
  const chosen = new Set<DemoCitizen>();
  for (const type of DOCUMENT_TYPES) {
    for (const citizen of citizens.filter((c) => c.documents.some((d) => d.type === type && d.status === 'ready')).slice(0, perType)) chosen.add(citizen);
  }
  return citizens.filter((c) => chosen.has(c));
}

function listCitizens(args: readonly string[], io: CliIo): number {
  const { values } = parseOptions(args, {
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    type: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const type = parseType(values.type);
  if (type !== null && values.all === true) throw new UsageError('--type and --all do not go together: --type already picks the residents.');
  const stateFile = demoStateFilePath(resolveDataDir(values['data-dir'], io.env));
  const registry = new DemoRegistry({ stateFile });
  const everyone = registry.demoCitizens();
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify(type === null ? everyone : citizensWithType(everyone, type), null, 2)}\n`);
    return 0;
  }
  const shown = type !== null ? citizensWithType(everyone, type) : values.all === true ? everyone : shortSelection(everyone);
  io.stdout.write(table(shown));
  const documents = everyone.reduce((sum, c) => sum + c.documents.length, 0);
  const what = type !== null ? `${shown.length} of ${everyone.length} demo residents have a print-ready ${type}` : values.all === true ? `${everyone.length} demo residents with a card` : `${shown.length} of ${everyone.length} demo residents shown (${SHORT_PER_TYPE} per document type); --type TYPE for one kind of document, --all for everyone`;
  io.stdout.write(`\n${what}; ${documents} documents in all (demo data, seed ${registry.seed}; state: ${stateFile}).\n`);
  return 0;
}

function resetState(args: readonly string[], io: CliIo): number {
  const { values } = parseOptions(args, { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  const dataDir = prepareDataDir(resolveDataDir(values['data-dir'], io.env));
  const stateFile = demoStateFilePath(dataDir);
  // A kiosk serving this folder would write the state again from a session in progress.
  const lock = DataDirLock.acquire(dataDir, 'demo reset');
  let cleared: boolean;
  try {
    // Reset must work even when the state file is damaged: it does not read it.
    const registry = new DemoRegistry({ stateFile });
    cleared = registry.reset();
    registry.close();
  } finally {
    lock.release();
  }
  io.stdout.write(cleared ? `Demo registry state cleared (${stateFile}): every demo PIN is usable again.\n` : `Nothing to reset: there is no demo registry state at ${stateFile}.\n`);
  return 0;
}

export const demoCitizensCommand: Command = {
  path: ['demo', 'citizens'],
  summary: 'list the demo residents with their card UIDs and print PINs',
  help: CITIZENS_HELP,
  run: (args, io) => settle(() => listCitizens(args, io)),
};

export const demoResetCommand: Command = {
  path: ['demo', 'reset'],
  summary: 'make every demo print PIN usable again (clears the demo registry state)',
  help: RESET_HELP,
  run: (args, io) => settle(() => resetState(args, io)),
};

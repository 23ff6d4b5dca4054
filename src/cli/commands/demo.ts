import { DataDirLock } from '../../host/data-dir-lock.ts';
import { prepareDataDir } from '../../host/data-dir.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { parseOptions, type CliIo, type Command } from '../command.ts';
import { DemoRegistry, demoStateFilePath, type DemoCitizen, type DemoCitizenDocument } from '../../records/demo-registry.ts';

/**
 * `adm-kiosk demo citizens` and `adm-kiosk demo reset`: the demo registry's residents with
 * their card UIDs and one-time PINs, and a way to make every demo PIN usable again.
 * Demo data only: everything printed here is made up.
 */

const CITIZENS_HELP = `adm-kiosk demo citizens: the demo registry's residents, their cards and print PINs

Usage:
  adm-kiosk demo citizens [--json] [--data-dir DIR]

Lists every demo resident who holds an e-KTP: NIK, No. KK, name, card UID, kabupaten/kota
and the print-ready documents they may print, each as "type id PIN". A document that was
printed, locked after 5 wrong PINs, or is being printed right now is marked so.
All of it is generated demo data (the same every time), never real people.

  --json           one JSON array instead of the table (for scripts and tests)
  ${DATA_DIR_HELP}
                   the demo registry keeps spent and locked PINs there, in
                   demo-registry-state.json

Example:
  adm-kiosk demo citizens --json | jq '.[0]'
`;

const RESET_HELP = `adm-kiosk demo reset: make every demo print PIN usable again

Usage:
  adm-kiosk demo reset [--data-dir DIR]

Deletes the demo registry's state (demo-registry-state.json in the data folder): every
printed, locked or half-printed demo document becomes printable again with its PIN.
Refused (exit 1, naming the process) while a kiosk or a print holds the data folder:
stop the kiosk first.

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

function listCitizens(args: readonly string[], io: CliIo): number {
  const { values } = parseOptions(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  const stateFile = demoStateFilePath(resolveDataDir(values['data-dir'], io.env));
  const registry = new DemoRegistry({ stateFile });
  const citizens = registry.demoCitizens();
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify(citizens, null, 2)}\n`);
  } else {
    io.stdout.write(table(citizens));
    const documents = citizens.reduce((sum, c) => sum + c.documents.length, 0);
    io.stdout.write(`\n${citizens.length} demo residents with a card, ${documents} print-ready documents (demo data, seed ${registry.seed}; state: ${stateFile}).\n`);
  }
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
    cleared = new DemoRegistry({ stateFile }).reset();
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

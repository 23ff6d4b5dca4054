import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KioskError } from '../../core/errors.ts';
import { PRINT_LOG_FILE, PrintLog, readNikKey, verifyChain, type ChainReport } from '../../print-log/index.ts';
import { parseOptions, type Command } from '../command.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';

const HELP = `Usage: adm-kiosk log verify [--json] [--data-dir DIR]

Checks the whole print log against its hash chain: every print job event and audit row in
order, each job row against its newest event, and the chain's head. Prints whether the log
is intact, or names the first row that does not match (edited, deleted, inserted or moved).
Reads the log and print-log.key from the data folder; works beside a running kiosk.

  --json           print one JSON object: {ok, rows, jobs, head, firstBad?: {table, id, reason}}
  ${DATA_DIR_HELP}

Exit codes: 0 the log is intact, 1 it is not (or cannot be read), 2 bad arguments.
`;

function describe(report: ChainReport, file: string): string {
  const head = report.head === null ? 'empty' : `head #${report.head.seq} ${report.head.hash.slice(0, 16)}…`;
  if (report.ok) return `The print log ${file} is intact: ${report.rows} chained row(s) (events and audit), ${report.jobs} job(s), ${head}.\n`;
  const bad = report.firstBad;
  return `The print log ${file} does NOT match its hash chain.\n  First bad row: ${bad?.table ?? '?'} ${bad?.id ?? '?'}: ${bad?.reason ?? ''}.\n  ${report.rows} row(s) before it match.\n  Keep the data folder as it is (copy it) and report it to the Dukcapil office.\n`;
}

export const logVerifyCommand: Command = {
  path: ['log', 'verify'],
  summary: "check the print log's hash chain",
  help: HELP,
  run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help === true) {
      io.stdout.write(HELP);
      return Promise.resolve(0);
    }
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const file = join(dataDir, PRINT_LOG_FILE);
    if (!existsSync(file)) {
      throw new KioskError('PRINT_LOG_ERROR', `There is no print log at ${file}.`, { hint: 'Check --data-dir (or ADM_KIOSK_DATA_DIR).' });
    }
    const log = PrintLog.openReadOnly(file, { nikKey: readNikKey(dataDir) });
    let report: ChainReport;
    try {
      report = verifyChain(log);
    } finally {
      log.close();
    }
    io.stdout.write(values.json === true ? `${JSON.stringify(report)}\n` : describe(report, file));
    return Promise.resolve(report.ok ? 0 : 1);
  },
};

import { isKioskError, type ErrorData } from '../core/errors.ts';
import { UsageError, type CliIo, type Command, type CommandEntry } from './command.ts';
import { commands } from './commands/index.ts';

/**
 * `adm-kiosk <command> [options]`. Exit codes: 0 done, 1 the operation failed, 2 bad
 * arguments or configuration. Errors print what is wrong and what to do, never a stack
 * trace (set ADM_KIOSK_DEBUG=1 to see one).
 */
type Listed = Command | CommandEntry;

/** Errors that mean the arguments or the configuration are wrong: exit 2. Every other one is an operation that failed: exit 1. */
const BAD_INPUT_CODES: ReadonlySet<string> = new Set(['CONFIG_INVALID', 'PRINTER_PROFILE_UNKNOWN', 'PRINTER_URI_INVALID', 'ARGUMENT_INVALID', 'NIK_INVALID', 'NO_KK_INVALID']);

function overview(list: readonly Listed[]): string {
  const width = Math.max(...list.map((c) => c.path.join(' ').length));
  return [
    'adm-kiosk: the Anjungan Dukcapil Mandiri kiosk',
    '',
    'Usage: adm-kiosk <command> [options]    (adm-kiosk <command> --help for its options)',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

function findCommand(list: readonly Listed[], argv: readonly string[]): { command: Listed; rest: string[] } | undefined {
  let best: Listed | undefined;
  for (const command of list) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (best === undefined || command.path.length > best.path.length)) best = command;
  }
  return best === undefined ? undefined : { command: best, rest: argv.slice(best.path.length) };
}

function printError(io: CliIo, error: ErrorData, usage?: string): void {
  io.stderr.write(`adm-kiosk: ${error.message}\n`);
  if (error.hint !== undefined) io.stderr.write(`  ${error.hint}\n`);
  if (usage !== undefined) io.stderr.write(`  ${usage}\n`);
}

export async function runCli(argv: readonly string[], io: CliIo, list: readonly Listed[] = commands): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout.write(overview(list));
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(list, argv);
  if (found === undefined) {
    const groups = list.filter((c) => c.path[0] === argv[0]);
    const known = groups.length > 0 ? groups.map((c) => c.path.join(' ')).join(', ') : list.map((c) => c.path.join(' ')).join(', ');
    printError(io, { code: 'ARGUMENT_INVALID', message: `unknown command "${argv.join(' ')}".`, hint: `Known commands: ${known}. Run adm-kiosk --help.` });
    return 2;
  }
  const { rest } = found;
  const command = 'run' in found.command ? found.command : await found.command.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.help.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (io.env['ADM_KIOSK_DEBUG'] === '1' && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
    if (error instanceof UsageError) {
      printError(io, error.toErrorData(), `See: adm-kiosk ${command.path.join(' ')} --help`);
      return 2;
    }
    if (isKioskError(error)) {
      printError(io, error.toErrorData());
      return BAD_INPUT_CODES.has(error.code) ? 2 : 1;
    }
    printError(io, { code: 'INTERNAL', message: `internal error in "${command.path.join(' ')}".`, hint: 'Run again with ADM_KIOSK_DEBUG=1 and report the output to the maintainers.' });
    return 1;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  // Whatever this process (or a browser it starts) creates is the kiosk user's alone: the
  // data folder holds residents' documents. Files made elsewhere (--out) are 0600 too.
  process.umask(0o077);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal, stdin: process.stdin });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

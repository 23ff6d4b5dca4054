import { KioskError } from '../../core/errors.ts';
import { checkStaffPinFormat, hashPin } from '../../host/staff/pin-hash.ts';
import { UsageError, parseOptions, type CliIo, type Command } from '../command.ts';

const HELP = `adm-kiosk staff hash-pin [--role ops|technician]

Reads a staff PIN twice and prints its scrypt hash, to paste into the configuration as
staff.opsPinHash (ops) or staff.technicianPinHash (technician). On a terminal the PIN is
typed without echo; otherwise the first two lines of standard input are the PIN and its
repetition. A staff PIN is 6 to 12 digits. The PIN itself is never printed or stored.

  --role ROLE   only for the reminder of which key to set (default: ops)
  --data-dir    accepted like every command's; this one reads nothing from it

Example: adm-kiosk staff hash-pin --role technician`;

/** Reads one line from a terminal without echoing it. */
function readHidden(stdin: NonNullable<CliIo['stdin']>, prompt: string, io: CliIo): Promise<string> {
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    stdin.setRawMode?.(true);
    const done = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error === undefined) resolve(text);
      else reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new UsageError('cancelled.'));
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
      return undefined;
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

async function readLines(stdin: NonNullable<CliIo['stdin']>): Promise<string[]> {
  let text = '';
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    text += chunk.toString();
    if (text.length > 10_000) break;
  }
  return text.split(/\r?\n/).filter((line) => line !== '');
}

export const staffHashPinCommand: Command = {
  path: ['staff', 'hash-pin'],
  summary: 'make the scrypt hash of a staff PIN',
  help: HELP,
  async run(args, io) {
    // --data-dir is accepted like every command's, and not needed: nothing is read from or written to the folder.
    const { values } = parseOptions(args, { role: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help === true) {
      io.stdout.write(`${HELP}\n`);
      return 0;
    }
    const role = values.role ?? 'ops';
    if (role !== 'ops' && role !== 'technician') throw new UsageError(`--role must be ops or technician, got "${role}".`);
    const stdin = io.stdin;
    if (stdin === undefined) throw new KioskError('ARGUMENT_INVALID', 'This command reads the PIN from standard input, and there is none.');
    let pin: string;
    let again: string;
    if (stdin.isTTY === true) {
      pin = await readHidden(stdin, 'New staff PIN (6-12 digits): ', io);
      again = await readHidden(stdin, 'The same PIN again: ', io);
    } else {
      const lines = await readLines(stdin);
      if (lines.length < 2) throw new UsageError('Give the PIN twice, on two lines of standard input.', 'e.g. printf "%s\\n%s\\n" "$PIN" "$PIN" | adm-kiosk staff hash-pin');
      [pin, again] = [lines[0] ?? '', lines[1] ?? ''];
    }
    try {
      checkStaffPinFormat(pin);
    } catch (error) {
      throw new UsageError((error as KioskError).message, (error as KioskError).hint);
    }
    if (pin !== again) throw new UsageError('The two PINs differ.', 'Run the command again and type the same PIN twice.');
    const hash = await hashPin(pin);
    io.stdout.write(`${hash}\n`);
    io.stderr.write(`Set it as "staff": { "${role === 'ops' ? 'opsPinHash' : 'technicianPinHash'}": "<the line above>" } in the kiosk's configuration, then restart the kiosk.\n`);
    return 0;
  },
};

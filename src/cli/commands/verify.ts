import { resolve } from 'node:path';
import { defaultTrustedKeys, trustedKeyFromPemText } from '../../../print-templates/signing.ts';
import { verifyBytes } from '../../../print-templates/verify.ts';
import { readDocumentFile, readKeyFile } from '../input-files.ts';
import { UsageError, parseOptions, type CliIo, type Command } from '../command.ts';

const HELP = `Usage: adm-kiosk verify FILE [--json] [--trust PUB.pem] [--data-dir DIR]

Finds the verification QR code on a printed document, given as the PDF the kiosk rendered
or as a PNG or JPEG photo or scan of the printed page, and checks its Ed25519 signature.
Says what the signature certifies (document type and number, holder's NIK masked, issue date).

Exit status: 0 valid signature, 1 invalid signature or no QR code found, 2 bad arguments.

Options:
  --json           print the result as JSON (full fields, for machines)
  --trust PUB.pem  also trust this Ed25519 public key (besides the built-in DEMO key)
  --data-dir DIR   accepted like every command; verify reads nothing from the data folder
                   (it only reads FILE), so it runs beside a kiosk that holds the folder
`;

export const verifyCommand: Command = {
  path: ['verify'],
  summary: 'check the signed QR code on a rendered PDF or a photo of a printed document',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' }, trust: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
    if (values.help === true) {
      io.stdout.write(HELP);
      return 0;
    }
    if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError('Give exactly one file to verify.', 'A PDF, PNG or JPEG.');
    const trustedKeys = values.trust === undefined ? defaultTrustedKeys() : [...defaultTrustedKeys(), trustedKeyFromPemText(readKeyFile(values.trust, '--trust'), 'Trusted key from --trust')];
    const result = await verifyBytes(readDocumentFile(resolve(positionals[0])), { trustedKeys });
    if (values.json === true) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const label = result.status === 'valid' ? (result.demo === true ? 'VALID (DEMO KEY)' : 'VALID') : result.status === 'invalid' ? 'INVALID' : 'NO QR CODE';
      io.stdout.write(`${label}: ${result.summary}\n`);
      if (result.page !== undefined) io.stdout.write(`  QR code found on page ${result.page}.\n`);
    }
    return result.status === 'valid' ? 0 : 1;
  },
};

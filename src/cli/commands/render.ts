import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DOCUMENT_TYPES, isDocumentType } from '../../core/documents.ts';
import { KioskError } from '../../core/errors.ts';
import { maskNik } from '../../core/mask.ts';
import { normalizeNumber, parseNik } from '../../core/nik.ts';
import { DemoRegistry, demoStateFilePath } from '../../records/demo-registry.ts';
import { renderDocument } from '../../../print-templates/index.ts';
import { createDemoSigner, signerFromPem } from '../../../print-templates/signing.ts';
import { readKeyFile } from '../input-files.ts';
import { DATA_DIR_HELP, resolveDataDir } from '../data-dir.ts';
import { UsageError, parseOptions, requireOption, type CliIo, type Command } from '../command.ts';

const HELP = `Usage: adm-kiosk render <${DOCUMENT_TYPES.join('|')}> --nik NIK [--document ID] --out FILE.pdf [options]

Renders a demo resident's document to a PDF, exactly as the kiosk would print it, without
spending its print PIN. The record comes from the embedded demo registry
("adm-kiosk demo citizens" lists residents and their documents).

Options:
  --nik NIK          the resident who holds the document (16 digits)
  --document ID      which document, when the resident holds several of the type
  --out FILE.pdf     where to write the PDF
  --key FILE.pem     sign the QR code with this Ed25519 private key (default: the DEMO key)
  --created-at ISO   PDF creation time (default: now); fix it for byte-identical output
  ${DATA_DIR_HELP}
`;

export const renderCommand: Command = {
  path: ['render'],
  summary: 'render a demo resident\'s KK, KTP-el, KIA or akta to a PDF',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        nik: { type: 'string' },
        document: { type: 'string' },
        out: { type: 'string' },
        key: { type: 'string' },
        'created-at': { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      true,
    );
    if (values.help === true) {
      io.stdout.write(HELP);
      return 0;
    }
    const type = positionals[0];
    if (type === undefined || !isDocumentType(type) || positionals.length > 1) {
      throw new UsageError(
        type === undefined ? 'Which document? Give its type first.' : `Unknown document type "${positionals.join(' ')}".`,
        `Types: ${DOCUMENT_TYPES.join(', ')}.`,
      );
    }
    const nik = normalizeNumber(requireOption(values.nik, 'nik', 'the 16-digit NIK of the resident'));
    try {
      parseNik(nik);
    } catch (error) {
      throw new UsageError(`--nik: ${(error as Error).message}`, (error as KioskError).hint);
    }
    const out = resolve(requireOption(values.out, 'out', 'the PDF file to write'));
    let createdAt = new Date();
    if (values['created-at'] !== undefined) {
      createdAt = new Date(values['created-at']);
      if (Number.isNaN(createdAt.getTime())) throw new UsageError(`--created-at must be an ISO date-time, got "${values['created-at']}".`);
    }
    const registry = new DemoRegistry({ stateFile: demoStateFilePath(resolveDataDir(values['data-dir'], io.env)) });
    const input = registry.documentInput(nik, type, values.document);
    const signer = values.key === undefined ? createDemoSigner() : signerFromPem(readKeyFile(values.key, '--key'));
    const pdf = await renderDocument(input, { signer, createdAt });
    try {
      await writeFile(out, pdf);
    } catch (cause) {
      throw new KioskError('RENDER_FAILED', `The PDF could not be written to ${out}.`, { hint: 'Check that the folder exists and is writable.', cause });
    }
    io.stdout.write(`Wrote ${type} ${input.document.id} for NIK ${maskNik(nik)} to ${out} (${pdf.length} bytes${signer.demo ? ', signed with the DEMO key' : ''}).\n`);
    return 0;
  },
};

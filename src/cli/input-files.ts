import { readSmallFile } from '../host/files.ts';

/**
 * Files a command reads from a path a person typed: only regular files, read with a cap, so
 * that `/dev/zero`, a FIFO or a huge file ends at once with a clear error (exit 2) instead of
 * hanging or filling memory.
 */
export const MAX_KEY_BYTES = 64 * 1024;
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** A PEM key file (a few hundred bytes). */
export function readKeyFile(path: string, option: string): string {
  return readSmallFile(path, { what: `The key file given to ${option}`, maxBytes: MAX_KEY_BYTES, code: 'CONFIG_INVALID', hint: `Give ${option} a PEM file.` }).toString('utf8');
}

/** A document to check: a PDF or a photo of a printed page. */
export function readDocumentFile(path: string): Uint8Array {
  return new Uint8Array(readSmallFile(path, { what: 'The file to verify', maxBytes: MAX_DOCUMENT_BYTES, code: 'ARGUMENT_INVALID', hint: 'Give a PDF rendered by adm-kiosk, or a PNG or JPEG photo or scan of a printed page.' }));
}

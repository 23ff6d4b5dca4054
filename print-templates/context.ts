import type { Person, TemplateInput } from '../src/core/record.ts';
import type { Doc, QrMatrix } from './pdf.ts';
import type { DocumentSigner } from './signing.ts';

/** What a template gets: the validated record, its subject, and the signed QR text. */
export interface RenderContext {
  readonly input: TemplateInput;
  readonly subject: Person;
  /** The signed verification payload to draw as the QR code. */
  readonly qrText: string;
  /** The same, encoded once. */
  readonly qr: QrMatrix;
  readonly signer: DocumentSigner;
}

export type Template = (doc: Doc, ctx: RenderContext) => void;

/** Missing optional values print as "-". */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === '' ? '-' : value;
}

/** Names and places print in capitals, as SIAK prints them ("Muh. Syafi'i" -> "MUH. SYAFI'I"). */
export function upper(value: string | null | undefined): string {
  return orDash(value === null || value === undefined ? value : value.normalize('NFC').toLocaleUpperCase('id-ID'));
}

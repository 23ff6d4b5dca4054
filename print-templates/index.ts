import { DOCUMENT_CATALOGUE, isDocumentType, type DocumentType } from '../src/core/documents.ts';
import { KioskError } from '../src/core/errors.ts';
import { subjectOf, templateInputSchema, type TemplateInput } from '../src/core/record.ts';
import type { RenderContext, Template } from './context.ts';
import { createDoc, finish, makeQr } from './pdf.ts';
import { buildPayload, DEFAULT_VERIFY_URL, publicNomor, type DocumentSigner } from './signing.ts';
import { renderAktaKelahiran, renderAktaKematian } from './templates/akta.ts';
import { renderKia, renderKtp } from './templates/cards.ts';
import { renderKk } from './templates/kk.ts';

/**
 * Record in, PDF out. `renderDocument` validates the record, signs the verification payload,
 * and hands both to the template of the document's type. Same input and same `createdAt`
 * give byte-identical PDFs.
 */
export interface RenderOptions {
  readonly signer: DocumentSigner;
  /** Injected clock: the PDF's creation and modification date. */
  readonly createdAt: Date;
  /** Flate-compress page content; default true. Tests may turn it off to read the content. */
  readonly compress?: boolean;
  /** Base of the verification URL carried in the QR code. */
  readonly verifyUrl?: string;
}

const TEMPLATES: Readonly<Record<DocumentType, Template>> = {
  kk: renderKk,
  ktp: renderKtp,
  kia: renderKia,
  'akta-kelahiran': renderAktaKelahiran,
  'akta-kematian': renderAktaKematian,
};

export function hasTemplate(type: string): boolean {
  return isDocumentType(type) && TEMPLATES[type] !== undefined;
}

/** The verification URL of one document: base plus type and number. */
export function verificationUrl(base: string, type: DocumentType, nomor: string): string {
  return `${base.replace(/\/+$/, '')}/${type}/${encodeURIComponent(nomor)}`;
}

export async function renderDocument(input: TemplateInput, options: RenderOptions): Promise<Uint8Array> {
  const parsed = templateInputSchema.safeParse(input);
  if (!parsed.success) {
    // Name the fields, never their values (they are personal data).
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(record)'))].slice(0, 5).join(', ');
    throw new KioskError('TEMPLATE_INPUT_INVALID', `The record does not match what the template needs (fields: ${fields}).`, {
      hint: 'The registry sent an incomplete or malformed record; ask the Dukcapil office to check it.',
    });
  }
  const record = parsed.data;
  const type = record.document.type;
  const template = TEMPLATES[type];
  const subject = subjectOf(record);
  const qrText = buildPayload(
    {
      type,
      nomor: record.document.nomor,
      nik: record.document.subjectNik,
      issuedAt: record.document.issuedAt,
      // A card's number is its holder's NIK: the URL carries it masked, as the payload does.
      url: verificationUrl(options.verifyUrl ?? DEFAULT_VERIFY_URL, type, publicNomor(type, record.document.nomor)),
    },
    options.signer,
  );
  const kind = DOCUMENT_CATALOGUE[type];
  const doc = createDoc({ size: kind.pageSize, createdAt: options.createdAt, compress: options.compress ?? true, title: kind.title, subject: kind.title });
  const ctx: RenderContext = { input: record, subject, qrText, qr: makeQr(qrText), signer: options.signer };
  try {
    template(doc, ctx);
  } catch (error) {
    if (error instanceof KioskError) throw error;
    throw new KioskError('RENDER_FAILED', `The ${kind.shortTitle} could not be rendered.`, { hint: 'Report the document type and time to a technician.', cause: error });
  }
  return finish(doc);
}

export type { DocumentSigner } from './signing.ts';

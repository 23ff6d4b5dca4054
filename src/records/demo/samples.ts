import type { DocumentType } from '../../core/documents.ts';
import { templateInputSchema, type Family, type TemplateInput } from '../../core/record.ts';
import type { DemoData, DemoDocument } from './types.ts';

/**
 * The public sample: documents of one real demo family, the one holding the most document
 * types (a widow's household: her KK, her KTP-el, her husband's akta kematian, her
 * children's KIA and akta kelahiran), so that every page in `docs/templates/` tells the
 * same story. A type the family lacks is taken from the next family that has it.
 */
export function familyOf(data: DemoData, nik: string): Family {
  const family = data.families.find((f) => f.members.some((m) => m.nik === nik));
  if (family === undefined) throw new Error('demo data: a document whose subject is in no family');
  return family;
}

export function templateInputOf(data: DemoData, doc: DemoDocument): TemplateInput {
  return templateInputSchema.parse({ document: doc.document, family: familyOf(data, doc.document.subjectNik) });
}

export function publicSample(data: DemoData): Record<DocumentType, TemplateInput> {
  const types = (f: Family) => new Set(data.documents.filter((d) => f.members.some((m) => m.nik === d.document.subjectNik)).map((d) => d.document.type));
  const ranked = [...data.families].sort((a, b) => types(b).size - types(a).size);
  const pick = (type: DocumentType): TemplateInput => {
    for (const family of ranked) {
      const doc = data.documents.find((d) => d.document.type === type && family.members.some((m) => m.nik === d.document.subjectNik));
      if (doc !== undefined) return templateInputOf(data, doc);
    }
    throw new Error(`demo data: no ${type} document`);
  };
  return { kk: pick('kk'), ktp: pick('ktp'), kia: pick('kia'), 'akta-kelahiran': pick('akta-kelahiran'), 'akta-kematian': pick('akta-kematian') };
}

/** The demo's largest household (12 members: a KK of two pages), as a KK input. */
export function largestKk(data: DemoData): TemplateInput {
  const docs = data.documents.filter((d) => d.document.type === 'kk');
  const size = (d: DemoDocument) => familyOf(data, d.document.subjectNik).members.length;
  const doc = docs.reduce((a, b) => (size(b) > size(a) ? b : a));
  return templateInputOf(data, doc);
}

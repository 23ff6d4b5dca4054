import { DOCUMENT_CATALOGUE } from '../../src/core/documents.ts';
import { KioskError } from '../../src/core/errors.ts';
import type { Person } from '../../src/core/record.ts';
import { upper, type RenderContext } from '../context.ts';
import { drawInBox, fitText, drawFitted } from '../fit.ts';
import { addPage, BSRE_STATEMENT, DEMO_STATEMENT, drawEmblem, drawQr, hline, qrSide, type Doc } from '../pdf.ts';
import { tanggalHurufBesar, terbilang } from '../terbilang.ts';

/**
 * Kutipan Akta Kelahiran and Kutipan Akta Kematian, A4 portrait, bilingual form: each line
 * of the body is an Indonesian lead-in with its English gloss beneath, and the value in bold.
 * As on the blanko, every date and the birth order are written in words in capitals
 * ("SEMBILAN DESEMBER DUA RIBU DUA BELAS", "SATU"), one date style on the page; no hour.
 */
const SIZE = DOCUMENT_CATALOGUE['akta-kelahiran'].pageSize;
const [W, H] = SIZE;
const MX = 62;
const QR_MODULE_MM = 0.5;
const LEAD_W = 170;
const VALUE_X = MX + LEAD_W + 10;
const VALUE_W = W - MX - VALUE_X;

interface Clause {
  readonly lead: string;
  readonly gloss: string;
  readonly value: string;
}

function centred(doc: Doc, text: string, gloss: string | undefined, y: number, size: number): number {
  const f = drawInBox(doc, text, { x: MX, y, width: W - 2 * MX }, { font: 'bold', size, minSize: size * 0.7, maxLines: 1 }, { align: 'center' });
  let h = f.height;
  if (gloss !== undefined) h += drawInBox(doc, gloss, { x: MX, y: y + h, width: W - 2 * MX }, { font: 'regular', size: 7.5, maxLines: 1 }, { align: 'center' }).height;
  return h;
}

function frameAndHeading(doc: Doc, ctx: RenderContext, title: string, titleGloss: string): number {
  addPage(doc, SIZE);
  doc.save().lineWidth(1.2).rect(28, 28, W - 56, H - 56).stroke().lineWidth(0.4).rect(32, 32, W - 64, H - 64).stroke().restore();
  const nikLine = `Nomor Induk Kependudukan : ${ctx.subject.nik}`;
  drawInBox(doc, nikLine, { x: MX - 14, y: 44, width: 300 }, { font: 'bold', size: 9, maxLines: 1 });
  drawInBox(doc, 'Personal Identification Number', { x: MX - 14, y: 55, width: 300 }, { font: 'regular', size: 6.5, maxLines: 1 });
  drawEmblem(doc, W / 2, 92, 21);
  let y = 120;
  y += centred(doc, 'REPUBLIK INDONESIA', 'REPUBLIC OF INDONESIA', y, 13) + 4;
  y += centred(doc, 'PENCATATAN SIPIL', 'CIVIL REGISTRY', y, 11) + 4;
  y += centred(doc, 'WARGA NEGARA INDONESIA', 'INDONESIAN CITIZEN', y, 11) + 10;
  y += centred(doc, title, titleGloss, y, 17) + 16;
  return y;
}

function clauses(doc: Doc, list: readonly Clause[], y0: number): number {
  let y = y0;
  for (const c of list) {
    const lead = fitText(doc, c.lead, { font: 'regular', size: 10, minSize: 8, width: LEAD_W, maxLines: 2 });
    const gloss = fitText(doc, c.gloss, { font: 'regular', size: 7, minSize: 6, width: LEAD_W, maxLines: 2 });
    const value = fitText(doc, c.value, { font: 'bold', size: 11, minSize: 8.5, width: VALUE_W, maxLines: 3 });
    drawFitted(doc, lead, MX, y, LEAD_W);
    doc.fillColor('#333333');
    drawFitted(doc, gloss, MX, y + lead.height, LEAD_W);
    doc.fillColor('#000000');
    drawFitted(doc, value, VALUE_X, y - 0.5, VALUE_W);
    const valueBottom = y + value.height + 1;
    hline(doc, VALUE_X, W - MX, valueBottom, 0.3);
    y = Math.max(y + lead.height + gloss.height, valueBottom) + 5.5;
  }
  return y;
}

function officialBlock(doc: Doc, ctx: RenderContext, yMin: number): void {
  const { document } = ctx.input;
  const side = qrSide(ctx.qr, QR_MODULE_MM);
  const blockW = 230;
  const x = W - MX - blockW;
  const bottomText = H - 44 - (ctx.signer.demo ? 30 : 20);
  const nameY = bottomText - 30;
  const qrY = nameY - side;
  let y = Math.max(yMin, qrY - 46);
  if (y + 46 > qrY) throw new KioskError('RENDER_FAILED', 'The akta body is too long for the page.', { hint: 'The record holds unusually long text; ask the Dukcapil office to check it.' });
  y = qrY - 46;
  const f1 = drawInBox(doc, 'PEJABAT PENCATATAN SIPIL', { x, y, width: blockW }, { font: 'bold', size: 9.5, maxLines: 1 }, { align: 'center' });
  drawInBox(doc, 'Civil Registrar', { x, y: y + f1.height, width: blockW }, { font: 'regular', size: 7, maxLines: 1 }, { align: 'center' });
  drawInBox(doc, upper(document.issuedIn), { x, y: y + f1.height + 10, width: blockW }, { font: 'bold', size: 9.5, minSize: 7, maxLines: 2 }, { align: 'center' });
  drawQr(doc, ctx.qr, x + (blockW - side) / 2, qrY, QR_MODULE_MM);
  const name = drawInBox(doc, document.official.nama, { x, y: nameY + 2, width: blockW }, { font: 'bold', size: 9.5, minSize: 7, maxLines: 2 }, { align: 'center' });
  drawInBox(doc, `NIP. ${document.official.nip}`, { x, y: nameY + 2 + name.height + 1, width: blockW }, { font: 'regular', size: 8.5, maxLines: 1 }, { align: 'center' });
  let by = H - 44 - (ctx.signer.demo ? 30 : 20);
  by += 4;
  const s = drawInBox(doc, BSRE_STATEMENT, { x: MX - 14, y: by, width: W - 2 * MX + 28 }, { font: 'regular', size: 7, minSize: 6, maxLines: 2 }, { align: 'center' });
  if (ctx.signer.demo) drawInBox(doc, DEMO_STATEMENT, { x: MX - 14, y: by + s.height + 2, width: W - 2 * MX + 28 }, { font: 'bold', size: 7, minSize: 6, maxLines: 2 }, { align: 'center' });
}

function issueClauses(ctx: RenderContext): Clause[] {
  const { document } = ctx.input;
  return [
    { lead: 'Kutipan ini dikeluarkan di', gloss: 'This excerpt is issued in', value: upper(document.issuedIn) },
    { lead: 'pada tanggal', gloss: 'on date', value: tanggalHurufBesar(document.issuedAt) },
  ];
}

function person(p: Person): string {
  const title = p.jenisKelamin === 'LAKI-LAKI' ? 'Tn.' : p.statusPerkawinan === 'BELUM KAWIN' ? 'Nn.' : 'Ny.';
  return `${title} ${upper(p.namaLengkap)}`;
}

export function renderAktaKelahiran(doc: Doc, ctx: RenderContext): void {
  const p = ctx.subject;
  const birth = p.kelahiran;
  if (birth === null) {
    throw new KioskError('TEMPLATE_INPUT_INVALID', 'The record has no birth registration for the child of this akta.', { hint: 'Ask the Dukcapil office to check the record.' });
  }
  let y = frameAndHeading(doc, ctx, 'KUTIPAN AKTA KELAHIRAN', 'EXCERPT OF BIRTH CERTIFICATE');
  y = clauses(
    doc,
    [
      { lead: 'Berdasarkan Akta Kelahiran Nomor', gloss: 'By virtue of Birth Certificate Number', value: birth.nomorAkta },
      { lead: 'bahwa di', gloss: 'that in', value: upper(birth.tempatKelahiran) },
      { lead: 'pada tanggal', gloss: 'on date', value: tanggalHurufBesar(p.tanggalLahir) },
      { lead: 'telah lahir', gloss: 'was born', value: upper(p.namaLengkap) },
      { lead: 'anak ke', gloss: 'child number', value: `${terbilang(birth.anakKe).toLocaleUpperCase('id-ID')}, ${p.jenisKelamin}` },
      { lead: 'dari ayah', gloss: 'of father', value: upper(p.namaAyah) },
      { lead: 'dan ibu', gloss: 'and mother', value: upper(p.namaIbu) },
    ],
    y,
  );
  y = clauses(doc, issueClauses(ctx), y + 6);
  officialBlock(doc, ctx, y);
}

export function renderAktaKematian(doc: Doc, ctx: RenderContext): void {
  const p = ctx.subject;
  const death = p.kematian;
  if (death === null) {
    throw new KioskError('TEMPLATE_INPUT_INVALID', 'The record has no death registration for the person of this akta.', { hint: 'Ask the Dukcapil office to check the record.' });
  }
  let y = frameAndHeading(doc, ctx, 'KUTIPAN AKTA KEMATIAN', 'EXCERPT OF DEATH CERTIFICATE');
  y = clauses(
    doc,
    [
      { lead: 'Berdasarkan Akta Kematian Nomor', gloss: 'By virtue of Death Certificate Number', value: death.nomorAkta },
      { lead: 'bahwa di', gloss: 'that in', value: upper(death.tempatKematian) },
      { lead: 'pada tanggal', gloss: 'on date', value: tanggalHurufBesar(death.tanggalKematian) },
      { lead: 'telah meninggal dunia seorang', gloss: 'passed away', value: person(p) },
      { lead: 'lahir di', gloss: 'born in', value: upper(p.tempatLahir) },
      { lead: 'pada tanggal', gloss: 'on date', value: tanggalHurufBesar(p.tanggalLahir) },
    ],
    y,
  );
  y = clauses(doc, issueClauses(ctx), y + 6);
  officialBlock(doc, ctx, y);
}

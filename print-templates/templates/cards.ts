import { DOCUMENT_CATALOGUE } from '../../src/core/documents.ts';
import { upper, type RenderContext } from '../context.ts';
import { drawInBox } from '../fit.ts';
import { addPage, BSRE_STATEMENT, DEMO_STATEMENT, drawEmblem, drawQr, MM, qrSide, type Doc } from '../pdf.ts';
import { addYears, ageOn, formatTanggal } from '../terbilang.ts';
import { drawFieldList, type CardField } from './card-fields.ts';

/**
 * KTP-el and KIA on a CR80 card (85.60 x 53.98 mm): front and back as two pages. The front
 * carries the fields in the order of the real card; the back carries the verification QR.
 */
const SIZE = DOCUMENT_CATALOGUE.ktp.pageSize;
const [W, H] = SIZE;
const M = 2.5 * MM;
const QR_MODULE_MM = 0.5;
const PHOTO_W = 20 * MM;
const PHOTO_H = 26 * MM;

/** "PROVINSI JAWA BARAT" / "KOTA BANDUNG"; DKI's second line is the city alone ("JAKARTA PUSAT"). */
export function regionLines(provinsi: string, kabupatenKota: string): [string, string] {
  const prov = upper(provinsi);
  const kab = upper(kabupatenKota);
  const line1 = prov.startsWith('PROVINSI ') ? prov : `PROVINSI ${prov}`;
  const line2 = prov.includes('JAKARTA') ? kab.replace(/^(KOTA ADMINISTRASI|KABUPATEN ADMINISTRASI|KOTA|KABUPATEN)\s+/, '') : kab;
  return [line1, line2];
}

function frame(doc: Doc): void {
  doc.save().lineWidth(0.5).strokeColor('#000000').roundedRect(1, 1, W - 2, H - 2, 3 * MM).stroke().restore();
}

function header(doc: Doc, ctx: RenderContext, title?: string): number {
  const [l1, l2] = regionLines(ctx.input.family.address.provinsi, ctx.input.family.address.kabupatenKota);
  drawInBox(doc, l1, { x: M, y: M, width: W - 2 * M }, { font: 'bold', size: 7, minSize: 5.5, maxLines: 1 }, { align: 'center' });
  drawInBox(doc, l2, { x: M, y: M + 8.5, width: W - 2 * M }, { font: 'bold', size: 7, minSize: 5.5, maxLines: 1 }, { align: 'center' });
  if (title === undefined) return M + 19;
  drawInBox(doc, title, { x: M, y: M + 17, width: W - 2 * M }, { font: 'bold', size: 6.5, minSize: 5.5, maxLines: 1 }, { align: 'center' });
  return M + 26;
}

function photo(doc: Doc, x: number, y: number): void {
  doc.save().lineWidth(0.5).dash(1.5, { space: 1.5 }).rect(x, y, PHOTO_W, PHOTO_H).stroke().undash().restore();
  drawInBox(doc, 'PAS FOTO', { x, y: y + PHOTO_H / 2 - 4, width: PHOTO_W }, { font: 'condensed', size: 5.5, maxLines: 1 }, { align: 'center' });
}

function issueUnderPhoto(doc: Doc, ctx: RenderContext, x: number, y: number, signature: boolean): void {
  const w = PHOTO_W + 8;
  drawInBox(doc, upper(ctx.input.document.issuedIn), { x: x - 4, y, width: w }, { font: 'condensed', size: 5.5, minSize: 5, maxLines: 2 }, { align: 'center' });
  drawInBox(doc, formatTanggal(ctx.input.document.issuedAt), { x: x - 4, y: y + 13, width: w }, { font: 'condensed', size: 5.5, maxLines: 1 }, { align: 'center' });
  if (signature) {
    doc.save().lineWidth(0.4).moveTo(x, y + 30).lineTo(x + PHOTO_W, y + 30).stroke().restore();
    drawInBox(doc, 'tanda tangan', { x, y: y + 31, width: PHOTO_W }, { font: 'condensed', size: 5, maxLines: 1 }, { align: 'center' });
  }
}

function back(doc: Doc, ctx: RenderContext, title: string, lines: readonly string[]): void {
  addPage(doc, SIZE);
  frame(doc);
  const side = qrSide(ctx.qr, QR_MODULE_MM);
  const qrX = W - side - 1.5 * MM;
  const qrY = (H - side) / 2;
  drawQr(doc, ctx.qr, qrX, qrY, QR_MODULE_MM);
  const textW = qrX - M - 2;
  drawEmblem(doc, M + 9, M + 9, 8);
  drawInBox(doc, 'REPUBLIK INDONESIA', { x: M + 20, y: M + 2, width: textW - 20 }, { font: 'bold', size: 7, minSize: 5.5, maxLines: 1 });
  drawInBox(doc, title, { x: M + 20, y: M + 10, width: textW - 20 }, { font: 'bold', size: 5.5, minSize: 5, maxLines: 2 });
  let y = M + 27;
  for (const line of lines) {
    const f = drawInBox(doc, line, { x: M, y, width: textW }, { font: 'condensed', size: 5.5, minSize: 5.5, maxLines: 4 });
    y += f.height + 1.5;
  }
  const statement = drawInBox(doc, BSRE_STATEMENT, { x: M, y, width: textW }, { font: 'condensed', size: 5, minSize: 5, maxLines: 4 });
  y += statement.height + 2;
  if (ctx.signer.demo) drawInBox(doc, DEMO_STATEMENT, { x: M, y, width: textW }, { font: 'condensedBold', size: 5, minSize: 5, maxLines: 3 });
}

export function renderKtp(doc: Doc, ctx: RenderContext): void {
  const p = ctx.subject;
  const a = ctx.input.family.address;
  addPage(doc, SIZE);
  frame(doc);
  const top = header(doc, ctx);
  const photoX = W - M - PHOTO_W - 2;
  photo(doc, photoX, top + 9);
  issueUnderPhoto(doc, ctx, photoX, top + 9 + PHOTO_H + 3, true);
  // NIK line, larger.
  doc.font('bold').fontSize(8).text('NIK', M + 2, top + 1, { lineBreak: false });
  doc.text(':', M + 2 + 50, top + 1, { lineBreak: false });
  drawInBox(doc, p.nik, { x: M + 2 + 55, y: top, width: photoX - M - 60 }, { font: 'bold', size: 9, minSize: 7, maxLines: 1 });
  const fields: CardField[] = [
    { label: 'Nama', value: upper(p.namaLengkap), maxLines: 3 },
    { label: 'Tempat/Tgl Lahir', value: `${upper(p.tempatLahir)}, ${formatTanggal(p.tanggalLahir)}`, maxLines: 2 },
    { label: 'Jenis Kelamin', value: p.jenisKelamin, right: { label: 'Gol. Darah', value: p.golonganDarah, width: 62 } },
    { label: 'Alamat', value: upper(a.alamat), maxLines: 4 },
    { label: 'RT/RW', value: `${a.rt}/${a.rw}`, indent: true },
    { label: 'Kel/Desa', value: upper(a.kelurahan), indent: true, maxLines: 2 },
    { label: 'Kecamatan', value: upper(a.kecamatan), indent: true, maxLines: 2 },
    { label: 'Agama', value: p.agama, maxLines: 2 },
    { label: 'Status Perkawinan', value: p.statusPerkawinan },
    { label: 'Pekerjaan', value: upper(p.jenisPekerjaan), maxLines: 2 },
    { label: 'Kewarganegaraan', value: p.kewarganegaraan },
    { label: 'Berlaku Hingga', value: p.kewarganegaraan === 'WNI' ? 'SEUMUR HIDUP' : formatTanggal(addYears(ctx.input.document.issuedAt, 5)) },
  ];
  drawFieldList(doc, fields, { x: M + 2, y: top + 12, width: photoX - M - 6, height: H - M - top - 12, labelWidth: 50, size: 5.8, minSize: 5, pitch: 7.4 });
  back(doc, ctx, 'KARTU TANDA PENDUDUK ELEKTRONIK', [
    `Kartu ini milik Pemerintah Republik Indonesia. Barang siapa menemukan kartu ini harap menyerahkannya kepada Dinas Kependudukan dan Pencatatan Sipil ${upper(ctx.input.document.issuedIn)}.`,
    `Dikeluarkan di ${upper(ctx.input.document.issuedIn)} pada tanggal ${formatTanggal(ctx.input.document.issuedAt)}.`,
  ]);
}

/** KIA validity: up to the fifth birthday for under-fives, else 17 years less one day. */
export function kiaBerlakuHingga(birth: string, issuedAt: string): string {
  return ageOn(birth, issuedAt) < 5 ? addYears(birth, 5) : addYears(birth, 17, 1);
}

/** KIA carries a photo only for children aged 5 to 17. */
export function kiaHasPhoto(birth: string, issuedAt: string): boolean {
  const age = ageOn(birth, issuedAt);
  return age >= 5 && age < 17;
}

export function renderKia(doc: Doc, ctx: RenderContext): void {
  const p = ctx.subject;
  const { family, document } = ctx.input;
  const a = family.address;
  const head = family.members.find((m) => m.nik === family.kepalaKeluargaNik);
  const withPhoto = kiaHasPhoto(p.tanggalLahir, document.issuedAt);
  addPage(doc, SIZE);
  frame(doc);
  const top = header(doc, ctx, 'KARTU IDENTITAS ANAK');
  const photoX = W - M - PHOTO_W - 2;
  if (withPhoto) photo(doc, photoX, top + 2);
  const right = withPhoto ? photoX - 4 : W - M - 2;
  const fields: CardField[] = [
    { label: 'NIK', value: p.nik, bold: true },
    { label: 'Nama', value: upper(p.namaLengkap), maxLines: 3 },
    { label: 'Tempat/Tgl Lahir', value: `${upper(p.tempatLahir)}, ${formatTanggal(p.tanggalLahir)}`, maxLines: 2 },
    { label: 'Jenis Kelamin', value: p.jenisKelamin, right: { label: 'Gol. Darah', value: p.golonganDarah, width: 62 } },
    { label: 'No. KK', value: family.noKk },
    { label: 'Nama Kepala Keluarga', value: upper(head?.namaLengkap), maxLines: 3 },
    { label: 'No. Akta Kelahiran', value: p.kelahiran?.nomorAkta ?? '-' },
    { label: 'Agama', value: p.agama, maxLines: 2 },
    { label: 'Kewarganegaraan', value: p.kewarganegaraan },
    { label: 'Alamat', value: upper(a.alamat), maxLines: 4 },
    { label: 'RT/RW', value: `${a.rt}/${a.rw}`, indent: true },
    { label: 'Kel/Desa', value: upper(a.kelurahan), indent: true, maxLines: 2 },
    { label: 'Kecamatan', value: upper(a.kecamatan), indent: true, maxLines: 2 },
    { label: 'Berlaku Hingga', value: formatTanggal(kiaBerlakuHingga(p.tanggalLahir, document.issuedAt)) },
  ];
  drawFieldList(doc, fields, { x: M + 2, y: top + 1, width: right - M - 2, height: H - M - top - 1, labelWidth: 54, size: 5.6, minSize: 5, pitch: 7.6 });
  if (withPhoto) issueUnderPhoto(doc, ctx, photoX, top + 4 + PHOTO_H, false);
  back(doc, ctx, 'KARTU IDENTITAS ANAK', [
    `Dikeluarkan di ${upper(document.issuedIn)}, tanggal ${formatTanggal(document.issuedAt)}`,
    document.official.jabatan,
    document.official.nama,
    `NIP. ${document.official.nip}`,
  ]);
}

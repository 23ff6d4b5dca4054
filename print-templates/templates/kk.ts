import { DOCUMENT_CATALOGUE } from '../../src/core/documents.ts';
import type { Person } from '../../src/core/record.ts';
import { orDash, upper, type RenderContext } from '../context.ts';
import { drawFitted, drawInBox, fitText } from '../fit.ts';
import { addPage, BSRE_STATEMENT, DEMO_STATEMENT, drawEmblem, drawQr, MM, qrSide, type Doc } from '../pdf.ts';
import { drawGrid, drawRow, measureRow, type CellStyle, type Column, type MeasuredRow } from '../table.ts';
import { formatTanggal } from '../terbilang.ts';

/**
 * Kartu Keluarga, A4 landscape: header, two member tables with numbered columns (1)-(17),
 * footer with the issue date, the head of family and the signing official with the QR code.
 * Up to 10 members per page (as on the printed form); more continue on further pages, each
 * with the header repeated and "Halaman n dari m".
 */
const [W, H] = DOCUMENT_CATALOGUE.kk.pageSize;
const MX = 22;
const TOP = 18;
const BOTTOM = 16;
const CONTENT_W = W - 2 * MX;
export const KK_ROWS_PER_PAGE = 10;
const QR_MODULE_MM = 0.5;

const TABLE1: readonly Column[] = [
  { width: 20, align: 'center' },
  { width: 140 },
  { width: 88, align: 'center' },
  { width: 60, align: 'center' },
  { width: 92 },
  { width: 56, align: 'center' },
  { width: 105, align: 'center' },
  { width: 96 },
  { width: 100 },
  { width: CONTENT_W - 757, align: 'center' },
];
const TABLE1_HEAD = ['No', 'Nama Lengkap', 'NIK', 'Jenis Kelamin', 'Tempat Lahir', 'Tanggal Lahir', 'Agama', 'Pendidikan', 'Jenis Pekerjaan', 'Golongan Darah'];

const TABLE2: readonly Column[] = [
  { width: 20, align: 'center' },
  { width: 110, align: 'center' },
  { width: 78, align: 'center' },
  { width: 112, align: 'center' },
  { width: 68, align: 'center' },
  { width: 80, align: 'center' },
  { width: 80, align: 'center' },
  { width: (CONTENT_W - 548) / 2 },
  { width: (CONTENT_W - 548) / 2 },
];

const CELL: CellStyle = { font: 'condensed', size: 7, minSize: 5.5, padX: 2, padY: 1.5, minRowHeight: 11.5 };
const HEAD: CellStyle = { font: 'condensedBold', size: 6.8, minSize: 5.5, padX: 1.5, padY: 1, minRowHeight: 11 };
const NUM_ROW_H = 9;

function table1Row(p: Person, no: number): string[] {
  return [
    String(no),
    upper(p.namaLengkap),
    p.nik,
    p.jenisKelamin,
    upper(p.tempatLahir),
    formatTanggal(p.tanggalLahir),
    p.agama,
    p.pendidikan,
    upper(p.jenisPekerjaan),
    p.golonganDarah,
  ];
}

function table2Row(p: Person, no: number): string[] {
  return [
    String(no),
    p.statusPerkawinan,
    p.tanggalPerkawinan === null ? '-' : formatTanggal(p.tanggalPerkawinan),
    p.statusHubungan,
    p.kewarganegaraan,
    orDash(p.noPaspor),
    orDash(p.noKitap),
    upper(p.namaAyah),
    upper(p.namaIbu),
  ];
}

function headerCell(doc: Doc, text: string, x: number, y: number, w: number, h: number): void {
  drawInBox(doc, text, { x: x + HEAD.padX, y, width: w - 2 * HEAD.padX, height: h }, { font: HEAD.font, size: HEAD.size, minSize: HEAD.minSize }, { align: 'center', valign: 'middle' });
}

function numberRow(doc: Doc, columns: readonly Column[], labels: readonly string[], x: number, y: number): void {
  let cx = x;
  columns.forEach((col, i) => {
    drawInBox(doc, labels[i] ?? '', { x: cx, y, width: col.width, height: NUM_ROW_H }, { font: 'condensed', size: 6, minSize: 5 }, { align: 'center', valign: 'middle' });
    cx += col.width;
  });
}

/** Table 1 header: one 2-line heading row plus the column numbers; returns its height. */
function drawTable1Head(doc: Doc, y: number): number {
  const h = 22;
  let cx = MX;
  TABLE1.forEach((col, i) => {
    headerCell(doc, TABLE1_HEAD[i] ?? '', cx, y, col.width, h);
    cx += col.width;
  });
  numberRow(doc, TABLE1, ['', '(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)'], MX, y + h);
  drawGrid(doc, TABLE1, MX, y, [h, NUM_ROW_H]);
  return h + NUM_ROW_H;
}

/** Table 2 header: group headings over immigration documents and parents' names. */
function drawTable2Head(doc: Doc, y: number): number {
  const h1 = 11;
  const h2 = 11;
  const c = TABLE2.map((col) => col.width);
  const at = (i: number) => MX + c.slice(0, i).reduce((s, w) => s + w, 0);
  const w = (i: number) => c[i] ?? 0;
  const single = ['No', 'Status Perkawinan', 'Tanggal Perkawinan/Perceraian', 'Status Hubungan Dalam Keluarga', 'Kewarganegaraan'];
  single.forEach((label, i) => headerCell(doc, label, at(i), y, w(i), h1 + h2));
  headerCell(doc, 'Dokumen Imigrasi', at(5), y, w(5) + w(6), h1);
  headerCell(doc, 'No. Paspor', at(5), y + h1, w(5), h2);
  headerCell(doc, 'No. KITAS/KITAP', at(6), y + h1, w(6), h2);
  headerCell(doc, 'Nama Orang Tua', at(7), y, w(7) + w(8), h1);
  headerCell(doc, 'Ayah', at(7), y + h1, w(7), h2);
  headerCell(doc, 'Ibu', at(8), y + h1, w(8), h2);
  numberRow(doc, TABLE2, ['', '(10)', '(11)', '(12)', '(13)', '(14)', '(15)', '(16)', '(17)'], MX, y + h1 + h2);
  doc.save().lineWidth(0.5);
  doc.rect(MX, y, CONTENT_W, h1 + h2 + NUM_ROW_H);
  for (let i = 1; i < c.length; i += 1) {
    const top = i === 6 || i === 8 ? y + h1 : y;
    doc.moveTo(at(i), top).lineTo(at(i), y + h1 + h2 + NUM_ROW_H);
  }
  doc.moveTo(at(5), y + h1).lineTo(MX + CONTENT_W, y + h1);
  doc.moveTo(MX, y + h1 + h2).lineTo(MX + CONTENT_W, y + h1 + h2);
  doc.stroke().restore();
  return h1 + h2 + NUM_ROW_H;
}

function labelled(doc: Doc, label: string, value: string, x: number, y: number, labelW: number, valueW: number): number {
  doc.font('condensed').fontSize(8).text(label, x, y, { lineBreak: false });
  doc.text(':', x + labelW, y, { lineBreak: false });
  const fitted = drawInBox(doc, value, { x: x + labelW + 6, y, width: valueW }, { font: 'condensedBold', size: 8, minSize: 6, maxLines: 2 });
  return Math.max(11, fitted.height + 1.5);
}

function drawHeader(doc: Doc, ctx: RenderContext, page: number, pages: number): number {
  const { family } = ctx.input;
  const head = family.members.find((m) => m.nik === family.kepalaKeluargaNik);
  drawEmblem(doc, MX + 22, TOP + 24, 20, 'condensedBold');
  doc.font('condensed').fontSize(7).fillColor('#000000');
  const pageLabel = `Halaman ${page} dari ${pages}`;
  doc.text(pageLabel, W - MX - doc.widthOfString(pageLabel), TOP, { lineBreak: false });
  const title = fitText(doc, 'KARTU KELUARGA', { font: 'condensedBold', size: 17, width: 400 });
  drawFitted(doc, title, (W - 400) / 2, TOP, 400, { align: 'center' });
  const no = fitText(doc, `No. ${family.noKk}`, { font: 'condensedBold', size: 11, width: 400 });
  drawFitted(doc, no, (W - 400) / 2, TOP + 22, 400, { align: 'center' });
  let yl = TOP + 46;
  let yr = TOP + 46;
  const a = family.address;
  const lx = MX;
  const rx = W / 2 + 70;
  yl += labelled(doc, 'Nama Kepala Keluarga', upper(head?.namaLengkap), lx, yl, 100, 250);
  yl += labelled(doc, 'Alamat', upper(a.alamat), lx, yl, 100, 250);
  yl += labelled(doc, 'RT/RW', `${a.rt}/${a.rw}`, lx, yl, 100, 250);
  yl += labelled(doc, 'Desa/Kelurahan', upper(a.kelurahan), lx, yl, 100, 250);
  yr += labelled(doc, 'Kecamatan', upper(a.kecamatan), rx, yr, 80, W - MX - rx - 86);
  yr += labelled(doc, 'Kabupaten/Kota', upper(a.kabupatenKota), rx, yr, 80, W - MX - rx - 86);
  yr += labelled(doc, 'Kode Pos', a.kodePos, rx, yr, 80, W - MX - rx - 86);
  yr += labelled(doc, 'Provinsi', upper(a.provinsi), rx, yr, 80, W - MX - rx - 86);
  return Math.max(yl, yr) + 5;
}

/** Height the footer takes above the bottom margin. */
function footerHeight(ctx: RenderContext): number {
  return qrSide(ctx.qr, QR_MODULE_MM) + (ctx.signer.demo ? 22 : 14);
}

function drawFooter(doc: Doc, ctx: RenderContext): void {
  const { document, family } = ctx.input;
  const head = family.members.find((m) => m.nik === family.kepalaKeluargaNik);
  const side = qrSide(ctx.qr, QR_MODULE_MM);
  const top = H - BOTTOM - footerHeight(ctx);
  const textTop = top + 6;
  // Left: issue date.
  doc.font('condensed').fontSize(8).text(`Dikeluarkan Tanggal : ${formatTanggal(document.issuedAt)}`, MX, textTop, { lineBreak: false });
  // Middle: head of family.
  const midX = W / 2 - 150;
  const midW = 230;
  drawInBox(doc, 'KEPALA KELUARGA', { x: midX, y: textTop, width: midW }, { font: 'condensedBold', size: 8 }, { align: 'center' });
  drawInBox(doc, upper(head?.namaLengkap), { x: midX, y: top + side - 24, width: midW, height: 20 }, { font: 'condensedBold', size: 8, minSize: 6 }, { align: 'center', valign: 'bottom' });
  // Right: the official, QR in the corner.
  const qrX = W - MX - side + 2 * QR_MODULE_MM * MM; // half the quiet zone may lie in the margin
  const blockX = W / 2 + 100;
  const blockW = qrX - blockX - 4;
  drawInBox(doc, `${document.official.jabatan} ${document.issuedIn}`, { x: blockX, y: textTop, width: blockW, height: 40 }, { font: 'condensedBold', size: 7.5, minSize: 6 }, { align: 'center' });
  drawInBox(doc, upper(document.official.nama), { x: blockX, y: top + side - 34, width: blockW, height: 20 }, { font: 'condensedBold', size: 8, minSize: 6 }, { align: 'center', valign: 'bottom' });
  drawInBox(doc, `NIP. ${document.official.nip}`, { x: blockX, y: top + side - 13, width: blockW }, { font: 'condensed', size: 7.5, minSize: 6 }, { align: 'center' });
  drawQr(doc, ctx.qr, qrX, top, QR_MODULE_MM);
  // Bottom: the electronic-signature statement.
  let y = top + side + 2;
  drawInBox(doc, BSRE_STATEMENT, { x: MX, y, width: CONTENT_W }, { font: 'condensed', size: 6.5, minSize: 5.5 }, { align: 'left' });
  if (ctx.signer.demo) {
    y += 9;
    drawInBox(doc, DEMO_STATEMENT, { x: MX, y, width: CONTENT_W }, { font: 'condensedBold', size: 6.5, minSize: 5.5 }, { align: 'left' });
  }
}

interface PagePlan {
  readonly first: number;
  readonly rows1: MeasuredRow[];
  readonly rows2: MeasuredRow[];
}

export function renderKk(doc: Doc, ctx: RenderContext): void {
  const members = ctx.input.family.members;
  // Measure every row first, then split into pages by height and the form's row count.
  const rows1 = members.map((m, i) => measureRow(doc, TABLE1, table1Row(m, i + 1), CELL));
  const rows2 = members.map((m, i) => measureRow(doc, TABLE2, table2Row(m, i + 1), CELL));
  // Header height is the same on every page: measure it on a scratch basis (label rows are fixed unless values wrap).
  const headerEstimate = TOP + 46 + 4 * 19 + 5;
  const tablesSpace = H - BOTTOM - footerHeight(ctx) - 8 - headerEstimate - (31 + 31 + 10);
  const plans: PagePlan[] = [];
  let current: PagePlan = { first: 0, rows1: [], rows2: [] };
  let used = 0;
  members.forEach((_, i) => {
    const r1 = rows1[i] as MeasuredRow;
    const r2 = rows2[i] as MeasuredRow;
    const need = r1.height + r2.height;
    if (current.rows1.length > 0 && (current.rows1.length >= KK_ROWS_PER_PAGE || used + need > tablesSpace)) {
      plans.push(current);
      current = { first: i, rows1: [], rows2: [] };
      used = 0;
    }
    current.rows1.push(r1);
    current.rows2.push(r2);
    used += need;
  });
  plans.push(current);

  const size = DOCUMENT_CATALOGUE.kk.pageSize;
  plans.forEach((plan, p) => {
    addPage(doc, size);
    let y = drawHeader(doc, ctx, p + 1, plans.length);
    y += drawTable1Head(doc, y);
    for (const row of plan.rows1) {
      drawRow(doc, TABLE1, row, MX, y, CELL);
      y += row.height;
    }
    drawGrid(doc, TABLE1, MX, y - plan.rows1.reduce((s, r) => s + r.height, 0), plan.rows1.map((r) => r.height));
    y += 10;
    y += drawTable2Head(doc, y);
    for (const row of plan.rows2) {
      drawRow(doc, TABLE2, row, MX, y, CELL);
      y += row.height;
    }
    drawGrid(doc, TABLE2, MX, y - plan.rows2.reduce((s, r) => s + r.height, 0), plan.rows2.map((r) => r.height));
    drawFooter(doc, ctx);
  });
}
